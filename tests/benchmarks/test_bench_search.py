"""The in-process search benchmark keeps working: run on a tiny city, every figure printed."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

SCRIPT = REPO_ROOT / "benchmarks" / "bench_search.py"


def test_search_benchmark_runs_small_and_prints_its_figures(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--small", "--cache", str(tmp_path), "--rounds", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("+环 ") for line in lines)
    assert any(line.startswith("type: median") and "worst" in line for line in lines)
    assert any(line.startswith("clear: median") for line in lines)
    parts = next(line for line in lines if line.startswith("parts, median ms:"))
    assert all(part in parts for part in ("search", "expand", "select", "editor", "events"))
