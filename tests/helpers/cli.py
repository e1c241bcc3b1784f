"""Running the program as a user does: `python -m …` in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from db.location import Location, ServerLocation

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def run_main(*argv: str) -> int:
    """`desktop.cli.main(argv)` in this process, as a test that already opened the ledger
    calls it: the test's connection is closed first (main opens its own, and the models
    then run on main's connection until the test's database fixture closes it)."""
    from db.database import close_database
    from desktop.cli import main

    close_database()
    return main(list(argv))


def db_argument(location: Location) -> str:
    """What `--db` names for a ledger: the file's path, or the server address with its
    password (as a script would pass it)."""
    if isinstance(location, ServerLocation):
        return location.url(with_password=True)
    return str(location)


def run_window(module: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Start the window of `python -m MODULE --db TMP/ledger.db` offscreen, with a data folder
    in `tmp_path` and `env` added (LEDGER_QUIT_AFTER_MS makes it quit by itself)."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path))
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", module, "--db", str(tmp_path / "ledger.db")],
        env=full_env,
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
