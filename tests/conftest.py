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


# -- the server edition (PostgreSQL) ------------------------------------------------------
# .ci/run starts a throw-away cluster (.ci/pg-cluster) and names its superuser here; each
# test gets a schema of its own in that server's database, dropped afterwards.
POSTGRES_ENV = "LEDGER_TEST_POSTGRES"
# Set by .ci/run: without a server the PostgreSQL tests fail instead of being skipped.
REQUIRE_POSTGRES_ENV = "LEDGER_REQUIRE_POSTGRES"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_url():
    """The test server: the one LEDGER_TEST_POSTGRES names (.ci/run starts it), else a
    throw-away cluster this test run starts itself where PostgreSQL's server programs are
    installed (.ci/pg-cluster), stopped at the end; else the server tests are skipped."""
    import os

    url = os.environ.get(POSTGRES_ENV, "").strip()
    if url:
        yield url
        return
    from tests.helpers.postgres import throwaway_cluster

    with throwaway_cluster(REPO_ROOT / ".ci" / "pg-cluster") as started:
        if started is None:
            reason = (
                f"no PostgreSQL server for the tests ({POSTGRES_ENV} is not set and no "
                "server programs to start one; see .ci/run)"
            )
            if os.environ.get(REQUIRE_POSTGRES_ENV):
                pytest.fail(reason)
            pytest.skip(reason)
        yield started


@pytest.fixture
def server_location(postgres_url: str):
    """A ServerLocation on the test server with an empty schema of its own."""
    from tests.helpers.postgres import scratch_schema

    with scratch_schema(postgres_url) as location:
        yield location


@pytest.fixture
def server_database(server_location):
    """A server ledger, opened and created, closed after the test."""
    from db.postgres import open_server_database

    db = open_server_database(server_location)
    yield db
    close_database()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def ledger_location(backend: str, tmp_path: Path, request):
    """Where a test's ledger lives, once per backend: a file path, or a ServerLocation."""
    if backend == "sqlite":
        return tmp_path / "ledger.db"
    return request.getfixturevalue("server_location")


@pytest.fixture
def any_database(ledger_location):
    """The ledger opened on each backend in turn (the storage, ledger and CLI tests)."""
    from db.database import open_location

    db = open_location(ledger_location)
    yield db
    close_database()
