"""The city-scale window benchmark keeps working: run at a tiny size, every figure printed."""

from __future__ import annotations

import sys

from tests.benchmarks.scripts import BENCHMARKS, run_benchmark


def test_window_benchmark_runs_small_and_prints_every_figure(tmp_path):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from bench_window import FIGURES
    finally:
        sys.path.remove(str(BENCHMARKS))
    lines = run_benchmark("bench_window.py", "--small", "--only", "one", "--cache", str(tmp_path))
    for _key, label, target in FIGURES:
        row = next(line for line in lines if line.startswith(label))
        assert target in row
        assert "—" not in row.split("|")[2], row  # a figure was measured for the database
    assert any(line.startswith("import of 120 tasks") and "bare sqlite3" in line for line in lines)
    assert any(line.startswith("export, ledger") and "bare openpyxl" in line for line in lines)
    assert any(line.startswith("import preview of 120 tasks") and "CPU" in line for line in lines)
