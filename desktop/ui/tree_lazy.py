"""Plans read when they are needed, for PlanTreeModel.

A big database (more than LAZY_TASKS tasks) opens with the first plan's tree only: the other
plans are rows without children until the user expands one (canFetchMore/fetchMore), or until
the window, once painted, reads them one a tick (`fetch_next`).  Whatever needs every node —
the search, the status-bar counts, an edit, a look-up by id of a node not read yet — reads the
rest at once first (`ensure_complete`), so nothing else sees a partial tree.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QModelIndex

from db.queries import load_plans, plan_rows, plan_summaries
from desktop.ui.tree_items import PlanItem, build_node_item, renumber

LAZY_TASKS = 5000  # up to this many tasks every plan is read at start-up


class LazyPlansMixin:
    """For PlanTreeModel: needs `_root`, `_plans`, `_register`, `_index_of`, `generation`."""

    _pending: dict[int, PlanItem]

    def _read_plans(self) -> tuple[list, set[int]]:
        """The plans to show, in order, and the ids of those read with their trees: all, or
        (a big database) the first only."""
        self._pending = {}
        summaries = plan_summaries()
        if sum(summary.tasks for summary in summaries) <= LAZY_TASKS or len(summaries) < 2:
            records = load_plans()
            return records, {record.id for record in records}
        first = load_plans([summaries[0].id])
        rest = [record for record in plan_rows() if record.id != summaries[0].id]
        return [*first, *rest], {record.id for record in first}

    def _mark_pending(self, item: PlanItem) -> None:
        self._pending[item.id] = item

    def complete(self) -> bool:
        """True once every plan's tree is read."""
        return not self._pending

    def is_pending(self, item) -> bool:
        return isinstance(item, PlanItem) and self._pending.get(item.id) is item

    def ensure_complete(self) -> None:
        """Read every plan not read yet (one query), before anything that needs them all."""
        if not self._pending:
            return
        collecting = gc.isenabled()
        gc.disable()
        try:
            records = {record.id: record for record in load_plans(list(self._pending))}
            for plan_id, item in list(self._pending.items()):
                self._fill(item, records.get(plan_id))
        finally:
            if collecting:
                gc.enable()

    def fetch_next(self) -> bool:
        """Read one more plan (the window calls this when idle); False when all are read."""
        if not self._pending:
            return False
        self.fetch_plan(next(iter(self._pending.values())))
        return bool(self._pending)

    def _fill(self, item: PlanItem, record) -> None:
        del self._pending[item.id]
        if record is None or not record.nodes:
            self._emit_row_changed(item)  # its expand arrow goes
            return
        children = []
        for row, node in enumerate(record.nodes):
            child = build_node_item(node, item)
            child.row = row
            children.append(child)
        item.record.nodes = record.nodes
        self.beginInsertRows(self._index_of(item), 0, len(children) - 1)
        item.children = children
        item.renumber_rows()
        renumber(item, deep=True)
        for child in children:
            self._register(child)
        self._parents.setdefault(item.id, {})[item.key] = item
        self.generation += 1
        self.endInsertRows()

    # ----- Qt model interface ------------------------------------------------------------
    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        key = parent.internalId()
        item = self._by_key.get(key) if key else self._root
        if item is None:
            return False
        return bool(item.children) or bool(self._pending and self.is_pending(item))

    def canFetchMore(self, parent: QModelIndex) -> bool:  # noqa: N802
        return bool(self._pending) and self.is_pending(self._by_key.get(parent.internalId()))

    def fetchMore(self, parent: QModelIndex) -> None:  # noqa: N802
        self.fetch_plan(self._by_key.get(parent.internalId()))

    def fetch_plan(self, item) -> None:
        """Read `item`'s tree now if it is a plan not read yet (selected, or expanded)."""
        if self.is_pending(item):
            records = load_plans([item.id])
            self._fill(item, records[0] if records else None)
