"""Long work off the GUI thread: a worker thread, a progress dialog and a working 取消.

    worker = Worker(window, "导出分解表", "正在导出分解表…", lambda w: export(..., w.report))
    paths = worker.run()        # the window keeps repainting; raises what the work raised

Cancelling is cooperative: the work calls `worker.report(done, total)` (or `check()`), which
raises the cancel error once the user pressed 取消.  Work that writes the database can ask
for `interrupt_sqlite`: SQLite's progress handler stops the running statement when 取消 is
pressed, the transaction rolls back and the database is left as it was.  Work that only
reads (parsing a document) can be `abandoned` on 取消: the dialog closes at once and the
result, when it comes, is dropped.

A Worker is a plain object: the progress dialog, the event loop and the queued calls back to
the GUI thread belong to one long-lived host and are reused from run to run, since PySide6
6.11 keeps None referenced once for every new QObject that Qt calls back into.

peewee keeps one connection per thread: the worker's queries open their own connection to
the same file, closed when the work ends; one `database.atomic()` in the work is one
transaction on that connection.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from desktop.operations.connections import thread_connection

log = logging.getLogger("ledger.worker")

SHOW_AFTER_MS = 400  # quick work never flashes a dialog
SQLITE_CHECK_EVERY = 2000  # virtual-machine steps between looks at the cancel flag


class Cancelled(Exception):
    """The user pressed 取消."""


class _Relay:
    """A signal-like `progressed`: slots connected with DirectConnection run in the work's
    thread, the others in the GUI thread (through the host's queued signal).  A plain
    object, so a Worker builds no QObject."""

    def __init__(self) -> None:
        self._slots: list[tuple[Callable[..., Any], bool]] = []

    def connect(self, slot: Callable[..., Any], kind=Qt.ConnectionType.AutoConnection) -> None:
        self._slots.append((slot, kind == Qt.ConnectionType.DirectConnection))

    def disconnect(self, slot: Callable[..., Any]) -> None:
        self._slots = [(each, direct) for each, direct in self._slots if each != slot]

    def emit(self, *args: Any) -> None:
        for slot, direct in list(self._slots):
            if direct or threading.current_thread() is threading.main_thread():
                slot(*args)
            else:
                _host().call.emit(slot, args)


class _Host(QObject):
    """Lives as long as the program: runs calls from work threads in the GUI thread, and
    keeps the progress dialogs and event loops that workers reuse.  PySide6 6.11 keeps None
    referenced once for every new object that Qt calls back into (see
    tests/ui/test_none_per_object.py), so a Worker builds no QObject of its own."""

    call = Signal(object, object)  # callable, arguments

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._call, Qt.ConnectionType.QueuedConnection)
        self._dialogs: dict[tuple[int, int], QProgressDialog] = {}
        self._loops: list[QEventLoop] = []
        self.running: list[Worker] = []  # nested runs (an auto-backup during an export)

    def _call(self, slot: Callable[..., Any], args: tuple) -> None:
        slot(*args)

    def dialog(self, parent: QWidget | None, depth: int) -> QProgressDialog:
        key = (id(parent), depth)
        dialog = self._dialogs.get(key)
        if dialog is None or not isValid(dialog):
            dialog = QProgressDialog(parent)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setCancelButtonText("取消")
            dialog.canceled.connect(lambda depth=depth: self._cancel(depth))
            self._dialogs[key] = dialog
            if parent is not None:
                parent.destroyed.connect(lambda _=None, key=key: self._dialogs.pop(key, None))
        return dialog

    def loop(self, depth: int) -> QEventLoop:
        while len(self._loops) <= depth:
            self._loops.append(QEventLoop())
        return self._loops[depth]

    def _cancel(self, depth: int) -> None:
        if depth < len(self.running):
            self.running[depth].cancel()


_HOST: _Host | None = None


def _host() -> _Host:
    global _HOST  # noqa: PLW0603 - one for the program, made in the GUI thread
    if _HOST is None:
        _HOST = _Host()
    return _HOST


class Worker:
    """Runs `work(worker)` in a thread behind a progress dialog (see the module docstring).
    The dialog and the event loop are the host's, reused from run to run."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        work: Callable[[Worker], Any],
        *,
        cancel_error: Callable[[], BaseException] = lambda: Cancelled("已取消"),
        abandon_on_cancel: bool = False,
        interrupt_sqlite: bool = False,
    ) -> None:
        self._parent, self._title, self._label = parent, title, label
        self._work = work
        self._cancel_error = cancel_error
        self._abandon = abandon_on_cancel
        self._interrupt = interrupt_sqlite
        self._cancel = threading.Event()
        self._outcome: tuple[Any, BaseException | None] | None = None
        self._loop: QEventLoop | None = None
        self.progressed = _Relay()  # done, total (0, 0: no measure, a busy bar)
        self.started = _Relay()
        self.dialog: QProgressDialog | None = None
        self.thread: threading.Thread | None = None

    # ----- called from the work (any thread) ---------------------------------------------
    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self, *_args) -> None:
        """取消: the work stops at its next check (thread-safe)."""
        if self._cancel.is_set():
            return
        self._cancel.set()
        log.info("cancel requested: %s", self._title)
        if self._abandon and threading.current_thread() is threading.main_thread():
            self._finish(None, Cancelled("已取消"))

    def wait_cancelled(self, seconds: float) -> bool:
        """Block the work until 取消 is pressed (True) or `seconds` pass (False)."""
        return self._cancel.wait(seconds)

    def check(self) -> None:
        if self._cancel.is_set():
            raise self._cancel_error()

    def report(self, done: int, total: int) -> None:
        """Progress from the work; raises the cancel error once 取消 was pressed."""
        self.progressed.emit(done, total)
        self.check()

    # ----- the GUI thread ----------------------------------------------------------------
    def run(self) -> Any:
        """Start the work and wait for it while the window repaints; its result, or raise
        its exception (the cancel error when the user cancelled)."""
        host = _host()
        depth = len(host.running)
        dialog = host.dialog(self._parent, depth)
        dialog.reset()
        dialog.setLabelText(self._label)
        dialog.setWindowTitle(self._title)
        dialog.setRange(0, 0)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setValue(0)  # at its minimum, so the show timer starts from here
        self.dialog = dialog
        self.progressed.connect(self._show_progress)
        self._loop = host.loop(depth)
        host.running.append(self)
        try:
            self.thread = threading.Thread(target=self._body, name="ledger-worker", daemon=True)
            self.thread.start()
            if self._outcome is None:
                self._loop.exec()
        finally:
            host.running.pop()
            self.dialog = None
            dialog.hide()  # not close(): that would emit canceled
            dialog.reset()
        result, error = self._outcome
        if error is not None:
            raise error
        return result

    def wait(self, seconds: float = 30) -> bool:
        """Wait for the thread itself (after an abandoned cancel); True when it ended."""
        if self.thread is None:
            return True
        self.thread.join(seconds)
        return not self.thread.is_alive()

    def _show_progress(self, done: int, total: int) -> None:
        if self.dialog is None or self._cancel.is_set():
            return
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)

    def _finish(self, result: Any, error: BaseException | None) -> None:
        if self._outcome is not None:  # an abandoned work ending late
            return
        self._outcome = (result, error)
        if self._loop is not None:
            self._loop.quit()

    def _body(self) -> None:
        self.started.emit()
        cancelled = self._cancel.is_set if self._interrupt else None
        try:
            with thread_connection(cancelled, SQLITE_CHECK_EVERY):
                result = self._work(self)
        except BaseException as error:  # noqa: BLE001 - handed to the GUI thread
            if self._cancel.is_set() and _interrupted(error):
                error = self._cancel_error()
            _host().call.emit(self._finish, (None, error))
        else:
            _host().call.emit(self._finish, (result, None))


def _interrupted(error: BaseException) -> bool:
    """The work stopped because 取消 interrupted SQLite (SQLite then rolls the transaction
    back itself, so peewee's own ROLLBACK may fail and hide the interruption)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, Cancelled) or "interrupt" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def run_in_worker(
    parent: QWidget | None, title: str, label: str, work: Callable[[Worker], Any], **options
) -> Any:
    """`Worker(parent, title, label, work, **options).run()`."""
    return Worker(parent, title, label, work, **options).run()
