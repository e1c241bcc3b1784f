from __future__ import annotations

import pytest

from db.models import Node, Progress, TaskLeader, TaskUnit, Unit, UnitAlias
from db.queries import load_plan
from db.records import UnitRef
from desktop.operations import OperationError
from desktop.operations.nodes import (
    add_node,
    delete_node,
    move_node,
    restore_node,
    set_units,
    update_node,
)
from desktop.operations.plans import create_plan, delete_plan, restore_plan
from tests.helpers.builders import build_plan


def positions(plan_id, parent_id):
    where = Node.parent.is_null() if parent_id is None else Node.parent == parent_id
    rows = Node.select(Node.title, Node.position).where((Node.plan == plan_id) & where)
    return sorted((r.position, r.title) for r in rows)


def titles(nodes):
    return [n.title for n in nodes]


def test_insert_in_middle_shifts_following_siblings(database):
    plan_id, _ = create_plan("甲")
    for title in ("一", "二", "三"):
        add_node(plan_id, None, None, "section", title=title)
    add_node(plan_id, None, 1, "section", title="插入")
    assert positions(plan_id, None) == [(0, "一"), (1, "插入"), (2, "二"), (3, "三")]


def test_delete_cascades_subtree_and_links_and_closes_gap(database):
    plan_id = build_plan(sections=3, tasks_per_section=2)
    first = load_plan(plan_id).nodes[0]
    Progress.create(node=first.children[0].id, date="2014-10-01", text="已推进")
    snapshot, change = delete_node(first.id)
    assert change.plans == {plan_id}
    assert snapshot.task_count() == 2
    assert titles(load_plan(plan_id).nodes) == ["第2部分", "第3部分"]
    assert positions(plan_id, None) == [(0, "第2部分"), (1, "第3部分")]
    assert Node.select().count() == 9 - 3
    assert TaskLeader.select().count() == 4
    assert Progress.select().count() == 0


def test_restore_node_puts_back_same_ids_fields_links_and_progress(database):
    plan_id = build_plan(sections=3, tasks_per_section=2)
    before = load_plan(plan_id)
    middle = before.nodes[1]
    Progress.create(node=middle.children[1].id, date="2014-10-01", text="已推进")
    before = load_plan(plan_id)
    snapshot, _ = delete_node(middle.id)
    restore_node(snapshot)
    after = load_plan(plan_id)
    assert [n.id for n in after.walk()] == [n.id for n in before.walk()]
    assert [vars_without_children(n) for n in after.walk()] == [
        vars_without_children(n) for n in before.walk()
    ]


def vars_without_children(node):
    data = dict(vars(node))
    data.pop("children")
    return data


def test_move_then_move_back_restores_order(database):
    plan_id = build_plan(sections=2, tasks_per_section=3)
    plan = load_plan(plan_id)
    task = plan.nodes[0].children[0]
    target = plan.nodes[1]
    move_node(task.id, target.id, 1)
    moved = load_plan(plan_id)
    assert titles(moved.nodes[0].children) == ["任务2", "任务3"]
    assert titles(moved.nodes[1].children) == ["任务4", "任务1", "任务5", "任务6"]
    move_node(task.id, task.parent_id, task.position)
    assert titles(load_plan(plan_id).nodes[0].children) == ["任务1", "任务2", "任务3"]


def test_move_down_within_same_parent(database):
    plan_id, _ = create_plan("甲")
    ids = [add_node(plan_id, None, None, "section", title=t)[0] for t in "ABC"]
    move_node(ids[0], None, 1)
    assert titles(load_plan(plan_id).nodes) == ["B", "A", "C"]


def test_move_into_own_subtree_is_refused(database):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    section = load_plan(plan_id).nodes[0]
    with pytest.raises(OperationError, match="自己的下级"):
        move_node(section.id, section.children[0].id, 0)
    assert titles(load_plan(plan_id).nodes) == ["第1部分"]


def test_move_to_another_plan_carries_the_subtree(database):
    source = build_plan("甲", sections=1, tasks_per_section=2)
    target, _ = create_plan("乙")
    section = load_plan(source).nodes[0]
    change = move_node(section.id, None, 0, plan_id=target)
    assert change.plans == {source, target}
    assert load_plan(source).nodes == []
    moved = load_plan(target).nodes[0]
    assert titles(moved.children) == ["任务1", "任务2"]
    assert {n.plan_id for n in moved.walk()} == {target}


def test_units_are_resolved_by_alias(database):
    plan_id, _ = create_plan("甲")
    task_id, _ = add_node(plan_id, None, None, "task", title="任务")
    unit = Unit.create(name="市政府办公室")
    UnitAlias.create(unit=unit, alias="市政府办")
    set_units(task_id, "lead", [UnitRef("市政府办", "王某"), UnitRef("市政府办公室")])
    assert Unit.select().count() == 1
    assert load_plan(plan_id).nodes[0].lead_units == [UnitRef("市政府办公室", "王某")]
    assert TaskUnit.select().count() == 1


def test_update_rejects_unknown_status(database):
    plan_id, _ = create_plan("甲")
    task_id, _ = add_node(plan_id, None, None, "task", title="任务")
    with pytest.raises(ValueError):
        update_node(task_id, status="finished")


def test_delete_and_restore_plan(database):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    before = [vars_without_children(n) for n in load_plan(plan_id).walk()]
    snapshot, _ = delete_plan(plan_id)
    assert Node.select().count() == 0
    restore_plan(snapshot)
    assert [vars_without_children(n) for n in load_plan(plan_id).walk()] == before
