from __future__ import annotations

import pytest

from tests.helpers.backends import both_backends, ledger_on_both_backends  # noqa: F401
from tests.helpers.cli import db_argument


@pytest.fixture
def db_arg(ledger_location) -> str:
    """What `--db` names for the test's ledger (a path, or the server's address)."""
    return db_argument(ledger_location)
