"""Integrity checks: a damaged file is found when it is opened, not by a later traceback.

`PRAGMA quick_check` reads every page (no index cross-checks); measured on the generated
ledgers of the scratch benchmark (tasks with leaders, units and a progress entry each):
10,000 tasks (14 MB) 0.17 s warm / 0.42 s cold cache, 50,000 tasks (71 MB) 0.95 s warm /
2.7 s cold.  So a file up to EVERY_OPEN_BYTES (about 11,000 tasks, under half a second
cold) is checked on every open; a bigger one on its first open
of the day (the day is kept in a small stamp file beside it, `<name>-checked`).  The full
`PRAGMA integrity_check` runs on demand (`check`, and on every backup written).
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date
from pathlib import Path

EVERY_OPEN_BYTES = 16 * 1024 * 1024
MAX_PROBLEMS = 20


def run_check(connection: sqlite3.Connection, full: bool = False) -> list[str]:
    """The problems SQLite finds ([] when the file is sound); raises on unreadable files."""
    pragma = "integrity_check" if full else "quick_check"
    rows = connection.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
    problems = [row[0] for row in rows]
    return [] if problems == ["ok"] else problems


def check_file(path: Path, full: bool = True) -> list[str]:
    """Check the file at `path` read-only; a file SQLite cannot read is one problem."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        return run_check(connection, full=full)
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()


def file_version(path: Path) -> int:
    """The schema version (`user_version`) of the file at `path`, read-only."""
    connection = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def stamp_path(path: Path) -> Path:
    return path.with_name(path.name + "-checked")


def check_due(path: Path, today: date | None = None) -> bool:
    """True when opening `path` should run a quick check now."""
    try:
        size = path.stat().st_size
    except OSError:
        return False  # a new file: nothing to check
    if size <= EVERY_OPEN_BYTES:
        return True
    today = today or date.today()
    try:
        return stamp_path(path).read_text(encoding="utf-8").strip() != today.isoformat()
    except (OSError, UnicodeDecodeError):
        return True


def mark_checked(path: Path, today: date | None = None) -> None:
    """Remember that a big file was found sound today (best effort: a stamp is a hint)."""
    if path.stat().st_size <= EVERY_OPEN_BYTES:
        return
    with contextlib.suppress(OSError):
        stamp_path(path).write_text((today or date.today()).isoformat(), encoding="utf-8")
