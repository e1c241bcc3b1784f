"""The editor shows a task once, unseen, after the first paint (NodeEditor.warm_up), so the
first task the user selects is as quick as the next ones; nothing the user sees or typed
changes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.ledger_digest import ledger_digest
from db.queries import load_plan
from desktop.ui.node_editor import WARM_CHIPS
from tests.helpers.builders import build_plan


def spare_chips(editor) -> list[int]:
    pickers = (editor.task_leaders, editor.task_lead_units, editor.task_support_units)
    return [len(picker._pool) for picker in pickers]


def test_warm_up_leaves_the_plan_on_show(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    window.select_plan(plan_id)
    editor = window.editor
    plan = window.model.plan_item(plan_id)
    task = window.model.node_item(load_plan(plan_id).nodes[0].children[0].id)
    before = ledger_digest(database)

    editor.warm_up(task)

    assert editor.current_item() is plan
    assert editor.pages.currentWidget() is editor.plan_page
    assert editor.plan_title.text() == plan.record.title
    assert all(count >= WARM_CHIPS for count in spare_chips(editor))
    assert editor.task_leaders.chip_texts() == ["领导1"]  # the task was filled in, unseen
    assert window.undo_stack.count() == 0
    assert ledger_digest(database) == before  # nothing written


def test_warm_up_waits_while_the_user_types_in_the_editor(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    window.select_plan(plan_id)
    editor = window.editor
    task = window.model.node_item(load_plan(plan_id).nodes[0].children[0].id)
    editor.plan_title.setFocus()
    qtbot.keyClicks(editor.plan_title, " 2025")
    typed = editor.plan_title.text()
    pool = spare_chips(editor)

    editor.warm_up(task)

    assert editor.plan_title.text() == typed
    assert editor.plan_title.hasFocus()
    assert spare_chips(editor) == pool
    qtbot.keyClick(editor.plan_title, Qt.Key.Key_Return)
    assert load_plan(plan_id).title == typed


def test_window_warms_the_editor_after_its_first_paint(qtbot, database, make_window):
    build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    editor = window.editor
    qtbot.waitUntil(lambda: all(count >= WARM_CHIPS for count in spare_chips(editor)))
    assert editor.pages.currentWidget() is editor.plan_page
