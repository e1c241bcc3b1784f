"""回头看 from history, statistics and evaluation rates (pure rules, no database)."""

from __future__ import annotations

from datetime import date

from db.ledger_records import ExtensionEvent, StatusEvent, TaskFacts
from desktop.ledger.evaluation import Votes, format_rate
from desktop.ledger.history import due_as_of, facts_as_of, status_as_of
from desktop.ledger.statistics import NO_UNIT, compare, summarize


def event(n: int, on: date, old: str, new: str, node: int = 1) -> StatusEvent:
    return StatusEvent(id=n, node_id=node, date=on, from_status=old, to_status=new)


HISTORY = [
    event(1, date(2014, 9, 1), "not_started", "in_progress"),
    event(2, date(2014, 10, 15), "in_progress", "done"),
    event(3, date(2014, 10, 20), "done", "closed"),
    event(4, date(2014, 12, 1), "closed", "in_progress"),  # reopened after close-out
]


def test_status_as_of_follows_the_history():
    current = "in_progress"
    assert status_as_of(current, HISTORY, date(2014, 8, 31)) == "not_started"
    assert status_as_of(current, HISTORY, date(2014, 9, 1)) == "in_progress"
    assert status_as_of(current, HISTORY, date(2014, 10, 15)) == "done"
    assert status_as_of(current, HISTORY, date(2014, 11, 1)) == "closed"
    assert status_as_of(current, HISTORY, date(2014, 12, 1)) == "in_progress"
    assert status_as_of("ongoing", [], date(2000, 1, 1)) == "ongoing"


def test_two_changes_on_one_day_end_with_the_last_entered():
    events = [event(1, date(2014, 9, 1), "not_started", "done"),
              event(2, date(2014, 9, 1), "done", "in_progress")]  # fmt: skip
    assert status_as_of("in_progress", events, date(2014, 9, 1)) == "in_progress"
    assert status_as_of("in_progress", events, date(2014, 8, 31)) == "not_started"


def test_due_date_as_of_keeps_the_old_date_before_an_extension():
    extension = ExtensionEvent(
        id=1, node_id=1, date=date(2014, 9, 20), old_due_date=date(2014, 9, 30),
        new_due_date=date(2014, 12, 31),
    )  # fmt: skip
    current = date(2014, 12, 31)
    assert due_as_of(current, [extension], date(2014, 9, 19)) == date(2014, 9, 30)
    assert due_as_of(current, [extension], date(2014, 9, 20)) == current
    assert due_as_of(None, [], date(2014, 9, 20)) is None


def facts(task_id, status, due, units=("市政府办",), leaders=("张洪水",), plan=1):
    return TaskFacts(
        id=task_id, plan_id=plan, plan_title=f"方案{plan}", title=f"任务{task_id}",
        status=status, due_date=due, leaders=leaders, lead_units=units,
    )  # fmt: skip


def test_summary_counts_status_overdue_and_groups():
    as_of = date(2014, 11, 1)
    tasks = [
        facts(1, "not_started", date(2014, 10, 31)),  # overdue
        facts(2, "in_progress", date(2014, 11, 1)),  # due today: not overdue
        facts(3, "done", date(2014, 9, 30)),
        facts(4, "closed", date(2014, 9, 30), units=("市政府办", "市财政局")),
        facts(5, "ongoing", date(2014, 1, 1), units=(), leaders=(), plan=2),
    ]
    summary = summarize(tasks, as_of)
    assert summary.total.tasks == 5 and summary.overdue == [1]
    assert summary.by_status == {
        "not_started": 1, "in_progress": 1, "done": 1, "closed": 1, "ongoing": 1,
    }  # fmt: skip
    assert summary.by_unit["市政府办"].as_dict() == {
        "tasks": 4, "done": 1, "closed": 1, "overdue": 1,
    }  # fmt: skip
    assert summary.by_unit["市财政局"].tasks == 1 and summary.by_unit[NO_UNIT].tasks == 1
    assert summary.by_plan[1].completion_rate == 0.5
    assert summary.by_plan[2].completion_rate == 0.0
    assert summary.as_json()["by_leader"]["张洪水"]["tasks"] == 4


def test_report_as_of_a_past_date_and_the_comparison():
    tasks = [facts(1, "in_progress", date(2014, 10, 1)), facts(2, "closed", date(2014, 12, 31))]
    statuses = {
        1: [event(1, date(2014, 9, 1), "not_started", "in_progress", node=1)],
        2: [event(2, date(2014, 9, 5), "not_started", "done", node=2),
            event(3, date(2014, 11, 10), "done", "closed", node=2)],
    }  # fmt: skip
    early = summarize(facts_as_of(tasks, statuses, {}, date(2014, 9, 2)), date(2014, 9, 2))
    late = summarize(facts_as_of(tasks, statuses, {}, date(2014, 11, 20)), date(2014, 11, 20))
    assert early.by_status["not_started"] == 1 and early.by_status["in_progress"] == 1
    assert early.overdue == [] and late.overdue == [1]
    assert late.by_status["closed"] == 1
    (difference,) = compare(early, late, by="unit")
    assert difference.name == "市政府办"
    assert difference.newly_finished == 1 and difference.overdue_change == 1
    assert [d.name for d in compare(early, late, by="plan")] == ["方案1"]


def test_evaluation_rate_is_flagged_under_eighty_percent():
    assert Votes(good=40, fairly_good=40, average=15, poor=5).rate == 0.8
    assert not Votes(good=40, fairly_good=40, average=15, poor=5).flagged
    assert Votes(good=40, fairly_good=39, average=16, poor=5).flagged
    assert Votes().rate is None and not Votes().flagged
    assert format_rate(Votes(good=7, fairly_good=0, average=1, poor=0).rate) == "87.5%"
    assert format_rate(0.8) == "80%"
    assert "低于" in Votes(good=1, poor=1).verdict()
