from __future__ import annotations

from datetime import date

from db.records import NodeRecord, UnitRef
from desktop.ledger.rules import is_overdue, missing_four_haves


def task(**fields) -> NodeRecord:
    return NodeRecord(id=1, plan_id=1, parent_id=None, position=0, kind="task", **fields)


def test_complete_task_misses_nothing():
    complete = task(goal="见效", text="措施", leaders=["王某"], due_date=date(2014, 9, 30))
    assert missing_four_haves(complete) == []


def test_empty_task_misses_all_four():
    assert missing_four_haves(task()) == ["整改目标", "整改措施", "牵头领导或牵头单位", "完成时限"]


def test_measure_children_and_lead_unit_and_ongoing_count():
    measure = NodeRecord(id=2, plan_id=1, parent_id=1, position=0, kind="measure")
    t = task(goal="见效", lead_units=[UnitRef("办公室")], status="ongoing", children=[measure])
    assert missing_four_haves(t) == []


def test_sections_are_not_checked():
    section = NodeRecord(id=1, plan_id=1, parent_id=None, position=0, kind="section")
    assert missing_four_haves(section) == []


def test_overdue_only_when_open_and_past_due():
    today = date(2014, 10, 1)
    assert is_overdue(task(due_date=date(2014, 9, 30)), today)
    assert not is_overdue(task(due_date=date(2014, 10, 1)), today)
    assert not is_overdue(task(due_date=date(2014, 9, 30), status="done"), today)
    assert not is_overdue(task(due_date=date(2014, 9, 30), status="ongoing"), today)
    assert not is_overdue(task(), today)


def test_lights_red_yellow_green():
    from desktop.ledger.rules import light_of

    today = date(2014, 9, 25)
    assert light_of(task(due_date=date(2014, 9, 24)), today) == "red"
    assert light_of(task(due_date=date(2014, 10, 5)), today) == "yellow"
    assert light_of(task(due_date=date(2014, 10, 6)), today) is None
    assert light_of(task(due_date=date(2014, 9, 24), status="closed"), today) == "green"
    assert light_of(task(due_date=date(2014, 9, 24), status="ongoing"), today) is None
