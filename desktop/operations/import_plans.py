"""Save a plan-parse/1 result (all plans or chosen ones) as new plans, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from peewee import fn

from db.directory import person_for_name, unit_for_name
from db.models import NODE_KINDS, Node, Plan, TaskLeader, TaskUnit, database
from db.queries import load_directory
from desktop.ledger.deadlines import deadline_date, is_ongoing
from desktop.operations import Change, OperationError


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
    Tasks whose deadline says 长期坚持 get status ongoing.  Everything is one transaction:
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
        for index in indexes:
            plan = plans[index]
            title = (plan.get("title") or "").strip() or fallback_title.strip()
            if not title:
                raise OperationError(f"第{index + 1}个方案没有名称，请先填写方案名称")
            plan_year = year if year is not None else plan.get("year")
            position += 1
            row = Plan.create(title=title, year=plan_year, position=position)
            saver = _Saver(row.id, plan_year, year is not None)
            saver.save(plan.get("nodes") or [], None)
            saver.write_links()
            results.append(ImportedPlan(row.id, title, saver.tasks))
    return results, Change(plans=frozenset(r.id for r in results), directory=True)


class _Saver:
    def __init__(self, plan_id: int, plan_year: int | None, reread_deadlines: bool) -> None:
        self.plan_id = plan_id
        self.plan_year = plan_year
        self.reread = reread_deadlines
        self.tasks = 0
        self._person_ids: dict[str, int] = {}  # names already resolved, so each costs once
        self._unit_ids: dict[str, int] = {}
        self._leader_rows: list[dict] = []  # inserted together by write_links
        self._unit_rows: list[dict] = []

    def save(self, nodes: list[dict], parent_id: int | None) -> None:
        for position, item in enumerate(nodes):
            kind = item.get("kind") or "section"
            if kind not in NODE_KINDS:
                raise OperationError(f"无法识别的条目类型“{kind}”：{item.get('title', '')}")
            deadline_text = (item.get("deadline_text") or "").strip()
            row = Node.create(
                plan=self.plan_id,
                parent=parent_id,
                position=position,
                kind=kind,
                title=(item.get("title") or "").strip(),
                text=item.get("text") or "",
                problem=item.get("problem") or "",
                goal=item.get("goal") or "",
                deadline_text=deadline_text,
                due_date=self._due(item, deadline_text),
                status="ongoing" if kind == "task" and is_ongoing(deadline_text) else "not_started",
            )
            if kind == "task":
                self.tasks += 1
            self._responsibilities(row.id, item)
            self.save(item.get("children") or [], row.id)

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
            person_id = self._resolve(self._person_ids, str(name), person_for_name)
            if person_id in seen_people:
                continue
            seen_people.add(person_id)
            self._leader_rows.append(
                {"node": node_id, "person": person_id, "position": len(seen_people) - 1}
            )
        for role, key in (("lead", "lead_units"), ("support", "support_units")):
            seen: set[int] = set()
            for entry in item.get(key) or []:
                name = entry.get("name") if isinstance(entry, dict) else entry
                if not name or not str(name).strip():
                    continue
                unit_id = self._resolve(self._unit_ids, str(name), unit_for_name)
                if unit_id in seen:
                    continue
                seen.add(unit_id)
                contact = (entry.get("contact") if isinstance(entry, dict) else None) or ""
                self._unit_rows.append(
                    {
                        "node": node_id,
                        "unit": unit_id,
                        "role": role,
                        "contact": contact,
                        "position": len(seen) - 1,
                    }
                )

    @staticmethod
    def _resolve(cache: dict[str, int], name: str, find_or_create) -> int:
        if name not in cache:
            cache[name] = find_or_create(name).id
        return cache[name]

    def write_links(self) -> None:
        """Insert the collected leader and unit links, a hundred rows a statement."""
        for model, rows in ((TaskLeader, self._leader_rows), (TaskUnit, self._unit_rows)):
            for start in range(0, len(rows), 100):
                model.insert_many(rows[start : start + 100]).execute()
