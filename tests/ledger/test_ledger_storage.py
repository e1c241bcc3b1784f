"""Schema version 2 (literal DDL) agrees with the peewee models and keeps its records."""

from __future__ import annotations

from datetime import date

import pytest
from peewee import IntegrityError

from db.ledger_models import LEDGER_MODELS, Evaluation, ProgressEntry, StatusChange
from db.ledger_schema import migrate_to_v2
from db.models import Node
from tests.helpers.builders import build_plan


def test_ddl_has_exactly_the_columns_of_the_models(ledger_db):
    for model in (*LEDGER_MODELS, ProgressEntry):
        table = model._meta.table_name
        columns = {column.name for column in ledger_db.get_columns(table)}
        assert columns == {field.column_name for field in model._meta.sorted_fields}, table


# SQLite only: a server ledger starts at schema version 4 (db/schema_postgres.py), so the
# step to version 2 never runs there.
@pytest.mark.parametrize("backend", ["sqlite"])
def test_migration_runs_twice_without_harm(ledger_db):
    with ledger_db.atomic():
        migrate_to_v2(ledger_db)
        migrate_to_v2(ledger_db)
    assert ledger_db.table_exists("field_change")


def test_records_go_with_their_task_and_need_a_subject(ledger_db):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    task = Node.get(Node.kind == "task")
    StatusChange.create(node=task.id, from_status="not_started", to_status="done",
                        date=date(2014, 9, 1), who="李文书")  # fmt: skip
    assert StatusChange.select().count() == 1
    Node.delete().where(Node.id == task.id).execute()
    assert StatusChange.select().count() == 0
    with pytest.raises(IntegrityError):
        Evaluation.create(date=date(2014, 9, 1), good=1)
    Evaluation.create(plan=plan_id, date=date(2014, 9, 1), good=1)
    with pytest.raises(IntegrityError):
        Evaluation.create(plan=plan_id, date=date(2014, 9, 1), poor=-1)
