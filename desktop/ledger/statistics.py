"""Statistics of the ledger: counts by status, and totals, done, closed, overdue and the
completion rate by plan, lead unit and leader, as of a chosen date; two dates compared.

A task counts once for each of its lead units and each of its leaders.  The completion rate
is (done + closed) / tasks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from db.ledger_records import TaskFacts
from desktop.ledger.overdue import is_overdue
from desktop.ledger.status import STATUSES

NO_UNIT = "（未明确牵头单位）"
NO_LEADER = "（未明确牵头领导）"


@dataclass
class Tally:
    tasks: int = 0
    done: int = 0
    closed: int = 0
    overdue: int = 0

    def add(self, status: str, overdue: bool) -> None:
        self.tasks += 1
        self.done += status == "done"
        self.closed += status == "closed"
        self.overdue += overdue

    @property
    def completion_rate(self) -> float | None:
        """(done + closed) / tasks; None without tasks."""
        return (self.done + self.closed) / self.tasks if self.tasks else None

    def as_dict(self) -> dict[str, int]:
        return {"tasks": self.tasks, "done": self.done, "closed": self.closed,
                "overdue": self.overdue}  # fmt: skip


@dataclass
class Summary:
    """The ledger as it stood on `as_of`."""

    as_of: date
    total: Tally = field(default_factory=Tally)
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    overdue: list[int] = field(default_factory=list)
    by_plan: dict[int, Tally] = field(default_factory=dict)
    plan_titles: dict[int, str] = field(default_factory=dict)
    by_unit: dict[str, Tally] = field(default_factory=dict)
    by_leader: dict[str, Tally] = field(default_factory=dict)

    def as_json(self) -> dict:
        """The `report --json` shape of ../shared/CLI.md."""
        return {
            "as_of": self.as_of.isoformat(),
            "tasks": self.total.tasks,
            "by_status": dict(self.by_status),
            "overdue": list(self.overdue),
            "by_unit": {name: tally.as_dict() for name, tally in self.by_unit.items()},
            "by_leader": {name: tally.as_dict() for name, tally in self.by_leader.items()},
        }


def summarize(tasks: Iterable[TaskFacts], as_of: date) -> Summary:
    """Counts of `tasks` (already as they stood on `as_of`, see history.facts_as_of)."""
    summary = Summary(as_of=as_of)
    for task in tasks:
        late = is_overdue(task.status, task.due_date, as_of)
        summary.total.add(task.status, late)
        summary.by_status[task.status] = summary.by_status.get(task.status, 0) + 1
        if late:
            summary.overdue.append(task.id)
        summary.plan_titles.setdefault(task.plan_id, task.plan_title)
        summary.by_plan.setdefault(task.plan_id, Tally()).add(task.status, late)
        for unit in dict.fromkeys(task.lead_units or (NO_UNIT,)):
            summary.by_unit.setdefault(unit, Tally()).add(task.status, late)
        for leader in dict.fromkeys(task.leaders or (NO_LEADER,)):
            summary.by_leader.setdefault(leader, Tally()).add(task.status, late)
    summary.overdue.sort()
    return summary


@dataclass(frozen=True)
class Difference:
    """One group on two dates: earlier and later tallies (zero where it had no tasks)."""

    name: str
    earlier: Tally
    later: Tally

    @property
    def newly_finished(self) -> int:
        return (self.later.done + self.later.closed) - (self.earlier.done + self.earlier.closed)

    @property
    def overdue_change(self) -> int:
        return self.later.overdue - self.earlier.overdue


def compare(earlier: Summary, later: Summary, by: str = "unit") -> list[Difference]:
    """回头看: each group (`by` "plan", "unit" or "leader") on both dates, in the order the
    later summary lists them, then groups only the earlier one had."""
    first, second = (getattr(s, f"by_{by}") for s in (earlier, later))
    names = list(dict.fromkeys([*second, *first]))
    titles = {**earlier.plan_titles, **later.plan_titles}
    return [
        Difference(
            name=titles.get(name, str(name)) if by == "plan" else name,
            earlier=first.get(name, Tally()),
            later=second.get(name, Tally()),
        )
        for name in names
    ]
