"""`plans` and `export` on the command line, against a real ledger on each backend."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tests.helpers.cli import run_main
from tests.helpers.sample_plans import build_realistic_plan


@pytest.fixture
def plan_id(database):
    return build_realistic_plan(12, title="某局整改方案")


def run(capsys, db_arg, *args):
    code = run_main("--db", db_arg, *args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_plans_lists_id_title_and_task_count(capsys, db_arg, plan_id):
    code, out, _ = run(capsys, db_arg, "plans")
    assert code == 0 and out == f"plan {plan_id}: 某局整改方案 (12 tasks)\n"
    code, out, _ = run(capsys, db_arg, "plans", "--json")
    assert json.loads(out) == {"plans": [{"id": plan_id, "title": "某局整改方案", "tasks": 12}]}


def test_export_one_plan_prints_the_path(capsys, db_arg, plan_id, tmp_path):
    target = tmp_path / "out.xlsx"
    code, out, _ = run(capsys, db_arg, "export", "--plan", str(plan_id), "--out", str(target))
    assert code == 0 and out.strip() == str(target)
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "某局重点整改任务分解表"


def test_export_columns_by_chinese_header_or_english_key_and_ledger(
    capsys, db_arg, plan_id, tmp_path
):
    target = tmp_path / "out.xlsx"
    args = ["export", "--plan", str(plan_id), "--out", str(target), "--ledger"]
    code, _, _ = run(capsys, db_arg, *args, "--columns", "序号,task，牵头单位,status")
    assert code == 0
    sheet = load_workbook(target).active
    assert [c.value for c in sheet[3]] == ["序号", "整改任务", "牵头单位", "状态"]
    assert sheet["A1"].value.endswith("台账")


def test_export_by_unit_to_a_folder_writes_one_workbook_each(capsys, db_arg, plan_id, tmp_path):
    folder = tmp_path / "units"
    args = ["export", "--plan", str(plan_id), "--out", str(folder), "--by", "unit"]
    code, out, _ = run(capsys, db_arg, *args)
    printed = out.split()
    assert code == 0 and len(printed) > 1
    assert sorted(printed) == sorted(str(p) for p in folder.iterdir())


def test_export_by_leader_to_one_workbook_one_sheet_each(capsys, db_arg, plan_id, tmp_path):
    target = tmp_path / "leaders.xlsx"
    args = ["export", "--plan", str(plan_id), "--out", str(target), "--by", "leader"]
    assert run(capsys, db_arg, *args)[0] == 0
    assert len(load_workbook(target).sheetnames) > 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--plan", "999"], "没有编号为 999 的方案"),
        (["--columns", "序号,不存在"], "没有名为“不存在”的列"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(capsys, db_arg, plan_id, tmp_path, extra, message):
    args = ["export", "--plan", str(plan_id), "--out", str(tmp_path / "x.xlsx"), *extra]
    code, out, err = run(capsys, db_arg, *args)
    assert code == 2 and out == ""
    assert err.startswith("错误：") and message in err and err.count("\n") == 1


def test_locked_target_exits_2_and_keeps_the_old_file(capsys, db_arg, plan_id, tmp_path):
    target = tmp_path / "表.xlsx"
    target.write_bytes(b"old")
    (tmp_path / "~$表.xlsx").write_bytes(b"")
    code, _, err = run(capsys, db_arg, "export", "--plan", str(plan_id), "--out", str(target))
    assert code == 2 and "“表.xlsx”正在 Excel 或 WPS 中打开" in err
    assert target.read_bytes() == b"old"


def test_corrupt_database_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--db", str(bad), "plans"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("错误：") and "Traceback" not in result.stderr
