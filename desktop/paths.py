"""Where the program keeps its data, without importing Qt.

The folders are the ones QStandardPaths.AppDataLocation gives for the same organisation and
application names (tests/test_paths.py checks that), so the window and the command line
agree on the default database.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANIZATION = "zhenggai"
APPLICATION = "ledger"
DATABASE_NAME = "ledger.db"


def data_dir() -> Path:
    """The per-user data folder (not created here)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME")
        base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return base / ORGANIZATION / APPLICATION


def default_database_path() -> Path:
    return data_dir() / DATABASE_NAME
