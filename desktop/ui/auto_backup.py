"""Backups the window takes on its own: when the ledger changed, at most every 30 minutes
(a timer; the copy runs in a background thread so the window never waits), and before an
import (behind the worker's progress dialog).  The backup on exit is desktop/app.py's.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from db.backup import BackupError, backup_if_changed, backup_now
from desktop.ui.backup_folder import folder_for, window_settings
from desktop.ui.worker import Cancelled, Worker

if TYPE_CHECKING:
    from desktop.ui.command_runner import CommandRunner
    from desktop.ui.main_window import MainWindow

log = logging.getLogger("ledger.backup")

BACKUP_INTERVAL = timedelta(minutes=30)
CHECK_EVERY_MS = 5 * 60 * 1000  # how often the timer asks whether a backup is due
KEEP_LABELLED = 10  # before-import backups kept (the automatic ones are thinned by date)


class AutoBackup(QObject):
    """Backs the window's ledger up when it changed and the last backup is old enough."""

    def __init__(
        self,
        window: MainWindow,
        interval: timedelta = BACKUP_INTERVAL,
        check_every_ms: int = CHECK_EVERY_MS,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.interval = interval
        self.thread: threading.Thread | None = None
        self.made: list[Path] = []
        self.timer = QTimer(self)
        self.timer.setInterval(check_every_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def tick(self) -> bool:
        """Start a background backup unless one runs or the window only looks; True when
        one was started (it backs up only when due: changed, and older than the interval)."""
        if self.running or getattr(self.window, "read_only", False):
            return False
        if self.window.db_path is None:  # a server ledger: its administrator backs it up
            return False
        db_path = Path(self.window.db_path)
        folder = folder_for(db_path, window_settings(self.window))
        self.thread = threading.Thread(
            target=self._run, args=(db_path, folder), name="auto-backup", daemon=True
        )
        self.thread.start()
        return True

    def _run(self, db_path: Path, folder: Path) -> None:
        try:
            made = backup_if_changed(db_path, min_interval=self.interval, folder=folder)
        except BackupError as error:
            log.warning("自动备份未完成：%s", error)
        except Exception:  # a bug must not take the window down with it
            log.exception("automatic backup failed")
        else:
            if made is not None:
                self.made.append(made)
                log.info("automatic backup written: %s", made)


def backup_before(runner: CommandRunner, label: str, parent: QWidget | None = None) -> Path | None:
    """A labelled backup before a big change (an import), behind a progress dialog; None
    when there is no window ledger, the user cancelled it, or it failed (logged: the
    change itself is still undoable, so it goes ahead)."""
    db_path = getattr(runner.window, "db_path", None)
    if db_path is None or getattr(runner.window, "read_only", False):
        return None
    db_path = Path(db_path)
    folder = folder_for(db_path, window_settings(runner.window))
    try:
        made = Worker(
            parent or runner.window,
            "备份",
            "正在备份数据库…",
            lambda worker: backup_now(db_path, label, worker.report, folder),
        ).run()
    except Cancelled:
        log.info("backup %s cancelled", label)
        return None
    except BackupError as error:
        log.warning("%s 备份未完成：%s", label, error)
        return None
    _keep_newest(db_path, label, folder)
    return made


def _keep_newest(db_path: Path, label: str, folder: Path, keep: int = KEEP_LABELLED) -> None:
    pattern = f"{db_path.stem}-{label}-*.db"
    found = sorted(folder.glob(pattern), key=lambda path: path.name)
    for old in found[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
