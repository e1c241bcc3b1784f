"""Counting the SQL statements a piece of code runs."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def count_queries(db):
    """Yields a list that collects every statement `db` executes inside the block."""
    executed: list[str] = []
    original = db.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        executed.append(sql)
        return original(sql, params, *args, **kwargs)

    db.execute_sql = counting
    try:
        yield executed
    finally:
        del db.execute_sql
