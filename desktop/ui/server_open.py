"""Opening a server ledger for the window: the password (typed, kept, or asked for), what
to tell when the server refuses, and whether this login may change anything.

The password is tried in this order: typed in the connection dialog or written in `--db`,
PGPASSWORD / .pgpass (the driver reads them), the system's credential store, then the
password dialog.  It is kept only when the user ticked 记住密码 and the connection worked;
unticking it removes what was kept.  A password is never logged or shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from db.location import ServerLocation
from db.postgres import PasswordRequired, ServerOpenError, open_server_database
from desktop import APP_NAME, credentials
from desktop.ui import recovery
from desktop.ui.recovery import OK, Opened

log = logging.getLogger("ledger.server")

MAX_ATTEMPTS = 5

#: (parent, location, problem, remember) → (password, remember) or None; replaced in tests.
AskPassword = Callable[[QWidget | None, ServerLocation, str, bool], tuple[str, bool] | None]


def _ask_password(
    parent: QWidget | None, location: ServerLocation, problem: str, remember: bool
) -> tuple[str, bool] | None:
    from desktop.ui.server_dialog import PasswordDialog

    return PasswordDialog.ask(parent, location, problem, remember)


ask_password: AskPassword = _ask_password


def _wrong_password(error: ServerOpenError) -> bool:
    return "密码不正确" in str(error)


def open_server_for_window(
    location: ServerLocation,
    parent: QWidget | None = None,
    remember: bool | None = None,
    settings: QSettings | None = None,
) -> Opened | None:
    """Connect the window to the server ledger; None when the user gave up or the server
    refused (the user was told why).  `remember`: the 记住密码 choice made in the connection
    dialog (None: keep what is kept)."""
    key = location.display()
    kept = None
    if location.password is None:
        kept = credentials.load_password(key)
        if kept is not None:
            location = location.with_password(kept)
    problem = ""
    for _attempt in range(MAX_ATTEMPTS):
        try:
            open_server_database(location)
        except PasswordRequired:
            pass  # none typed, none kept: ask
        except ServerOpenError as error:
            if not _wrong_password(error):
                recovery.ask(parent, f"{APP_NAME} — 无法连接服务器", str(error), (OK,))
                return None
            if kept is not None:
                credentials.forget_password(key)  # the kept one is out of date
            problem = str(error)
        else:
            _keep_password(location, remember, parent)
            if settings is not None:
                from desktop.ui.server_dialog import remember_server

                remember_server(settings, location)
            from desktop.ledger.clerk import may_edit

            return Opened(read_only=not may_edit(), server=True)
        answer = ask_password(parent, location, problem, bool(remember))
        if answer is None:
            return None
        password, remember = answer
        location, kept = location.with_password(password), None
    recovery.ask(
        parent, f"{APP_NAME} — 无法连接服务器", "多次输入的密码都不正确，已停止连接。", (OK,)
    )
    return None


def _keep_password(location: ServerLocation, remember: bool | None, parent: QWidget | None) -> None:
    key = location.display()
    if remember is None or location.password is None:
        return
    if not remember:
        credentials.forget_password(key)
        return
    try:
        credentials.store_password(key, location.password)
    except credentials.CredentialError as error:
        recovery.ask(parent, f"{APP_NAME} — 密码未保存", f"{error}", (OK,))
