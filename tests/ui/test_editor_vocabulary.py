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
    assert row_labels(editor.task_page) == edited(NodeKind.TASK)
    assert row_labels(editor.section_page) == edited(NodeKind.SECTION) == ["标题", "内容"]
    assert row_labels(editor.task_page)[:4] == ["任务名称", "存在问题", "整改目标", "整改措施"]
    statuses = [editor.task_status.itemText(i) for i in range(editor.task_status.count())]
    assert statuses == [status.label for status in Status]
    kinds = [editor.task_kind.itemData(i) for i in range(editor.task_kind.count())]
    assert kinds == [kind.value for kind in NodeKind]
    window.select_node(load_plan(plan_id).nodes[0].id)
    assert editor.pages.currentWidget() is editor.section_page
