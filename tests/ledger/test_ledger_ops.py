"""Ledger actions on a real database file: every record knows who and when."""

from __future__ import annotations

from datetime import date

import pytest

from db.ledger_queries import evaluations, status_events, task_facts, task_history
from db.models import Node
from db.queries import load_nodes
from db.records import UnitRef
from desktop.ledger.clerk import current_clerk, needs_asking, os_user
from desktop.ledger.evaluation import Votes
from desktop.operations import OperationError
from desktop.operations.ledger_ops import (
    add_progress,
    close_out,
    record_evaluation,
    record_field_changes,
    reopen,
    request_extension,
    revert,
    set_clerk,
    set_status,
)
from tests.helpers.builders import build_plan

TODAY = date(2014, 11, 1)


@pytest.fixture
def task_id(ledger_db):
    build_plan(sections=1, tasks_per_section=2)
    return Node.select(Node.id).where(Node.kind == "task").order_by(Node.id).scalar()


def status_of(node_id):
    return load_nodes([node_id])[node_id].status


def test_status_change_is_kept_with_date_who_and_note(task_id):
    _, change = set_status(task_id, "in_progress", "李文书", date(2014, 9, 1), "已部署")
    assert change.nodes == {task_id} and status_of(task_id) == "in_progress"
    (event,) = status_events([task_id])[task_id]
    assert (event.from_status, event.to_status, event.date, event.who, event.note) == (
        "not_started", "in_progress", date(2014, 9, 1), "李文书", "已部署",
    )  # fmt: skip
    with pytest.raises(OperationError, match="销号…"):
        set_status(task_id, "closed", "李文书")


def test_close_out_needs_done_then_reopen_records_why(task_id):
    with pytest.raises(OperationError, match="只有“已完成”"):
        close_out(task_id, "王科长", "李文书", TODAY, today=TODAY)
    set_status(task_id, "done", "李文书", date(2014, 10, 20))
    close_out(task_id, "王科长", "李文书", TODAY, note="现场核查", evidence="督查〔2014〕5号",
              today=TODAY)  # fmt: skip
    node = load_nodes([task_id])[task_id]
    assert (node.status, node.closed_by, node.closed_at.date()) == ("closed", "王科长", TODAY)
    with pytest.raises(OperationError, match="撤销销号"):
        set_status(task_id, "in_progress", "李文书")
    with pytest.raises(OperationError, match="说明原因"):
        reopen(task_id, " ", "李文书")
    reopen(task_id, "复查发现反弹", "张主任", date(2014, 12, 1))
    node = load_nodes([task_id])[task_id]
    assert (node.status, node.closed_by, node.closed_at) == ("in_progress", "", None)
    history = task_history(task_id)
    (closing,) = history.close_outs
    assert (closing.verifier, closing.evidence, closing.who) == (
        "王科长",
        "督查〔2014〕5号",
        "李文书",
    )
    assert (closing.reopened_on, closing.reopened_by, closing.reopen_reason) == (
        date(2014, 12, 1), "张主任", "复查发现反弹",
    )  # fmt: skip
    assert [e.to_status for e in history.status_changes] == ["done", "closed", "in_progress"]


def test_undo_of_close_out_and_reopen_puts_everything_back(task_id):
    set_status(task_id, "done", "李文书", date(2014, 10, 20))
    closing, _ = close_out(task_id, "王科长", "李文书", TODAY, today=TODAY)
    opening, _ = reopen(task_id, "复查发现反弹", "张主任", TODAY)
    revert(opening)
    assert status_of(task_id) == "closed"
    assert task_history(task_id).close_outs[0].reopened_on is None
    revert(closing)
    node = load_nodes([task_id])[task_id]
    assert (node.status, node.closed_by, node.closed_at) == ("done", "", None)
    history = task_history(task_id)
    assert history.close_outs == [] and len(history.status_changes) == 1


def test_progress_entry_knows_unit_and_who(task_id):
    recorded, change = add_progress(task_id, "已完成调研", "李文书", date(2014, 10, 8), "单位1")
    (entry,) = task_history(task_id).progress
    assert (entry.date, entry.text, entry.unit, entry.recorded_by) == (
        date(2014, 10, 8), "已完成调研", "单位1", "李文书",
    )  # fmt: skip
    assert load_nodes([task_id])[task_id].latest_progress.text == "已完成调研"
    revert(recorded)
    assert task_history(task_id).progress == []
    with pytest.raises(OperationError, match="不能为空"):
        add_progress(task_id, "  ", "李文书")


def test_extension_moves_the_due_date_and_keeps_the_old_one(task_id):
    recorded, _ = request_extension(
        task_id, date(2015, 3, 31), "涉及跨部门协调", "李文书", "张主任", date(2014, 12, 20)
    )
    node = load_nodes([task_id])[task_id]
    assert (node.due_date, node.deadline_text) == (date(2015, 3, 31), "2015年3月31日前")
    (extension,) = task_history(task_id).extensions
    assert (extension.old_due_date, extension.old_deadline_text, extension.approver) == (
        date(2014, 12, 31), "2014年12月底前", "张主任",
    )  # fmt: skip
    assert {c.field for c in task_history(task_id).field_changes} == {"due_date", "deadline_text"}
    with pytest.raises(OperationError, match="须晚于原时限"):
        request_extension(task_id, date(2015, 1, 1), "再延", "李文书")
    revert(recorded)
    node = load_nodes([task_id])[task_id]
    assert node.due_date == date(2014, 12, 31) and task_history(task_id).extensions == []
    assert task_history(task_id).field_changes == []


def test_field_changes_record_only_what_differs(task_id):
    before = {"title": "任务1", "due_date": date(2014, 12, 31), "lead_units": [UnitRef("甲")]}
    after = {"title": "任务一", "due_date": date(2014, 12, 31),
             "lead_units": [UnitRef("甲", "王某")]}  # fmt: skip
    change = record_field_changes(task_id, before, after, "李文书")
    assert change.nodes == {task_id}
    rows = {(c.field, c.old_value, c.new_value, c.who) for c in task_history(task_id).field_changes}
    assert rows == {
        ("title", "任务1", "任务一", "李文书"),
        ("lead_units", "甲", "甲（王某）", "李文书"),
    }
    assert record_field_changes(task_id, after, after, "李文书").nodes == frozenset()


def test_evaluation_per_plan_or_leader(ledger_db):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    recorded, change = record_evaluation(Votes(50, 20, 20, 10), "李文书", TODAY, plan_id=plan_id)
    record_evaluation(Votes(3, 1, 1, 0), "李文书", TODAY, leader="张 洪水")
    assert change.plans == {plan_id}
    assert [(e.plan_id, e.leader, e.good) for e in evaluations()] == [
        (plan_id, "", 50), (None, "张洪水", 3),
    ]  # fmt: skip
    with pytest.raises(OperationError, match="方案或领导"):
        record_evaluation(Votes(1), "李文书")
    revert(recorded)
    assert [e.leader for e in evaluations()] == ["张洪水"]


# The clerk's name as a SQLite file keeps it (asked once, else the OS user).  On a server the
# clerk is the server login instead (issue 21: the 修改记录 names the login).
FILE_CLERK = pytest.mark.parametrize("backend", ["sqlite"])


@FILE_CLERK
def test_clerk_defaults_to_the_os_user_until_set(ledger_db):
    assert needs_asking() and current_clerk() == os_user()
    set_clerk("  李  文书 ")
    assert current_clerk() == "李 文书" and not needs_asking()
    set_clerk("王五")
    assert current_clerk() == "王五"


@FILE_CLERK
def test_clerk_without_ledger_tables_is_the_os_user(database):
    assert current_clerk() == os_user()


def test_task_facts_list_plan_leaders_and_lead_units(task_id):
    facts = {f.id: f for f in task_facts()}
    assert facts[task_id].lead_units == ("单位1",) and facts[task_id].leaders == ("领导1",)
    assert facts[task_id].plan_title == "某局整改方案" and len(facts) == 2


def test_actions_refuse_sections_and_missing_tasks(task_id):
    section = Node.get(Node.kind == "section").id
    with pytest.raises(OperationError, match="不是整改任务"):
        set_status(section, "done", "李文书")
    with pytest.raises(OperationError, match="没有编号为 99999"):
        add_progress(99999, "进展", "李文书")


def test_ledger_rows_of_a_deleted_task_come_back_with_undo(task_id):
    from desktop.operations.nodes import delete_node, restore_node

    set_status(task_id, "done", "李文书", date(2014, 10, 1))
    close_out(task_id, "王科长", "李文书", TODAY, today=TODAY)
    add_progress(task_id, "已完成", "李文书", TODAY)
    record_field_changes(task_id, {"goal": "a"}, {"goal": "b"}, "赵五")
    plan_id = Node.get_by_id(task_id).plan_id
    record_evaluation(Votes(9, 1), "李文书", TODAY, plan_id=plan_id)
    before = task_history(task_id)
    snapshot, _ = delete_node(task_id)  # the snapshot holds its ledger rows
    assert task_history(task_id).status_changes == []
    restore_node(snapshot)
    assert task_history(task_id) == before
