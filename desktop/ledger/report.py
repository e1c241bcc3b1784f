"""The ledger summary as of a date, from the database: one function the command line
(`report`), the dashboard and the 通报 share, so they always agree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from db.ledger_queries import (
    extension_events,
    responsibility_changes,
    status_events,
    task_facts,
)
from db.ledger_records import TaskFacts
from db.queries import load_directory
from desktop.ledger.history import facts_as_of
from desktop.ledger.statistics import Difference, Summary, compare, summarize


def tasks_as_of(
    as_of: date, plan_ids: Iterable[int] | None = None, today: date | None = None
) -> list[TaskFacts]:
    """Every task as it stood on `as_of`: today or later is the current state; an earlier
    date is reconstructed from the status history, the extensions and the 修改记录 of its
    leaders and lead units."""
    plans = None if plan_ids is None else list(plan_ids)
    tasks = task_facts(plans)
    if as_of >= (today or date.today()):
        return tasks
    return facts_as_of(
        tasks,
        status_events(plan_ids=plans),
        extension_events(plan_ids=plans),
        as_of,
        responsibility_changes(as_of, plan_ids=plans),
        load_directory().unit_names_by_alias(),
    )


def ledger_summary(
    as_of: date | None = None, plan_ids: Iterable[int] | None = None, today: date | None = None
) -> Summary:
    today = today or date.today()
    as_of = as_of or today
    return summarize(tasks_as_of(as_of, plan_ids, today), as_of)


GROUPINGS = {"plan": "按方案", "unit": "按牵头单位", "leader": "按牵头领导"}


@dataclass(frozen=True)
class OverdueTask:
    task: TaskFacts
    days_over: int


@dataclass
class Dashboard:
    """What the dashboard, the 通报 and `report` show for one date (and an earlier one)."""

    summary: Summary
    earlier: Summary | None
    by: str
    groups: list[Difference]
    overdue: list[OverdueTask] = field(default_factory=list)


def dashboard(
    as_of: date | None = None,
    earlier: date | None = None,
    by: str = "unit",
    plan_ids: Iterable[int] | None = None,
    today: date | None = None,
) -> Dashboard:
    """The summary as of `as_of`, grouped `by` plan, unit or leader, compared with `earlier`
    (回头看) when given; the overdue tasks most overdue first."""
    if by not in GROUPINGS:
        raise ValueError(f"unknown grouping {by!r}")
    today = today or date.today()
    as_of = as_of or today
    ids = None if plan_ids is None else list(plan_ids)
    tasks = tasks_as_of(as_of, ids, today)
    summary = summarize(tasks, as_of)
    before = summarize(tasks_as_of(earlier, ids, today), earlier) if earlier else None
    groups = compare(before or Summary(as_of=as_of), summary, by)
    if before is None:
        groups = [d for d in groups if d.later.tasks]
    late = set(summary.overdue)
    overdue = sorted(
        (
            OverdueTask(task, (as_of - task.due_date).days)
            for task in tasks
            if task.id in late and task.due_date is not None
        ),
        key=lambda item: (-item.days_over, item.task.id),
    )
    return Dashboard(summary, before, by, groups, overdue)
