"""The peewee models: plans as trees of nodes, the directories, responsibilities, progress.

All models bind to `database`, a DatabaseProxy initialised by db.database.open_database, so
tests and a later PostgreSQL backend swap the real database in.  Queries stay portable: no
SQLite-only SQL outside db/database.py.
"""

from __future__ import annotations

from datetime import datetime

from peewee import (
    SQL,
    Check,
    DatabaseProxy,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    NodeList,
    TextField,
)

database = DatabaseProxy()

NODE_KINDS = ("section", "task", "measure")
STATUSES = ("not_started", "in_progress", "done", "closed", "ongoing")
UNIT_ROLES = ("lead", "support")


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _in(column: str, values: tuple[str, ...]) -> SQL | NodeList:
    return Check(f"{column} IN ({', '.join(repr(v) for v in values)})")


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class Plan(BaseModel):
    """One rectification plan (方案)."""

    title = TextField()
    issuer = TextField(default="")
    year = IntegerField(null=True)
    kind = TextField(default="")
    notes = TextField(default="")
    position = IntegerField(default=0)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)


class Node(BaseModel):
    """A section, task or measure; `position` orders siblings under `parent` (None: top)."""

    plan = ForeignKeyField(Plan, backref="nodes", on_delete="CASCADE")
    parent = ForeignKeyField("self", null=True, backref="children", on_delete="CASCADE")
    position = IntegerField(default=0)
    kind = TextField(constraints=[_in("kind", NODE_KINDS)])
    title = TextField(default="")
    text = TextField(default="")
    problem = TextField(default="")
    goal = TextField(default="")
    deadline_text = TextField(default="")
    due_date = DateField(null=True)
    status = TextField(default="not_started", constraints=[_in("status", STATUSES)])
    closed_at = DateTimeField(null=True)
    closed_by = TextField(default="")
    remarks = TextField(default="")
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    # the number the published document gave it (（二）, 三、, 4.); "": numbered live from its
    # position (schema version 3, desktop/ledger/numbering.py)
    number = TextField(default="")
    # the row version (schema version 4): a save names the version it read and is refused
    # when another clerk saved the task since (desktop/operations/ for the check)
    version = IntegerField(default=1)

    class Meta:
        indexes = ((("plan", "parent", "position"), False),)


class Unit(BaseModel):
    """A unit (单位) in the directory."""

    name = TextField(unique=True)


class UnitAlias(BaseModel):
    """Another name of a unit: 市政府办 = 市政府办公室."""

    unit = ForeignKeyField(Unit, backref="aliases", on_delete="CASCADE")
    alias = TextField(unique=True)  # shadows Model.alias(), which this model never calls


class Person(BaseModel):
    """A leader or contact in the directory; collective holders (党组成员) are people too."""

    name = TextField(unique=True)
    post = TextField(default="")
    unit = ForeignKeyField(Unit, null=True, backref="people", on_delete="SET NULL")


class TaskLeader(BaseModel):
    """task → responsible leader (牵头领导), ordered."""

    node = ForeignKeyField(Node, backref="leader_links", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="task_links", on_delete="RESTRICT")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("node", "person"), True),)


class TaskUnit(BaseModel):
    """task → lead or support unit, with an optional contact person, ordered per role."""

    node = ForeignKeyField(Node, backref="unit_links", on_delete="CASCADE")
    unit = ForeignKeyField(Unit, backref="task_links", on_delete="RESTRICT")
    role = TextField(constraints=[_in("role", UNIT_ROLES)])
    contact = TextField(default="")
    position = IntegerField(default=0)

    class Meta:
        indexes = ((("node", "unit", "role"), True),)


class Progress(BaseModel):
    """A dated progress report (进展情况) on a task."""

    node = ForeignKeyField(Node, backref="progress", on_delete="CASCADE")
    date = DateField()
    text = TextField()
    unit = ForeignKeyField(Unit, null=True, backref="progress", on_delete="SET NULL")
    recorded_at = DateTimeField(default=now)
    recorded_by = TextField(default="")  # who entered it (schema version 2)

    class Meta:
        indexes = ((("node", "date"), False),)


ALL_MODELS = (Plan, Node, Unit, UnitAlias, Person, TaskLeader, TaskUnit, Progress)
