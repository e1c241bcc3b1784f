from __future__ import annotations

import subprocess
import sys

from desktop import __version__


def test_version_prints_program_name_and_version():
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--version"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"整改台账 {__version__}"
    assert __version__[0].isdigit() and __version__ != "0.0.0"
