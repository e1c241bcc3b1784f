"""Running the program as a user does: `python -m …` in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def run_window(module: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Start the window of `python -m MODULE --db TMP/ledger.db` offscreen, with a data folder
    in `tmp_path` and `env` added (LEDGER_QUIT_AFTER_MS makes it quit by itself)."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path))
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", module, "--db", str(tmp_path / "ledger.db")],
        env=full_env,
        cwd=ROOT,
        capture_output=True,
        timeout=60,
        check=False,
    )
