from __future__ import annotations

from desktop import __version__
from tests.helpers.cli import run_cli


def test_version_prints_program_name_and_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"整改台账 {__version__}"
    assert __version__[0].isdigit() and __version__ != "0.0.0"
