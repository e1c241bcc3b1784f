"""bench_window's child processes run with bytecode, as an installed program does: one
unmeasured process compiles into the children's PYTHONPYCACHEPREFIX, so a measured child
compiles nothing (this environment sets PYTHONDONTWRITEBYTECODE, which the children drop)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "benchmarks"))
try:
    import bench_window
finally:
    sys.path.remove(str(REPO_ROOT / "benchmarks"))


def bytecode_files(folder: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in folder.rglob("*.pyc")}


def test_the_children_keep_bytecode_in_their_own_folder(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = bench_window.child_environment()
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(bench_window.BYTECODE)


def test_after_the_compile_step_a_window_start_compiles_nothing(monkeypatch):
    env = bench_window.child_environment()
    monkeypatch.setattr(bench_window, "_compiled", False)
    bench_window.compile_once(env)
    before = bytecode_files(bench_window.BYTECODE)
    assert any(path.name.startswith("main_window.") for path in before)
    start = "import db.database, desktop.app, desktop.ui.main_window"
    done = subprocess.run(
        [sys.executable, "-c", start],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert bytecode_files(bench_window.BYTECODE) == before
