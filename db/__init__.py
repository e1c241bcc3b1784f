"""The ledger's storage: peewee models, opening a file or a server, schema versions, backups.

peewee imports a PostgreSQL driver at its own import when one is installed; psycopg (the
server edition's driver) and what it pulls in (asyncio, ctypes, libpq) cost 0.15–0.2 s, which
every start on a local file would pay without ever using it.  So the first `db` module imports
peewee with psycopg hidden, and db/postgres.py hands peewee the driver when a server ledger is
first opened (`load_server_driver()`), as if peewee had found it at import.
"""

from __future__ import annotations

import sys


def _import_peewee_without_psycopg() -> None:
    if "peewee" in sys.modules or "psycopg" in sys.modules:
        return  # peewee already decided, or the driver is loaded anyway: nothing to save
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # `import psycopg` fails
    try:
        import peewee  # noqa: F401
    finally:
        if "psycopg" in sys.modules and sys.modules["psycopg"] is None:
            del sys.modules["psycopg"]


_import_peewee_without_psycopg()
