"""Plans read when they are needed, for PlanTreeModel.

A big database (more than LAZY_TASKS tasks) opens with its plans' rows and the first plan's
top-level rows (what shows at start: the first plan open): the rest of a plan is read when the
user expands a row of it (canFetchMore/fetchMore) or selects something in it, or when the
window, once painted, reads the plans one a tick (`fetch_next`).  Whatever needs every node —
the search, the status-bar counts, an edit, a look-up by id of a node not read yet — reads the
rest at once first (`ensure_complete`), so nothing else sees a partial tree.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QModelIndex

from db.queries import (
    load_nodes,
    load_plans,
    plan_rows,
    plan_structure,
    plan_summaries,
    sibling_signatures,
)
from desktop.ui.tree_items import NodeItem, PlanItem, build_node_item, renumber

LAZY_TASKS = 5000  # up to this many tasks every plan is read at start-up


class LazyPlansMixin:
    """For PlanTreeModel: needs `_root`, `_plans`, `_register`, `_index_of`, `generation`."""

    _pending: dict[int, PlanItem]

    def _read_plans(self) -> tuple[list, set[int]]:
        """The plans to show, in order, and the ids of those read with their whole trees:
        all, or (a big database) none — each with its top-level nodes only."""
        self._pending = {}
        self._below: set[int] = set()  # top-level nodes of pending plans that have children
        summaries = plan_summaries()
        self.big = sum(summary.tasks for summary in summaries) > LAZY_TASKS
        if not self.big:
            records = load_plans()
            return records, {record.id for record in records}
        plans = plan_rows()
        if plans:  # the first plan, open at start, with its top-level rows
            first = plans[0]
            top = plan_structure([first.id], [None])
            nodes = load_nodes([row[0] for row in top])
            first.nodes = [nodes[row[0]] for row in top]  # siblings in order
            self._below = {
                parent for (_plan, parent), signature in sibling_signatures([first.id]).items()
                if parent is not None and signature[0]
            }  # fmt: skip
        return plans, set()

    def _mark_pending(self, item: PlanItem) -> None:
        self._pending[item.id] = item

    def complete(self) -> bool:
        """True once every plan's tree is read."""
        return not self._pending

    def is_pending(self, item) -> bool:
        return isinstance(item, PlanItem) and self._pending.get(item.id) is item

    def pending_plan(self, item) -> PlanItem | None:
        """The plan of `item` when its tree is not read yet."""
        if not self._pending or item is None:
            return None
        plan = item if isinstance(item, PlanItem) else item.plan_item()
        return plan if self.is_pending(plan) else None

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
        self._completed()

    def fetch_next(self) -> bool:
        """Read one more plan (the window calls this when idle); False when all are read."""
        if not self._pending:
            return False
        self.fetch_plan(next(iter(self._pending.values())))
        return bool(self._pending)

    def _completed(self) -> None:
        self.freeze()

    def freeze(self) -> None:
        """A big database's items (hundreds of thousands of objects that live as long as the
        window) leave the garbage collector's view, so a full collection — 50–250 ms at
        50,000 tasks, at any keystroke — never walks them again (called once everything is
        read, and again once the search keys are made).  Frozen items deleted later are not
        collected: at most what was read at start, once."""
        if self.big and not self._pending:
            gc.freeze()

    def _fill(self, plan: PlanItem, record) -> None:
        """Give the plan's top-level items the rows below them, read whole in `record`."""
        del self._pending[plan.id]
        self.generation += 1
        if record is not None and record.nodes and not plan.children:
            self._fill_bare(plan, record)
            return
        if record is None or [n.id for n in record.nodes] != [c.id for c in plan.children]:
            self._rebuild_plan(plan)  # changed by another program meanwhile
            return
        plan.record.nodes = record.nodes
        for item, node in zip(plan.children, record.nodes, strict=True):
            self._unnote(item)
            item.set_record(node)
            self._note(item)
            self._below.discard(item.id)
            if not node.children:
                self._emit_row_changed(item)
                continue
            self._insert_children(item, node.children)
            self._emit_row_changed(item)  # its 四有 mark reads its children

    def _fill_bare(self, plan: PlanItem, record) -> None:
        """A plan read with no rows yet: all its rows at once."""
        plan.record.nodes = record.nodes
        self._insert_children(plan, record.nodes)

    def _insert_children(self, parent, records) -> None:
        """Give `parent` (a plan, or a top-level row of one) rows built whole from `records`,
        announced as one insert."""
        children = []
        for row, record in enumerate(records):
            child = build_node_item(record, parent)
            child.row = row
            children.append(child)
        self.beginInsertRows(self._index_of(parent), 0, len(children) - 1)
        parent.children = children
        parent.renumber_rows()
        renumber(parent, deep=True)
        for child in children:
            self._register(child)
        self._parents.setdefault(parent.plan_id, {})[parent.key] = parent
        self.endInsertRows()

    # ----- Qt model interface ------------------------------------------------------------
    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        # Qt's layout asks for every closed row after each edit: the common answers first
        key = parent.internalId()
        item = self._by_key.get(key) if key else self._root
        if item is None:
            return False
        if item.children:
            return True
        return bool(self._pending) and self._unread_below(item)

    def canFetchMore(self, parent: QModelIndex) -> bool:  # noqa: N802
        return bool(self._pending) and self._unread_below(self._by_key.get(parent.internalId()))

    def _unread_below(self, item) -> bool:
        """A pending plan read without rows, or a top-level row of one with rows not read."""
        if isinstance(item, PlanItem):
            return not item.children and self.is_pending(item)
        return (
            isinstance(item, NodeItem)
            and item.id in self._below
            and not item.children
            and self.is_pending(item.parent)
        )

    def fetchMore(self, parent: QModelIndex) -> None:  # noqa: N802
        self.fetch_plan(self._by_key.get(parent.internalId()))

    def fetch_plan(self, item) -> None:
        """Read the tree of `item`'s plan now if it is not read yet (expanded, selected)."""
        plan = self.pending_plan(item)
        if plan is None:
            return
        collecting = gc.isenabled()
        gc.disable()  # 10,000 new items: no collection of generations meanwhile
        try:
            records = load_plans([plan.id])
            self._fill(plan, records[0] if records else None)
        finally:
            if collecting:
                gc.enable()
        if not self._pending:
            self._completed()
