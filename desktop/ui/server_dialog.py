"""文件 → 连接服务器数据库…: where the office's ledger server is, and the password dialog.

The connection dialog asks for 服务器, 端口, 数据库, 登录名 and (optionally) 密码, with a
记住密码 box and the servers connected to before (QSettings "servers/recent": addresses only,
never a password).  The password dialog appears when the server asks for a password that
was neither typed nor kept.  记住密码 keeps the password in the system's credential store
(desktop/credentials.py); where there is none, the box is off and says why.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db.location import DEFAULT_PORT, LocationError, ServerLocation, parse_server_address
from desktop import credentials

RECENT_KEY = "servers/recent"
MAX_RECENT = 8


# ----- recent servers ---------------------------------------------------------------------
def recent_servers(settings: QSettings) -> list[ServerLocation]:
    """The servers connected to before, the latest first (no passwords)."""
    value = settings.value(RECENT_KEY, [])
    texts = [value] if isinstance(value, str) else list(value or [])
    found = []
    for text in texts:
        try:
            found.append(parse_server_address(str(text)).with_password(None))
        except LocationError:
            continue
    return found


def remember_server(settings: QSettings, location: ServerLocation) -> None:
    """Put `location` first among the recent servers (its address only)."""
    address = location.display()
    texts = [address] + [
        other.display() for other in recent_servers(settings) if other.display() != address
    ]
    settings.setValue(RECENT_KEY, texts[:MAX_RECENT])
    settings.sync()


def _remember_box(parent: QWidget | None = None) -> QCheckBox:
    box = QCheckBox("记住密码", parent)
    if credentials.can_remember():
        store = credentials.system_store()
        box.setToolTip(
            f"密码保存在{store.name if store else '系统密码库'}中，只有本机的当前用户能读取"
        )
    else:
        box.setEnabled(False)
        box.setToolTip(credentials.NO_STORE_TEXT)
    return box


# ----- the connection dialog --------------------------------------------------------------
class ServerDialog(QDialog):
    """Where the server ledger is; `location()` once accepted."""

    def __init__(
        self,
        settings: QSettings,
        current: ServerLocation | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("连接服务器数据库")
        self.settings = settings
        self.recent = recent_servers(settings)
        self._schema = ""

        intro = QLabel(
            "网络版：几位经办人共用单位数据库服务器上的一个台账。服务器地址、数据库名和"
            "登录名由服务器管理员提供。"
        )
        intro.setWordWrap(True)
        self.recent_box = QComboBox()
        self.recent_box.addItem("（新的服务器）", None)
        for location in self.recent:
            self.recent_box.addItem(location.display(), location)
        self.host = QLineEdit()
        self.host.setPlaceholderText("服务器名或 IP 地址，例如 192.168.1.10")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.port.setGroupSeparatorShown(False)
        self.dbname = QLineEdit()
        self.dbname.setPlaceholderText("例如 ledger")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("可以留空，连接时再输入")
        self.remember = _remember_box(self)
        self.no_store = QLabel(credentials.NO_STORE_TEXT)
        self.no_store.setWordWrap(True)
        self.no_store.setObjectName("no_store_hint")
        self.no_store.setVisible(not credentials.can_remember())
        self.message = QLabel()
        self.message.setObjectName("server_dialog_message")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        form = QFormLayout()
        if self.recent:
            form.addRow("最近连接：", self.recent_box)
        else:
            self.recent_box.hide()
        form.addRow("服务器：", self.host)
        form.addRow("端口：", self.port)
        form.addRow("数据库：", self.dbname)
        form.addRow("登录名：", self.user)
        form.addRow("密码：", self.password)
        form.addRow("", self.remember)

        self.buttons = QDialogButtonBox()
        self.connect_button = self.buttons.addButton("连接", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.connect_button.setDefault(True)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.no_store)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

        self.recent_box.currentIndexChanged.connect(self._recent_chosen)
        start = current or (self.recent[0] if self.recent else None)
        if start is not None:
            self.fill(start)

    def fill(self, location: ServerLocation) -> None:
        self.host.setText(location.host)
        self.port.setValue(location.port)
        self.dbname.setText(location.dbname)
        self.user.setText(location.user)
        self._schema = location.schema
        self.password.clear()
        self.remember.setChecked(
            credentials.can_remember() and credentials.load_password(location.display()) is not None
        )
        for row in range(1, self.recent_box.count()):
            if self.recent_box.itemData(row) == location:
                self.recent_box.setCurrentIndex(row)
                break

    def _recent_chosen(self, row: int) -> None:
        location = self.recent_box.itemData(row)
        if isinstance(location, ServerLocation):
            self.fill(location)

    def location(self) -> ServerLocation:
        """What the fields name; the password only when one was typed."""
        return ServerLocation(
            host=self.host.text().strip(),
            dbname=self.dbname.text().strip(),
            user=self.user.text().strip(),
            port=self.port.value(),
            schema=self._schema,
            password=self.password.text() or None,
        )

    def problem(self) -> str | None:
        for field, label in ((self.host, "服务器"), (self.dbname, "数据库"), (self.user, "登录名")):
            if not field.text().strip():
                return f"请填写“{label}”"
        if any(char.isspace() for char in self.host.text().strip()):
            return "服务器名或 IP 地址中不能有空格"
        return None

    def _accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.message.setText(problem)
            self.message.show()
            return
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        settings: QSettings,
        current: ServerLocation | None = None,
    ) -> tuple[ServerLocation, bool] | None:
        dialog = cls(settings, current, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.location(), dialog.remember.isChecked()
        finally:
            dialog.deleteLater()


def ask_server(
    parent: QWidget | None, settings: QSettings, current: ServerLocation | None = None
) -> tuple[ServerLocation, bool] | None:
    """The server to connect to and the 记住密码 choice, None when cancelled."""
    return ServerDialog.ask(parent, settings, current)


# ----- the password dialog ----------------------------------------------------------------
class PasswordDialog(QDialog):
    """The password for a login on a server; `problem` says why it is asked again."""

    def __init__(
        self,
        location: ServerLocation,
        problem: str = "",
        remember: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("输入服务器密码")
        text = QLabel(
            f"服务器 {location.host}:{location.port} 上的数据库“{location.dbname}”"
            f"要求输入登录“{location.user}”的密码。"
        )
        text.setWordWrap(True)
        self.message = QLabel(problem)
        self.message.setObjectName("password_problem")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.setVisible(bool(problem))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = _remember_box(self)
        self.remember.setChecked(remember and self.remember.isEnabled())
        self.no_store = QLabel(credentials.NO_STORE_TEXT)
        self.no_store.setWordWrap(True)
        self.no_store.setVisible(not credentials.can_remember())
        form = QFormLayout()
        form.addRow("密码：", self.password)
        form.addRow("", self.remember)
        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton("连接", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.connect_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.no_store)
        layout.addWidget(buttons)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(420, self.sizeHint().height())

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        location: ServerLocation,
        problem: str = "",
        remember: bool = False,
    ) -> tuple[str, bool] | None:
        dialog = cls(location, problem, remember, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.password.text(), dialog.remember.isChecked()
        finally:
            dialog.deleteLater()
