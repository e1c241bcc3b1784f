"""Resolving names typed or imported into directory rows: one unit is never two."""

from __future__ import annotations

from db.bulk import name_id
from db.models import Person, Unit, UnitAlias


def clean_name(name: str) -> str:
    """A name as stored: surrounding and inner white space removed (names never contain it)."""
    return "".join(name.split())


def find_unit(name: str) -> Unit | None:
    """The unit called `name`, by exact name or by alias."""
    name = clean_name(name)
    unit = Unit.get_or_none(Unit.name == name)
    if unit is None:
        alias = UnitAlias.get_or_none(UnitAlias.alias == name)
        unit = alias.unit if alias is not None else None
    return unit


def unit_for_name(name: str) -> Unit:
    """The unit called `name` (name or alias), created when new.  Call inside a transaction.
    A new name another clerk adds on the server at the same moment is taken, not refused
    (db.bulk.name_id)."""
    unit = find_unit(name)
    if unit is None:
        name = clean_name(name)
        unit = Unit(id=name_id(Unit, name), name=name)
    return unit


def person_for_name(name: str) -> Person:
    """The person called `name`, created when new (then only its id and name are filled).
    Call inside a transaction."""
    name = clean_name(name)
    person = Person.get_or_none(Person.name == name)
    if person is None:
        person = Person(id=name_id(Person, name), name=name)
    return person
