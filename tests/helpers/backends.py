"""Tests on both backends: what a ledger holds, compared before and after."""

from __future__ import annotations

import pytest

from db.ledger_models import LEDGER_MODELS
from db.location import Location, ServerLocation
from db.models import ALL_MODELS, database


def ledger_contents() -> dict[str, list[tuple]]:
    """Every row of every table of the open ledger, in id order: equal before and after
    when nothing was written (on a file and on a server alike)."""
    contents = {}
    for model in ALL_MODELS + LEDGER_MODELS:
        key = model._meta.primary_key
        contents[model._meta.table_name] = list(model.select().order_by(key).tuples())
    return contents


def ledger_snapshot(location: Location) -> tuple[dict[str, list[tuple]], bytes]:
    """The ledger's rows, and for a SQLite file also its bytes (checkpointed), so that a
    refusal is seen to have written nothing at all."""
    contents = ledger_contents()
    if isinstance(location, ServerLocation):
        return contents, b""
    database.execute_sql("PRAGMA wal_checkpoint(FULL)")
    return contents, location.read_bytes()


def backend_for(request) -> str:
    """The `backend` parameter of a test in a directory whose tests run on both backends;
    a test that also asks for `db_path` reads the SQLite file itself (its bytes, a second
    sqlite3 connection), so on the server it is skipped, saying so."""
    if request.param == "postgresql" and "db_path" in request.fixturenames:
        pytest.skip("reads the SQLite ledger file itself (db_path): a file-only test")
    return request.param


# The fixtures `backend` and `database` of a test folder whose every ledger test runs on both
# backends: import these two into its conftest.py.
@pytest.fixture(name="backend", params=("sqlite", "postgresql"))
def both_backends(request) -> str:
    return backend_for(request)


@pytest.fixture(name="database")
def ledger_on_both_backends(any_database):
    """The ledger on each backend: a SQLite file, then a schema on the test server."""
    return any_database
