"""`python -m desktop import FILE [--year Y] [--json]` as ../shared/CLI.md says."""

from __future__ import annotations

import json

from db.database import close_database, open_location
from db.queries import load_plans
from tests.helpers.cli import db_argument, run_cli

PLAN = (
    "某局整改方案\n"
    "1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n"
    "2. 精简会议。少开会。（李明同志负责，办公室、财务科牵头办理）\n"
)


def test_import_prints_one_line_per_plan(tmp_path, ledger_location):
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    db = db_argument(ledger_location)
    result = run_cli("--db", db, "import", str(source))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "plan 1: 某局整改方案 (2 tasks)\n"


def test_import_json_and_year(tmp_path, ledger_location):
    source = tmp_path / "plan.txt"
    source.write_text(PLAN, encoding="utf-8")
    db = db_argument(ledger_location)
    result = run_cli("--db", db, "import", str(source), "--year", "2015", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"plans": [{"id": 1, "title": "某局整改方案", "tasks": 2}]}
    open_location(ledger_location)
    try:
        (plan,) = load_plans()
        assert plan.year == 2015
        assert [t.title for t in plan.tasks()] == ["改进文风", "精简会议"]
    finally:
        close_database()


def test_import_bad_file_exits_2_and_leaves_the_database_unchanged(tmp_path, ledger_location):
    good = tmp_path / "plan.txt"
    good.write_text(PLAN, encoding="utf-8")
    db = db_argument(ledger_location)
    assert run_cli("--db", db, "import", str(good)).returncode == 0
    for name, content in [
        ("empty.txt", b""),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("truncated.docx", b"PK\x03\x04" + b"\x00" * 100),
    ]:
        bad = tmp_path / name
        bad.write_bytes(content)
        result = run_cli("--db", db, "import", str(bad))
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1 and name in result.stderr
        assert "Traceback" not in result.stderr
    open_location(ledger_location)
    try:
        assert [p.title for p in load_plans()] == ["某局整改方案"]
    finally:
        close_database()
