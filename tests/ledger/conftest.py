from __future__ import annotations

import pytest

from db.ledger_schema import create_ledger_tables


@pytest.fixture
def ledger_db(database):
    """The `database` fixture's file with the ledger tables (schema version 2) added."""
    create_ledger_tables(database)
    return database
