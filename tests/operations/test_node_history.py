"""修改记录 from the node operations themselves: every path that edits a task (window, CLI,
tools) leaves field, old, new, who and when; undo is an edit back; a deleted task's ledger
records come back with it."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoStack

from db.ledger_queries import evaluations, task_history
from db.models import Node
from db.queries import load_nodes, load_plan
from db.records import UnitRef
from desktop.ledger.clerk import current_clerk
from desktop.ledger.evaluation import Votes
from desktop.operations.commands import (
    DeleteNodeCommand,
    DeletePlanCommand,
    SetUnitsCommand,
    UpdateNodeCommand,
)
from desktop.operations.directories import set_unit_aliases
from desktop.operations.ledger_ops import (
    add_progress,
    close_out,
    record_evaluation,
    record_field_changes,
    request_extension,
    set_clerk,
    set_status,
)
from desktop.operations.nodes import set_leaders, set_units, update_node
from desktop.operations.undo import ChangeHub, run_command
from tests.helpers.builders import build_plan


def changes(task_id: int) -> list[tuple[str, str, str, str]]:
    return [(c.field, c.old_value, c.new_value, c.who) for c in task_history(task_id).field_changes]


def clerk_named(name: str) -> str:
    """Name the clerk; the name the records carry (on a server: the server login)."""
    set_clerk(name)
    return current_clerk()


def first_task(plan_id: int) -> int:
    return load_plan(plan_id).tasks()[0].id


def test_a_task_edit_records_each_changed_field_with_the_clerk(database):
    task = first_task(build_plan(sections=1, tasks_per_section=1))
    assert changes(task) == []  # a built (imported) task starts without history
    who = clerk_named("李文书")
    update_node(task, title="任务1", goal="明显见效", deadline_text="2015年3月底前")
    assert sorted(changes(task)) == [
        ("deadline_text", "2014年12月底前", "2015年3月底前", who),
        ("due_date", "2014-12-31", "2015-03-31", who),
        ("goal", "见效", "明显见效", who),
    ]  # the unchanged title is not recorded; the date that follows the wording is
    (stamp,) = {c.changed_at.date() for c in task_history(task).field_changes}
    assert stamp == date.today()


def test_a_status_set_through_update_node_is_a_dated_status_change(database):
    task = first_task(build_plan(sections=1, tasks_per_section=1))
    who = clerk_named("李文书")
    update_node(task, deadline_text="长期坚持")  # the status follows the wording
    (event,) = task_history(task).status_changes
    assert (event.from_status, event.to_status, event.who, event.date) == (
        "not_started", "ongoing", who, date.today(),
    )  # fmt: skip
    assert "status" not in {field for field, *_ in changes(task)}


def test_leaders_and_units_record_names_as_stored(database):
    task = first_task(build_plan(sections=1, tasks_per_section=1))
    set_unit_aliases(_unit_id(load_nodes([task])[task].lead_units[0].name), ["一单位"])
    who = clerk_named("王五")
    set_leaders(task, ["领导1", "张 三"])
    set_units(task, "lead", [UnitRef("一单位", "李四")])  # an alias: the unit's name is kept
    set_units(task, "support", [])
    assert changes(task) == [
        ("leaders", "领导1", "领导1、张三", who),
        ("lead_units", "单位1（联系人）", "单位1（李四）", who),
        ("support_units", "办公室", "", who),
    ]
    set_leaders(task, ["领导1", "张三"])  # nothing changed: nothing recorded
    assert len(changes(task)) == 3


def _unit_id(name: str) -> int:
    from db.models import Unit

    return Unit.get(Unit.name == name).id


def test_sections_keep_no_history(database):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    section = load_plan(plan_id).nodes[0].id
    update_node(section, title="第一部分")
    assert task_history(section).field_changes == []


def test_undo_takes_back_the_history_of_an_edit_and_redo_writes_it_again(qapp, database):
    task = first_task(build_plan(sections=1, tasks_per_section=1))
    who = clerk_named("李文书")
    hub, stack = ChangeHub(), QUndoStack()
    run_command(stack, UpdateNodeCommand(hub, task, None, {"goal": "新目标"}, "修改整改目标"))
    run_command(stack, SetUnitsCommand(hub, task, "support", None, [UnitRef("财政局")]))
    run_command(stack, UpdateNodeCommand(hub, task, None, {"status": "in_progress"}, "状态"))
    stack.undo()
    assert task_history(task).status_changes == []
    stack.undo()
    assert changes(task) == [("goal", "见效", "新目标", who)]
    stack.undo()
    assert changes(task) == [] and load_nodes([task])[task].goal == "见效"
    stack.redo()
    assert changes(task) == [("goal", "见效", "新目标", who)]


def test_merged_edits_are_taken_back_together(qapp, database):
    task = first_task(build_plan(sections=1, tasks_per_section=1))
    hub, stack = ChangeHub(), QUndoStack()
    for goal in ("甲", "甲乙"):
        run_command(stack, UpdateNodeCommand(hub, task, None, {"goal": goal}, "修改整改目标"))
    assert stack.count() == 1 and len(changes(task)) == 2
    stack.undo()
    assert changes(task) == []


def test_a_snapshot_gets_its_history_ids_back_after_other_edits(qapp, database):
    """Undo never leaves new history rows behind, so rows a delete put aside come back with
    their ids even after other tasks were edited and those edits undone."""
    plan_id = build_plan(sections=1, tasks_per_section=2)
    first, second = (task.id for task in load_plan(plan_id).tasks())
    hub, stack = ChangeHub(), QUndoStack()
    run_command(stack, UpdateNodeCommand(hub, first, None, {"goal": "甲"}, "修改整改目标"))
    run_command(stack, DeleteNodeCommand(hub, first))
    run_command(stack, UpdateNodeCommand(hub, second, None, {"goal": "乙"}, "修改整改目标"))
    for _ in range(3):
        stack.undo()
    for _ in range(3):
        stack.redo()
    stack.undo()
    stack.undo()
    assert changes(first) == [("goal", "见效", "甲", changes(first)[0][3])]
    assert changes(second) == []


def test_undoing_a_delete_brings_back_the_tasks_ledger_records(qapp, database):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    task = first_task(plan_id)
    section = load_plan(plan_id).nodes[0].id
    set_status(task, "done", "李文书", date(2014, 10, 1))
    close_out(task, "王科长", "李文书", date(2014, 10, 3), today=date(2014, 10, 3))
    add_progress(task, "已完成整改", "赵六", date(2014, 10, 2), "单位1")
    other = load_plan(plan_id).tasks()[1].id
    request_extension(other, date(2015, 6, 30), "跨年度", "李文书", "张主任", date(2014, 11, 1))
    record_field_changes(task, {"goal": "a"}, {"goal": "b"}, "赵五")
    before = {tid: task_history(tid) for tid in (task, other)}
    hub, stack = ChangeHub(), QUndoStack()
    run_command(stack, DeleteNodeCommand(hub, section))
    assert not Node.select().where(Node.id == task).exists()
    assert task_history(task).status_changes == []
    stack.undo()
    for tid, history in before.items():
        assert task_history(tid) == history
    assert task_history(task).progress[0].recorded_by == "赵六"
    assert load_nodes([task])[task].status == "closed"


def test_undoing_a_plan_delete_brings_back_its_evaluations(qapp, database):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    record_evaluation(Votes(30, 40, 20, 10), "李文书", date(2014, 12, 1), plan_id=plan_id)
    set_status(first_task(plan_id), "in_progress", "李文书", date(2014, 9, 1))
    hub, stack = ChangeHub(), QUndoStack()
    run_command(stack, DeletePlanCommand(hub, plan_id))
    assert evaluations(plan_id=plan_id) == []
    stack.undo()
    (vote,) = evaluations(plan_id=plan_id)
    assert (vote.good, vote.poor, vote.who) == (30, 10, "李文书")
    assert len(task_history(first_task(plan_id)).status_changes) == 1
