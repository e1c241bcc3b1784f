"""The ledger's records (台账): status changes, close-outs, extensions, change history,
evaluations, who entered a progress report, and small settings such as the clerk's name.

Every record knows who and when, so the server edition can show whose hand made each entry.
The tables are created by db.ledger_schema (literal DDL, schema version 2); the models bind to
the same `database` proxy as db.models.
"""

from __future__ import annotations

from peewee import (
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from db.models import Node, Plan, Progress, database, now


class LedgerModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class StatusChange(LedgerModel):
    """One change of a task's status (from → to) on a date, by whom, with a note."""

    node = ForeignKeyField(Node, backref="status_changes", on_delete="CASCADE")
    from_status = TextField()
    to_status = TextField()
    date = DateField()
    note = TextField(default="")
    who = TextField(default="")
    recorded_at = DateTimeField(default=now)


class CloseOut(LedgerModel):
    """销号: a done task verified and signed off; a reopening fills the reopen_* fields."""

    node = ForeignKeyField(Node, backref="close_outs", on_delete="CASCADE")
    verifier = TextField()
    date = DateField()
    note = TextField(default="")
    evidence = TextField(default="")
    who = TextField(default="")
    recorded_at = DateTimeField(default=now)
    reopened_on = DateField(null=True)
    reopened_by = TextField(default="")
    reopen_reason = TextField(default="")


class Extension(LedgerModel):
    """延期申请: a new due date with reason and approver; the old dates are kept here."""

    node = ForeignKeyField(Node, backref="extensions", on_delete="CASCADE")
    date = DateField()
    old_due_date = DateField(null=True)
    new_due_date = DateField()
    old_deadline_text = TextField(default="")
    new_deadline_text = TextField(default="")
    reason = TextField(default="")
    approver = TextField(default="")
    who = TextField(default="")
    recorded_at = DateTimeField(default=now)


class FieldChange(LedgerModel):
    """修改记录: one field of a node changed from `old_value` to `new_value` (as text)."""

    node = ForeignKeyField(Node, backref="field_changes", on_delete="CASCADE")
    field = TextField()
    old_value = TextField(default="")
    new_value = TextField(default="")
    who = TextField(default="")
    changed_at = DateTimeField(default=now)


class Evaluation(LedgerModel):
    """评议: votes 好 / 较好 / 一般 / 差 on a plan or on a leader (by name), on a date."""

    plan = ForeignKeyField(Plan, null=True, backref="evaluations", on_delete="CASCADE")
    leader = TextField(default="")
    date = DateField()
    good = IntegerField(default=0)
    fairly_good = IntegerField(default=0)
    average = IntegerField(default=0)
    poor = IntegerField(default=0)
    note = TextField(default="")
    who = TextField(default="")
    recorded_at = DateTimeField(default=now)


class LedgerSetting(LedgerModel):
    """A setting kept with the data (not in QSettings): the clerk's name, bucket days …"""

    key = TextField(primary_key=True)
    value = TextField(default="")


# The ledger's name for a progress report; `recorded_by` came with schema version 2.
ProgressEntry = Progress


LEDGER_MODELS = (StatusChange, CloseOut, Extension, FieldChange, Evaluation, LedgerSetting)
