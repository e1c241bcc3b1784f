"""One vocabulary: node kinds, statuses and the field registry agree with what is stored,
with PRODUCT.md's words and with the exporter's columns."""

from __future__ import annotations

import pytest

from db.models import NODE_KINDS, STATUSES, Node
from db.records import NodeRecord, PlanRecord, UnitRef
from desktop.exporting.columns import BY_KEY
from desktop.ledger.fields import (
    NODE_FIELDS,
    edit_text,
    export_columns,
    fields_for,
    node_field,
    plan_edit_text,
    search_texts,
    searchable_fields,
    stored_node_keys,
)
from desktop.ledger.kinds import STATUS_LABELS, NodeKind, Status
from desktop.ledger.rules import FINISHED_STATUSES, OPEN_STATUSES


def test_enums_hold_exactly_the_stored_values():
    assert tuple(kind.value for kind in NodeKind) == NODE_KINDS
    assert tuple(status.value for status in Status) == STATUSES


def test_statuses_carry_the_product_labels_and_behaviour():
    assert [s.label for s in Status] == ["未启动", "推进中", "已完成", "已销号", "长期坚持"]
    assert STATUS_LABELS["closed"] == "已销号"
    assert OPEN_STATUSES == ("not_started", "in_progress")
    assert FINISHED_STATUSES == ("done", "closed")
    assert not Status.ONGOING.needs_deadline and Status.DONE.needs_deadline
    assert Status.from_label(" 推进中 ") is Status.IN_PROGRESS
    assert Status.from_label("办结") is None


def test_only_tasks_carry_responsibility():
    assert [k for k in NodeKind if k.has_responsibility] == [NodeKind.TASK]
    assert [k.label for k in NodeKind] == ["部分", "任务", "措施"]
    assert NodeKind.SECTION.child_kind is NodeKind.TASK
    assert NodeKind.TASK.child_kind is NodeKind.MEASURE
    assert NodeKind("task") == "task"  # a StrEnum compares equal to what is stored
    with pytest.raises(ValueError):
        NodeKind("chapter")


def test_every_stored_node_column_is_registered_and_every_registered_one_exists():
    columns = set(Node._meta.fields) - {"id", "plan", "parent", "position"}
    columns -= {"created_at", "updated_at", "version"}  # bookkeeping, not fields a clerk edits
    assert set(stored_node_keys()) == columns


def test_fields_by_kind():
    task_keys = [f.key for f in fields_for("task")]
    assert task_keys[:4] == ["title", "problem", "goal", "text"]
    assert {"leaders", "lead_units", "support_units", "deadline_text", "status"} <= set(task_keys)
    assert [f.key for f in fields_for(NodeKind.SECTION)] == ["title", "text", "kind"]
    assert node_field("text").label_for("section") == "内容"
    assert node_field("text").label_for("task") == "整改措施"
    assert node_field("problem").multiline and not node_field("title").multiline


def test_undo_texts_come_from_the_registry():
    assert edit_text("task", "title") == "修改任务名称"
    assert edit_text("section", "title") == "修改部分标题"
    assert edit_text("measure", "text") == "修改措施内容"
    assert edit_text("task", "text") == "修改整改措施"
    assert edit_text("task", "due_date") == "修改完成时限"
    assert edit_text("task", "status") == "修改状态"
    assert plan_edit_text(["issuer"]) == "修改印发机关"
    assert plan_edit_text(["title", "year"]) == "修改方案属性"


def test_search_looks_in_texts_names_units_and_contacts():
    record = NodeRecord(
        id=1,
        plan_id=1,
        parent_id=None,
        position=0,
        kind="task",
        title="学习",
        goal="见效",
        deadline_text="年底前",
        leaders=["朱晓明"],
        lead_units=[UnitRef("办公室", "李红")],
        support_units=[UnitRef("研究室")],
    )
    assert set(search_texts(record)) == {
        "学习",
        "见效",
        "年底前",
        "朱晓明",
        "办公室",
        "李红",
        "研究室",
    }
    assert "status" not in {f.key for f in searchable_fields()}
    plan = PlanRecord(id=1, title="整改方案", issuer="市政府党组", notes="内部")
    assert list(search_texts(plan)) == ["整改方案", "市政府党组"]


EXPORT_KEYS = {"title": "task", "text": "measures", "deadline_text": "deadline"}


def test_export_headers_and_widths_match_the_exporter_catalogue():
    exported = export_columns()
    assert len(exported) == len({key for key, _, _ in exported}) >= 10
    for key, header, width in exported:
        column = BY_KEY[EXPORT_KEYS.get(key, key)]
        assert (column.header, column.width) == (header, width)


def test_every_field_has_a_chinese_label():
    for field in NODE_FIELDS:
        assert field.label and not field.label.isascii()
