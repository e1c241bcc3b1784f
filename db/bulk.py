"""Writing many rows at once (an import): one prepared statement run for every row on a
SQLite file (executemany), COPY on a server, where executemany costs a message per row and
an import of 10,000 tasks took three times as long as on a file."""

from __future__ import annotations

from collections.abc import Sequence

from db.models import database
from db.postgres import is_server


def insert_rows(model, columns: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows` (values in the order of `columns`, field names) into `model`'s table,
    inside the caller's transaction.  Values are what the driver takes for the columns:
    ints, text, None, and dates and times as ISO text."""
    if not rows:
        return
    fields = model._meta.fields
    names = ", ".join(f'"{fields[column].column_name}"' for column in columns)
    table = model._meta.table_name
    db = database.obj
    if is_server(db):
        with db.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join([database.param] * len(columns))
    database.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


def name_id(model, name: str) -> int:
    """The id of `model`'s row called `name` (Person or Unit: a unique `name` column),
    inserted when there is none.  On a server another clerk may insert the same name at the
    same moment: the insert then waits for that clerk's transaction and takes the row it
    committed, where a plain insert would fail the whole import.  On a file the write lock
    keeps other writers out."""
    db = database.obj
    if not is_server(db):
        row = model.get_or_none(model.name == name)
        return row.id if row is not None else model.insert(name=name).execute()
    new_id = model.insert(name=name).on_conflict_ignore().execute()
    if new_id is not None:
        return new_id
    return model.select(model.id).where(model.name == name).scalar()
