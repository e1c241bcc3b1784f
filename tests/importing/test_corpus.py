"""The made-up plans of tests/importing/corpus score at least 0.95 in every format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.importing import parse_file
from tests.importing.corpus_formats import WRITERS, plans

SCORER = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_parse.py"


def score(expected: Path, parsed: dict, folder: Path) -> tuple[float, str]:
    out = folder / "parsed.json"
    out.write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
    report = subprocess.run(
        [sys.executable, str(SCORER), str(expected), str(out), "--verbose"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(report.strip().splitlines()[-1].split()[-1]), report


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/tools/score_parse.py not found")
@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("plan", plans(), ids=lambda path: path.stem)
def test_made_up_plan_scores_in_every_format(qapp, tmp_path, plan, fmt):
    text = plan.read_text(encoding="utf-8")
    document = WRITERS[fmt](text, tmp_path / plan.stem)
    overall, report = score(
        plan.with_name(plan.stem + ".expected.json"), parse_file(document), tmp_path
    )
    assert overall >= 0.95, report
