"""评议: votes 好 / 较好 / 一般 / 差, and the 好+较好 rate against the 80% line."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

ACCEPTANCE_RATE = 0.8  # compared in integers: (好 + 较好) × 5 < total × 4
VOTE_LABELS = {"good": "好", "fairly_good": "较好", "average": "一般", "poor": "差"}


@dataclass(frozen=True)
class Votes:
    good: int = 0
    fairly_good: int = 0
    average: int = 0
    poor: int = 0

    def __post_init__(self) -> None:
        if min(self.good, self.fairly_good, self.average, self.poor) < 0:
            raise ValueError("votes cannot be negative")

    @property
    def total(self) -> int:
        return self.good + self.fairly_good + self.average + self.poor

    @property
    def rate(self) -> float | None:
        """(好 + 较好) / all votes; None without votes."""
        return (self.good + self.fairly_good) / self.total if self.total else None

    @property
    def flagged(self) -> bool:
        """Under the 80% line: the rectification was not accepted."""
        return self.total > 0 and (self.good + self.fairly_good) * 5 < self.total * 4

    def verdict(self) -> str:
        rate = self.rate
        if rate is None:
            return "尚无评议票数"
        return f"好与较好率 {format_rate(rate)}，{'低于' if self.flagged else '达到'} 80%"


def format_rate(rate: float | None) -> str:
    """0.875 → 87.5%; None → —."""
    if rate is None:
        return "—"
    return f"{rate * 100:.1f}%".replace(".0%", "%")


@dataclass(frozen=True)
class EvaluationLine:
    """One 评议 as listed: whom (a plan's title or a leader), when, the votes."""

    subject: str
    date: datetime.date
    votes: Votes
    who: str = ""


def evaluation_lines(records, plan_titles: dict[int, str]) -> list[EvaluationLine]:
    """Evaluation records (db.ledger_records.EvaluationRecord), newest first."""
    lines = [
        EvaluationLine(
            subject=plan_titles.get(r.plan_id, f"方案 {r.plan_id}") if r.plan_id else r.leader,
            date=r.date,
            votes=Votes(r.good, r.fairly_good, r.average, r.poor),
            who=r.who,
        )
        for r in records
    ]
    return sorted(lines, key=lambda line: line.date, reverse=True)
