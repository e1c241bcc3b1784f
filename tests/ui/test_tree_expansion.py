"""The whole tree keeps what the user opened: edits keep it row by row, an undo that puts a
branch back opens it again, and no edit looks through every open row."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.queries import load_plan
from desktop.operations.commands import DeleteNodeCommand
from tests.helpers.builders import build_plan


def index_of(window, node_id):
    return window.model.index_for_node(node_id)


def test_undo_of_a_delete_opens_the_branch_again(qtbot, database, make_window):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    window = make_window()
    first, second = load_plan(plan_id).nodes
    window.tree.collapse(index_of(window, second.id))
    assert window.tree.isExpanded(index_of(window, first.id))
    window.run(DeleteNodeCommand(window.hub, first.id))
    window.run(DeleteNodeCommand(window.hub, second.id))
    window.editing.undo()
    window.editing.undo()
    assert window.tree.isExpanded(index_of(window, first.id))
    assert not window.tree.isExpanded(index_of(window, second.id))


def test_an_edit_does_not_look_through_every_open_row(qtbot, database, make_window):
    plan_id = build_plan(sections=3, tasks_per_section=3)
    window = make_window()
    window.tree.expandAll()
    assert len(window._expanded) == 4  # the plan and its three sections
    task = load_plan(plan_id).nodes[1].children[0]
    window.select_node(task.id)
    looked_up = []
    real = window.model.index_for_node
    window.model.index_for_node = lambda node_id: (looked_up.append(node_id), real(node_id))[1]
    window.editing.add_sibling()
    window.editing.undo()
    window.editing.redo()
    assert looked_up == []
    assert all(window.tree.isExpanded(index_of(window, n.id)) for n in load_plan(plan_id).nodes)


def test_a_task_given_its_first_measure_opens_to_show_it(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    task = load_plan(plan_id).nodes[0].children[0]
    never = Qt.ItemFlag.ItemNeverHasChildren
    assert window.model.flags(index_of(window, task.id)) & never
    window.select_node(task.id)
    window.editing.add_child()  # 新增下级: a measure under the task
    measure = window.current_item()
    assert measure.parent.id == task.id
    task_index = index_of(window, task.id)
    assert not window.model.flags(task_index) & never
    assert window.tree.isExpanded(task_index)
    assert window.tree.visualRect(window.view_index(measure)).isValid()
    window.editing.undo()
    assert window.model.flags(index_of(window, task.id)) & never
    window.editing.redo()
    assert window.tree.isExpanded(index_of(window, task.id))
    assert window.current_item().parent.id == task.id


def test_expand_all_opens_the_rows_that_have_children_only(qtbot, database, make_window):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    window = make_window()
    window.expand_all()
    plan = load_plan(plan_id)
    assert window._expanded == {("plan", plan_id)} | {("node", s.id) for s in plan.nodes}
    assert all(window.tree.visualRect(index_of(window, t.id)).isValid()
               for s in plan.nodes for t in s.children)  # fmt: skip


def test_a_task_dropped_onto_a_task_without_children_goes_under_it(qtbot, database, make_window):
    """The view drops onto a row that says it has no children as onto any other.  (A drag
    made up in a test has no source, which InternalMove refuses: the view takes any drag.)"""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    plan_id = build_plan(sections=1, tasks_per_section=3)
    window = make_window()
    first, second, _third = load_plan(plan_id).nodes[0].children
    tree, model = window.tree, window.model
    tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
    target = index_of(window, first.id)
    assert model.flags(target) & Qt.ItemFlag.ItemNeverHasChildren
    data = model.mimeData([index_of(window, second.id)])
    point = QPointF(tree.visualRect(target).center())
    action, buttons, keys = Qt.DropAction.MoveAction, Qt.MouseButton.LeftButton, Qt.NoModifier
    for event in (
        QDragEnterEvent(point.toPoint(), action, data, buttons, keys),
        QDragMoveEvent(point.toPoint(), action, data, buttons, keys),
        QDropEvent(point, action, data, buttons, keys),
    ):
        QApplication.sendEvent(tree.viewport(), event)
    moved = load_plan(plan_id).nodes[0].children[0].children
    assert [n.id for n in moved] == [second.id]
    assert not model.flags(index_of(window, first.id)) & Qt.ItemFlag.ItemNeverHasChildren
