"""Ids handed out before the rows are written: an import numbers its nodes itself, so that
children name their parents without a round trip per node (desktop/operations/import_plans).

On a SQLite file the write transaction (BEGIN IMMEDIATE) keeps every other writer out, so
the ids after the largest are free.  On a server several clerks import at once, and each
would compute the same largest id: the ids come from the table's sequence instead, which
never hands one id out twice, and which then moves past them by itself.
"""

from __future__ import annotations

from peewee import fn

from db.models import database
from db.postgres import is_server


def reserve_ids(model, count: int) -> list[int]:
    """`count` ids no other row has or will get, in ascending order.  Call inside the
    transaction that inserts the rows."""
    if count <= 0:
        return []
    db = database.obj
    if not is_server(db):
        first = (model.select(fn.MAX(model._meta.primary_key)).scalar() or 0) + 1
        return list(range(first, first + count))
    table = model._meta.table_name
    cursor = db.execute_sql(
        f"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'id')) FROM generate_series(1, %s)",
        (count,),
    )
    return sorted(row[0] for row in cursor.fetchall())
