from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from db.queries import load_plan
from db.records import UnitRef
from desktop.operations.nodes import (
    add_node,
    delete_node,
    move_node,
    restore_node,
    set_units,
    update_node,
)
from desktop.operations.plans import create_plan, delete_plan, update_plan
from desktop.ui.tree_dnd import NODE_MIME_TYPE
from desktop.ui.tree_model import KIND_ROLE, LIGHT_ROLE, PlanTreeModel
from tests.helpers.builders import build_plan
from tests.helpers.trees import model_rows

pytestmark = pytest.mark.usefixtures("qapp")


def fresh_rows():
    model = PlanTreeModel(today=lambda: date(2014, 9, 25))
    model.load()
    return model_rows(model)


def make_model():
    model = PlanTreeModel(today=lambda: date(2014, 9, 25))
    model.load()
    return model


def titles(model, parent=None):
    parent = parent if parent is not None else QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_model_passes_the_model_tester_before_and_during_changes(qtmodeltester, database):
    plan_id = build_plan(sections=3, tasks_per_section=2)
    model = make_model()
    qtmodeltester.check(model)
    section = load_plan(plan_id).nodes[0]
    model.apply_change(add_node(plan_id, section.id, 0, "task", title="新任务")[1])
    model.apply_change(move_node(section.children[0].id, None, 0))
    snapshot, change = delete_node(section.id)
    model.apply_change(change)
    model.apply_change(restore_node(snapshot))
    model.apply_change(create_plan("乙方案")[1])
    qtmodeltester.check(model)
    assert model_rows(model) == fresh_rows()


def test_numbering_follows_depth_and_renumbers_live(database):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    model = make_model()
    plan_index = model.index(0, 0)
    assert titles(model, plan_index) == ["一、第1部分", "二、第2部分"]
    first = model.index(0, 0, plan_index)
    assert titles(model, first) == ["（一）任务1", "（二）任务2"]
    task = load_plan(plan_id).nodes[0].children[0]
    model.apply_change(add_node(plan_id, task.id, None, "measure", title="措施甲")[1])
    assert titles(model, model.index(0, 0, first)) == ["1.措施甲"]
    new_id, change = add_node(plan_id, None, 0, "section", title="总体要求")
    model.apply_change(change)
    assert titles(model, plan_index) == ["一、总体要求", "二、第1部分", "三、第2部分"]
    assert model.index_for_node(new_id).row() == 0


def test_moves_inside_a_parent_keep_persistent_indexes(database):
    plan_id = build_plan(sections=3, tasks_per_section=1)
    model = make_model()
    plan_index = model.index(0, 0)
    third = QPersistentModelIndex(model.index(2, 0, plan_index))
    third_id = load_plan(plan_id).nodes[2].id
    model.apply_change(move_node(third_id, None, 0))
    assert third.row() == 0
    assert third.data() == "一、第3部分"
    assert model_rows(model) == fresh_rows()


def test_field_changes_repaint_only_the_node(qtbot, database):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    model = make_model()
    task = load_plan(plan_id).nodes[0].children[1]
    with qtbot.waitSignal(model.dataChanged) as signal:
        model.apply_change(update_node(task.id, title="改过的任务"))
    assert signal.args[0] == model.index_for_node(task.id)
    assert model.index_for_node(task.id).data() == "（二）改过的任务"
    model.apply_change(set_units(task.id, "lead", [UnitRef("市财政局")]))
    units = model.index_for_node(task.id).siblingAtColumn(1)
    assert units.data() == "市财政局"


def test_four_haves_warning_tooltip_names_what_is_missing(database):
    plan_id, _ = create_plan("甲")
    node_id, _ = add_node(plan_id, None, None, "task", title="只有名称", text="有措施")
    model = make_model()
    index = model.index_for_node(node_id)
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "缺少：整改目标、牵头领导或牵头单位、完成时限"
    model.apply_change(
        update_node(node_id, goal="见效", deadline_text="长期坚持", status="ongoing")
    )
    model.apply_change(set_units(node_id, "lead", [UnitRef("市财政局")]))
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "只有名称"


def test_status_lights(database):
    plan_id, _ = create_plan("甲")
    ids = {}
    for title, due, status in (
        ("超期", date(2014, 9, 1), "in_progress"),
        ("将到期", date(2014, 10, 5), "not_started"),
        ("已完成", date(2014, 9, 1), "done"),
        ("远期", date(2015, 1, 1), "in_progress"),
    ):
        ids[title], _ = add_node(
            plan_id, None, None, "task", title=title, due_date=due, status=status
        )
    model = make_model()
    lights = {t: model.index_for_node(i).data(LIGHT_ROLE) for t, i in ids.items()}
    assert lights == {"超期": "red", "将到期": "yellow", "已完成": "green", "远期": None}
    stats = model.statistics()
    assert (stats.plans, stats.tasks, stats.overdue, stats.due_soon) == (1, 4, 1, 1)


def test_plans_come_and_go_without_reset(qtbot, database):
    build_plan("甲方案", sections=1, tasks_per_section=1)
    model = make_model()
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    second, change = create_plan("乙方案")
    model.apply_change(change)
    model.apply_change(update_plan(second, title="乙方案（修订）"))
    assert titles(model) == ["甲方案", "乙方案（修订）"]
    _snapshot, change = delete_plan(second)
    model.apply_change(change)
    assert titles(model) == ["甲方案"]
    assert resets == []


def test_drag_and_drop_moves_through_the_callback(database):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    model = make_model()
    moves = []

    def move(node_id, target_plan, parent_id, position):
        moves.append((node_id, target_plan, parent_id, position))
        model.apply_change(move_node(node_id, parent_id, position, target_plan))

    model.move_handler = move
    first, second = load_plan(plan_id).nodes
    task = first.children[0]
    data = model.mimeData([model.index_for_node(task.id)])
    assert data.hasFormat(NODE_MIME_TYPE)
    second_index = model.index_for_node(second.id)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, second_index)
    assert moves == [(task.id, plan_id, second.id, 1)]
    assert [c.id for c in load_plan(plan_id).nodes[1].children][1] == task.id
    assert model.index_for_node(task.id).parent() == model.index_for_node(second.id)
    # into its own subtree: refused before any callback
    data = model.mimeData([model.index_for_node(second.id)])
    own_child = model.index_for_node(task.id)
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, own_child)
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, own_child)
    # reorder among siblings: dropping below itself counts after it leaves its place
    data = model.mimeData([model.index_for_node(first.id)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, model.index(0, 0))
    assert moves[-1] == (first.id, plan_id, None, 1)
    assert [n.id for n in load_plan(plan_id).nodes] == [second.id, first.id]
    assert model_rows(model) == fresh_rows()


def test_flags_follow_item_kind(database):
    build_plan(sections=1, tasks_per_section=1)
    model = make_model()
    plan_index = model.index(0, 0)
    section = model.index(0, 0, plan_index)
    assert not model.flags(plan_index) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(section) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(section) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.flags(section.siblingAtColumn(1)) & Qt.ItemFlag.ItemIsEditable
    assert section.data(KIND_ROLE) == 2


def test_flags_parents_and_children_per_column_and_for_stale_indexes(qtmodeltester, database):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    section_id = load_plan(plan_id).nodes[0].id
    add_node(plan_id, section_id, None, "task", title="无措施的任务")
    model = make_model()
    qtmodeltester.check(model)
    plan = model.index(0, 0)
    section = model.index(0, 0, plan)
    tasks = [model.index(row, 0, section) for row in range(model.rowCount(section))]
    every = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
    for index in (plan, section, *tasks):
        title, *others = (model.flags(index.siblingAtColumn(c)) for c in range(3))
        assert title & every == every and title & Qt.ItemFlag.ItemIsEditable
        for flags in others:
            assert flags & every == every and not flags & Qt.ItemFlag.ItemIsEditable
            assert bool(flags & Qt.ItemFlag.ItemIsDragEnabled) == (index != plan)
        leaf = model.rowCount(index) == 0  # a node says so while it has no children
        assert bool(title & Qt.ItemFlag.ItemNeverHasChildren) == leaf
    assert model.parent(plan) == QModelIndex()
    assert model.parent(section) == plan and model.parent(tasks[0].siblingAtColumn(2)) == section
    assert model.hasChildren(section) and not model.hasChildren(tasks[-1])
    gone = model.createIndex(0, 0, 10**9)  # an index whose item left the model
    assert model.flags(gone) == Qt.ItemFlag.NoItemFlags and model.parent(gone) == QModelIndex()
    assert model.data(gone) is None and not model.hasChildren(gone)


def test_a_big_database_opens_with_top_level_rows_and_reads_the_rest_when_needed(
    qtmodeltester, database, monkeypatch
):
    from desktop.ui import tree_lazy

    first = build_plan("甲方案", sections=2, tasks_per_section=2)
    add_node(first, None, None, "section", title="空的部分")
    build_plan("乙方案", sections=3, tasks_per_section=1)
    third = build_plan("丙方案", sections=1, tasks_per_section=1)
    eager = make_model()
    monkeypatch.setattr(tree_lazy, "LAZY_TASKS", 0)
    model = make_model()
    assert not model.complete()
    plans = {model.index(row, 0).data(): model.index(row, 0) for row in range(3)}
    # the first plan (open at start): its top-level rows, with what is below them unread
    assert titles(model, plans["甲方案"]) == ["一、第1部分", "二、第2部分", "三、空的部分"]
    section = model.index(1, 0, plans["甲方案"])
    assert model.rowCount(section) == 0 and model.hasChildren(section)
    assert model.canFetchMore(section)
    empty = model.index(2, 0, plans["甲方案"])
    assert not model.hasChildren(empty) and not model.canFetchMore(empty)
    # the others: rows without children until read
    assert model.rowCount(plans["乙方案"]) == 0 and model.canFetchMore(plans["乙方案"])
    model.fetchMore(section)  # what the view does when the user expands it
    assert titles(model, section) == ["（一）任务3", "（二）任务4"]
    assert not model.canFetchMore(section)
    model.fetchMore(plans["乙方案"])
    assert titles(model, plans["乙方案"]) == ["一、第1部分", "二、第2部分", "三、第3部分"]
    assert model.plan_item(third).children == []  # still to read
    assert model.node_item(load_plan(third).nodes[0].children[0].id) is not None  # on demand
    assert model.complete()
    assert model_rows(model) == model_rows(eager)
    assert model.statistics() == eager.statistics()
    lazy = make_model()
    qtmodeltester.check(lazy)  # it fetches what it finds fetchable
    lazy.ensure_complete()
    assert model_rows(lazy) == model_rows(eager)


def test_an_edit_reads_the_plans_not_read_yet_first(database, monkeypatch):
    from desktop.ui import tree_lazy

    build_plan("甲方案", sections=1, tasks_per_section=1)
    second = build_plan("乙方案", sections=2, tasks_per_section=2)
    monkeypatch.setattr(tree_lazy, "LAZY_TASKS", 0)
    model = make_model()
    section = load_plan(second).nodes[1]
    model.apply_change(add_node(second, section.id, 0, "task", title="新任务")[1])
    assert model.complete()
    fresh = make_model()
    fresh.ensure_complete()
    assert model_rows(model) == model_rows(fresh)
