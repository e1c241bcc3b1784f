"""The in-process search benchmark keeps working: run on a tiny city, every figure printed."""

from __future__ import annotations

from tests.benchmarks.scripts import run_benchmark


def test_search_benchmark_runs_small_and_prints_its_figures(tmp_path):
    lines = run_benchmark("bench_search.py", "--small", "--cache", str(tmp_path), "--rounds", "1")
    assert any(line.startswith("+环 ") for line in lines)
    assert any(line.startswith("type: median") and "worst" in line for line in lines)
    assert any(line.startswith("clear: median") for line in lines)
    parts = next(line for line in lines if line.startswith("parts, median ms:"))
    assert all(part in parts for part in ("search", "expand", "select", "editor", "events"))
