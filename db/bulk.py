"""Bulk writes with one prepared statement (executemany): an import of 10,000 tasks and the
undo of 重新编号 cost what a bare driver script costs.  Portable SQL, with the database's
own parameter mark, so both SQLite and PostgreSQL run it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from db.models import database
from db.postgres import is_server


def insert_rows(model, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows` (values in the order of `columns`, field names) into `model`'s table."""
    if not rows:
        return
    fields = model._meta.fields
    names = ", ".join(f'"{fields[column].column_name}"' for column in columns)
    if is_server(database.obj):
        _copy_rows(model._meta.table_name, names, rows)
        return
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


# -- the server edition ----------------------------------------------------------------------


def _copy_rows(table: str, names: str, rows: list[tuple]) -> None:
    """On a server, COPY: executemany costs a message per row there, and an import of
    10,000 tasks took three times as long as on a file.  Values as the driver takes them:
    ints, text, None, dates and times as ISO text."""
    with database.obj.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def name_id(model, name: str) -> int:
    """The id of a new row of `model` (Person or Unit: a unique `name` column) called `name`,
    for a name just looked up and not found.  On a server another clerk may insert the same
    name at the same moment: the insert then waits for that clerk's transaction and takes the
    row it committed, where a plain insert would fail.  On a file the write lock keeps other
    writers out, so the name is still free."""
    if not is_server(database.obj):
        return model.insert(name=name).execute()
    new_id = model.insert(name=name).on_conflict_ignore().execute()
    if new_id is not None:
        return new_id
    return model.select(model.id).where(model.name == name).scalar()
