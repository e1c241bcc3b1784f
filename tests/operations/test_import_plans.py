"""Saving a parse: the saved tree equals the parse; a failure leaves the database unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from db.queries import load_plans, plan_summaries
from desktop.importing import parse_text
from desktop.operations import OperationError
from desktop.operations.import_plans import import_plans, known_units
from tests.importing.test_layouts import LAYOUT_A, LAYOUT_C

TWO_PLANS = (
    "某市人大常委会党组整改方案\n"
    "（一）改进监督\n"
    "1. 突出重点。精选议题。（张三同志负责，市人大常委会办公室、研究室牵头办理）\n"
    "某市政协党组整改方案\n"
    "1. 改进协商。提高质量。\n"
    "牵头领导：李四\n责任单位：市政协办公室\n配合单位：提案委\n完成时限：长期坚持\n"
)


def _as_parse(record_nodes) -> list[dict]:
    """Saved records in the parse's shape (number is not stored: it follows positions)."""
    result = []
    for node in record_nodes:
        result.append(
            {
                "kind": node.kind,
                "title": node.title,
                "text": node.text,
                "problem": node.problem,
                "goal": node.goal,
                "leaders": node.leaders,
                "lead_units": [
                    {"name": u.name, "contact": u.contact or None} for u in node.lead_units
                ],
                "support_units": [
                    {"name": u.name, "contact": u.contact or None} for u in node.support_units
                ],
                "deadline_text": node.deadline_text,
                "due_date": node.due_date.isoformat() if node.due_date else None,
                "children": _as_parse(node.children),
            }
        )
    return result


def _without_numbers(nodes: list[dict]) -> list[dict]:
    return [
        {
            **{k: v for k, v in n.items() if k != "number"},
            "children": _without_numbers(n["children"]),
        }
        for n in nodes
    ]


@pytest.mark.parametrize("text", [LAYOUT_A, LAYOUT_C, TWO_PLANS])
def test_saved_tree_equals_the_parse(database, text):
    parse = parse_text(text, year=2014)
    saved, change = import_plans(parse)
    assert [p.title for p in saved] == [p["title"] for p in parse["plans"]]
    records = load_plans([p.id for p in saved])
    for record, plan in zip(records, parse["plans"], strict=True):
        assert record.year == plan["year"]
        assert _as_parse(record.nodes) == _without_numbers(plan["nodes"])
    assert change.plans == frozenset(p.id for p in saved)
    assert [(s.title, s.tasks) for s in plan_summaries()] == [(p.title, p.tasks) for p in saved]


def test_ongoing_status_from_long_term_deadline(database):
    saved, _ = import_plans(parse_text(TWO_PLANS))
    (record,) = load_plans([saved[1].id])
    (task,) = record.tasks()
    assert task.status == "ongoing"
    assert task.due_date is None
    (first,) = load_plans([saved[0].id])[0].tasks()
    assert first.status == "not_started"


def test_chosen_plans_and_year_override_rereads_relative_deadlines(database):
    text = "某局整改方案\n（一）改进文风。\n牵头领导：张三\n完成时限：9月底前\n"
    parse = parse_text(text, year=2014)
    assert parse["plans"][0]["nodes"][0]["due_date"] == "2014-09-30"
    saved, _ = import_plans(parse, chosen=[0], year=2016)
    (record,) = load_plans([saved[0].id])
    assert record.year == 2016
    assert record.tasks()[0].due_date == date(2016, 9, 30)


def test_only_the_chosen_plan_is_saved(database):
    saved, _ = import_plans(parse_text(TWO_PLANS), chosen=[1])
    assert [p.title for p in saved] == ["某市政协党组整改方案"]
    assert [s.title for s in plan_summaries()] == ["某市政协党组整改方案"]


def test_units_and_people_resolve_through_the_directory(database):
    import_plans(parse_text(TWO_PLANS))
    import_plans(parse_text(TWO_PLANS, known_units=known_units()))
    names = known_units()
    assert sorted(names) == sorted(
        ["市人大常委会办公室", "市人大常委会研究室", "市政协办公室", "提案委"]
    )


def test_failure_midway_leaves_the_database_unchanged(database):
    import_plans(parse_text(LAYOUT_A))
    before = [(s.id, s.title, s.tasks) for s in plan_summaries()]
    units_before = known_units()
    parse = parse_text(TWO_PLANS)
    # the second plan's task carries a date no calendar has: found only while saving it
    parse["plans"][1]["nodes"][0]["due_date"] = "2014-02-30"
    with pytest.raises(OperationError, match="2014-02-30"):
        import_plans(parse)
    assert [(s.id, s.title, s.tasks) for s in plan_summaries()] == before
    assert known_units() == units_before


def test_untitled_plan_takes_the_fallback_title_or_is_refused(database):
    parse = parse_text("1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n")
    with pytest.raises(OperationError, match="名称"):
        import_plans(parse)
    assert plan_summaries() == []
    saved, _ = import_plans(parse, fallback_title="文件名")
    assert saved[0].title == "文件名"
