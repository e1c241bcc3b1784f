"""The node and plan objects the parser builds, and their plan-parse/1 dictionaries."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.importing.units import Unit

SECTION, TASK, MEASURE = "section", "task", "measure"


@dataclass(eq=False)
class Node:
    """One numbered heading (or an untitled task) and what was read under it."""

    line: int
    number: str = ""
    rank: int | None = None
    style: str = ""
    value: int = 0
    title: str = ""
    text: str = ""
    problem: str = ""
    goal: str = ""
    leaders: list[str] = field(default_factory=list)
    lead_units: list[Unit] = field(default_factory=list)
    support_units: list[Unit] = field(default_factory=list)
    deadline_text: str = ""
    due_date: str | None = None
    children: list[Node] = field(default_factory=list)
    kind: str = ""
    forced_task: bool = False  # a table row or an untitled task: a task whatever its rank
    has_resp: bool = False  # a trailer or a responsibility label was read for it
    closed: bool = False  # its trailer was read: later loose text is not its own
    field_name: str = "text"  # the labelled field running text continues
    # units read under 责任单位: lead units, or supporting ones when 牵头单位 are named too
    responsible_units: list[Unit] = field(default_factory=list)

    def settle_responsible_units(self) -> None:
        """Place the 责任单位 once every label of the node has been read."""
        target = self.support_units if self.lead_units else self.lead_units
        for unit in self.responsible_units:
            if all(existing.name != unit.name for existing in target):
                target.append(unit)
        self.responsible_units = []

    def add_text(self, field_name: str, value: str) -> None:
        value = value.strip()
        if not value:
            return
        old = getattr(self, field_name)
        setattr(self, field_name, f"{old}\n{value}" if old else value)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind or SECTION,
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "problem": self.problem,
            "goal": self.goal,
            "leaders": list(self.leaders),
            "lead_units": [unit.to_dict() for unit in self.lead_units],
            "support_units": [unit.to_dict() for unit in self.support_units],
            "deadline_text": self.deadline_text,
            "due_date": self.due_date,
            "children": [child.to_dict() for child in self.children],
        }

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(eq=False)
class Plan:
    """One plan of the document."""

    title: str = ""
    line: int = 0
    year: int | None = None
    issue_year: int | None = None  # from a date alone on a line (成文日期)
    nodes: list[Node] = field(default_factory=list)
    top_values: list[int] = field(default_factory=list)  # 一、二、… seen, to notice a restart

    def walk(self):
        for node in self.nodes:
            yield from node.walk()

    def to_dict(self) -> dict[str, object]:
        return {
            "title": self.title,
            "year": self.year,
            "nodes": [node.to_dict() for node in self.nodes],
        }
