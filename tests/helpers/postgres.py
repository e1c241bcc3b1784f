"""The test server (.ci/pg-cluster): scratch schemas, and a second connection to it."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from db.location import ServerLocation, parse_server_address


@contextmanager
def scratch_schema(postgres_url: str) -> Iterator[ServerLocation]:
    """A new, empty schema on the test server, dropped (with all it holds) afterwards."""
    import psycopg

    base = parse_server_address(postgres_url)
    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(**_params(base), autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield ServerLocation(
            host=base.host,
            port=base.port,
            dbname=base.dbname,
            user=base.user,
            schema=name,
            password=base.password,
        )
    finally:
        with psycopg.connect(**_params(base), autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{name}" CASCADE')


@contextmanager
def throwaway_cluster(script: Path) -> Iterator[str | None]:
    """Start a cluster with .ci/pg-cluster in a new temporary folder: its superuser URL, or
    None when it cannot start here (no bash or no PostgreSQL server programs).  Stopped
    and deleted afterwards."""
    import shutil
    import subprocess
    import tempfile

    bash = shutil.which("bash")
    if bash is None or not script.is_file():
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="ledger-pg-tests-"))
    done = subprocess.run(
        [bash, str(script), "start", str(folder)], capture_output=True, text=True, check=False
    )
    try:
        yield done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None
    finally:
        subprocess.run([bash, str(script), "stop", str(folder)], capture_output=True, check=False)


def admin_connection(location: ServerLocation):
    """A plain psycopg connection (autocommit) to the location's schema, as another program
    or another clerk's computer would have."""
    import psycopg

    return psycopg.connect(**_params(location), autocommit=True)


def raw_connection(location: ServerLocation | Path):
    """A second DB-API connection to a ledger on either backend (a file or a server)."""
    if isinstance(location, ServerLocation):
        return admin_connection(location)
    return sqlite3.connect(location)


def _params(location: ServerLocation) -> dict[str, object]:
    params = location.connect_params()
    params["dbname"] = location.dbname
    return params
