"""The editor beside the tree: every field saved at once, as one undo step each."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.queries import load_plan, load_plans
from tests.helpers.builders import build_plan
from tests.helpers.typing import commit_text


def first_task(plan_id):
    return load_plan(plan_id).nodes[0].children[0]


def test_task_page_shows_every_field(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    task = first_task(plan_id)
    window.select_node(task.id)
    editor = window.editor
    assert editor.pages.currentWidget() is editor.task_page
    assert editor.task_header.text() == "任务　（一） 任务1"
    assert editor.task_title.text() == "任务1"
    assert editor.task_text.value() == "措施1"
    assert editor.task_goal.value() == "见效"
    assert editor.task_leaders.entries() == ["领导1"]
    assert [u.label() for u in editor.task_lead_units.entries()] == ["单位1（联系人）"]
    assert [u.name for u in editor.task_support_units.entries()] == ["办公室"]
    assert editor.task_deadline.text() == "2014年12月底前"
    assert editor.task_due.text() == "→ 2014-12-31"
    assert editor.task_status.currentText() == "未启动"
    assert editor.task_missing.text() == ""


def test_text_box_saves_on_focus_out_and_status_on_change(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    task = first_task(plan_id)
    window.select_node(task.id)
    editor = window.editor
    editor.task_problem.setFocus()
    commit_text(editor.task_problem, "理论学习不够深入")
    assert first_task(plan_id).problem == ""
    qtbot.keyClick(editor.task_problem, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.task_goal
    assert first_task(plan_id).problem == "理论学习不够深入"
    assert window.undo_stack.undoText() == "修改存在问题"
    editor.task_status.setCurrentIndex(editor.task_status.findData("in_progress"))
    assert first_task(plan_id).status == "in_progress"
    assert window.undo_stack.undoText() == "设为推进中"  # the ledger's recorded status change
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert first_task(plan_id).problem == ""
    assert editor.task_problem.value() == ""
    assert editor.task_status.currentData() == "not_started"


def test_deadline_is_read_as_a_date(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    window.select_node(first_task(plan_id).id)
    editor = window.editor
    editor.task_deadline.setFocus()
    editor.task_deadline.selectAll()
    commit_text(editor.task_deadline, "9月底前")  # the plan's year (2014) fills the gap
    qtbot.keyClick(editor.task_deadline, Qt.Key.Key_Return)
    task = first_task(plan_id)
    assert (task.deadline_text, task.due_date) == ("9月底前", date(2014, 9, 30))
    assert editor.task_due.text() == "→ 2014-09-30"
    editor.task_deadline.selectAll()
    commit_text(editor.task_deadline, "长期坚持")
    qtbot.keyClick(editor.task_deadline, Qt.Key.Key_Return)
    assert first_task(plan_id).due_date is None
    assert editor.task_due.text() == "→ 无固定日期"


def test_pending_typing_is_saved_before_a_toolbar_action(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    window.select_node(first_task(plan_id).id)
    editor = window.editor
    editor.task_title.setFocus()
    editor.task_title.selectAll()
    commit_text(editor.task_title, "改名后的任务")
    button = window.actions.toolbar.widgetForAction(window.actions.add_sibling)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    section = load_plan(plan_id).nodes[0]
    assert [c.title for c in section.children] == ["改名后的任务", ""]
    assert QApplication.focusWidget() is editor.task_title
    assert window.current_item().id == section.children[1].id


def test_plan_and_section_pages(qtbot, database, make_window):
    plan_id = build_plan("甲方案", sections=1, tasks_per_section=2)
    window = make_window()
    editor = window.editor
    window.select_plan(plan_id)
    assert editor.pages.currentWidget() is editor.plan_page
    assert editor.plan_summary.text() == "共 1 个部分、2 项任务"
    editor.plan_issuer.setFocus()
    commit_text(editor.plan_issuer, "中共某局党组")
    qtbot.keyClick(editor.plan_issuer, Qt.Key.Key_Return)
    assert load_plans()[0].issuer == "中共某局党组"
    window.select_node(load_plan(plan_id).nodes[0].id)
    assert editor.pages.currentWidget() is editor.section_page
    editor.section_kind.setCurrentIndex(editor.section_kind.findData("task"))
    assert load_plan(plan_id).nodes[0].kind == "task"
    assert editor.pages.currentWidget() is editor.task_page
    assert "整改目标" in editor.task_missing.text()


def test_welcome_page_new_plan_button(qtbot, database, make_window):
    window = make_window()
    assert window.right.currentWidget() is window.welcome
    window.welcome.new_plan_requested.emit()
    assert len(load_plans()) == 1
    assert window.right.currentWidget() is window.editor
    assert QApplication.focusWidget() is window.editor.plan_title


def test_names_typed_without_enter_are_saved_before_an_action(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    window.select_node(first_task(plan_id).id)
    leaders = window.editor.task_leaders
    line = leaders.line_edit
    line.setFocus()
    commit_text(line, "朱晓明、朱开宝")
    window.actions.add_sibling.trigger()
    assert first_task(plan_id).leaders == ["领导1", "朱晓明", "朱开宝"]
    assert [window.undo_stack.text(i) for i in range(2)] == ["修改牵头领导", "新增任务"]
