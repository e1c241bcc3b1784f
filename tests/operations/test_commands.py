from __future__ import annotations

from datetime import date

from PySide6.QtGui import QUndoStack

from db.queries import load_directory, load_plan, load_plans
from db.records import UnitRef
from desktop.operations.commands import (
    AddNodeCommand,
    CreatePlanCommand,
    DeleteNodeCommand,
    DeletePlanCommand,
    EditPlanCommand,
    MoveNodeCommand,
    SetLeadersCommand,
    SetUnitsCommand,
    UpdateNodeCommand,
    field_edit_text,
)
from desktop.operations.undo import ChangeHub, run_command
from tests.helpers.builders import build_plan


def tree_shape(plan_id):
    return [
        (node.id, node.parent_id, node.position, node.title) for node in load_plan(plan_id).walk()
    ]


def test_add_node_redo_recreates_the_same_id_so_later_commands_still_apply(qapp, database):
    hub, stack = ChangeHub(), QUndoStack()
    create = CreatePlanCommand(hub, "甲方案")
    run_command(stack, create)
    add = AddNodeCommand(hub, create.plan_id, None, None, "task")
    run_command(stack, add)
    run_command(stack, UpdateNodeCommand(hub, add.node_id, {"title": ""}, {"title": "任务"}, "改"))
    for _ in range(3):
        stack.undo()
    assert load_plans() == []
    for _ in range(3):
        stack.redo()
    plan = load_plan(create.plan_id)
    assert [(n.id, n.title) for n in plan.nodes] == [(add.node_id, "任务")]
    assert stack.undoText() == "改"


def test_delete_and_move_commands_are_exact_inverses(qapp, database):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    hub, stack = ChangeHub(), QUndoStack()
    before = tree_shape(plan_id)
    first, second = load_plan(plan_id).nodes
    task = first.children[1]
    run_command(
        stack,
        MoveNodeCommand(hub, task.id, (plan_id, first.id, 1), (plan_id, second.id, 0), "移动"),
    )
    assert [c.id for c in load_plan(plan_id).nodes[1].children][0] == task.id
    run_command(stack, DeleteNodeCommand(hub, first.id, "section"))
    assert len(load_plan(plan_id).nodes) == 1
    stack.undo()
    stack.undo()
    assert tree_shape(plan_id) == before
    stack.redo()
    stack.redo()
    assert [n.id for n in load_plan(plan_id).nodes] == [second.id]


def test_consecutive_edits_of_one_field_merge_and_vanish_when_back_to_start(qapp, database):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    task = load_plan(plan_id).nodes[0].children[0]
    hub, stack = ChangeHub(), QUndoStack()
    text = field_edit_text("task", "title")
    run_command(stack, UpdateNodeCommand(hub, task.id, {"title": "任务1"}, {"title": "甲"}, text))
    run_command(stack, UpdateNodeCommand(hub, task.id, {"title": "甲"}, {"title": "乙"}, text))
    assert stack.count() == 1
    assert stack.undoText() == "修改任务名称"
    stack.undo()
    assert load_plan(plan_id).nodes[0].children[0].title == "任务1"
    stack.redo()
    run_command(stack, UpdateNodeCommand(hub, task.id, {"title": "乙"}, {"title": "任务1"}, text))
    assert stack.count() == 0
    assert load_plan(plan_id).nodes[0].children[0].title == "任务1"


def test_edits_of_different_fields_stay_separate_steps(qapp, database):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    task = load_plan(plan_id).nodes[0].children[0]
    hub, stack = ChangeHub(), QUndoStack()
    run_command(stack, UpdateNodeCommand(hub, task.id, {"goal": "见效"}, {"goal": "甲"}, "目标"))
    new_deadline = {"deadline_text": "2014年9月底前", "due_date": date(2014, 9, 30)}
    old_deadline = {"deadline_text": task.deadline_text, "due_date": task.due_date}
    run_command(stack, UpdateNodeCommand(hub, task.id, old_deadline, new_deadline, "时限"))
    assert stack.count() == 2
    stack.undo()
    assert load_plan(plan_id).nodes[0].children[0].due_date == date(2014, 12, 31)


def test_responsibility_and_plan_commands_undo_to_the_old_values(qapp, database):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    task = load_plan(plan_id).nodes[0].children[0]
    hub, stack = ChangeHub(), QUndoStack()
    changes = []
    hub.changed.connect(changes.append)
    run_command(stack, SetLeadersCommand(hub, task.id, task.leaders, ["朱晓明", "朱开宝"]))
    units = [UnitRef("市政府办公室", "王某某")]
    run_command(stack, SetUnitsCommand(hub, task.id, "lead", task.lead_units, units))
    run_command(stack, EditPlanCommand(hub, plan_id, {"title": "某局整改方案"}, {"title": "新"}))
    assert [stack.text(i) for i in range(3)] == ["修改牵头领导", "修改牵头单位", "修改方案名称"]
    changed = load_plan(plan_id)
    assert changed.title == "新"
    assert changed.nodes[0].children[0].leaders == ["朱晓明", "朱开宝"]
    assert changed.nodes[0].children[0].lead_units == units
    for _ in range(3):
        stack.undo()
    restored = load_plan(plan_id)
    assert restored.title == "某局整改方案"
    assert restored.nodes[0].children[0].leaders == task.leaders
    assert restored.nodes[0].children[0].lead_units == task.lead_units
    assert all(change.nodes or change.plans for change in changes)
    assert len(changes) == 6


def test_delete_plan_command_restores_everything(qapp, database):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    before = tree_shape(plan_id)
    hub, stack = ChangeHub(), QUndoStack()
    run_command(stack, DeletePlanCommand(hub, plan_id))
    assert load_plans() == []
    stack.undo()
    assert tree_shape(plan_id) == before


def plan_values(plan_id):
    """A plan's stored values (NodeRecord compares by identity); not the row versions, which
    only go up (an undo is a newer save, desktop/operations/conflicts.py)."""
    plan = load_plan(plan_id)
    skip = {"children", "version"}
    nodes = [{k: v for k, v in vars(n).items() if k not in skip} for n in plan.walk()]
    return plan.title, plan.issuer, nodes


def test_commands_take_their_before_values_from_the_database_not_the_caller(qapp, database):
    """A view's cache may be stale: undo must put back what was stored, whatever `old` said."""
    from desktop.operations import directory_commands as dc
    from desktop.operations.directories import add_unit
    from desktop.operations.nodes import add_node, set_leaders, set_units
    from desktop.operations.plans import create_plan

    plan_id, _ = create_plan("真名称", issuer="市政府")
    first, _ = add_node(plan_id, None, None, "task", title="甲", deadline_text="2014年底前")
    second, _ = add_node(plan_id, None, None, "task", title="乙", due_date=date(2014, 12, 31))
    set_leaders(first, ["朱晓明"])
    set_units(first, "lead", [UnitRef("市政府办公室", "王某")])
    unit_id, _ = add_unit("审计局")
    stored = plan_values(plan_id)
    hub, stack = ChangeHub(), QUndoStack()
    stale = [
        EditPlanCommand(hub, plan_id, {"title": "缓存"}, {"title": "新名称"}),
        UpdateNodeCommand(hub, first, {"title": "缓存"}, {"title": "丙"}, "改"),
        UpdateNodeCommand(hub, second, {"deadline_text": "x"}, {"deadline_text": "长期坚持"}, "改"),
        MoveNodeCommand(hub, first, (plan_id, None, 5), (plan_id, None, 1), "下移"),
        SetLeadersCommand(hub, first, ["别人"], ["胡宗元"]),
        SetUnitsCommand(hub, first, "lead", [UnitRef("别的单位")], [UnitRef("市法制办")]),
        dc.RenameUnit(hub, unit_id, "缓存单位", "市审计局"),
    ]
    for command in stale:
        run_command(stack, command)
    while stack.canUndo():
        stack.undo()
    assert plan_values(plan_id) == stored
    names = {u.name for u in load_directory().units}
    assert "审计局" in names and not names & {"缓存单位", "市审计局"}
    for _ in stale:
        stack.redo()
    after = load_plan(plan_id)
    assert after.title == "新名称"
    assert [(n.title, n.leaders) for n in after.nodes] == [("乙", []), ("丙", ["胡宗元"])]
    assert after.nodes[0].deadline_text == "长期坚持"
