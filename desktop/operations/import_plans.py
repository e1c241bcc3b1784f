"""Save a plan-parse/1 result (all plans or chosen ones) as new plans, in one transaction.

Rows are collected first and written with one prepared statement per table (import_rows.py);
node ids are reserved first (db.ids: after the largest on a file, from the sequence on a
server, where other clerks import at the same time), so children can name their parents
without a round trip per node.  Directory names are resolved once per import."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from peewee import fn

from db.directory import person_for_name, unit_for_name
from db.ledger_models import FieldChange
from db.models import NODE_KINDS, Node, Plan, TaskLeader, TaskUnit, database
from db.queries import load_directory
from desktop.ledger.clerk import current_clerk
from desktop.ledger.deadlines import deadline_date, is_ongoing
from desktop.ledger.history import IMPORT_FIELD, import_note
from desktop.ledger.numbering import published_label
from desktop.operations import Change, OperationError
from desktop.operations.import_rows import NameCache, insert_rows

NODE_COLUMNS = (
    "id", "plan", "parent", "position", "kind", "title", "text", "problem", "goal",
    "deadline_text", "due_date", "status", "closed_by", "remarks", "created_at", "updated_at",
    "number",
)  # fmt: skip


@dataclass(frozen=True)
class ImportedPlan:
    """A plan saved by an import."""

    id: int
    title: str
    tasks: int


def known_units() -> dict[str, str]:
    """Every unit name and alias in the directory → the unit's name, for the parser."""
    return load_directory().unit_names_by_alias()


def import_plans(
    parse: dict,
    chosen: Sequence[int] | None = None,
    year: int | None = None,
    fallback_title: str = "",
) -> tuple[list[ImportedPlan], Change]:
    """Save the plans of `parse` (indexes `chosen`, default all) as new plans.

    `year` overrides each plan's year and re-reads relative deadlines (9月底前) with it.
    Tasks whose deadline says 长期坚持 get status ongoing.  Every node keeps the number the
    document gave it (the parse's `number`: （二）, 三、, 4.).  Everything is one transaction:
    on any error nothing is saved.
    """
    plans = parse.get("plans") or []
    indexes = list(range(len(plans))) if chosen is None else list(chosen)
    if not indexes:
        raise OperationError("没有选择要导入的方案")
    for index in indexes:
        if not 0 <= index < len(plans):
            raise OperationError(f"要导入的第{index + 1}个方案不存在")
    results: list[ImportedPlan] = []
    with database.atomic():
        position = Plan.select(fn.MAX(Plan.position)).scalar() or 0
        names = NameCache(person_for_name, unit_for_name)
        next_id = _reserve_node_ids(plans, indexes)  # an iterator, handed from plan to plan
        stamp = datetime.now().replace(microsecond=0).isoformat(" ")
        who = current_clerk()
        for index in indexes:
            plan = plans[index]
            title = (plan.get("title") or "").strip() or fallback_title.strip()
            if not title:
                raise OperationError(f"第{index + 1}个方案没有名称，请先填写方案名称")
            plan_year = year if year is not None else plan.get("year")
            position += 1
            row = Plan.create(title=title, year=plan_year, position=position)
            saver = _Saver(row.id, plan_year, year is not None, names, next_id, stamp)
            saver.history = (import_note(title, str(parse.get("source") or "")), who)
            saver.save(plan.get("nodes") or [], None)
            saver.write()
            next_id = saver.next_id
            results.append(ImportedPlan(row.id, title, saver.tasks))
    return results, Change(plans=frozenset(r.id for r in results), directory=True)


def _reserve_node_ids(plans: list[dict], indexes: list[int]) -> Iterator[int]:
    """The ids of every node the chosen plans hold, reserved before they are written."""
    from db.ids import reserve_ids

    def count(nodes: list[dict] | None) -> int:
        return sum(1 + count(item.get("children")) for item in nodes or [])

    return iter(reserve_ids(Node, sum(count(plans[i].get("nodes")) for i in indexes)))


class _Saver:
    """Collects the rows of one plan's tree, then writes them."""

    def __init__(
        self,
        plan_id: int,
        plan_year: int | None,
        reread_deadlines: bool,
        names: NameCache,
        next_id: Iterator[int],
        stamp: str,
    ) -> None:
        self.plan_id = plan_id
        self.plan_year = plan_year
        self.reread = reread_deadlines
        self.names = names
        self.next_id = next_id
        self.stamp = stamp
        self.tasks = 0
        self._node_rows: list[tuple] = []  # parents before children, as inserted
        self._leader_rows: list[tuple] = []
        self._unit_rows: list[tuple] = []
        self._task_ids: list[int] = []
        self.history = ("", "")  # each task's 导入 entry: (note, who)

    def save(self, nodes: list[dict], parent_id: int | None) -> None:
        for position, item in enumerate(nodes):
            kind = item.get("kind") or "section"
            if kind not in NODE_KINDS:
                raise OperationError(f"无法识别的条目类型“{kind}”：{item.get('title', '')}")
            deadline_text = (item.get("deadline_text") or "").strip()
            due = self._due(item, deadline_text)
            node_id = next(self.next_id)
            self._node_rows.append(
                (
                    node_id,
                    self.plan_id,
                    parent_id,
                    position,
                    kind,
                    (item.get("title") or "").strip(),
                    item.get("text") or "",
                    item.get("problem") or "",
                    item.get("goal") or "",
                    deadline_text,
                    due.isoformat() if due is not None else None,
                    "ongoing" if kind == "task" and is_ongoing(deadline_text) else "not_started",
                    "",
                    "",
                    self.stamp,
                    self.stamp,
                    published_label(str(item.get("number") or "")),
                )
            )
            if kind == "task":
                self.tasks += 1
                self._task_ids.append(node_id)
            self._responsibilities(node_id, item)
            self.save(item.get("children") or [], node_id)

    def _due(self, item: dict, deadline_text: str) -> date | None:
        if self.reread and deadline_text:
            again = deadline_date(deadline_text, self.plan_year)
            if again:
                return again
        value = item.get("due_date")
        if not value:
            return None
        try:
            return date.fromisoformat(value) if isinstance(value, str) else value
        except ValueError:
            raise OperationError(
                f"“{item.get('title') or deadline_text}”的完成日期“{value}”无效"
            ) from None

    def _responsibilities(self, node_id: int, item: dict) -> None:
        seen_people: set[int] = set()
        for name in item.get("leaders") or []:
            if not str(name).strip():
                continue
            person_id = self.names.person(str(name))
            if person_id in seen_people:
                continue
            seen_people.add(person_id)
            self._leader_rows.append((node_id, person_id, len(seen_people) - 1))
        for role, key in (("lead", "lead_units"), ("support", "support_units")):
            seen: set[int] = set()
            for entry in item.get(key) or []:
                name = entry.get("name") if isinstance(entry, dict) else entry
                if not name or not str(name).strip():
                    continue
                unit_id = self.names.unit(str(name))
                if unit_id in seen:
                    continue
                seen.add(unit_id)
                contact = (entry.get("contact") if isinstance(entry, dict) else None) or ""
                self._unit_rows.append((node_id, unit_id, role, contact, len(seen) - 1))

    def write(self) -> None:
        """Insert the collected nodes, their leader and unit links, and each task's 导入 entry."""
        note, who = self.history
        insert_rows(Node, NODE_COLUMNS, self._node_rows)
        insert_rows(TaskLeader, ("node", "person", "position"), self._leader_rows)
        insert_rows(TaskUnit, ("node", "unit", "role", "contact", "position"), self._unit_rows)
        history = [(i, IMPORT_FIELD, "", note, who, self.stamp) for i in self._task_ids]
        insert_rows(
            FieldChange, ("node", "field", "old_value", "new_value", "who", "changed_at"), history
        )
