"""A ledger's contents as counts and hashes, the same whichever database holds it.

`ledger_digest(db)` reads every table in key order (keyset pages, so a big ledger is never
held whole) and gives per-table row counts and a SHA-256 over every row.  Values are
normalised first, so a SQLite file and a server holding the same ledger give the same hash:
SQLite keeps dates and datetimes as text, PostgreSQL gives date and datetime objects; both
become the objects.  db/copying.py verifies a copy with it; a test can compare any two
ledgers with it.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import peewee

# Rows read or written per statement batch.
CHUNK_ROWS = 2000

# Parents before children, so foreign keys find their rows.
TABLE_ORDER = (
    "plan",
    "unit",
    "unit_alias",
    "person",
    "node",
    "task_leader",
    "task_unit",
    "progress",
    "status_change",
    "close_out",
    "extension",
    "field_change",
    "evaluation",
    "ledger_setting",
)

TABLE_LABELS = {
    "plan": "方案",
    "unit": "单位",
    "unit_alias": "单位别名",
    "person": "领导和联系人",
    "node": "任务等节点",
    "task_leader": "责任领导",
    "task_unit": "责任单位",
    "progress": "进展",
    "status_change": "状态变更记录",
    "close_out": "销号记录",
    "extension": "延期记录",
    "field_change": "修改记录",
    "evaluation": "评议",
    "ledger_setting": "台账设置",
}


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]  # "int", "text", "date", "datetime" per column
    key: str  # "id", or the text primary key of ledger_setting
    parent: int | None = None  # index of a column naming a row of the same table

    @property
    def label(self) -> str:
        return TABLE_LABELS.get(self.name, self.name)


@dataclass(frozen=True)
class TableDigest:
    rows: int
    sha256: str


@dataclass
class LedgerDigest:
    """Row counts and content hashes of every table, in TABLE_ORDER."""

    tables: dict[str, TableDigest] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        whole = hashlib.sha256()
        for name, table in self.tables.items():
            whole.update(f"{name}\t{table.rows}\t{table.sha256}\n".encode())
        return whole.hexdigest()

    def counts(self) -> dict[str, int]:
        return {name: table.rows for name, table in self.tables.items()}

    def total_rows(self) -> int:
        return sum(self.counts().values())

    def first_difference(self, other: LedgerDigest) -> str | None:
        """A Chinese description of the first table that differs, else None."""
        for name in self.tables.keys() | other.tables.keys():
            mine, theirs = self.tables.get(name), other.tables.get(name)
            label = TABLE_LABELS.get(name, name)
            if mine is None or theirs is None:
                return f"{label}表只在一边存在"
            if mine.rows != theirs.rows:
                return f"{label}：源 {mine.rows} 行，目标 {theirs.rows} 行"
            if mine.sha256 != theirs.sha256:
                return f"{label}：行数相同（{mine.rows} 行）但内容不同"
        return None


def table_specs() -> tuple[TableSpec, ...]:
    """The tables as the models declare them (the models match the frozen schema)."""
    from db.ledger_models import LEDGER_MODELS
    from db.models import ALL_MODELS

    models = {model._meta.table_name: model for model in (*ALL_MODELS, *LEDGER_MODELS)}
    if set(models) != set(TABLE_ORDER):
        raise RuntimeError(f"copying does not know the tables {set(models) ^ set(TABLE_ORDER)}")
    specs = []
    for name in TABLE_ORDER:
        meta = models[name]._meta
        fields = meta.sorted_fields
        columns = tuple(f.column_name for f in fields)
        kinds = tuple(_kind(f) for f in fields)
        parent = None
        for index, f in enumerate(fields):
            if isinstance(f, peewee.ForeignKeyField) and f.rel_model is models[name]:
                parent = index
        specs.append(TableSpec(name, columns, kinds, meta.primary_key.column_name, parent))
    return tuple(specs)


def _kind(f: peewee.Field) -> str:
    if isinstance(f, peewee.DateTimeField):
        return "datetime"
    if isinstance(f, peewee.DateField):
        return "date"
    if isinstance(f, peewee.TextField | peewee.CharField):
        return "text"
    return "int"


# -- reading and hashing ---------------------------------------------------------------------


def _normalise(value: object, kind: str) -> object:
    """One value as both backends should give it: SQLite's date texts become dates."""
    if not isinstance(value, str):
        return value
    try:
        if kind == "datetime":
            return datetime.fromisoformat(value)
        try:
            return date.fromisoformat(value)
        except ValueError:
            return datetime.fromisoformat(value).date()
    except ValueError:
        return value  # not a date: copied as it is (a server refuses it, naming the table)


def chunk_bytes(rows: Sequence[tuple]) -> bytes:
    """Rows as the hash takes them: the repr of each normalised row, one a line.  A repr
    keeps types apart (None is not "", the text '2024-01-01' is not a date, 1 is not '1')
    and is computed in C; both backends give ints, texts, None, dates and datetimes."""
    return ("\n".join(map(repr, rows)) + "\n").encode("utf-8")


def _normaliser(spec: TableSpec) -> Callable[[Sequence[object]], tuple]:
    """Turns a row as the driver gives it into normalised values (only the date and
    datetime columns need it: SQLite gives them as text)."""
    dated = [(i, kind) for i, kind in enumerate(spec.kinds) if kind in ("date", "datetime")]
    if not dated:
        return tuple

    def normalise(row: Sequence[object]) -> tuple:
        values = list(row)
        for index, kind in dated:
            values[index] = _normalise(values[index], kind)
        return tuple(values)

    return normalise


def read_rows(
    db: peewee.Database, spec: TableSpec, chunk: int = CHUNK_ROWS
) -> Iterator[list[tuple]]:
    """The table's rows in key order, normalised, a chunk at a time (keyset pages)."""
    columns = ", ".join(f'"{c}"' for c in spec.columns)
    normalise = _normaliser(spec)
    if spec.key != "id":
        raw = db.execute_sql(f'SELECT {columns} FROM "{spec.name}"').fetchall()
        key = spec.columns.index(spec.key)
        rows = sorted(map(normalise, raw), key=lambda row: row[key])  # code points, both
        if rows:
            yield rows
        return
    last: object = None
    while True:
        if last is None:
            cursor = db.execute_sql(
                f'SELECT {columns} FROM "{spec.name}" ORDER BY "id" LIMIT {chunk}'
            )
        else:
            cursor = db.execute_sql(
                f'SELECT {columns} FROM "{spec.name}" WHERE "id" > {db.param} '
                f'ORDER BY "id" LIMIT {chunk}',
                (last,),
            )
        raw = cursor.fetchall()
        if not raw:
            return
        yield list(map(normalise, raw))
        if len(raw) < chunk:
            return
        last = raw[-1][0]


def ledger_digest(db: peewee.Database) -> LedgerDigest:
    """Counts and hashes of the ledger `db` holds (run it inside a transaction for a
    consistent picture while others write)."""
    digest = LedgerDigest()
    for spec in table_specs():
        hasher, rows = hashlib.sha256(), 0
        for chunk in read_rows(db, spec):
            hasher.update(chunk_bytes(chunk))
            rows += len(chunk)
        digest.tables[spec.name] = TableDigest(rows, hasher.hexdigest())
    return digest


def table_counts(db: peewee.Database) -> dict[str, int]:
    return {
        name: db.execute_sql(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in TABLE_ORDER
    }


@contextlib.contextmanager
def read_snapshot(db: peewee.Database) -> Iterator[None]:
    """A read-only transaction on `db` that sees one snapshot from its first read (a
    server's default, READ COMMITTED, would let a clerk's commit in the middle of a copy
    show in half of it; a file's reads share one snapshot inside a deferred transaction)."""
    from db.postgres import is_server

    if is_server(db):
        with db.atomic():
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    else:
        with db.atomic(lock_type="DEFERRED"):
            yield
