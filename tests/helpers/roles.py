"""Roles on the shared test cluster: every test's roles carry its scratch schema's name and
are dropped after it."""

from __future__ import annotations

from db.location import ServerLocation
from tests.helpers.postgres import admin_connection


def drop_roles(location: ServerLocation, prefix: str) -> None:
    """Drop every role whose name starts with `prefix`, with what it owns and was granted."""
    with admin_connection(location) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s)", (prefix,)
            )
        ]
        for name in names:
            connection.execute(f'REASSIGN OWNED BY "{name}" TO current_user')
            connection.execute(f'DROP OWNED BY "{name}"')
        for name in names:
            connection.execute(f'DROP ROLE "{name}"')
