"""Bulk writes with one prepared statement (executemany): an import of 10,000 tasks and the
undo of 重新编号 cost what a bare driver script costs.  Portable SQL, with the database's
own parameter mark, so both SQLite and PostgreSQL run it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from db.models import database


def insert_rows(model, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows` (values in the order of `columns`, field names) into `model`'s table."""
    if not rows:
        return
    fields = model._meta.fields
    names = ", ".join(f'"{fields[column].column_name}"' for column in columns)
    marks = ", ".join([database.param] * len(columns))
    sql = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES ({marks})'
    database.cursor().executemany(sql, rows)


def update_column(
    model, column: str, values: Iterable[tuple[object, int]], bump_version: bool = False
) -> None:
    """Set `column` (a field name) of many rows: `values` holds (value, id) pairs.
    `bump_version`: also raise each row's version (a content change, db.models.Node)."""
    field = model._meta.fields[column]
    mark = database.param
    bump = ', "version" = "version" + 1' if bump_version else ""
    sql = (
        f'UPDATE "{model._meta.table_name}" SET "{field.column_name}" = {mark}{bump} '
        f'WHERE "id" = {mark}'
    )
    database.cursor().executemany(sql, list(values))
