"""The editor builds its rows from the field registry and its lists from the enums."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from db.queries import load_plan
from desktop.ledger.fields import fields_for
from desktop.ledger.kinds import NodeKind, Status
from tests.helpers.builders import build_plan


def row_labels(page) -> list[str]:
    form = page.widget().findChild(QFormLayout)
    labels = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel) and item.widget().text():
            labels.append(item.widget().text())
    return labels


def edited(kind: NodeKind) -> list[str]:
    return [f.label_for(kind) for f in fields_for(kind) if f.editor not in ("", "kind")]


def test_pages_show_the_registered_fields_in_order(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    editor = window.editor
    assert row_labels(editor.task_form) == edited(NodeKind.TASK)
    assert row_labels(editor.section_page) == edited(NodeKind.SECTION) == ["标题", "内容"]
    assert row_labels(editor.task_form)[:4] == ["任务名称", "存在问题", "整改目标", "整改措施"]
    statuses = [editor.task_status.itemText(i) for i in range(editor.task_status.count())]
    assert statuses == [status.label for status in Status]
    kinds = [editor.task_kind.itemData(i) for i in range(editor.task_kind.count())]
    assert kinds == [kind.value for kind in NodeKind]
    window.select_node(load_plan(plan_id).nodes[0].id)
    assert editor.pages.currentWidget() is editor.section_page


def test_deadline_saved_by_the_operation_and_undone_exactly(qtbot, database, make_window):
    from datetime import date

    from PySide6.QtCore import Qt

    from desktop.operations.plans import update_plan
    from tests.helpers.typing import commit_text

    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    task = load_plan(plan_id).nodes[0].children[0]
    window.select_node(task.id)
    editor = window.editor
    editor.task_deadline.setFocus()
    editor.task_deadline.selectAll()
    commit_text(editor.task_deadline, "尽快")
    assert editor.task_due.text().startswith("⚠")  # shown while typing
    qtbot.keyClick(editor.task_deadline, Qt.Key.Key_Return)
    assert editor.task_due.text() == "⚠ 未能识别出日期，不计超期"
    assert load_plan(plan_id).nodes[0].children[0].due_date is None
    update_plan(plan_id, year=2016)  # the old date is restored as it was, not re-read
    window.actions.undo.trigger()
    restored = load_plan(plan_id).nodes[0].children[0]
    assert (restored.deadline_text, restored.due_date) == ("2014年12月底前", date(2014, 12, 31))
    assert editor.task_due.text() == "→ 2014-12-31"


def test_standing_wording_shows_the_ongoing_status_and_undo_restores_it(
    qtbot, database, make_window
):
    from PySide6.QtCore import Qt

    from tests.helpers.typing import commit_text

    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    window.select_node(load_plan(plan_id).nodes[0].children[0].id)
    editor = window.editor
    editor.task_deadline.setFocus()
    editor.task_deadline.selectAll()
    commit_text(editor.task_deadline, "长期坚持")
    qtbot.keyClick(editor.task_deadline, Qt.Key.Key_Return)
    assert editor.task_status.currentText() == "长期坚持"
    assert window.undo_stack.count() == 1  # one step for the wording and what follows
    window.actions.undo.trigger()
    assert editor.task_status.currentText() == "未启动"
    assert load_plan(plan_id).nodes[0].children[0].status == "not_started"


def test_a_registered_field_appears_in_the_editor_and_is_saved(
    qtbot, database, make_window, monkeypatch
):
    """Adding a field is one entry: here the stored 销号人 column made editable."""
    import dataclasses

    from PySide6.QtCore import Qt

    from desktop.ledger import fields
    from tests.helpers.typing import commit_text

    editable = tuple(
        dataclasses.replace(f, editor="line") if f.key == "closed_by" else f
        for f in fields.NODE_FIELDS
    )
    monkeypatch.setattr(fields, "NODE_FIELDS", editable)
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    assert "销号人" in row_labels(window.editor.task_form)
    window.select_node(load_plan(plan_id).nodes[0].children[0].id)
    edit = window.editor.task_fields["closed_by"]
    edit.setFocus()
    commit_text(edit, "王某")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert load_plan(plan_id).nodes[0].children[0].closed_by == "王某"
    assert window.undo_stack.undoText() == "修改销号人"
