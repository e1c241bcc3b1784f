"""One window per ledger on this computer: a second start brings the first window forward.

The window that holds the ledger's instance lock (db/instance_lock.py) listens on a local
socket named after the database path; a second start that finds the ledger held on the
same computer connects to it and asks it to come forward, then quits.  A socket name is
per user and per path, so two ledgers open in two windows do not disturb each other.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger("ledger.single_instance")

_MESSAGE = b"show\n"


def server_name(db_path: Path) -> str:
    """The local socket's name for the ledger at `db_path` (case-blind on Windows)."""
    text = str(Path(db_path).resolve())
    if sys.platform == "win32":
        text = text.lower()
    return "zhenggai-ledger-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


class WindowBeacon(QObject):
    """Listens for later starts on the same ledger and brings `window` forward."""

    def __init__(self, window: QWidget, db_path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        name = server_name(db_path)
        # We hold the instance lock, so a socket left under this name is a crashed window's.
        QLocalServer.removeServer(name)
        if not self.server.listen(name):
            log.warning("cannot listen on %s: %s", name, self.server.errorString())
        self.server.newConnection.connect(self._on_connection)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_message(socket)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(_MESSAGE.strip()):
            bring_to_front(self.window)

    def close(self) -> None:
        self.server.close()


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def bring_forward(db_path: Path, timeout_ms: int = 1000) -> bool:
    """Ask the window holding `db_path` on this computer to come forward; False when no
    window answers (it runs as another user, or it is still starting)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_MESSAGE)
    socket.flush()
    sent = socket.bytesToWrite() == 0 or socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return sent
