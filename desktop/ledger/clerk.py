"""The clerk's name (“who” on every record): asked once on first start and kept in the
database (ledger_setting "clerk"); until then the operating-system user name."""

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


def current_clerk() -> str:
    """The saved clerk's name, else the OS user name."""
    return stored_clerk() or os_user()


def needs_asking() -> bool:
    """True on first start: no name saved yet."""
    return stored_clerk() is None
