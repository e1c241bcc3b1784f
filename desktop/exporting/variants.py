"""Which tasks go on which sheet: one plan, per lead unit (lead or support, marked), per
leader; filtered by status, overdue, or due before a date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from db.records import NodeRecord, PlanRecord
from desktop.exporting.breakdown import SectionRow
from desktop.exporting.columns import RowContext
from desktop.ledger.numbering import number_nodes, printed_number, straight_through
from desktop.ledger.rules import is_overdue

ROLE_LEAD = "牵头"
ROLE_SUPPORT = "配合"
TITLE_SUFFIXES = ("整改工作方案", "整改实施方案", "整改方案", "工作方案", "实施方案", "方案")
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
FILE_NAME_MAX_BYTES = 180  # well under the 255-byte limit of Linux file systems, with room
_FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks to keep: statuses (None: all), only overdue, only due before a date."""

    statuses: frozenset[str] | None = None
    overdue_only: bool = False
    due_before: date | None = None

    def keeps(self, task: NodeRecord, as_of: date) -> bool:
        if self.statuses is not None and task.status not in self.statuses:
            return False
        if self.overdue_only and not is_overdue(task, as_of):
            return False
        return not (
            self.due_before is not None
            and (task.due_date is None or task.due_date >= self.due_before)
        )


def default_title(plan: PlanRecord, ledger: bool = False) -> str:
    """镇江市人民政府党组整改方案 → 镇江市人民政府党组重点整改任务分解表 (…台账)."""
    base = plan.title.strip()
    for suffix in TITLE_SUFFIXES:
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
            break
    return base + ("重点整改任务台账" if ledger else "重点整改任务分解表")


def master_numbers(
    plan: PlanRecord, keep: Callable[[NodeRecord], bool], published: bool = False
) -> dict[int, str]:
    """Each kept task's 序号 in the whole plan's table, so a row of a unit's or a leader's
    table can be found in the master table: with `published`, the number the plan gave the
    task (4. → 4) when the plan numbers its tasks straight through (4, 5, 6 … across its
    headings); otherwise 1, 2, 3 … in tree order."""
    tasks = plan.tasks()
    if published and straight_through([task.number for task in tasks]):
        return {task.id: printed_number(task.number) for task in tasks if keep(task)}
    numbers: dict[int, str] = {}
    for task in tasks:
        if keep(task):
            numbers[task.id] = str(len(numbers) + 1)
    return numbers


def table_rows(
    plan: PlanRecord,
    role_of: Callable[[NodeRecord], str | None],
    as_of: date,
    numbers: dict[int, str] | None = None,
) -> list[SectionRow | RowContext]:
    """Section rows and task rows in tree order; a task shows when `role_of` gives a role
    (\"\" for none to mark), and a section only when it holds a shown task.  Sections keep
    their tree numbers; 序号 counts the shown tasks 1, 2, 3 … down the table, as printed
    breakdown tables do (a task's tree number may be （二） and would not fit the column),
    or is taken from `numbers` (the master table's, for a unit's or a leader's table)."""
    labels = number_nodes(plan.nodes)
    rows: list[SectionRow | RowContext] = []
    pending: list[list] = []  # [section, emitted] from the outermost open section inwards
    shown: list[int] = []  # the tasks in the table so far

    def visit(nodes: list[NodeRecord]) -> None:
        for node in nodes:
            if node.kind == "section":
                pending.append([node, False])
                visit(node.children)
                pending.pop()
            elif node.kind == "task":
                role = role_of(node)
                if role is not None:
                    for entry in pending:
                        if not entry[1]:
                            section = entry[0]
                            rows.append(SectionRow(f"{labels[section.id]}{section.title.strip()}"))
                            entry[1] = True
                    shown.append(node.id)
                    number = numbers.get(node.id, "") if numbers else str(len(shown))
                    rows.append(RowContext(node, number, role, as_of))
                visit([child for child in node.children if child.kind != "measure"])

    visit(plan.nodes)
    return rows


def unit_roles(plan: PlanRecord, keep: Callable[[NodeRecord], bool]) -> dict[str, dict[int, str]]:
    """Each unit (lead units first, in order of first appearance) → {task id: role}."""
    roles: dict[str, dict[int, str]] = {}
    tasks = [task for task in plan.tasks() if keep(task)]
    for task in tasks:
        for ref in task.lead_units:
            roles.setdefault(ref.name, {})[task.id] = ROLE_LEAD
    for task in tasks:
        for ref in task.support_units:
            roles.setdefault(ref.name, {}).setdefault(task.id, ROLE_SUPPORT)
    return roles


def leader_tasks(plan: PlanRecord, keep: Callable[[NodeRecord], bool]) -> dict[str, set[int]]:
    """Each leader, in order of first appearance → the ids of the tasks they lead."""
    leaders: dict[str, set[int]] = {}
    for task in plan.tasks():
        if keep(task):
            for name in task.leaders:
                leaders.setdefault(name, set()).add(task.id)
    return leaders


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid (≤ 31 characters, no []:*?/\\, not quoted) sheet name unique in `taken`."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip().strip("'") or "分解表"
    candidate = base[:SHEET_NAME_MAX]
    counter = 2
    while candidate.casefold() in {t.casefold() for t in taken}:
        tail = f"({counter})"
        candidate = base[: SHEET_NAME_MAX - len(tail)] + tail
        counter += 1
    taken.add(candidate)
    return candidate


def file_name(name: str, taken: set[str]) -> str:
    """A file name safe on Windows and Linux (.xlsx), unique (case-insensitive) in `taken`."""
    base = _FILE_FORBIDDEN.sub("_", name).strip().rstrip(".") or "分解表"
    while len(base.encode("utf-8")) > FILE_NAME_MAX_BYTES:  # the sheet keeps the whole name
        base = base[:-1]
    candidate = f"{base}.xlsx"
    counter = 2
    while candidate.casefold() in taken:
        candidate = f"{base}({counter}).xlsx"
        counter += 1
    taken.add(candidate.casefold())
    return candidate
