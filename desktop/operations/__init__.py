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
    undo): views repaint their numbers without reloading the nodes.
    """

    plans: frozenset[int] = frozenset()
    nodes: frozenset[int] = frozenset()
    directory: bool = False
    reload: bool = False
    origin: object = field(default=None, compare=False, repr=False)
    numbers: frozenset[int] = frozenset()

    def __or__(self, other: Change) -> Change:
        return Change(
            plans=self.plans | other.plans,
            nodes=self.nodes | other.nodes,
            directory=self.directory or other.directory,
            reload=self.reload or other.reload,
            origin=self.origin if self.origin is not None else other.origin,
            numbers=self.numbers | other.numbers,
        )


class OperationError(Exception):
    """A user action that cannot be done as asked; str() is one Chinese sentence."""
