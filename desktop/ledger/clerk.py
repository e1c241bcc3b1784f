"""The clerk's name (“who” on every record).

On a SQLite file: asked once on first start and kept in the database (ledger_setting
"clerk"); until then the operating-system user name.  On a server (the 网络版) it is the
server login: every clerk signs in with a login of their own, the 修改记录 names it, and
nobody is asked for a name (a name kept in the shared ledger would name everyone alike)."""

from __future__ import annotations

import getpass

from peewee import PeeweeException

CLERK_KEY = "clerk"


def os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment (services, containers)
        return ""


def stored_clerk() -> str | None:
    """The name saved in the open database, None when never asked (or no ledger tables)."""
    from db.ledger_queries import get_setting

    try:
        value = get_setting(CLERK_KEY)
    except PeeweeException:
        return None
    return value.strip() if value and value.strip() else None


def _server():
    """The open server database, None on a SQLite file (or nothing open)."""
    from db.models import database
    from db.postgres import is_server

    db = database.obj
    return db if db is not None and is_server(db) else None


def server_login() -> str | None:
    """The server login of the open ledger (asked once per connection object), None on a
    file or when the server cannot be asked."""
    db = _server()
    if db is None:
        return None
    login = getattr(db, "_clerk_login", None)
    if login is None:
        try:
            login = db.login()
        except PeeweeException:
            return db.location.user or None  # the connection is lost: the login it used
        db._clerk_login = login
    return login


def may_edit() -> bool:
    """Whether the open ledger takes changes from this login: on a server the role needs
    INSERT and UPDATE on "node" (db/roles.py grants them); a file always does here (its
    read-only cases are the window's own)."""
    db = _server()
    if db is None:
        return True
    try:
        return db.may_edit()
    except PeeweeException:
        return True  # cannot tell now: the server refuses what it must anyway


def current_clerk() -> str:
    """The server login on a server; else the saved clerk's name, else the OS user name."""
    return server_login() or stored_clerk() or os_user()


def needs_asking() -> bool:
    """True on a file's first start: no name saved yet.  Never on a server."""
    return _server() is None and stored_clerk() is None
