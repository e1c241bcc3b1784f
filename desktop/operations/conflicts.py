"""Row versions of nodes: a save names the version it was read at and is never written
silently over a newer one (网络版: several clerks keep one ledger).

Every write that changes a node's content adds one to `node.version` in the same statement:
its own fields (update_node), its leaders and units (set_leaders, set_units), the ledger's
status changes, 销号, 撤销销号 and 延期 (ledger_ops, also when the feedback merge calls them),
their undo, 重新编号 (its published numbers), and a rename or merge of a unit or person it
shows (the names on it; directories.py).  Two kinds of write leave it alone, on
purpose: a move (parent, position, plan — a clerk reordering the tree must not make another
clerk's text edit conflict; views follow moves through their own structure refresh) and a new
progress entry (it adds a row and overwrites nothing).

A save that names a version carries a `Guard`: the version it was read at and, when known, the
values of the fields it changes as the user saw them (`base`).  The write is
`UPDATE … SET …, version = version + 1 WHERE id = ? AND version = ?`.  When no row matches:

- the node is gone: ConflictError with `theirs` None ("该任务已被其他人删除");
- another save came in between but left every field of this save as the user saw it (or set
  it to the same value): the save goes over the newer version — another clerk's edit of the
  deadline does not refuse my edit of the goal;
- otherwise: ConflictError carrying the fields the user changed with their values ("mine")
  and the stored row now ("theirs": its version, the values, who saved it and when, from the
  修改记录).  Nothing is written.

A save without a guard (the command line, an import, the feedback merge) is not checked.
Undo commands keep the version their own run produced, so undoing one's own edit is not
refused by one's own bump, while an undo over another clerk's newer save of the same field is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from db.ledger_models import FieldChange, StatusChange
from db.models import Node
from desktop.ledger import status as status_rules
from desktop.ledger.fields import node_field
from desktop.operations import OperationError

DELETED = "该任务已被其他人删除"
ATTEMPTS = 5  # saves in between that each left this save's fields alone, then give up


@dataclass
class Guard:
    """What a save expects: `expected`, the version it was read at (None: not checked), and
    `base`, the values of the fields it changes as the user saw them (None: unknown, so any
    newer version conflicts).  After the save, `produced` is the version it wrote."""

    expected: int | None
    base: dict | None = None
    produced: int | None = None


@dataclass(frozen=True)
class Saved:
    """The stored row a refused save met: its version, the values of the fields in question,
    and who saved it last and when (from the 修改记录; "" and None when not recorded)."""

    version: int
    values: dict = field(default_factory=dict)
    who: str = ""
    at: datetime | None = None


class ConflictError(OperationError):
    """A save over a newer version of a node (or over a node deleted meanwhile).

    `can_keep` is False for the undo of a ledger action (销号, a status change …): it also
    takes back rows of its own, so writing `mine` alone over theirs would not be that undo."""

    def __init__(
        self,
        node_id: int,
        mine: dict,
        theirs: Saved | None,
        kind: str = "task",
        title: str = "",
        can_keep: bool = True,
    ) -> None:
        self.node_id, self.mine, self.theirs = node_id, dict(mine), theirs
        self.kind, self.title, self.can_keep = kind, title, can_keep
        super().__init__(self._text())

    @property
    def deleted(self) -> bool:
        return self.theirs is None

    def fields(self) -> list[str]:
        """The keys of the fields the user changed, in the order given."""
        return list(self.mine)

    def differing(self) -> list[str]:
        """The fields whose stored value differs from the user's."""
        if self.theirs is None:
            return self.fields()
        return [key for key in self.mine if not same(self.mine[key], self.theirs.values.get(key))]

    def _text(self) -> str:
        if self.theirs is None:
            return DELETED if not self.title else f"{DELETED}：“{self.title}”"
        who = self.theirs.who or "其他人"
        when = f"于 {saved_time(self.theirs.at)} " if self.theirs.at else ""
        labels = "、".join(label(key, self.kind) for key in self.differing())
        return f"该任务已被{who}{when}修改并保存，{labels}与您的修改不同"


def label(key: str, kind: str = "task") -> str:
    """The Chinese name of a field (任务名称, 牵头单位 …)."""
    try:
        return node_field(key).label_for(kind)
    except (KeyError, ValueError):
        return key


def display(key: str, value) -> str:
    """A field value as the user reads it (a status by its label, lists joined by 、)."""
    if key == "status" and value:
        return status_rules.label(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "、".join(v.label() if hasattr(v, "label") else str(v) for v in value)
    return str(value)


def same(first, second) -> bool:
    """Equal as stored text (a date and its ISO text, a list and its joined names)."""
    return display("", first) == display("", second)


def saved_time(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at is not None else ""


def guarded_write(
    node_id: int,
    guard: Guard | None,
    mine: dict,
    stored: Callable[[], dict],
    **values,
) -> int:
    """Write `values` to the node and add one to its version, inside the caller's transaction;
    the version written (also put in `guard.produced`).  With a guard the write goes only over
    the version it names, or over a newer one that left `mine`'s fields as the user saw them
    (`stored()` reads their values now); otherwise ConflictError and nothing is written."""
    bump = {"version": Node.version + 1, **values}
    if guard is None or guard.expected is None:
        Node.update(**bump).where(Node.id == node_id).execute()
    else:
        expected = guard.expected
        for _attempt in range(ATTEMPTS):
            matched = (
                Node.update(**bump)
                .where((Node.id == node_id) & (Node.version == expected))
                .execute()
            )
            if matched:
                break
            expected = _check_newer(node_id, guard, mine, stored)
        else:
            raise _conflict(node_id, mine, stored)
    version = Node.select(Node.version).where(Node.id == node_id).scalar()
    if version is None:
        raise ConflictError(node_id, mine, None)
    if guard is not None:
        guard.produced = version
    return version


def _check_newer(node_id: int, guard: Guard, mine: dict, stored: Callable[[], dict]) -> int:
    """The version a save may go over after its own was not found; ConflictError when the
    node is gone or another save changed one of `mine`'s fields."""
    found = Node.select(Node.version).where(Node.id == node_id).scalar()
    if found is None:
        raise ConflictError(node_id, mine, None)
    now = stored()
    base = guard.base
    for key, value in mine.items():
        if same(now.get(key), value):
            continue  # both clerks wrote the same
        if base is not None and key in base and same(now.get(key), base[key]):
            continue  # the other save left this field alone
        raise ConflictError(node_id, mine, saved_row(node_id, found, now), *_kind_title(node_id))
    return found


def unchanged_since(node_id: int, mine: dict, left: dict) -> None:
    """An undo about to write `mine` over what its action `left`: ConflictError when another
    clerk has changed one of those fields since (for actions that keep no version)."""
    if not left:
        return
    keys = list(left)
    stored = Node.select(*(getattr(Node, key) for key in keys)).where(Node.id == node_id)
    now = stored.dicts().get_or_none()
    if now is None:
        raise ConflictError(node_id, mine, None)
    version = Node.select(Node.version).where(Node.id == node_id).scalar()
    if any(not same(now[key], left[key]) and not same(now[key], mine.get(key)) for key in keys):
        values = {key: now[key] for key in mine if key in now}
        kind, title = _kind_title(node_id)
        theirs = saved_row(node_id, version, values)
        raise ConflictError(node_id, mine, theirs, kind, title, can_keep=False)


def _conflict(node_id: int, mine: dict, stored: Callable[[], dict]) -> ConflictError:
    found = Node.select(Node.version).where(Node.id == node_id).scalar()
    if found is None:
        return ConflictError(node_id, mine, None)
    return ConflictError(node_id, mine, saved_row(node_id, found, stored()), *_kind_title(node_id))


def _kind_title(node_id: int) -> tuple[str, str]:
    row = Node.select(Node.kind, Node.title).where(Node.id == node_id).tuples().get_or_none()
    return (row[0], row[1]) if row else ("task", "")


def saved_row(node_id: int, version: int, values: dict) -> Saved:
    """`values` as stored at `version`, with who last saved one of these fields and when
    (the newest 修改记录 or status change of them)."""
    keys = [key for key in values if key != "status"]
    candidates: list[tuple[datetime, str]] = []
    if keys:
        row = (
            FieldChange.select(FieldChange.changed_at, FieldChange.who)
            .where((FieldChange.node == node_id) & FieldChange.field.in_(keys))
            .order_by(FieldChange.id.desc())
            .tuples()
            .first()
        )
        if row is not None:
            candidates.append((_as_datetime(row[0]), row[1]))
    if "status" in values:
        row = (
            StatusChange.select(StatusChange.recorded_at, StatusChange.who)
            .where(StatusChange.node == node_id)
            .order_by(StatusChange.id.desc())
            .tuples()
            .first()
        )
        if row is not None:
            candidates.append((_as_datetime(row[0]), row[1]))
    candidates = [c for c in candidates if c[0] is not None]
    if not candidates:
        return Saved(version, dict(values))
    at, who = max(candidates, key=lambda c: c[0])
    return Saved(version, dict(values), who or "", at)


def _as_datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None
