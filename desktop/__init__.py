"""整改台账 — the rectification-plan ledger desktop program."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "rectification-ledger"
APP_NAME = "整改台账"


def _read_version() -> str:
    """The version from the installed metadata, else from pyproject.toml beside the source."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    pyproject = base / "pyproject.toml"
    if pyproject.is_file():
        match = re.search(
            r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.MULTILINE
        )
        if match:
            return match.group(1)
    return "0.0.0"


__version__ = _read_version()
