"""A lost connection to the server keeps the window open and what was typed on screen.

When saving an edit fails because the connection to the server is gone (a restart, a
network cable), the command runner hands it here instead of its 重试 / 取消 box: the status
bar says 与服务器的连接已断开，正在重新连接…, a small window names the edit that waits, and
every RECONNECT_MS the server is asked again (its port first, in the background, so a
hanging network never freezes the window; then the window's own connection).  When the
server answers, the status bar says 已重新连接 and the runner runs the same command again,
so the edit is saved by itself.
放弃这次修改 ends the wait; the user was told which edit was not saved, and the views show
what the server holds once it answers again (desktop/ui/external_changes.py reloads then).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from db.errors import LOST_CONNECTION, storage_message
from desktop.server_status import ServerProbe, server_answers

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger("ledger.server")

RECONNECT_MS = 2000
LOST_TEXT = "与服务器的连接已断开，正在重新连接…"
BACK_TEXT = "已重新连接"
GIVE_UP = "放弃这次修改"


def is_lost_connection(error: BaseException) -> bool:
    return storage_message(error) == LOST_CONNECTION


__all__ = ["Reconnector", "ReconnectDialog", "install_reconnect", "server_answers"]


class ReconnectDialog(QDialog):
    """Names the edit that waits for the server; 放弃这次修改 rejects."""

    def __init__(self, phrase: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("正在重新连接服务器")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.text = QLabel(
            f"{LOST_TEXT}\n\n“{phrase}”尚未保存，刚才输入的内容仍在窗口中。"
            "连接恢复后会自动保存，无需重新输入。"
        )
        self.text.setWordWrap(True)
        self.give_up = QPushButton(GIVE_UP)
        self.give_up.setToolTip("不再等待服务器，这次修改不保存")
        self.give_up.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.give_up, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(420, self.sizeHint().height())


class Reconnector:
    """The runner's `reconnect` hook on a server window."""

    def __init__(self, window: MainWindow, interval_ms: int = RECONNECT_MS) -> None:
        self.window = window
        self.interval_ms = interval_ms
        self.dialog: ReconnectDialog | None = None
        self.given_up: list[str] = []

    def __call__(self, parent: QWidget | None, phrase: str) -> bool:
        """Wait for the server; True when it answers again (run the command again), False
        when the user gave the edit up."""
        status = self.window.statusBar()
        status.showMessage(LOST_TEXT)
        log.warning("connection lost while %s; waiting for the server", phrase)
        dialog = ReconnectDialog(phrase, parent or self.window)
        self.dialog = dialog
        loop = QEventLoop()
        outcome: list[bool] = []

        def finish(back: bool) -> None:
            if not outcome:
                outcome.append(back)
                loop.quit()

        probe_port = ServerProbe()

        def probe() -> None:
            if probe_port.answers() and server_answers():
                finish(True)

        timer = QTimer()
        timer.setInterval(self.interval_ms)
        timer.timeout.connect(probe)
        dialog.rejected.connect(lambda: finish(False))
        dialog.open()
        timer.start()
        loop.exec()
        timer.stop()
        dialog.done(QDialog.DialogCode.Accepted)
        dialog.deleteLater()
        self.dialog = None
        if outcome and outcome[0]:
            status.showMessage(BACK_TEXT, 5000)
            log.info("connection back; saving %s again", phrase)
            return True
        self.given_up.append(phrase)
        status.showMessage(f"“{phrase}”未保存：{LOST_TEXT}")
        log.warning("gave up %s while the server was unreachable", phrase)
        return False


def install_reconnect(window: MainWindow) -> Reconnector:
    reconnector = Reconnector(window)
    window.runner.reconnect = reconnector
    return reconnector
