"""Find the plain files shipped under `resources/`, from source and from a PyInstaller bundle.

From a checkout, `resources/` sits beside the `desktop` package.  In a frozen build,
build.spec copies it to `sys._MEIPASS/resources`.  No Qt here: the command line uses it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

RESOURCES_DIRNAME = "resources"


def resources_dir() -> Path:
    """The folder that holds the shipped resources."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / RESOURCES_DIRNAME
    return Path(__file__).resolve().parent.parent / RESOURCES_DIRNAME


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. `resource_path("icons", "app.svg")`.

    Raises FileNotFoundError naming the path when the file is missing, and ValueError for a
    part that would leave the resources folder.
    """
    if not parts:
        raise ValueError("resource_path needs at least one path part")
    for part in parts:
        if Path(part).is_absolute() or ".." in Path(part).parts:
            raise ValueError(f"resource path part must be relative and stay inside: {part!r}")
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource: {path}")
    return path
