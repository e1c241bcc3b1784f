"""One function per user action.  Each runs one transaction and returns a `Change` saying
what it touched, so views refresh from the report instead of re-reading everything.

The functions here are Qt-free; desktop/ui wraps them in QUndoCommands that call an
operation and its inverse.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Change:
    """What an operation changed.

    `plans`: plans whose fields or tree structure changed (added, removed, moved nodes, or the
    plan itself created or deleted).  `nodes`: nodes whose own fields or responsibilities
    changed.  `directory`: people or units changed.  `reload`: anything may have changed (a
    failed save was rolled back): every view reads again what is stored.  `origin`: the object
    that started the change (a view skips reloading itself for its own edit), None for undo,
    redo and reloads.  `numbers`: plans whose published numbers changed (重新编号 and its
    undo): views repaint their numbers without reloading the nodes.  `parents`: when not None,
    the (plan id, parent id — None for the top level) of the only parents in `plans` whose
    children changed, so a view re-reads those instead of looking through whole plans; None:
    any parent in `plans` may have changed.
    """

    plans: frozenset[int] = frozenset()
    nodes: frozenset[int] = frozenset()
    directory: bool = False
    reload: bool = False
    origin: object = field(default=None, compare=False, repr=False)
    numbers: frozenset[int] = frozenset()
    parents: frozenset[tuple[int, int | None]] | None = None

    def __or__(self, other: Change) -> Change:
        return Change(
            plans=self.plans | other.plans,
            nodes=self.nodes | other.nodes,
            directory=self.directory or other.directory,
            reload=self.reload or other.reload,
            origin=self.origin if self.origin is not None else other.origin,
            numbers=self.numbers | other.numbers,
            parents=_merged_parents(self, other),
        )


def _merged_parents(first: Change, second: Change) -> frozenset[tuple[int, int | None]] | None:
    """The parents of two changes together; None as soon as one of them says "any parent"
    for its plans."""
    merged: frozenset[tuple[int, int | None]] = frozenset()
    for change in (first, second):
        if change.parents is None:
            if change.plans:
                return None
        else:
            merged |= change.parents
    return merged


class OperationError(Exception):
    """A user action that cannot be done as asked; str() is one Chinese sentence."""
