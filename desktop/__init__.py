"""整改台账 — the rectification-plan ledger desktop program."""

from __future__ import annotations

import re
import sys
from pathlib import Path

DISTRIBUTION = "rectification-ledger"
APP_NAME = "整改台账"


def _read_version() -> str:
    """The version from pyproject.toml beside the source (a checkout, or the frozen bundle,
    which carries it) when it names this program, else from the installed metadata.

    pyproject.toml first: importing importlib.metadata (email parsing and all) costs
    30–50 ms of every start, and a checkout's pyproject.toml is its version anyway."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))
    pyproject = base / "pyproject.toml"
    if pyproject.is_file():
        text = pyproject.read_text(encoding="utf-8")
        ours = re.search(rf'^name\s*=\s*"{re.escape(DISTRIBUTION)}"', text, re.MULTILINE)
        match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
        if ours and match:
            return match.group(1)
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0.0.0"


__version__ = _read_version()
