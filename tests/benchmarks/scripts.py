"""A benchmark script run as its own process, at a tiny size, as the suite keeps it working."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

BENCHMARKS = REPO_ROOT / "benchmarks"


def run_benchmark(name: str, *args: str) -> list[str]:
    """The lines `benchmarks/<name>` prints (offscreen Qt); it must end without an error."""
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / name), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()
