"""The version is read from pyproject.toml beside the source when it names this program, so a
start does not import importlib.metadata (30–50 ms); otherwise from the installed metadata."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

import desktop
from tests.conftest import REPO_ROOT


def test_a_pyproject_of_another_program_is_ignored(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "something-else"\nversion = "5.5.5"\n', encoding="utf-8"
    )
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(metadata, "version", lambda name: "1.2.3")
    assert desktop._read_version() == "1.2.3"


def test_without_a_pyproject_the_installed_metadata_gives_the_version(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(
        metadata, "version", lambda name: "1.2.3" if name == "rectification-ledger" else ""
    )
    assert desktop._read_version() == "1.2.3"


def test_importing_the_program_from_a_checkout_leaves_importlib_metadata_alone():
    done = subprocess.run(
        [sys.executable, "-c", "import sys, desktop; print(desktop.__version__, "
         "'importlib.metadata' in sys.modules)"],
        capture_output=True, text=True, encoding="utf-8", cwd=REPO_ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    version, loaded = done.stdout.split()
    assert version == desktop.__version__ != "0.0.0"
    assert loaded == "False"
