from __future__ import annotations

import pytest

from tests.conftest import BACKENDS
from tests.helpers.backends import backend_for
from tests.helpers.cli import db_argument


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return backend_for(request)


@pytest.fixture
def database(any_database):
    """The ledger on each backend: a SQLite file, then a schema on the test server."""
    return any_database


@pytest.fixture
def ledger_db(database):
    """The `database` fixture's ledger: created at the current version, so with the ledger
    tables."""
    return database


@pytest.fixture
def db_arg(ledger_location) -> str:
    """What `--db` names for the test's ledger (a path, or the server's address)."""
    return db_argument(ledger_location)
