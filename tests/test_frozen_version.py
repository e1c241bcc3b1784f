"""Frozen, there is no package metadata: the version comes from the bundled pyproject.toml."""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

import desktop

REPO_ROOT = Path(__file__).resolve().parent.parent


def _no_metadata(name: str) -> str:
    raise metadata.PackageNotFoundError(name)


def test_version_is_read_from_pyproject_under_meipass(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "rectification-ledger"\nversion = "9.8.7"\n', encoding="utf-8"
    )
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(metadata, "version", _no_metadata)
    assert desktop._read_version() == "9.8.7"


def test_the_bundled_pyproject_gives_the_project_version(monkeypatch):
    """build.spec copies the repository's pyproject.toml to the bundle root."""
    monkeypatch.setattr(sys, "_MEIPASS", str(REPO_ROOT), raising=False)
    monkeypatch.setattr(metadata, "version", _no_metadata)
    with (REPO_ROOT / "pyproject.toml").open("rb") as file:
        expected = tomllib.load(file)["project"]["version"]
    assert desktop._read_version() == expected


def test_without_metadata_or_pyproject_the_version_is_a_placeholder(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(metadata, "version", _no_metadata)
    assert desktop._read_version() == "0.0.0"
