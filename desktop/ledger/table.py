"""The rows of the ledger view (every task across plans) and their filters, Qt-free.

Each row carries precomputed search keys: its text in lower case, and the pinyin initials of
its title, leaders and units (every reading of a polyphonic character counts), so a keystroke
filters 50,000 rows with plain substring tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from itertools import islice, product

from db.ledger_records import TaskFacts
from desktop.ledger.overdue import (
    DEFAULT_BUCKETS,
    FAR,
    NEAR,
    NO_DEADLINE,
    OVERDUE,
    Buckets,
    days_left,
    light,
    urgency,
)
from desktop.ledger.pinyin_match import readings

MAX_VARIANTS = 16  # initials spellings kept per text when characters have several readings
WINDOWS = {
    "all": "全部期限",
    OVERDUE: "已超期",
    NEAR: "即将到期",  # within buckets.near days
    FAR: "临近到期",  # within buckets.far days (and not within near)
    "soon": "到期前（含超期）",  # overdue, near or far
    NO_DEADLINE: "无时限",
}


@dataclass
class LedgerRow:
    task: TaskFacts
    urgency: str
    light: str | None
    days_left: int | None
    latest_progress: str = ""
    search_key: str = ""  # lower-case text, then the pinyin initials, parts on their own lines

    @property
    def id(self) -> int:
        return self.task.id


@dataclass(frozen=True)
class LedgerFilter:
    plan_id: int | None = None
    unit: str = ""
    leader: str = ""
    status: str = ""
    window: str = "all"
    text: str = ""


@dataclass
class Choices:
    """What the filter boxes offer: plans (id, title), units and leaders in use."""

    plans: list[tuple[int, str]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)


@cache
def _initials(char: str) -> str:
    """The distinct initial letters of a character's readings, the usual reading first."""
    return "".join(dict.fromkeys(r[0] for r in readings(char)))


@lru_cache(maxsize=65536)
def initials_variants(text: str) -> tuple[str, ...]:
    """The pinyin initials of `text`, one spelling per combination of readings, the usual
    readings first (bounded: a long title keeps its first spellings only)."""
    letters = [found for found in map(_initials, text) if found]
    if all(len(options) == 1 for options in letters):
        return ("".join(letters),) if letters else ()
    return tuple("".join(p) for p in islice(product(*letters), MAX_VARIANTS))


def make_row(
    task: TaskFacts,
    as_of: date,
    buckets: Buckets = DEFAULT_BUCKETS,
    latest_progress: str = "",
) -> LedgerRow:
    parts = (task.title, *task.leaders, *task.lead_units)
    text = "\n".join(
        (task.title, task.plan_title, *task.leaders, *task.lead_units, task.deadline_text,
         latest_progress)
    ).lower()  # fmt: skip
    initials = "\n".join(v for part in parts for v in initials_variants(part))
    key = f"{text}\n{initials}"
    return LedgerRow(
        task=task,
        urgency=urgency(task.status, task.due_date, as_of, buckets),
        light=light(task.status, task.due_date, as_of, buckets),
        days_left=days_left(task.due_date, as_of),
        latest_progress=latest_progress,
        search_key=key,
    )


def make_rows(
    tasks: Iterable[TaskFacts],
    as_of: date,
    buckets: Buckets = DEFAULT_BUCKETS,
    progress: dict[int, str] | None = None,
) -> list[LedgerRow]:
    progress = progress or {}
    return [make_row(task, as_of, buckets, progress.get(task.id, "")) for task in tasks]


def choices(rows: Sequence[LedgerRow]) -> Choices:
    plans = dict((row.task.plan_id, row.task.plan_title) for row in rows)
    units = dict.fromkeys(unit for row in rows for unit in row.task.lead_units)
    leaders = dict.fromkeys(name for row in rows for name in row.task.leaders)
    return Choices(list(plans.items()), sorted(units), sorted(leaders))


def normalized(text: str) -> str:
    """Typed search text as matched: no white space, lower case."""
    return "".join(text.split()).lower()


def passes(row: LedgerRow, wanted: LedgerFilter) -> bool:
    """Every filter but the text."""
    task = row.task
    if wanted.plan_id is not None and task.plan_id != wanted.plan_id:
        return False
    if wanted.status and task.status != wanted.status:
        return False
    windows = {"soon": (OVERDUE, NEAR, FAR), "all": None}.get(wanted.window, (wanted.window,))
    if windows is not None and row.urgency not in windows:
        return False
    if wanted.unit and wanted.unit not in task.lead_units:
        return False
    return not (wanted.leader and wanted.leader not in task.leaders)


def filter_rows(
    rows: Sequence[LedgerRow],
    wanted: LedgerFilter,
    among: Iterable[int] | None = None,
    keys: Sequence[str] | None = None,
) -> list[int]:
    """Positions in `rows` (taken from `among`, in its order, when given) of the rows that
    pass every filter.  The text matches the words or the pinyin initials of a row: one
    substring test on its precomputed key (`keys`: the rows' search keys, kept by a caller
    that filters often)."""
    positions = range(len(rows)) if among is None else among
    if (
        wanted.plan_id is not None
        or wanted.status
        or wanted.unit
        or wanted.leader
        or (wanted.window != "all")
    ):
        positions = [p for p in positions if passes(rows[p], wanted)]
    typed = normalized(wanted.text)
    if typed:
        keys = keys if keys is not None else [row.search_key for row in rows]
        positions = [p for p in positions if typed in keys[p]]
    return list(positions)
