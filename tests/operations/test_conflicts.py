"""Two clerks editing one task: a save over a newer save of the same field is refused with
both versions; never a silent overwrite (desktop/operations/conflicts.py).  Each test runs
on SQLite and on PostgreSQL; the other clerk is a second, plain connection to the ledger."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from db.ledger_models import FieldChange
from db.models import Person, Unit
from db.queries import load_nodes
from db.records import UnitRef
from desktop.ledger.clerk import current_clerk
from desktop.operations import ledger_ops
from desktop.operations.commands import (
    SetLeadersCommand,
    SetUnitsCommand,
    UpdateNodeCommand,
    keep_mine_command,
)
from desktop.operations.conflicts import DELETED, ConflictError, Guard
from desktop.operations.directories import (
    add_person,
    merge_people,
    merge_units,
    rename_person,
    rename_unit,
    unmerge_people,
)
from desktop.operations.nodes import add_node, move_node, set_leaders, set_units, update_node
from desktop.operations.numbers import renumber_plan, restore_numbers
from desktop.operations.plans import create_plan
from desktop.operations.undo import ChangeHub, run_command
from tests.helpers.clerks import SAVED_AT, OtherClerk


@pytest.fixture
def other(ledger_location, database):
    clerk = OtherClerk(ledger_location)
    yield clerk
    clerk.close()


@pytest.fixture
def task(database) -> int:
    plan_id, _ = create_plan("整改方案", year=2014)
    node_id, _ = add_node(plan_id, None, None, "task", title="原标题", goal="原目标")
    return node_id


def record(node_id: int):
    return load_nodes([node_id])[node_id]


def edit(hub, node_id: int, field: str, value, seen=None) -> UpdateNodeCommand:
    """The editor's save of one field of what the window loaded (`seen`, the NodeRecord)."""
    seen = seen or record(node_id)
    old = {field: getattr(seen, field)}
    return UpdateNodeCommand(hub, node_id, old, {field: value}, "修改", version=seen.version)


def test_every_content_edit_bumps_the_version_but_a_move_or_progress_does_not(database, task):
    plan_id = record(task).plan_id
    sibling, _ = add_node(plan_id, None, None, "task", title="乙")
    versions = [record(task).version]

    def step():
        versions.append(record(task).version)

    update_node(task, text="措施")
    step()
    set_leaders(task, ["朱晓明"])
    step()
    set_units(task, "lead", [UnitRef("市政府办")])
    step()
    ledger_ops.set_status(task, "done", "张三")
    step()
    recorded, _ = ledger_ops.close_out(task, "王五", "张三", date(2014, 12, 1))
    step()
    ledger_ops.revert(recorded)
    step()
    assert versions == [1, 2, 3, 4, 5, 6, 7]
    ledger_ops.add_progress(task, "已完成一半", "张三")
    move_node(task, None, 1)
    assert record(task).version == 7 and record(task).position == 1
    update_node(sibling, number="二、")
    before = record(sibling).version
    numbers, _ = renumber_plan(plan_id)
    assert record(sibling).version == before + 1
    restore_numbers(numbers)
    assert record(sibling).version == before + 2 and record(sibling).number == "二、"


def test_a_second_save_of_the_same_field_is_refused_with_both_versions(qapp, database, task, other):
    hub, stack = ChangeHub(), QUndoStack()
    seen = record(task)  # both windows show version 1
    other.save(task, title="对方的标题")
    command = edit(hub, task, "title", "我的标题", seen)
    with pytest.raises(ConflictError) as caught:
        run_command(stack, command)
    error = caught.value
    assert error.node_id == task and not error.deleted
    assert error.mine == {"title": "我的标题"}
    assert error.theirs.values == {"title": "对方的标题"} and error.theirs.version == 2
    assert (error.theirs.who, error.theirs.at) == ("李四", SAVED_AT)
    assert "李四" in str(error) and "任务名称" in str(error)
    assert record(task).title == "对方的标题" and record(task).version == 2  # nothing written
    assert stack.count() == 0
    assert FieldChange.select().where(FieldChange.who == current_clerk()).count() == 0

    command.rebase(error.theirs)  # 保留我的修改: over the version the user has now seen
    run_command(stack, command)
    assert record(task).title == "我的标题" and record(task).version == 3
    history = FieldChange.select().where(FieldChange.who == current_clerk()).get()
    assert (history.old_value, history.new_value) == ("对方的标题", "我的标题")
    stack.undo()  # undo puts back their title, not mine from before
    assert record(task).title == "对方的标题"


def test_a_save_of_fields_the_other_clerk_left_alone_goes_through(qapp, database, task, other):
    hub, stack = ChangeHub(), QUndoStack()
    seen = record(task)
    other.save(task, goal="对方的目标")
    run_command(stack, edit(hub, task, "title", "我的标题", seen))
    stored = record(task)
    assert (stored.title, stored.goal, stored.version) == ("我的标题", "对方的目标", 3)
    other.save(task, title="对方的标题")  # but now the title too: the stale window is refused
    with pytest.raises(ConflictError):
        run_command(stack, edit(hub, task, "goal", "我的目标", seen))


def test_the_same_value_saved_by_both_is_no_conflict(database, task, other):
    seen = record(task)
    other.save(task, title="同样的标题")
    update_node(task, title="同样的标题", guard=Guard(seen.version, {"title": seen.title}))
    assert record(task).version == 3


def test_undo_and_redo_of_ones_own_edit_are_not_refused_by_ones_own_bump(qapp, database, task):
    hub, stack = ChangeHub(), QUndoStack()
    failed = []
    hub.failed.connect(lambda phrase, error: failed.append(error))
    run_command(stack, edit(hub, task, "title", "一"))
    run_command(stack, edit(hub, task, "title", "二"))  # merges with the first
    run_command(stack, SetLeadersCommand(hub, task, [], ["朱晓明"], version=record(task).version))
    stack.undo()
    stack.undo()
    assert record(task).title == "原标题" and record(task).leaders == []
    stack.redo()
    stack.redo()
    assert record(task).title == "二" and record(task).leaders == ["朱晓明"]
    assert failed == []


def test_an_undo_over_another_clerks_newer_save_is_caught(qapp, database, task, other):
    hub, stack = ChangeHub(), QUndoStack()
    failed = []
    hub.failed.connect(lambda phrase, error: failed.append((phrase, error)))
    run_command(stack, edit(hub, task, "title", "我的标题"))
    other.save(task, title="对方的标题")
    stack.undo()
    assert record(task).title == "对方的标题"  # not silently put back to 原标题
    [(phrase, error)] = failed
    assert phrase == "撤销“修改”" and isinstance(error, ConflictError)
    assert error.mine == {"title": "原标题"} and error.theirs.values == {"title": "对方的标题"}
    assert stack.count() == 0  # the step is dropped

    command = keep_mine_command(hub, error)  # 保留我的修改: undo's value, recorded as an edit
    run_command(stack, command)
    assert record(task).title == "原标题"
    assert FieldChange.select().where(FieldChange.new_value == "原标题").count() == 1


def test_an_undo_after_another_clerk_saved_other_fields_goes_through(qapp, database, task, other):
    hub, stack = ChangeHub(), QUndoStack()
    run_command(stack, edit(hub, task, "title", "我的标题"))
    other.save(task, goal="对方的目标")
    stack.undo()
    stored = record(task)
    assert (stored.title, stored.goal) == ("原标题", "对方的目标")
    other.save(task, goal="对方的目标2")
    stack.redo()
    assert record(task).title == "我的标题"


def test_a_save_of_a_task_deleted_meanwhile_says_so(qapp, database, task, other):
    hub, stack = ChangeHub(), QUndoStack()
    command = edit(hub, task, "title", "我的标题")
    other.delete(task)
    with pytest.raises(ConflictError) as caught:
        run_command(stack, command)
    assert caught.value.deleted and str(caught.value) == DELETED
    assert caught.value.mine == {"title": "我的标题"}  # what was typed, for the user to keep


def test_leaders_and_units_conflict_as_fields(qapp, database, task, other):
    hub, stack = ChangeHub(), QUndoStack()
    seen = record(task)
    set_leaders(task, ["胡宗元"])  # another save, here through the program without a version
    set_units(task, "support", [UnitRef("市审计局")])
    command = SetLeadersCommand(hub, task, seen.leaders, ["朱晓明"], version=seen.version)
    with pytest.raises(ConflictError) as caught:
        run_command(stack, command)
    assert caught.value.mine == {"leaders": ["朱晓明"]}
    assert caught.value.theirs.values == {"leaders": ["胡宗元"]}
    # the lead units were left alone by both saves: that edit goes through
    units = SetUnitsCommand(hub, task, "lead", [], [UnitRef("市政府办")], version=seen.version)
    run_command(stack, units)
    assert [u.name for u in record(task).lead_units] == ["市政府办"]
    assert [u.name for u in record(task).support_units] == ["市审计局"]


def test_a_save_over_names_renamed_or_merged_meanwhile_is_asked_about(qapp, database, task):
    """A rename or merge in the directories changes the names a task shows: a save of its
    leaders or units made over the old names is refused (it would have written the old
    name back as a new unit), while a save of another field still goes through."""
    hub, stack = ChangeHub(), QUndoStack()
    set_leaders(task, ["朱晓明"])
    set_units(task, "lead", [UnitRef("市政府办")])
    set_units(task, "support", [UnitRef("市审计局")])
    seen = record(task)  # what another clerk's window shows
    unit_id = Unit.get(Unit.name == "市政府办").id
    rename_unit(unit_id, "市人民政府办公室")
    after_rename = record(task).version
    assert after_rename == seen.version + 1
    units = SetUnitsCommand(
        hub, task, "lead", seen.lead_units, [*seen.lead_units, UnitRef("市财政局")],
        version=seen.version,
    )  # fmt: skip
    with pytest.raises(ConflictError) as caught:
        run_command(stack, units)
    assert [u.name for u in caught.value.theirs.values["lead_units"]] == ["市人民政府办公室"]
    assert not Unit.select().where(Unit.name == "市政府办").exists()  # not written back
    run_command(stack, edit(hub, task, "goal", "新目标", seen))  # another field: saved
    assert record(task).goal == "新目标"
    person_id = Person.get(Person.name == "朱晓明").id
    other_id = add_person("胡宗元")[0].person_id
    before = record(task).version
    rename_person(person_id, "朱晓明同志")
    merge, _ = merge_people(other_id, person_id)
    assert record(task).version == before + 2
    unmerge_people(merge)
    assert record(task).version == before + 3
    audit = Unit.get(Unit.name == "市审计局").id
    before = record(task).version
    merge_units(unit_id, audit)
    assert record(task).version == before + 1


def test_a_deadline_edit_goes_over_a_status_change_and_keeps_it(qapp, database, task, other):
    hub, stack = ChangeHub(), QUndoStack()
    seen = record(task)
    other.save(task, status="in_progress")
    run_command(stack, edit(hub, task, "deadline_text", "2014年9月底前", seen))
    stored = record(task)
    assert (stored.due_date, stored.status) == (date(2014, 9, 30), "in_progress")


def test_a_status_change_from_the_window_is_refused_over_a_newer_status(
    qapp, database, task, other
):
    from desktop.operations.ledger_commands import SetStatusCommand

    hub, stack = ChangeHub(), QUndoStack()
    seen = record(task)
    other.save(task, title="对方的标题")  # another field: the status change goes through
    command = SetStatusCommand(hub, task, "in_progress", "张三", version=1, seen=seen.status)
    run_command(stack, command)
    assert record(task).status == "in_progress"
    seen = record(task)
    other.save(task, status="done")
    command = SetStatusCommand(
        hub, task, "not_started", "张三", version=seen.version, seen=seen.status
    )
    with pytest.raises(ConflictError) as caught:
        run_command(stack, command)
    assert caught.value.mine == {"status": "not_started"}
    assert caught.value.theirs.values == {"status": "done"}
    assert "状态" in str(caught.value)
    command.rebase(caught.value.theirs)  # 保留我的修改
    run_command(stack, command)
    assert record(task).status == "not_started"
    stack.undo()
    assert record(task).status == "done"


def test_undo_of_a_ledger_action_over_another_clerks_newer_status_is_caught(database, task, other):
    recorded, _ = ledger_ops.set_status(task, "in_progress", "张三")
    other.save(task, status="done")
    with pytest.raises(ConflictError) as caught:
        ledger_ops.revert(recorded)
    assert caught.value.mine == {"status": "not_started"}
    assert caught.value.theirs.values == {"status": "done"} and not caught.value.can_keep
    assert record(task).status == "done"
    other.save(task, status="in_progress")
    recorded, _ = ledger_ops.request_extension(task, date(2015, 6, 30), "客观原因", "张三")
    other.save(task, title="对方的标题")  # another field: the undo goes through
    ledger_ops.revert(recorded)
    assert (record(task).due_date, record(task).title) == (None, "对方的标题")
