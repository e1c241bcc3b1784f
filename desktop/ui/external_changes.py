"""Changes another program wrote (a command-line import, a feedback merge, the window on
another computer) appear in the open window.

Every POLL_MS the window's connection reads `PRAGMA data_version` (db.database.data_version),
which moves when another connection commits.  Our own commits made in a worker thread
(its own connection) move it too, so the number is taken again whenever the window's change
hub reports one of our changes.  When it moved otherwise, a reload Change goes through the
runner and every view reads again what is stored.  While the user is typing in the editor
(a field with unsaved text has the focus), or a dialog or a worker's progress is open, the
reload waits for a later poll (even after the user's own save), so no typed text is replaced.
A commit by another program in the same two seconds as a worker's commit of ours is taken
for ours and shows with the next reload.

On a server (the 网络版) the number counts other clerks' commits (LISTEN/NOTIFY, see
db/postgres.py), so their changes show within a poll.  A poll that finds the connection
lost says so in the status bar (与服务器的连接已断开，正在重新连接…) and every later poll
connects again; when the server answers, the status bar says 已重新连接 and the views reload
(what other clerks committed meanwhile was announced to nobody).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.operations import Change
from desktop.operations.ledger_version import seen_version
from desktop.server_status import ServerProbe, open_ledger, read_changes

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger("ledger.external")

POLL_MS = 2000
NOTICE = "已显示其他程序写入的修改"
SERVER_NOTICE = "已显示其他经办人保存的修改"
LOST_TEXT = "与服务器的连接已断开，正在重新连接…"
BACK_TEXT = "已重新连接"


class ExternalChanges(QObject):
    """Polls the ledger for commits by other programs and reloads the window's views."""

    def __init__(self, window: MainWindow, poll_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.reloads = 0
        self._pending = False  # seen while the user was typing: reload at the next poll
        self.server = bool(getattr(window, "is_server", False))
        self.lost = False  # the server did not answer the last poll
        self._db = open_ledger()  # the ledger this window shows (a switch opens another)
        self._back = False  # it answers again: the next reload says so
        self.probe = ServerProbe()
        self._version = self._read()
        window.hub.changed.connect(self._on_own_change)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _read(self) -> int | None:
        if not self.server:
            return seen_version()  # None while busy or closed: the next poll tries again
        return self._read_server()

    def _read_server(self) -> int | None:
        """The server's count of other clerks' commits; None (and the status bar told)
        while the connection is lost."""
        if self.lost and not self.probe.answers():
            return None  # the server's port is silent: no connect that could hang
        reading = read_changes(self._db)
        if reading.version is None:
            if reading.lost and not self.lost:
                self.lost = True
                log.warning("connection to the server lost; connecting again every poll")
                self.window.statusBar().showMessage(LOST_TEXT)
            return None
        version = reading.version
        if self.lost:
            self.lost = False
            log.info("connection to the server back")
            self.window.statusBar().showMessage(BACK_TEXT, 5000)
            self._pending = self._back = True  # what others committed meanwhile is unknown
        return version

    def stop(self) -> None:
        """The window closed: no more polls."""
        self.timer.stop()

    def reload_later(self) -> None:
        """Reload at the next poll that can (a reload that had to wait for the server)."""
        self._pending = True

    def _on_own_change(self, _change: Change) -> None:
        """Our own change (perhaps committed by a worker's connection) is not news."""
        self._version = self._read()

    def tick(self) -> bool:
        """Reload when another program committed since the last look; True when it did."""
        version = self._read()
        if version is None or (version == self._version and not self._pending):
            return False
        self._version = version
        if self.typing() or self.busy():
            self._pending = True  # look again at the next poll
            return False
        self._pending = False
        log.info("ledger changed by another program: reloading")
        self.reloads += 1
        self.window.runner.reload()  # our hub handler takes the number again
        notice = SERVER_NOTICE if self.server else NOTICE
        if self._back:
            notice, self._back = f"{BACK_TEXT}，{SERVER_NOTICE}", False
        if not self.lost:
            self.window.statusBar().showMessage(notice, 5000)
        return True

    def busy(self) -> bool:
        """A message, a dialog or a worker's progress is open: the reload waits for it."""
        return QApplication.activeModalWidget() is not None or getattr(
            self.window.runner, "_reporting", False
        )

    def typing(self) -> bool:
        """Whether the focus is in an editor field holding text not yet saved."""
        focus = QApplication.focusWidget()
        editor = self.window.editor
        if focus is None or not (focus is editor or editor.isAncestorOf(focus)):
            return False
        if isinstance(focus, QLineEdit):
            return focus.isModified()
        value, original = getattr(focus, "value", None), getattr(focus, "original", None)
        if callable(value) and callable(original):
            return value() != original()
        return False
