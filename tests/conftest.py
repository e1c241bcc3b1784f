from __future__ import annotations

from pathlib import Path

import pytest

from db.database import close_database, open_database

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
SAMPLES = SHARED / "samples"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def database(db_path: Path):
    """A real SQLite ledger file, opened and migrated, closed after the test."""
    db = open_database(db_path)
    yield db
    close_database()
