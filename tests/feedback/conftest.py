from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from desktop.operations.feedback import export_plan_feedback
from tests.helpers.backends import both_backends, ledger_on_both_backends  # noqa: F401
from tests.helpers.builders import build_plan

EXPORTED_AT = datetime(2014, 9, 1, 9, 30)


@pytest.fixture
def plan_id(database) -> int:
    return build_plan()


@pytest.fixture
def exported(plan_id, tmp_path: Path) -> list[Path]:
    """The plan's feedback workbooks, one per lead unit, in tmp_path/out."""
    return export_plan_feedback(plan_id, tmp_path / "out", exported_at=EXPORTED_AT)


def workbook_for(paths: list[Path], unit: str) -> Path:
    return next(path for path in paths if path.name.startswith(f"{unit}_"))
