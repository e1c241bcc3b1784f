"""Overdue and due-soon as of a chosen date, and the lights that show them.

A task is overdue when its due date is before the chosen date and it is neither done,
closed nor ongoing (长期坚持 has no end).  Open tasks fall into due-soon buckets: due within
`near` days (default 10) → red, within `far` days (default 20) → yellow, later → green.
Overdue tasks are red as well; finished tasks are green; ongoing tasks and tasks without a
due date have no light.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.ledger.status import FINISHED_STATUSES, NEVER_OVERDUE

OVERDUE, NEAR, FAR, LATER, FINISHED, NO_DEADLINE = (
    "overdue", "near", "far", "later", "finished", "no_deadline",
)  # fmt: skip
LIGHTS = {OVERDUE: "red", NEAR: "red", FAR: "yellow", LATER: "green", FINISHED: "green"}
URGENCY_LABELS = {
    OVERDUE: "超期",
    NEAR: "即将到期",
    FAR: "临近到期",
    LATER: "正常推进",
    FINISHED: "已完成",
    NO_DEADLINE: "无时限",
}


@dataclass(frozen=True)
class Buckets:
    """The due-soon windows in days (configurable per office)."""

    near: int = 10
    far: int = 20

    def __post_init__(self) -> None:
        if not 0 <= self.near <= self.far:
            raise ValueError("bucket days must satisfy 0 <= near <= far")


DEFAULT_BUCKETS = Buckets()


def is_overdue(status: str, due: date | None, as_of: date) -> bool:
    """Due before `as_of` and not done, closed or ongoing."""
    return due is not None and due < as_of and status not in NEVER_OVERDUE


def days_left(due: date | None, as_of: date) -> int | None:
    """Days from `as_of` to the due date (negative when past), None without a due date."""
    return None if due is None else (due - as_of).days


def urgency(status: str, due: date | None, as_of: date, buckets: Buckets = DEFAULT_BUCKETS) -> str:
    """One of OVERDUE, NEAR, FAR, LATER, FINISHED, NO_DEADLINE."""
    if status in FINISHED_STATUSES:
        return FINISHED
    if due is None or status == "ongoing":
        return NO_DEADLINE
    left = (due - as_of).days
    if left < 0:
        return OVERDUE
    if left <= buckets.near:
        return NEAR
    if left <= buckets.far:
        return FAR
    return LATER


def light(
    status: str, due: date | None, as_of: date, buckets: Buckets = DEFAULT_BUCKETS
) -> str | None:
    """ "red", "yellow", "green" or None (ongoing, no due date)."""
    return LIGHTS.get(urgency(status, due, as_of, buckets))
