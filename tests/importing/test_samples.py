"""score_parse.py over every shared sample must give overall >= 0.98."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.importing import parse_file

SHARED = Path(__file__).resolve().parent.parent.parent.parent / "shared"
SAMPLES = SHARED / "samples"
SCORER = SHARED / "tools" / "score_parse.py"


def _samples() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.iterdir() if p.name.endswith(".expected.json"))


@pytest.mark.samples
@pytest.mark.parametrize("expected", _samples() or [None], ids=lambda p: p.name if p else "none")
def test_sample_scores_at_least_098(tmp_path, expected):
    if expected is None or not SCORER.is_file():
        pytest.skip(f"shared samples not found at {SAMPLES}")
    document = expected.with_name(expected.name.replace(".expected.json", ".txt"))
    if not document.is_file():
        candidates = [
            p
            for p in SAMPLES.glob(expected.name.replace(".expected.json", ".*"))
            if not p.name.endswith(".json")
        ]
        if not candidates:
            pytest.skip(f"no document beside {expected.name}")
        document = candidates[0]
    parsed = tmp_path / "parsed.json"
    parsed.write_text(json.dumps(parse_file(document), ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(SCORER), str(expected), str(parsed), "--verbose"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("overall"), run.stdout + run.stderr
    assert float(last.split()[1]) >= 0.98, run.stdout
