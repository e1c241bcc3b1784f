"""User actions on the directories of people and units: add, rename, aliases, merge, delete.

A unit or person is one row that tasks link to, so a rename shows everywhere at once.  Names
are unique across units and aliases together: one text never means two units.  Every
function runs one transaction and returns what undo needs to put things back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from db.directory import clean_name, find_unit, unit_for_name
from db.models import Node, Person, Progress, TaskLeader, TaskUnit, Unit, UnitAlias, database
from desktop.operations import Change, OperationError
from desktop.operations.snapshots import chunks

ALIAS_SEPARATORS = "、，,；;／/ \t\n"

# ---------------------------------------------------------------- snapshots for undo


@dataclass
class UnitSnapshot:
    """A deleted unit with its aliases (same ids on restore)."""

    unit: dict
    aliases: list[dict] = field(default_factory=list)


@dataclass
class UnitMerge:
    """Rows touched by merge_units, as they were before."""

    keep: dict
    drop: dict
    aliases: list[dict]
    links: list[dict]
    progress_ids: list[int]
    people_ids: list[int]
    nodes: frozenset[int]


@dataclass
class PersonEdit:
    """A person as they were before add_person or update_person (`before` None: added), and
    the unit the edit created by naming a new one, if any."""

    person_id: int
    before: dict | None
    created_unit: int | None = None


@dataclass
class PersonMerge:
    keep: dict
    drop: dict
    links: list[dict]
    nodes: frozenset[int]


# ---------------------------------------------------------------- units


def add_unit(name: str, aliases: list[str] | tuple[str, ...] = ()) -> tuple[int, Change]:
    """A new unit, optionally with aliases."""
    name = _required(name, "单位名称")
    with database.atomic():
        _check_unit_name_free(name, None)
        unit = Unit.create(name=name)
        _write_aliases(unit.id, _clean_aliases(aliases, unit.id, name))
    return unit.id, Change(directory=True)


def rename_unit(unit_id: int, new_name: str) -> Change:
    """Rename a unit everywhere.  Renaming it to one of its own aliases swaps the two, so the
    old name stays known as an alias."""
    new_name = _required(new_name, "单位名称")
    with database.atomic():
        unit = _unit(unit_id)
        if new_name == unit.name:
            return Change(directory=True)
        _check_unit_name_free(new_name, unit_id)
        own_alias = UnitAlias.get_or_none(
            (UnitAlias.unit == unit_id) & (UnitAlias.alias == new_name)
        )
        if own_alias is not None:
            own_alias.delete_instance()
            UnitAlias.create(unit=unit_id, alias=unit.name)
        Unit.update(name=new_name).where(Unit.id == unit_id).execute()
        nodes = _unit_nodes([unit_id])
        _bump_versions(nodes)
    return Change(nodes=nodes, directory=True)


def set_unit_aliases(
    unit_id: int, aliases: list[str] | tuple[str, ...]
) -> tuple[list[str], Change]:
    """Replace the aliases of a unit; returns the aliases it had (for undo)."""
    with database.atomic():
        unit = _unit(unit_id)
        old = unit_aliases(unit_id)
        cleaned = _clean_aliases(aliases, unit_id, unit.name)
        UnitAlias.delete().where(UnitAlias.unit == unit_id).execute()
        _write_aliases(unit_id, cleaned)
    return old, Change(directory=True)


def unit_aliases(unit_id: int) -> list[str]:
    """The aliases of a unit, in the order they were given."""
    query = UnitAlias.select(UnitAlias.alias).where(UnitAlias.unit == unit_id)
    return [alias for (alias,) in query.order_by(UnitAlias.id).tuples()]


def split_aliases(text: str) -> list[str]:
    """“市政府办、政府办” → ['市政府办', '政府办'] (also commas, semicolons, slashes, spaces)."""
    for separator in ALIAS_SEPARATORS[1:]:
        text = text.replace(separator, ALIAS_SEPARATORS[0])
    return [part for part in (p.strip() for p in text.split(ALIAS_SEPARATORS[0])) if part]


def delete_unit(unit_id: int) -> tuple[UnitSnapshot, Change]:
    """Delete a unit no task, progress report or person refers to."""
    with database.atomic():
        unit = _unit(unit_id)
        uses = _unit_uses(unit_id)
        if uses:
            raise OperationError(
                f"单位“{unit.name}”仍{uses}，不能删除；如果它与另一单位相同，请使用“合并到…”"
            )
        snapshot = UnitSnapshot(
            unit=Unit.select().where(Unit.id == unit_id).dicts().get(),
            aliases=list(UnitAlias.select().where(UnitAlias.unit == unit_id).dicts()),
        )
        Unit.delete().where(Unit.id == unit_id).execute()
    return snapshot, Change(directory=True)


def restore_unit(snapshot: UnitSnapshot) -> Change:
    """Undo of delete_unit (and redo of add_unit with the same id)."""
    with database.atomic():
        Unit.insert(snapshot.unit).execute()
        if snapshot.aliases:
            UnitAlias.insert_many(snapshot.aliases).execute()
    return Change(directory=True)


def merge_units(keep_id: int, drop_id: int) -> tuple[UnitMerge, Change]:
    """Merge unit `drop_id` into `keep_id`: its task links, progress reports, people and
    aliases move over, its name becomes an alias of the kept unit, and a task linked to both
    in one role keeps a single link (the kept unit's contact, else the dropped one's)."""
    if keep_id == drop_id:
        raise OperationError("不能把单位合并到它自己")
    with database.atomic():
        keep, drop = _unit(keep_id), _unit(drop_id)
        both = [keep_id, drop_id]
        merge = UnitMerge(
            keep=Unit.select().where(Unit.id == keep_id).dicts().get(),
            drop=Unit.select().where(Unit.id == drop_id).dicts().get(),
            aliases=list(UnitAlias.select().where(UnitAlias.unit.in_(both)).dicts()),
            links=list(TaskUnit.select().where(TaskUnit.unit.in_(both)).dicts()),
            progress_ids=[
                pid
                for (pid,) in Progress.select(Progress.id).where(Progress.unit == drop_id).tuples()
            ],
            people_ids=[
                pid for (pid,) in Person.select(Person.id).where(Person.unit == drop_id).tuples()
            ],
            nodes=_unit_nodes([drop_id]),
        )
        kept_links = {
            (row["node"], row["role"]): row for row in merge.links if row["unit"] == keep_id
        }
        for row in merge.links:
            if row["unit"] != drop_id:
                continue
            twin = kept_links.get((row["node"], row["role"]))
            if twin is None:
                TaskUnit.update(unit=keep_id).where(TaskUnit.id == row["id"]).execute()
                continue
            TaskUnit.delete().where(TaskUnit.id == row["id"]).execute()
            TaskUnit.update(
                contact=twin["contact"] or row["contact"],
                position=min(twin["position"], row["position"]),
            ).where(TaskUnit.id == twin["id"]).execute()
        Progress.update(unit=keep_id).where(Progress.unit == drop_id).execute()
        Person.update(unit=keep_id).where(Person.unit == drop_id).execute()
        UnitAlias.update(unit=keep_id).where(UnitAlias.unit == drop_id).execute()
        Unit.delete().where(Unit.id == drop_id).execute()
        if not UnitAlias.select().where(UnitAlias.alias == drop.name).exists():
            UnitAlias.create(unit=keep.id, alias=drop.name)
        _bump_versions(merge.nodes)
    return merge, Change(nodes=merge.nodes, directory=True)


def unmerge_units(merge: UnitMerge) -> Change:
    """Undo of merge_units: both units exactly as they were, with the same row ids."""
    keep_id, drop_id = merge.keep["id"], merge.drop["id"]
    with database.atomic():
        Unit.insert(merge.drop).execute()
        Unit.update(name=merge.keep["name"]).where(Unit.id == keep_id).execute()
        UnitAlias.delete().where(UnitAlias.unit == keep_id).execute()
        if merge.aliases:
            UnitAlias.insert_many(merge.aliases).execute()
        TaskUnit.delete().where(TaskUnit.unit == keep_id).execute()
        _reinsert(TaskUnit, merge.links)
        for ids, model in ((merge.progress_ids, Progress), (merge.people_ids, Person)):
            for part in chunks(ids):
                model.update(unit=drop_id).where(model.id.in_(part)).execute()
        _bump_versions(merge.nodes)
    return Change(nodes=merge.nodes, directory=True)


# ---------------------------------------------------------------- people


def add_person(name: str, post: str = "", unit: str = "") -> tuple[PersonEdit, Change]:
    """A new person; `unit` is a unit name or alias (a new name adds the unit)."""
    name = _required(name, "姓名")
    with database.atomic():
        _check_person_name_free(name, None)
        unit_id, created = _unit_for(unit)
        person = Person.create(name=name, post=post.strip(), unit=unit_id)
    return PersonEdit(person.id, None, created), Change(directory=True)


def rename_person(person_id: int, new_name: str) -> Change:
    new_name = _required(new_name, "姓名")
    with database.atomic():
        person = _person(person_id)
        if new_name != person.name:
            _check_person_name_free(new_name, person_id)
            Person.update(name=new_name).where(Person.id == person_id).execute()
        nodes = _person_nodes([person_id])
        _bump_versions(nodes)
    return Change(nodes=nodes, directory=True)


def update_person(
    person_id: int, post: str | None = None, unit: str | None = None
) -> tuple[PersonEdit, Change]:
    """Set a person's post and/or unit (a unit name or alias; "" for none; a new name adds
    the unit).  None leaves a field as it is."""
    with database.atomic():
        _person(person_id)
        before = Person.select().where(Person.id == person_id).dicts().get()
        fields: dict = {}
        created = None
        if post is not None:
            fields["post"] = post.strip()
        if unit is not None:
            fields["unit"], created = _unit_for(unit)
        if fields:
            Person.update(**fields).where(Person.id == person_id).execute()
    return PersonEdit(person_id, before, created), Change(directory=True)


def revert_person_edit(edit: PersonEdit) -> Change:
    """Undo of add_person or update_person, removing a unit the edit created."""
    with database.atomic():
        if edit.before is None:
            Person.delete().where(Person.id == edit.person_id).execute()
        else:
            row = {k: v for k, v in edit.before.items() if k != "id"}
            Person.update(**row).where(Person.id == edit.person_id).execute()
        if edit.created_unit is not None and not _unit_uses(edit.created_unit):
            Unit.delete().where(Unit.id == edit.created_unit).execute()
    return Change(directory=True)


def redo_person_edit(edit: PersonEdit, after: dict, created_unit: dict | None) -> Change:
    """Redo of add_person or update_person with the same ids: `after` is the person row
    and `created_unit` the unit row the first run produced."""
    with database.atomic():
        if created_unit is not None:
            Unit.insert(created_unit).execute()
        if edit.before is None:
            Person.insert(after).execute()
        else:
            row = {k: v for k, v in after.items() if k != "id"}
            Person.update(**row).where(Person.id == edit.person_id).execute()
    return Change(directory=True)


def person_row(person_id: int) -> dict:
    return Person.select().where(Person.id == person_id).dicts().get()


def unit_row(unit_id: int) -> dict:
    return Unit.select().where(Unit.id == unit_id).dicts().get()


def delete_person(person_id: int) -> tuple[dict, Change]:
    """Delete a person who leads no task."""
    with database.atomic():
        person = _person(person_id)
        count = TaskLeader.select().where(TaskLeader.person == person_id).count()
        if count:
            raise OperationError(
                f"“{person.name}”仍是 {count} 项任务的牵头领导，不能删除；"
                "如果与另一人是同一人，请使用“合并到…”"
            )
        row = Person.select().where(Person.id == person_id).dicts().get()
        Person.delete().where(Person.id == person_id).execute()
    return row, Change(directory=True)


def restore_person(row: dict) -> Change:
    with database.atomic():
        Person.insert(row).execute()
    return Change(directory=True)


def merge_people(keep_id: int, drop_id: int) -> tuple[PersonMerge, Change]:
    """Merge person `drop_id` into `keep_id`: tasks move over (one link where both lead the
    same task); the kept person takes the dropped one's post and unit where it has none."""
    if keep_id == drop_id:
        raise OperationError("不能把一个人合并到他自己")
    with database.atomic():
        keep, drop = _person(keep_id), _person(drop_id)
        merge = PersonMerge(
            keep=Person.select().where(Person.id == keep_id).dicts().get(),
            drop=Person.select().where(Person.id == drop_id).dicts().get(),
            links=list(
                TaskLeader.select().where(TaskLeader.person.in_([keep_id, drop_id])).dicts()
            ),
            nodes=_person_nodes([drop_id]),
        )
        kept = {row["node"]: row for row in merge.links if row["person"] == keep_id}
        for row in merge.links:
            if row["person"] != drop_id:
                continue
            twin = kept.get(row["node"])
            if twin is None:
                TaskLeader.update(person=keep_id).where(TaskLeader.id == row["id"]).execute()
            else:
                TaskLeader.delete().where(TaskLeader.id == row["id"]).execute()
                TaskLeader.update(position=min(twin["position"], row["position"])).where(
                    TaskLeader.id == twin["id"]
                ).execute()
        Person.update(
            post=keep.post or drop.post,
            unit=keep.unit_id if keep.unit_id is not None else drop.unit_id,
        ).where(Person.id == keep_id).execute()
        Person.delete().where(Person.id == drop_id).execute()
        _bump_versions(merge.nodes)
    return merge, Change(nodes=merge.nodes, directory=True)


def unmerge_people(merge: PersonMerge) -> Change:
    keep_id = merge.keep["id"]
    with database.atomic():
        Person.insert(merge.drop).execute()
        row = {k: v for k, v in merge.keep.items() if k != "id"}
        Person.update(**row).where(Person.id == keep_id).execute()
        TaskLeader.delete().where(TaskLeader.person == keep_id).execute()
        _reinsert(TaskLeader, merge.links)
        _bump_versions(merge.nodes)
    return Change(nodes=merge.nodes, directory=True)


# ---------------------------------------------------------------- helpers


def _bump_versions(node_ids: frozenset[int]) -> None:
    """A rename or merge changes the names these tasks show: their row versions go up, so a
    save of their leaders or units made over the old names (another clerk's window, read
    before) is asked about, not written over them (operations/conflicts.py: a save of any
    other field still goes through)."""
    for part in chunks(sorted(node_ids)):
        Node.update(version=Node.version + 1).where(Node.id.in_(part)).execute()


def _reinsert(model, rows: list[dict]) -> None:
    """Put link rows back, by their old ids where still free.  Links are matched on their
    other columns, so edits made after the merge (and undone since) may have moved an id."""
    taken = {
        row_id
        for (row_id,) in model.select(model.id)
        .where(model.id.in_([row["id"] for row in rows]))
        .tuples()
    }
    for row in rows:
        if row["id"] in taken:
            row = {key: value for key, value in row.items() if key != "id"}
        model.insert(row).execute()


def _required(name: str, what: str) -> str:
    name = clean_name(name)
    if not name:
        raise OperationError(f"{what}不能为空")
    return name


def _unit(unit_id: int) -> Unit:
    unit = Unit.get_or_none(Unit.id == unit_id)
    if unit is None:
        raise OperationError(f"该单位（编号 {unit_id}）已不存在")
    return unit


def _person(person_id: int) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise OperationError(f"该人员（编号 {person_id}）已不存在")
    return person


def _check_unit_name_free(name: str, unit_id: int | None) -> None:
    """Refuse `name` when another unit is called so or has it as an alias."""
    other = Unit.get_or_none(Unit.name == name)
    if other is not None and other.id != unit_id:
        raise OperationError(
            f"已有名为“{name}”的单位；如果两者是同一单位，请使用“合并到…”把它们合并"
        )
    alias = UnitAlias.get_or_none(UnitAlias.alias == name)
    if alias is not None and alias.unit_id != unit_id:
        raise OperationError(
            f"“{name}”已是单位“{alias.unit.name}”的别名；"
            "如果两者是同一单位，请使用“合并到…”把它们合并"
        )


def _check_person_name_free(name: str, person_id: int | None) -> None:
    other = Person.get_or_none(Person.name == name)
    if other is not None and other.id != person_id:
        raise OperationError(f"名录中已有“{name}”；如果是同一人，请使用“合并到…”把两条记录合并")


def _clean_aliases(aliases, unit_id: int, name: str) -> list[str]:
    """Aliases without blanks, repeats or the unit's own name; refuses one that names
    another unit or is another unit's alias."""
    cleaned = [a for a in dict.fromkeys(clean_name(a) for a in aliases) if a and a != name]
    for alias in cleaned:
        other = Unit.get_or_none(Unit.name == alias)
        if other is not None and other.id != unit_id:
            raise OperationError(
                f"“{alias}”是另一单位的名称，不能作为别名；如果两者是同一单位，请使用“合并到…”"
            )
        owner = UnitAlias.get_or_none(UnitAlias.alias == alias)
        if owner is not None and owner.unit_id != unit_id:
            raise OperationError(f"“{alias}”已是单位“{owner.unit.name}”的别名")
    return cleaned


def _write_aliases(unit_id: int, aliases: list[str]) -> None:
    if aliases:
        UnitAlias.insert_many([{"unit": unit_id, "alias": a} for a in aliases]).execute()


def _unit_for(name: str) -> tuple[int | None, int | None]:
    """(unit id or None for "", id of a unit created for a new name or None)."""
    if not clean_name(name):
        return None, None
    unit = find_unit(name)
    if unit is not None:
        return unit.id, None
    unit = unit_for_name(name)
    return unit.id, unit.id


def _unit_uses(unit_id: int) -> str:
    """What still refers to a unit, as Chinese words ("" when nothing)."""
    tasks = TaskUnit.select(TaskUnit.node).where(TaskUnit.unit == unit_id).distinct().count()
    progress = Progress.select().where(Progress.unit == unit_id).count()
    people = Person.select().where(Person.unit == unit_id).count()
    parts = []
    if tasks:
        parts.append(f"用于 {tasks} 项任务")
    if progress:
        parts.append(f"见于 {progress} 条进展情况")
    if people:
        parts.append(f"有 {people} 名人员")
    return "、".join(parts)


def _unit_nodes(unit_ids: list[int]) -> frozenset[int]:
    """Tasks showing one of these units: as lead/support unit or in their progress."""
    links = TaskUnit.select(TaskUnit.node).where(TaskUnit.unit.in_(unit_ids)).tuples()
    progress = Progress.select(Progress.node).where(Progress.unit.in_(unit_ids)).tuples()
    return frozenset(n for (n,) in links) | frozenset(n for (n,) in progress)


def _person_nodes(person_ids: list[int]) -> frozenset[int]:
    query = TaskLeader.select(TaskLeader.node).where(TaskLeader.person.in_(person_ids))
    return frozenset(n for (n,) in query.tuples())
