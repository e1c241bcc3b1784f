"""`status`, `progress` and `report --json --as-of` as ../shared/CLI.md says."""

from __future__ import annotations

import json

import pytest

from db.ledger_queries import task_history
from db.models import Node
from tests.helpers.builders import build_plan
from tests.helpers.cli import db_argument, run_cli, run_main


@pytest.fixture
def tasks(database):
    build_plan(sections=1, tasks_per_section=3)  # due 2014-12-31; units 单位1..3, leaders
    return [n.id for n in Node.select().where(Node.kind == "task").order_by(Node.id)]


def run(capsys, db_arg, *args):
    code = run_main("--db", db_arg, *args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_status_and_progress_are_recorded_with_who_and_date(capsys, db_arg, tasks):
    first = tasks[0]
    code, out, _ = run(capsys, db_arg, "status", str(first), "推进中", "--by", "李文书",
                       "--date", "2014-09-01")  # fmt: skip
    assert code == 0 and out == f"task {first}: 推进中 (in_progress)\n"
    code, out, _ = run(capsys, db_arg, "progress", str(first), "已完成调研", "--date",
                       "2014-10-08", "--unit", "单位1")  # fmt: skip
    assert code == 0 and out.startswith(f"task {first}: progress ")
    history = task_history(first)
    assert [(e.to_status, e.who, str(e.date)) for e in history.status_changes] == [
        ("in_progress", "李文书", "2014-09-01")
    ]
    assert [(p.text, p.unit) for p in history.progress] == [("已完成调研", "单位1")]


def test_closed_goes_through_close_out_and_back_needs_a_reason(capsys, db_arg, tasks):
    task = str(tasks[0])
    code, _, err = run(capsys, db_arg, "status", task, "closed", "--by", "王科长")
    assert code == 2 and "只有“已完成”的任务才能销号" in err and "Traceback" not in err
    run(capsys, db_arg, "status", task, "done", "--date", "2014-10-01")
    code, _, _ = run(capsys, db_arg, "status", task, "closed", "--by", "王科长",
                     "--date", "2014-10-05")  # fmt: skip
    assert code == 0 and task_history(tasks[0]).close_outs[0].verifier == "王科长"
    code, _, err = run(capsys, db_arg, "status", task, "in_progress")
    assert code == 2 and "撤销销号须说明原因" in err
    code, _, _ = run(capsys, db_arg, "status", task, "in_progress", "--note", "复查反弹")
    assert code == 0 and task_history(tasks[0]).close_outs[0].reopen_reason == "复查反弹"


def test_report_json_as_of_now_and_a_past_date(capsys, db_arg, tasks):
    first, second, third = (str(t) for t in tasks)
    run(capsys, db_arg, "status", first, "done", "--date", "2014-12-01")
    run(capsys, db_arg, "status", first, "closed", "--by", "王科长", "--date", "2014-12-20")
    run(capsys, db_arg, "status", second, "in_progress", "--date", "2014-11-15")
    run(capsys, db_arg, "status", third, "ongoing", "--date", "2014-09-01")
    code, out, _ = run(capsys, db_arg, "report", "--json", "--as-of", "2015-01-10")
    report = json.loads(out)
    assert code == 0 and report["as_of"] == "2015-01-10" and report["tasks"] == 3
    assert report["overdue"] == [int(second)]
    assert report["by_status"] == {
        "not_started": 0, "in_progress": 1, "done": 0, "closed": 1, "ongoing": 1,
    }  # fmt: skip
    assert report["by_unit"]["单位2"] == {"tasks": 1, "done": 0, "closed": 0, "overdue": 1}
    _, out, _ = run(capsys, db_arg, "report", "--json", "--as-of", "2014-11-01")
    earlier = json.loads(out)
    assert earlier["by_status"] == {
        "not_started": 2, "in_progress": 0, "done": 0, "closed": 0, "ongoing": 1,
    }  # fmt: skip
    assert earlier["overdue"] == []


def test_report_text_names_overdue_tasks_and_rates(capsys, db_arg, tasks):
    code, out, _ = run(capsys, db_arg, "report", "--as-of", "2015-01-01")
    assert code == 0 and "共 3 项任务" in out and "超期 3 项" in out
    assert "按牵头单位：" in out and "完成率 0%" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("status", "1", "finished"), "未知的状态“finished”"),
        (("status", "1", "done", "--date", "2014/9/1"), "日期“2014/9/1”无效"),
        (("status", "999", "done"), "没有编号为 999 的任务"),
        (("progress", "999", "进展"), "没有编号为 999 的任务"),
        (("report", "--as-of", "昨天"), "日期“昨天”无效"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(capsys, db_arg, tasks, args, message):
    code, out, err = run(capsys, db_arg, *args)
    assert code == 2 and message in err and err.count("\n") == 1 and out == ""


def test_report_runs_as_its_own_process(ledger_location):
    result = run_cli(
        "--db", db_argument(ledger_location), "report", "--json", "--as-of", "2014-11-01"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["tasks"] == 0
