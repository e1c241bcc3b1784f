"""The program's log: a rotating UTF-8 file in the data folder, and hooks that send every
uncaught exception there.  No Qt here: the window and the command line both use it.

The log names the program version, the database, and each action run (its command text),
so a clerk's "it did something strange" can be followed afterwards.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from desktop import __version__
from desktop.paths import data_dir

LOGGER_NAME = "ledger"
LOG_FILE_NAME = "ledger.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger(LOGGER_NAME)

ErrorCallback = Callable[[BaseException], None]


def log_folder() -> Path:
    """Where the log files are kept (created by `setup_logging`)."""
    return data_dir() / "logs"


def setup_logging(
    database: Path | str | None = None, folder: Path | None = None, program: str = "window"
) -> Path | None:
    """Log to `folder`/ledger.log (default: the data folder's logs/), rotating at 1 MB.

    Returns the log file, or None when the folder cannot be written (the program runs on
    without a log rather than refusing to start).  Calling it again replaces the handler.
    """
    folder = Path(folder) if folder is not None else log_folder()
    path = folder / LOG_FILE_NAME
    for handler in list(log.handlers):
        if getattr(handler, "_ledger_file", False):
            log.removeHandler(handler)
            handler.close()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=False
        )
    except OSError:
        return None
    handler._ledger_file = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.info(
        "start %s %s, Python %s on %s, database %s",
        program,
        __version__,
        platform.python_version(),
        platform.platform(),
        database if database is not None else "(none)",
    )
    return path


def log_action(text: str, what: str = "run") -> None:
    """One line per user action: `run 修改任务名称`, `undo 删除任务`, `export …`."""
    log.info("%s %s", what, text)


def log_exception(error: BaseException, context: str = "") -> None:
    log.error("unexpected error%s", f" in {context}" if context else "", exc_info=_exc_info(error))


def _exc_info(error: BaseException):
    return (type(error), error, error.__traceback__)


def install_excepthooks(on_error: ErrorCallback | None = None) -> Callable[[], None]:
    """Send uncaught exceptions (main thread and other threads) to the log, then to
    `on_error` (the window shows its "程序出错" dialog there).  Returns a function that puts
    the previous hooks back."""
    previous_sys, previous_thread = sys.excepthook, threading.excepthook

    def sys_hook(
        kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous_sys(kind, error, trace)
            return
        log.error("uncaught exception", exc_info=(kind, error, trace))
        if on_error is not None:
            try:
                on_error(error)
            except Exception:  # noqa: BLE001 - the hook itself must never raise
                log.exception("the error callback failed")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error(
            "uncaught exception in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

    sys.excepthook = sys_hook
    threading.excepthook = thread_hook

    def restore() -> None:
        sys.excepthook, threading.excepthook = previous_sys, previous_thread

    return restore
