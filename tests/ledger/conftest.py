from __future__ import annotations

import pytest


@pytest.fixture
def ledger_db(database):
    """The `database` fixture's file: created at schema version 2, so with the ledger tables."""
    return database
