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
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.operations import Change
from desktop.operations.ledger_version import seen_version

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger("ledger.external")

POLL_MS = 2000
NOTICE = "已显示其他程序写入的修改"


class ExternalChanges(QObject):
    """Polls the ledger for commits by other programs and reloads the window's views."""

    def __init__(self, window: MainWindow, poll_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.reloads = 0
        self._pending = False  # seen while the user was typing: reload at the next poll
        self._version = self._read()
        window.hub.changed.connect(self._on_own_change)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def _read(self) -> int | None:
        return seen_version()  # None while busy or closed: the next poll tries again

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
        self.window.statusBar().showMessage(NOTICE, 5000)
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
