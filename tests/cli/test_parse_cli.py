"""`python -m desktop parse FILE`: JSON on stdout, or exit 2 with one line on stderr."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli import run_cli

PLAN = "某局整改方案\n1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n"


def test_parse_prints_plan_parse_json(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="gb18030")
    result = run_cli("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert "王强" in result.stdout  # UTF-8, not ASCII escapes
    document = json.loads(result.stdout)
    assert document["schema"] == "plan-parse/1"
    assert document["source"] == "plan.txt"
    (plan,) = document["plans"]
    assert plan["title"] == "某局整改方案"
    assert [n["title"] for n in plan["nodes"]] == ["改进文风"]
    assert result.stdout.startswith('{\n "schema"')  # indent=1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("binary.txt", bytes(range(256)) * 8),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("truncated.docx", b"PK\x03\x04" + b"\x14\x00" * 200),
    ],
)
def test_parse_bad_file_exits_2_with_one_line(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("parse", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0]
    assert "Traceback" not in result.stderr


def test_parse_missing_file_exits_2(tmp_path):
    result = run_cli("parse", str(tmp_path / "nothing.docx"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
