from __future__ import annotations

from datetime import date

import pytest

from db.queries import load_plan
from tests.helpers.sample_plans import build_realistic_plan

AS_OF = date(2014, 11, 1)


@pytest.fixture
def realistic_plan(database):
    """The realistic 30-task plan, loaded as plain records."""
    return load_plan(build_realistic_plan(30))


@pytest.fixture
def out_dir(tmp_path):
    """An empty folder for exported files (the database lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
