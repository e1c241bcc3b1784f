"""Statements whose SQL text is compiled once per shape and per open database.

Building a query's SQL (peewee walking its expression tree) costs more than SQLite takes to
run the small statements of an add or an undo, and those statements have the same shape
every time: only the ids differ.  A `Statement` wraps a function that builds the peewee
query from its arguments.  The first call of a shape builds it with stand-in integers
(sentinels) for the integer arguments, compiles it with the open database's own context
(SQLite and PostgreSQL differ in placeholders and more, so every database object gets its
own text), and records where each stand-in lands among the parameters; later calls put the
real values there and run the text as it is.  Rows go through the template query's own
cursor wrapper, so .dicts(), .tuples() and model objects convert values (dates) exactly as
peewee does.

The shape of a call is, per argument: an int (a parameter), a list or tuple of ints (its
length: one parameter each), None, or any other hashable value (a constant: the value
itself is part of the shape, so keep those few — a role, a column name, a flag).  Unless
every stand-in shows up exactly once as a parameter of its own, and neither the text nor any
other parameter holds a value made from one (its digits, a number near it: a field converted
it), the shape is not cached and each call builds its query normally.  Compiling costs one
build, as a plain call does, so the first call of a shape is no slower than before.
Long id lists are not cached either (their length is a shape of its own; building them
costs little per id).  INSERTs stay on peewee's normal path (RETURNING on PostgreSQL).
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from db.models import database

_log = logging.getLogger(__name__)

MAX_SLOTS = 64  # stand-ins per shape; longer id lists are built normally
MAX_SHAPES = 128  # shapes kept per statement and database; the oldest goes first
_SENTINEL = 7_300_000_000_000_000_000  # the first stand-in; with the rest, far below 2**63
_MARK = str(_SENTINEL)[:12]  # the digits every stand-in starts with


@dataclass(frozen=True)
class _Compiled:
    query: Any  # the template query: its cursor wrapper converts the rows
    sql: str
    params: tuple
    slots: tuple[tuple[int, int, int | None], ...]  # (parameter, argument, element or None)


class Statement:
    """A query built by `build(*args)` whose SQL is compiled once per shape and database."""

    def __init__(self, build: Callable[..., Any]):
        self._build = build
        # database → shape → compiled statement, or None: built normally every time
        self._compiled: weakref.WeakKeyDictionary[Any, dict[tuple, _Compiled | None]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()
        self.compilations = 0  # shapes compiled so far (tests count them)

    # -- running ---------------------------------------------------------------------------

    def rows(self, *args) -> list:
        """Every row, converted as the built query converts them."""
        query, cursor = self._run(args)
        return list(query._get_cursor_wrapper(cursor))

    def first(self, *args):
        """The first row (build it with .limit(1)), or None."""
        query, cursor = self._run(args)
        for row in query._get_cursor_wrapper(cursor):
            return row
        return None

    def scalar(self, *args):
        """The first value of the first row (build it with .tuples()), or None."""
        row = self.first(*args)
        return None if row is None else row[0]

    def cursor(self, *args):
        """The database cursor itself: raw values, no conversion."""
        return self._run(args)[1]

    def execute(self, *args) -> int:
        """Run an UPDATE or DELETE; the number of rows it changed."""
        _query, cursor = self._run(args)
        return (database.obj or database).rows_affected(cursor)

    def sql(self, *args) -> str | None:
        """The text a call with `args` runs on the open database; None: built each time."""
        db = database.obj
        compiled = self._lookup(db, args) if db is not None else None
        return None if compiled is None else compiled.sql

    def _run(self, args: tuple):
        db = database.obj
        compiled = self._lookup(db, args) if db is not None else None
        if compiled is None:
            query = self._build(*args)
            cursor = (db if db is not None else database).execute(query)
        else:
            params = list(compiled.params)
            for index, argument, element in compiled.slots:
                value = args[argument]
                params[index] = value if element is None else value[element]
            query, cursor = compiled.query, db.execute_sql(compiled.sql, params)
        return query, cursor

    # -- compiling -------------------------------------------------------------------------

    def _lookup(self, db, args: tuple) -> _Compiled | None:
        """The compiled statement of this call's shape, or None: build the query normally."""
        shape = _shape(args)
        if shape is None:
            return None
        shapes = self._compiled.get(db)
        if shapes is None:
            with self._lock:
                shapes = self._compiled.setdefault(db, {})
        try:
            return shapes[shape]
        except KeyError:
            pass
        compiled = self._compile(db, args)
        with self._lock:
            if len(shapes) >= MAX_SHAPES:
                shapes.pop(next(iter(shapes)), None)
            shapes[shape] = compiled
        return compiled

    def _compile(self, db, args: tuple) -> _Compiled | None:
        self.compilations += 1
        stand_ins, places = _stand_ins(args)
        try:
            template = self._build(*stand_ins)
            sql, params = db.get_sql_context().sql(template).query()
        except Exception:  # noqa: BLE001 - stand-ins it cannot take: the real values decide
            _log.debug("statement %r not compiled", self._build, exc_info=True)
            return None
        slots = _slots(sql, params, places)
        if slots is None:
            _log.debug("statement %r not cached: %s", self._build, sql)
            return None
        return _Compiled(template, sql, tuple(params), slots)


def _shape(args: tuple) -> tuple | None:
    """What decides the SQL text of a call, or None when it cannot be cached."""
    shape: list[Hashable] = []
    slots = 0
    for value in args:
        kind = type(value)
        if kind is int:
            shape.append(int)
            slots += 1
        elif kind is list or kind is tuple:
            if not all(type(item) is int for item in value):
                return None
            shape.append((kind, len(value)))
            slots += len(value)
        else:
            try:
                hash(value)
            except TypeError:
                return None
            shape.append((kind, value))
    return tuple(shape) if slots <= MAX_SLOTS else None


def _stand_ins(args: tuple) -> tuple[list, dict[int, tuple[int, int | None]]]:
    """`args` with each integer replaced by a distinct sentinel, and sentinel → its place."""
    replaced: list = []
    places: dict[int, tuple[int, int | None]] = {}
    sentinel = _SENTINEL
    for argument, value in enumerate(args):
        kind = type(value)
        if kind is int:
            places[sentinel] = (argument, None)
            replaced.append(sentinel)
            sentinel += 1
        elif kind is list or kind is tuple:
            items = []
            for element in range(len(value)):
                places[sentinel] = (argument, element)
                items.append(sentinel)
                sentinel += 1
            replaced.append(kind(items))
        else:
            replaced.append(value)
    return replaced, places


def _slots(sql: str, params: list, places: dict[int, tuple[int, int | None]]):
    """Where each stand-in lands among the parameters, or None when one does not land
    exactly once as a parameter of its own (see the module docstring)."""
    if _MARK in sql:
        return None  # a stand-in (or a value made from one) written into the text itself
    slots = []
    for index, value in enumerate(params):
        if type(value) is int and value in places:
            slots.append((index, *places[value]))
        elif _derived(value):
            return None  # converted on its way: the real value would be converted too
    found = [(argument, element) for _index, argument, element in slots]
    if len(found) != len(places) or set(found) != set(places.values()):
        return None  # a stand-in missing (converted on its way) or used twice
    return tuple(slots)


def _derived(value) -> bool:
    """Whether a parameter looks made from a stand-in: its digits, or a number near one."""
    if isinstance(value, str):
        return _MARK in value
    if isinstance(value, bytes | bytearray):
        return _MARK.encode() in value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        try:
            return abs(float(value) - _SENTINEL) < 1e9
        except (ValueError, OverflowError):  # a signalling NaN, a huge integer
            return False
    return False
