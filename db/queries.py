"""Read-only queries returning plain records.  A whole tree costs a fixed number of queries,
whatever its size: nodes, leaders, units and latest progress are each fetched once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime

from peewee import JOIN, SQL, fn

from db.models import (
    Node,
    Person,
    Plan,
    Progress,
    TaskLeader,
    TaskUnit,
    Unit,
    UnitAlias,
    database,
)
from db.records import (
    Directory,
    NodeRecord,
    PersonRecord,
    PlanRecord,
    PlanSummary,
    ProgressRecord,
    UnitRecord,
    UnitRef,
)
from db.statements import Statement

NODE_FIELDS = (
    "id", "plan_id", "parent_id", "position", "kind", "title", "text", "problem", "goal",
    "deadline_text", "due_date", "status", "closed_at", "closed_by", "remarks", "number",
    "version",
)  # fmt: skip


SIGNATURE_MODULUS = 1_000_003
_POSITIONAL = [f.name for f in fields(NodeRecord)][: len(NODE_FIELDS)] == list(NODE_FIELDS)


class NotFound(LookupError):
    """A plan or node id that is not in the database; str() is Chinese."""


def load_plans(plan_ids: Iterable[int] | None = None) -> list[PlanRecord]:
    """Plans with their whole trees, in display order."""
    ids = None if plan_ids is None else list(plan_ids)
    plans = plan_rows(ids)
    by_plan = {plan.id: plan for plan in plans}
    nodes = _load_nodes("plan", ids)
    for node in _build_forest(nodes):
        by_plan[node.plan_id].nodes.append(node)
    return plans


def plan_rows(plan_ids: Iterable[int] | None = None) -> list[PlanRecord]:
    """Plans without their nodes, in display order."""
    ids = None if plan_ids is None else list(plan_ids)
    return [
        PlanRecord(
            id=p.id,
            title=p.title,
            issuer=p.issuer,
            year=p.year,
            kind=p.kind,
            notes=p.notes,
            position=p.position,
            created_at=p.created_at,
            updated_at=p.updated_at,
        )  # fmt: skip
        for p in _PLANS.rows(ids)
    ]


def _plans_query(ids: list[int] | None):
    query = Plan.select().order_by(Plan.position, Plan.id)
    return query if ids is None else query.where(Plan.id.in_(ids))


_PLANS = Statement(_plans_query)


def plan_structure(
    plan_ids: Iterable[int], parent_ids: Iterable[int | None] | None = None
) -> list[tuple[int, int, int | None, int, str]]:
    """(node id, plan id, parent id, position, published number) of the nodes of the plans
    (only those under `parent_ids` when given; None: the top level), siblings in order: what
    a view needs to follow adds, moves and deletes without reloading every field."""
    ids = list(plan_ids)
    if not ids:
        return []
    known: list[int] | None = None
    top = False
    if parent_ids is not None:
        parents = set(parent_ids)
        known = [parent for parent in parents if parent is not None]
        top = None in parents
        if not known and not top:
            return []
    return [tuple(row) for row in _STRUCTURE.cursor(ids, known, top)]


def _structure_query(plan_ids: list[int], known: list[int] | None, top: bool):
    """plan_structure's query: nodes of the plans, under the `known` parents (and at the top
    level when `top`) unless `known` is None."""
    where = Node.plan.in_(plan_ids)
    if known is not None:
        under = Node.parent.in_(known) if known else None
        if top:
            under = Node.parent.is_null() if under is None else (under | Node.parent.is_null())
        where &= under
    return (
        Node.select(Node.id, Node.plan, Node.parent, Node.position, Node.number)
        .where(where)
        .order_by(Node.plan, Node.parent, Node.position, Node.id)
    )


_STRUCTURE = Statement(_structure_query)


def node_numbers(plan_ids: Iterable[int]) -> dict[int, str]:
    """Node id → published number ("" for none) of every node of the plans."""
    ids = list(plan_ids)
    if not ids:
        return {}
    return dict(_NUMBERS.cursor(ids))


_NUMBERS = Statement(
    lambda plan_ids: Node.select(Node.id, Node.number).where(Node.plan.in_(plan_ids))
)


def sibling_signatures(
    plan_ids: Iterable[int],
) -> dict[tuple[int, int | None], tuple[int, int, int, int]]:
    """(plan id, parent id) → (children, sum of their ids, sum of id × position, sum of
    id × position² mod SIGNATURE_MODULUS): a view compares these with its own to find, in one
    indexed pass, the parents whose children changed.  The squared term tells apart moves the
    linear sums cannot (10, 4, 16 and 4, 16, 10 both give 36); the modulus keeps every sum far
    from integer overflow."""
    ids = list(plan_ids)
    if not ids:
        return {}
    return {  # PostgreSQL sums BIGINT into NUMERIC (Decimal): int() for equal hashing
        (plan, parent): (int(count), int(total), int(weighted), int(square_sum))
        for plan, parent, count, total, weighted, square_sum in _SIGNATURES.cursor(ids)
    }


def _signatures_query(plan_ids: list[int]):
    # x mod m written as x - (x / m) * m: integer division on both backends, where psycopg
    # would take a literal "%" for a parameter; m inlined, so it is an integer on both.
    squared = Node.id * Node.position * Node.position
    modulus = SQL(str(SIGNATURE_MODULUS))
    return (
        Node.select(
            Node.plan,
            Node.parent,
            fn.COUNT(Node.id),
            fn.SUM(Node.id),
            fn.SUM(Node.id * Node.position),
            fn.SUM(squared - (squared / modulus) * modulus),
        )
        .where(Node.plan.in_(plan_ids))
        .group_by(Node.plan, Node.parent)
    )


_SIGNATURES = Statement(_signatures_query)


def load_plan(plan_id: int) -> PlanRecord:
    plans = load_plans([plan_id])
    if not plans:
        raise NotFound(f"没有编号为 {plan_id} 的方案")
    return plans[0]


# Ids per statement of load_nodes: they are sent as parameters, and a server takes at most
# 65,535 a statement (SQLite builds 32,766 or more).
NODE_IDS_PER_QUERY = 10_000


def load_nodes(node_ids: Iterable[int]) -> dict[int, NodeRecord]:
    """The given nodes with their fields and responsibilities (children not filled).  Four
    statements per 10,000 ids (a unit renamed in every task of a city reports them all)."""
    ids = list(node_ids)
    nodes: dict[int, NodeRecord] = {}
    for start in range(0, len(ids), NODE_IDS_PER_QUERY):
        part = ids[start : start + NODE_IDS_PER_QUERY]
        nodes.update((node.id, node) for node in _load_nodes("id", part))
    return nodes


def plan_summaries() -> list[PlanSummary]:
    tasks = fn.COUNT(Node.id)
    query = (
        Plan.select(Plan.id, Plan.title, tasks.alias("tasks"))
        .join(Node, JOIN.LEFT_OUTER, on=(Node.plan == Plan.id) & (Node.kind == "task"))
        .group_by(Plan.id, Plan.title)
        .order_by(Plan.position, Plan.id)
    )
    return [PlanSummary(id=row.id, title=row.title, tasks=row.tasks) for row in query]


def load_directory() -> Directory:
    """All units (with aliases and task counts) and people (with task counts)."""
    aliases: dict[int, list[str]] = defaultdict(list)
    for unit_id, alias in UnitAlias.select(UnitAlias.unit, UnitAlias.alias).tuples():
        aliases[unit_id].append(alias)
    unit_tasks = dict(
        TaskUnit.select(TaskUnit.unit, fn.COUNT(fn.DISTINCT(TaskUnit.node)))
        .group_by(TaskUnit.unit)
        .tuples()
    )
    person_tasks = dict(
        TaskLeader.select(TaskLeader.person, fn.COUNT(TaskLeader.id))
        .group_by(TaskLeader.person)
        .tuples()
    )
    units = [
        UnitRecord(id=uid, name=name, aliases=sorted(aliases[uid]), tasks=unit_tasks.get(uid, 0))
        for uid, name in Unit.select(Unit.id, Unit.name).order_by(Unit.name).tuples()
    ]
    unit_names = {unit.id: unit.name for unit in units}
    people = [
        PersonRecord(
            id=pid,
            name=name,
            post=post,
            unit=unit_names.get(unit_id, ""),
            tasks=person_tasks.get(pid, 0),
        )  # fmt: skip
        for pid, name, post, unit_id in Person.select(
            Person.id, Person.name, Person.post, Person.unit
        )
        .order_by(Person.name)
        .tuples()
    ]
    return Directory(units=units, people=people)


def directory_ids() -> tuple[dict[str, int], dict[str, int]]:
    """(person name → id, unit name or alias → id): to resolve many names with one read."""
    people = dict(database.execute(Person.select(Person.name, Person.id)))
    units = dict(database.execute(UnitAlias.select(UnitAlias.alias, UnitAlias.unit)))
    units.update(database.execute(Unit.select(Unit.name, Unit.id)))  # a name beats an alias
    return people, units


def _load_nodes(column: str, ids: list[int] | None) -> list[NodeRecord]:
    """Nodes whose `column` ("plan" or "id") is in `ids` (None: all) with their
    responsibilities.  Rows come straight from the cursor (peewee's row conversion costs more
    than the query at 50,000 nodes); dates are parsed here."""
    nodes: dict[int, NodeRecord] = {}
    for row in _NODE_ROWS.cursor(column, ids):
        if _POSITIONAL:
            record = NodeRecord(*row)
        else:
            record = NodeRecord(**dict(zip(NODE_FIELDS, row, strict=True)))
        if record.due_date is not None:
            record.due_date = _as_date(record.due_date)
        if record.closed_at is not None:
            record.closed_at = _as_datetime(record.closed_at)
        nodes[record.id] = record
    if not nodes:
        return []
    for node_id, name in _LEADER_ROWS.cursor(column, ids):
        nodes[node_id].leaders.append(name)
    refs: dict[tuple[str, str], UnitRef] = {}  # one UnitRef per name and contact, shared
    for node_id, role, name, contact in _UNIT_ROWS.cursor(column, ids):
        target = nodes[node_id].lead_units if role == "lead" else nodes[node_id].support_units
        key = (name, contact or "")
        ref = refs.get(key)
        if ref is None:
            ref = refs[key] = UnitRef(name=name, contact=contact or "")
        target.append(ref)
    for pid, node_id, day, text, unit, recorded_at in _PROGRESS_ROWS.cursor(column, ids):
        nodes[node_id].latest_progress = ProgressRecord(
            id=pid,
            node_id=node_id,
            date=_as_date(day) or date.min,  # the column is NOT NULL
            text=text,
            unit=unit or "",
            recorded_at=_as_datetime(recorded_at),
        )
    return list(nodes.values())


def _node_filter(column: str, ids: list[int] | None):
    return None if ids is None else getattr(Node, column).in_(ids)


def _node_rows_query(column: str, ids: list[int] | None):
    columns = [getattr(Node, name.removesuffix("_id")) for name in NODE_FIELDS]
    query = Node.select(*columns).order_by(Node.plan, Node.parent, Node.position, Node.id)
    where = _node_filter(column, ids)
    return query if where is None else query.where(where)


def _of_nodes(query, link, column: str, ids: list[int] | None):
    """`query` narrowed to the rows whose `link` is a node _load_nodes reads."""
    where = _node_filter(column, ids)
    return query if where is None else query.where(link.in_(Node.select(Node.id).where(where)))


def _leaders_query(column: str, ids: list[int] | None):
    query = (
        TaskLeader.select(TaskLeader.node, Person.name)
        .join(Person)
        .order_by(TaskLeader.node, TaskLeader.position, TaskLeader.id)
    )
    return _of_nodes(query, TaskLeader.node, column, ids)


def _units_query(column: str, ids: list[int] | None):
    query = (
        TaskUnit.select(TaskUnit.node, TaskUnit.role, Unit.name, TaskUnit.contact)
        .join(Unit)
        .order_by(TaskUnit.node, TaskUnit.role, TaskUnit.position, TaskUnit.id)
    )
    return _of_nodes(query, TaskUnit.node, column, ids)


def _progress_query(column: str, ids: list[int] | None):
    query = (
        Progress.select(
            Progress.id,
            Progress.node,
            Progress.date,
            Progress.text,
            Unit.name,
            Progress.recorded_at,
        )  # fmt: skip
        .join(Unit, JOIN.LEFT_OUTER)
        .order_by(Progress.node, Progress.date, Progress.id)
    )
    return _of_nodes(query, Progress.node, column, ids)


_NODE_ROWS = Statement(_node_rows_query)
_LEADER_ROWS = Statement(_leaders_query)
_UNIT_ROWS = Statement(_units_query)
_PROGRESS_ROWS = Statement(_progress_query)


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _as_datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _build_forest(nodes: list[NodeRecord]) -> list[NodeRecord]:
    """Link children to parents (input ordered by parent, position); returns the roots."""
    by_id = {node.id: node for node in nodes}
    roots = []
    for node in nodes:
        parent = by_id.get(node.parent_id) if node.parent_id is not None else None
        if parent is None:
            roots.append(node)
        else:
            parent.children.append(node)
    roots.sort(key=lambda node: (node.plan_id, node.position, node.id))
    return roots
