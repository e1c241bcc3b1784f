"""Dumping the directory tables, to check that an undo puts back exactly what was there."""

from __future__ import annotations

from db.models import Person, Progress, TaskLeader, TaskUnit, Unit, UnitAlias

DIRECTORY_MODELS = (Unit, UnitAlias, Person, TaskLeader, TaskUnit, Progress)


def dump_directory(with_alias_ids: bool = True) -> dict[str, list[tuple]]:
    """Every row of the directory and link tables, ids included, in id order."""
    tables = {}
    for model in DIRECTORY_MODELS:
        rows = [tuple(sorted(row.items())) for row in model.select().order_by(model.id).dicts()]
        if model is UnitAlias and not with_alias_ids:
            rows = sorted(tuple(item for item in row if item[0] != "id") for row in rows)
        tables[model.__name__] = rows
    return tables
