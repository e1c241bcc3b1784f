"""Plain objects the layers above work with: no peewee, no Qt, safe to keep and pass around."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class UnitRef:
    """A unit named on a task, with the contact person given for it (may be empty)."""

    name: str
    contact: str = ""

    def label(self) -> str:
        """单位（联系人） as printed."""
        return f"{self.name}（{self.contact}）" if self.contact else self.name


@dataclass
class ProgressRecord:
    id: int
    node_id: int
    date: date
    text: str
    unit: str = ""
    recorded_at: datetime | None = None


@dataclass(eq=False)
class NodeRecord:
    """A section, task or measure with its responsibilities; `children` in order."""

    id: int
    plan_id: int
    parent_id: int | None
    position: int
    kind: str
    title: str = ""
    text: str = ""
    problem: str = ""
    goal: str = ""
    deadline_text: str = ""
    due_date: date | None = None
    status: str = "not_started"
    closed_at: datetime | None = None
    closed_by: str = ""
    remarks: str = ""
    number: str = ""  # as published (（二）, 三、, 4.); "": numbered live from its position
    version: int = 1  # the row version it was read at: a save names it (operations/conflicts.py)
    leaders: list[str] = field(default_factory=list)
    lead_units: list[UnitRef] = field(default_factory=list)
    support_units: list[UnitRef] = field(default_factory=list)
    latest_progress: ProgressRecord | None = None
    children: list[NodeRecord] = field(default_factory=list)

    def walk(self):
        """This node and all its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(eq=False)
class PlanRecord:
    id: int
    title: str
    issuer: str = ""
    year: int | None = None
    kind: str = ""
    notes: str = ""
    position: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    nodes: list[NodeRecord] = field(default_factory=list)

    def walk(self):
        """Every node of the plan, depth first."""
        for node in self.nodes:
            yield from node.walk()

    def tasks(self) -> list[NodeRecord]:
        return [node for node in self.walk() if node.kind == "task"]


@dataclass
class PlanSummary:
    id: int
    title: str
    tasks: int


@dataclass
class UnitRecord:
    id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    tasks: int = 0


@dataclass
class PersonRecord:
    id: int
    name: str
    post: str = ""
    unit: str = ""
    tasks: int = 0


@dataclass
class Directory:
    """The people and units known to the database."""

    units: list[UnitRecord] = field(default_factory=list)
    people: list[PersonRecord] = field(default_factory=list)

    def unit_names_by_alias(self) -> dict[str, str]:
        """Every unit name and alias → the unit's name."""
        mapping: dict[str, str] = {}
        for unit in self.units:
            mapping[unit.name] = unit.name
            for alias in unit.aliases:
                mapping[alias] = unit.name
        return mapping
