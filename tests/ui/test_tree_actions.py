"""Tree editing in the window: delete with confirmation, moves by shortcut, rename, search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from db.queries import load_plan, load_plans
from tests.helpers.builders import build_plan
from tests.helpers.typing import commit_text

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def answer_message_boxes(monkeypatch, answer=QMessageBox.StandardButton.Yes):
    """Replace QMessageBox.exec: record each box's text and answer it."""
    shown = []

    def fake_exec(box):
        shown.append(box.text())
        return answer

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


def shape(plan_id):
    return [(n.title, [c.title for c in n.children]) for n in load_plan(plan_id).nodes]


def test_delete_asks_with_the_number_of_tasks_and_undo_brings_them_back(
    qtbot, database, make_window, monkeypatch
):
    plan_id = build_plan(sections=2, tasks_per_section=3)
    window = make_window()
    section = load_plan(plan_id).nodes[0]
    window.select_node(section.id)
    window.tree.setFocus()
    shown = answer_message_boxes(monkeypatch, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert shown == ["删除“一、第1部分”及其下 3 项内容（共 3 项任务）？\n删除后可用“撤销”恢复。"]
    assert len(load_plan(plan_id).nodes) == 2
    shown = answer_message_boxes(monkeypatch)
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert [n.title for n in load_plan(plan_id).nodes] == ["第2部分"]
    assert window.current_item().title == "第2部分"
    assert QApplication.focusWidget() is window.tree
    assert window.status_counts.text().startswith("1 个方案 · 3 项任务")
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    assert [n.title for n in load_plan(plan_id).nodes] == ["第1部分", "第2部分"]
    assert window.current_item().id == section.id


def test_delete_plan_names_its_tasks(qtbot, database, make_window, monkeypatch):
    build_plan("甲方案", sections=2, tasks_per_section=2)
    window = make_window()
    window.select_plan(load_plans()[0].id)
    shown = answer_message_boxes(monkeypatch)
    window.actions.delete_plan.trigger()
    assert shown == ["删除方案“甲方案”及其中的 4 项任务？\n删除后可用“撤销”恢复。"]
    assert load_plans() == []
    assert window.right.currentWidget() is window.welcome
    window.actions.undo.trigger()
    assert [p.title for p in load_plans()] == ["甲方案"]
    assert window.right.currentWidget() is window.editor


def test_moves_by_shortcut_keep_the_node_selected(qtbot, database, make_window):
    plan_id = build_plan(sections=2, tasks_per_section=3)
    window = make_window()
    task = load_plan(plan_id).nodes[0].children[2]
    window.select_node(task.id)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, ALT)
    assert shape(plan_id)[0] == ("第1部分", ["任务1", "任务3", "任务2"])
    qtbot.keyClick(window.tree, Qt.Key.Key_Right, ALT)  # under 任务1
    assert shape(plan_id)[0] == ("第1部分", ["任务1", "任务2"])
    assert load_plan(plan_id).nodes[0].children[0].children[0].id == task.id
    assert window.current_item().id == task.id
    assert window.tree.currentIndex().data() == "1.任务3"
    qtbot.keyClick(window.tree, Qt.Key.Key_Left, ALT)
    qtbot.keyClick(window.tree, Qt.Key.Key_Left, ALT)  # now a top-level node after 第1部分
    assert [n.title for n in load_plan(plan_id).nodes] == ["第1部分", "任务3", "第2部分"]
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, ALT)
    assert [n.title for n in load_plan(plan_id).nodes] == ["第1部分", "第2部分", "任务3"]
    assert window.current_item().id == task.id
    assert window.undo_stack.undoText() == "下移"
    for _ in range(5):
        qtbot.keyClick(window.tree, Qt.Key.Key_Z, CTRL)
    assert shape(plan_id)[0] == ("第1部分", ["任务1", "任务2", "任务3"])


def test_f2_renames_in_the_tree_as_one_undo_step(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    section = load_plan(plan_id).nodes[0]
    window.select_node(section.id)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not window.tree
    editor.selectAll()
    commit_text(editor, "总体要求")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    qtbot.waitUntil(lambda: load_plan(plan_id).nodes[0].title == "总体要求", timeout=2000)
    assert window.actions.undo.text() == "撤销 修改部分标题"
    assert window.editor.section_title.text() == "总体要求"


def test_search_keeps_ancestors_and_ctrl_f_focuses_it(qtbot, database, make_window):
    plan_id = build_plan("甲方案", sections=3, tasks_per_section=2)
    window = make_window()
    qtbot.keyClick(window.tree, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search
    commit_text(window.search, "领导2")  # the leader of tasks 2 and 5
    proxy = window.proxy
    plan_index = proxy.index(0, 0)
    assert proxy.rowCount() == 1
    sections = [proxy.index(r, 0, plan_index) for r in range(proxy.rowCount(plan_index))]
    assert [s.data() for s in sections] == ["一、第1部分", "三、第3部分"]
    assert [proxy.index(0, 0, s).data() for s in sections] == ["（二）任务2", "（一）任务5"]
    assert all(window.results.isExpanded(s) for s in sections)
    assert window.view() is window.results
    window.search.clear()
    commit_text(window.search, "单位3")
    assert proxy.rowCount(proxy.index(0, 0)) == 1
    window.search.clear()
    assert proxy.rowCount(proxy.index(0, 0)) == 3
    assert load_plan(plan_id).title == "甲方案"


def test_new_node_kinds_follow_the_parent(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    task = load_plan(plan_id).nodes[0].children[0]
    window.select_node(task.id)
    window.actions.add_child.trigger()
    assert QApplication.focusWidget() is window.editor.section_title
    assert window.undo_stack.undoText() == "新增措施"
    window.select_plan(plan_id)
    window.actions.add_child.trigger()
    assert [n.kind for n in load_plan(plan_id).nodes] == ["section", "section"]
    assert load_plan(plan_id).nodes[0].children[0].children[0].kind == "measure"


def test_drop_through_the_search_proxy_is_one_undoable_move(qtbot, database, make_window):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    window = make_window()
    first, second = load_plan(plan_id).nodes
    proxy = window.proxy
    source = proxy.mapFromSource(window.model.index_for_node(first.children[0].id))
    target = proxy.mapFromSource(window.model.index_for_node(second.id))
    data = proxy.mimeData([source])
    assert proxy.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, target)
    assert shape(plan_id) == [("第1部分", ["任务2"]), ("第2部分", ["任务1", "任务3", "任务4"])]
    assert window.undo_stack.undoText() == "移动"
    assert window.current_item().title == "任务1"
    window.actions.undo.trigger()
    assert shape(plan_id) == [("第1部分", ["任务1", "任务2"]), ("第2部分", ["任务3", "任务4"])]


def test_the_name_pickers_know_the_directory_before_a_task_shows(qtbot, database, make_window):
    """The directory is read after the first paint, not before it; a task selected sooner
    reads it first."""
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    window._directory_loaded = False  # as just after start-up, before the first paint's timer
    window.editor.task_leaders._known = type(window.editor.task_leaders._known)()
    window.select_node(load_plan(plan_id).nodes[0].children[0].id)
    assert window.editor.task_leaders._known.resolve("领导1") is not None
    assert window._directory_loaded


def test_a_big_database_reads_its_other_plans_after_the_first_paint(
    qtbot, database, make_window, monkeypatch
):
    from desktop.ui import tree_lazy

    build_plan("甲方案", sections=1, tasks_per_section=2)
    build_plan("乙方案", sections=2, tasks_per_section=2)
    monkeypatch.setattr(tree_lazy, "LAZY_TASKS", 0)
    window = make_window()
    assert window.model.plan_items()[0].children  # the first plan's sections, open at start
    qtbot.waitUntil(window.model.complete, timeout=5000)
    assert window.current_item() is window.model.plan_items()[0]
    assert window.editor.plan_summary.text() == "共 1 个部分、2 项任务"  # once read
    second = window.model.plan_items()[1]
    assert [child.title for child in second.children] == ["第1部分", "第2部分"]
    assert window.status_counts.text().startswith("2 个方案 · 6 项任务")


def test_undo_and_redo_fill_the_editor_for_what_they_touched_only(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=3)
    window = make_window()
    section = load_plan(plan_id).nodes[0]
    window.select_node(section.children[1].id)
    window.editing.add_sibling()
    added = window.current_item()
    assert added.row == 2 and window.editor.current_item() is added
    shown = []
    real_show = window.editor.show_item
    window.editor.show_item = lambda item, own_edit=False: (
        shown.append(item),
        real_show(item, own_edit=own_edit),
    )
    window.editing.undo()  # the added task goes: the task it was added from is shown again
    assert [n.title for n in load_plan(plan_id).nodes[0].children] == [
        c.title for c in section.children
    ]
    assert window.current_item().id == section.children[1].id
    assert window.editor.current_item() is window.current_item()
    # once, for the task it selects: not for the row Qt made current when the task went,
    # nor while the rows were being removed
    assert len(shown) == 1 and shown[-1].id == section.children[1].id
    assert not window._settling
    shown.clear()
    window.editing.redo()
    assert window.current_item().row == 2 and window.editor.current_item() is window.current_item()
    assert len(shown) == 1 and shown[-1] is window.current_item()


def test_undo_of_an_edit_to_the_task_on_show_refills_the_editor_once(qtbot, database, make_window):
    """The step selects what was already current: the editor is filled after it, not left
    showing the undone text."""
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    task = load_plan(plan_id).nodes[0].children[0]
    window.select_node(task.id)
    window.editor.task_title.setText("改过的名称")
    window.runner.flush()
    assert window.editor.task_title.text() == "改过的名称"
    shown = []
    real_show = window.editor.show_item
    window.editor.show_item = lambda item, own_edit=False: (
        shown.append(item),
        real_show(item, own_edit=own_edit),
    )
    window.editing.undo()
    assert window.current_item().id == task.id
    assert window.editor.task_title.text() == task.title
    assert len(shown) == 1
    window.editing.redo()
    assert window.editor.task_title.text() == "改过的名称"
    assert len(shown) == 2


def test_adding_fills_the_editor_once_for_the_new_task(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    first = load_plan(plan_id).nodes[0].children[0]
    window.select_node(first.id)
    shown = []
    real_show = window.editor.show_item
    window.editor.show_item = lambda item, own_edit=False: (
        shown.append(item),
        real_show(item, own_edit=own_edit),
    )
    window.editing.add_sibling()
    added = window.current_item()
    assert added.row == 1 and added.title == ""
    assert shown == [added]  # not first for the task that was current before the add
    assert window.editor.task_title.hasFocus()
    assert not window._stepping and not window._editor_stale


def test_undoing_an_add_goes_back_to_where_it_was_added_from(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    section = load_plan(plan_id).nodes[0]
    window.select_node(section.children[0].id)
    window.editing.add_sibling()
    window.editing.undo()
    assert window.current_item().id == section.children[0].id
    window.select_node(section.id)
    window.editing.add_child()  # 新增下级 of the section: undo comes back to the section
    window.editing.undo()
    assert window.current_item().id == section.id
