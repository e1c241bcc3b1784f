from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from db.queries import load_directory
from db.records import UnitRef
from desktop.operations import OperationError
from desktop.operations import directory_commands as dc
from desktop.operations.nodes import add_node, set_leaders, set_units
from desktop.operations.plans import create_plan
from desktop.operations.undo import ChangeHub, run_command
from tests.helpers.tables import dump_directory


@pytest.fixture
def hub_stack(qapp, database):
    plan_id, _ = create_plan("甲")
    task, _ = add_node(plan_id, None, None, "task", title="任务")
    set_leaders(task, ["朱晓明", "朱晓明同志"])
    set_units(task, "lead", [UnitRef("市政府办公室", "王某"), UnitRef("市政府办")])
    hub, stack = ChangeHub(), QUndoStack()
    changes = []
    hub.changed.connect(changes.append)
    return hub, stack, changes, task


def ids():
    directory = load_directory()
    return {u.name: u.id for u in directory.units} | {p.name: p.id for p in directory.people}


def test_every_directory_command_undoes_and_redoes_exactly(hub_stack):
    hub, stack, changes, task = hub_stack
    n = ids()
    commands = [
        lambda: dc.AddUnit(hub, "审计局", ["市审计局"]),
        lambda: dc.RenameUnit(hub, n["市政府办公室"], "市政府办公室", "市人民政府办公室"),
        lambda: dc.SetUnitAliases(hub, n["市政府办公室"], "市人民政府办公室", ["政府办"]),
        lambda: dc.MergeUnits(
            hub, n["市政府办公室"], n["市政府办"], "市人民政府办公室", "市政府办"
        ),
        lambda: dc.AddPerson(hub, "李红", "主任", "新单位"),
        lambda: dc.UpdatePerson(hub, n["朱晓明"], "朱晓明", post="市长", unit="另一新单位"),
        lambda: dc.RenamePerson(hub, n["朱晓明"], "朱晓明", "朱晓鸣"),
        lambda: dc.MergePeople(hub, n["朱晓明"], n["朱晓明同志"], "朱晓鸣", "朱晓明同志"),
    ]
    states = [dump_directory(with_alias_ids=False)]
    for make in commands:
        run_command(stack, make())
        states.append(dump_directory(with_alias_ids=False))
    assert len({repr(s) for s in states}) == len(states)
    assert stack.undoText() == "合并人员“朱晓明同志”到“朱晓鸣”"
    for state in reversed(states[:-1]):
        stack.undo()
        assert dump_directory(with_alias_ids=False) == state
    for state in states[1:]:
        stack.redo()
        assert dump_directory(with_alias_ids=False) == state
    assert all(change.directory for change in changes)
    assert len(changes) == 3 * len(commands)


def test_delete_commands_round_trip(hub_stack):
    hub, stack, _, _ = hub_stack
    add = dc.AddUnit(hub, "审计局")
    run_command(stack, add)
    person = dc.AddPerson(hub, "王伟")
    run_command(stack, person)
    before = dump_directory()
    run_command(stack, dc.DeleteUnit(hub, add.unit_id, "审计局"))
    run_command(stack, dc.DeletePerson(hub, person.person_id, "王伟"))
    assert "审计局" not in ids() and "王伟" not in ids()
    stack.undo()
    stack.undo()
    assert dump_directory() == before
    assert stack.undoText() == "新增人员“王伟”"


def test_refused_command_leaves_no_undo_entry(hub_stack):
    hub, stack, changes, _ = hub_stack
    n = ids()
    with pytest.raises(OperationError, match="合并"):
        run_command(stack, dc.RenameUnit(hub, n["市政府办"], "市政府办", "市政府办公室"))
    with pytest.raises(OperationError, match="牵头领导"):
        run_command(stack, dc.DeletePerson(hub, n["朱晓明"], "朱晓明"))
    assert stack.count() == 0 and changes == []
