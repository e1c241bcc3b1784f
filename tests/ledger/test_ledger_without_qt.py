"""The ledger's rules, storage, operations, reports and CLI load without Qt (servers, CLI)."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers.cli import ROOT

MODULES = (
    "db.ledger_models", "db.ledger_schema", "db.ledger_queries", "desktop.ledger.status",
    "desktop.ledger.overdue", "desktop.ledger.history", "desktop.ledger.statistics",
    "desktop.ledger.evaluation", "desktop.ledger.report", "desktop.ledger.table",
    "desktop.ledger.bulletin", "desktop.ledger.clerk", "desktop.operations.ledger_ops",
    "desktop.operations.ledger_snapshots", "desktop.cli_ledger",
)  # fmt: skip


def test_ledger_modules_import_no_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}: importlib.import_module(name)\n"
        "import desktop.cli; desktop.cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
