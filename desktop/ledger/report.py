"""The ledger summary as of a date, from the database: one function the command line
(`report`), the dashboard and the 通报 share, so they always agree."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from db.ledger_queries import extension_events, status_events, task_facts
from db.ledger_records import TaskFacts
from desktop.ledger.history import facts_as_of
from desktop.ledger.statistics import Summary, summarize


def tasks_as_of(
    as_of: date, plan_ids: Iterable[int] | None = None, today: date | None = None
) -> list[TaskFacts]:
    """Every task as it stood on `as_of`: today or later is the current state; an earlier
    date is reconstructed from the status history and the extensions."""
    tasks = task_facts(plan_ids)
    if as_of >= (today or date.today()):
        return tasks
    ids = [task.id for task in tasks]
    return facts_as_of(tasks, status_events(ids), extension_events(ids), as_of)


def ledger_summary(
    as_of: date | None = None, plan_ids: Iterable[int] | None = None, today: date | None = None
) -> Summary:
    today = today or date.today()
    as_of = as_of or today
    return summarize(tasks_as_of(as_of, plan_ids, today), as_of)
