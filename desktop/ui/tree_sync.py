"""Following structural changes of plans row by row, for PlanTreeModel.

A changed plan is not reloaded.  One indexed query gives, for every parent in it, a signature
of its children (count, sum of ids, sum of id × position); the parents whose signature differs
from the items' own are the only ones whose children are read again, and only what differs is
touched: removed rows go with begin/endRemoveRows; rows that changed place (also under another
parent or plan) with begin/endMoveRows, so the view keeps their expansion and selection; new
rows (their fields read once) with begin/endInsertRows.  When the Change names the parents
whose children changed (Change.parents: adds, deletes, moves within a plan and their undo),
the signature query is skipped and only those parents are read.  The numbers of the touched parents'
children are renumbered and repainted.  An add or an undo thus costs a few milliseconds,
whatever the size of the plan.
"""

from __future__ import annotations

from db.queries import (
    load_nodes,
    load_plans,
    node_numbers,
    plan_rows,
    plan_structure,
    sibling_signatures,
)
from db.records import NodeRecord, PlanRecord
from desktop.ui.tree_items import (
    NodeItem,
    PlanItem,
    TreeItem,
    build_node_item,
    number_label,
    renumber,
)


class _Rebuild(Exception):
    """Qt refused a move: the plans are rebuilt instead."""


class TreeSyncMixin:
    """For PlanTreeModel: needs `_root`, `_plans`, `_nodes`, `_parents`, `_register`,
    `_forget`, `contains`, `_index_of`, `_emit_row_changed` and `_emit_rows_changed`."""

    def sync_plans(
        self, plan_ids: set[int], parents: frozenset[tuple[int, int | None]] | None = None
    ) -> None:
        """Follow changes of the plans; `parents` (Change.parents), when given, are the only
        parents whose children changed, so no plan is looked through."""
        records = {record.id: record for record in plan_rows(plan_ids)}
        for plan_id in sorted(plan_ids):
            item = self._plans.get(plan_id)
            if item is not None and plan_id not in records:
                self.beginRemoveRows(self._index_of(self._root), item.row, item.row)
                self._root.take_child(item.row)
                self._forget(item)
                self.endRemoveRows()
        present = sorted(pid for pid in plan_ids if pid in self._plans and pid in records)
        for plan_id in present:
            item = self._plans[plan_id]
            records[plan_id].nodes = item.record.nodes
            item.set_record(records[plan_id])
            self._emit_row_changed(item)
        if present:
            try:
                self._sync_structure(present, parents)
            except _Rebuild:
                for plan_id in present:
                    self._rebuild_plan(self._plans[plan_id])
        added = [pid for pid in sorted(plan_ids) if pid in records and pid not in self._plans]
        if added:
            for record in load_plans(added):
                self._insert_plan(record)

    def sync_numbers(self, plan_ids: set[int]) -> None:
        """Published numbers changed (重新编号, its undo): one query for the plans' numbers;
        only the siblings of changed nodes are renumbered and repainted."""
        parents: dict[int, TreeItem] = {}
        for node_id, number in node_numbers(plan_ids).items():
            item = self._nodes.get(node_id)
            if item is not None and item.record.number != number:
                item.record.number = number
                parents[id(item.parent)] = item.parent
        for parent in parents.values():
            renumber(parent)
            self._emit_rows_changed(parent)

    # ----- plans -------------------------------------------------------------------------
    def _build_plan(self, record: PlanRecord) -> PlanItem:
        item = PlanItem(record, self._root)
        for row, node in enumerate(record.nodes):
            child = build_node_item(node, item)
            child.row = row
            item.children.append(child)
        renumber(item, deep=True)
        self._register(item)
        return item

    def _insert_plan(self, record: PlanRecord) -> None:
        row = sum(
            1
            for plan in self._root.children
            if (plan.record.position, plan.id) < (record.position, record.id)
        )
        self.beginInsertRows(self._index_of(self._root), row, row)
        self._root.insert_child(row, self._build_plan(record))
        self.endInsertRows()

    def _rebuild_plan(self, item: PlanItem) -> None:
        row = item.row
        self.beginRemoveRows(self._index_of(self._root), row, row)
        self._root.take_child(row)
        self._forget(item)
        self.endRemoveRows()
        for record in load_plans([item.id]):
            self._insert_plan(record)

    # ----- nodes -------------------------------------------------------------------------
    def _sync_structure(
        self, plan_ids: list[int], parents: frozenset[tuple[int, int | None]] | None = None
    ) -> None:
        if parents is None:
            changed = self._changed_parents(plan_ids)
        else:
            changed = {key for key in parents if key[0] in plan_ids}
        if not changed:
            return
        wanted: dict[tuple[int, int | None], list[int]] = {key: [] for key in changed}
        place: dict[int, int] = {}  # node id → position
        numbers: dict[int, str] = {}  # node id → published number ("" once moved)
        for node_id, plan_id, parent_id, position, number in plan_structure(
            plan_ids, {parent for _plan, parent in changed}
        ):
            if (plan_id, parent_id) in wanted:
                wanted[plan_id, parent_id].append(node_id)
                place[node_id] = position
                numbers[node_id] = number
        touched: dict[int, TreeItem] = {}  # id(parent) → parent whose children changed
        self._remove_missing(changed, place, touched)
        new_ids = [node_id for node_id in place if node_id not in self._nodes]
        records = load_nodes(new_ids) if new_ids else {}
        for record in records.values():  # new subtrees are built whole
            record.children = [
                records[child]
                for child in wanted.get((record.plan_id, record.id), ())
                if child in records
            ]
        moved: list[NodeItem] = []
        pending = dict(wanted)
        while pending:
            progress = False
            for key, ids in list(pending.items()):
                parent = self._plans.get(key[0]) if key[1] is None else self._nodes.get(key[1])
                if parent is None:
                    continue  # a new node, built with its children
                del pending[key]
                progress = True
                if [child.id for child in parent.children] != ids:
                    self._reconcile(parent, ids, records, moved, touched)
            if not progress:
                break
        for parent in touched.values():
            self._after_children_changed(parent, place, numbers)
        for item in moved:
            plan_id = item.parent.plan_id
            for each in (item, *item.walk()):
                if each.record.plan_id != plan_id:  # into another plan: register it there
                    self._parents.get(each.record.plan_id, {}).pop(each.key, None)
                    each.record.plan_id = plan_id
                    if each.children:
                        self._parents.setdefault(plan_id, {})[each.key] = each
            renumber(item, deep=True)
            self._emit_subtree_changed(item)

    def _changed_parents(self, plan_ids: list[int]) -> set[tuple[int, int | None]]:
        """(plan id, parent id) of the parents whose children differ from the stored ones."""
        stored = sibling_signatures(plan_ids)
        changed = set()
        for (plan_id, parent_id), signature in stored.items():
            parent = self._plans.get(plan_id) if parent_id is None else self._nodes.get(parent_id)
            if parent is None or parent.plan_id != plan_id or parent.signature() != signature:
                changed.add((plan_id, parent_id))
        for plan_id in plan_ids:
            for parent in self._parents.get(plan_id, {}).values():
                if parent.children:
                    key = (plan_id, parent.id if isinstance(parent, NodeItem) else None)
                    if key not in stored:
                        changed.add(key)  # all its children left
        return changed

    def _remove_missing(self, changed, place, touched) -> None:
        """Remove the items (with their subtrees) whose nodes are gone from changed parents."""
        doomed: list[NodeItem] = []
        for plan_id, parent_id in changed:
            parent = self._plans.get(plan_id) if parent_id is None else self._nodes.get(parent_id)
            if parent is None:
                continue
            doomed.extend(child for child in parent.children if child.id not in place)
        for item in doomed:
            if not self.contains(item):
                continue  # went with an ancestor
            parent = item.parent
            self.beginRemoveRows(self._index_of(parent), item.row, item.row)
            parent.take_child(item.row)
            self._forget(item)
            self.endRemoveRows()
            touched[id(parent)] = parent

    def _reconcile(
        self,
        parent: TreeItem,
        ids: list[int],
        records: dict[int, NodeRecord],
        moved: list[NodeItem],
        touched: dict[int, TreeItem],
    ) -> None:
        """Make the first len(ids) children of `parent` the items of `ids`, in order.
        Children not in `ids` (leaving for another parent) stay after them for now."""
        parent_index = self._index_of(parent)
        touched[id(parent)] = parent
        self._parents.setdefault(parent.plan_id, {})[parent.key] = parent
        for target, node_id in enumerate(ids):
            item = self._nodes.get(node_id)
            if item is None:
                self.beginInsertRows(parent_index, target, target)
                new = build_node_item(records[node_id], parent)
                parent.insert_child(target, new)
                new.number = number_label(new.depth(), target + 1)
                renumber(new, deep=True)
                self._register(new)
                self.endInsertRows()
            elif item.parent is parent:
                if item.row != target:
                    if not self.beginMoveRows(
                        parent_index, item.row, item.row, parent_index, target
                    ):
                        raise _Rebuild
                    parent.move_child(item.row, target)
                    self.endMoveRows()
            else:
                old_parent = item.parent
                source = self._index_of(old_parent)
                if not self.beginMoveRows(source, item.row, item.row, parent_index, target):
                    raise _Rebuild
                old_parent.take_child(item.row)
                parent.insert_child(target, item)
                self.endMoveRows()
                touched[id(old_parent)] = old_parent
                moved.append(item)

    def _after_children_changed(
        self, parent: TreeItem, place: dict[int, int], numbers: dict[int, str]
    ) -> None:
        """Keep the records in step (a moved node's published number is gone, an undone
        move's is back) and repaint the numbers and the parent's 四有 mark."""
        if not self.contains(parent):
            return
        for row, child in enumerate(parent.children):
            child.record.parent_id = parent.id if isinstance(parent, NodeItem) else None
            child.record.position = place.get(child.id, row)
            child.record.number = numbers.get(child.id, child.record.number)
        parent.renumber_rows()  # forgets the signature, computed again from the positions
        renumber(parent)
        if isinstance(parent, NodeItem):
            parent.record.children = [child.record for child in parent.children]
            self._emit_row_changed(parent)
        self._emit_rows_changed(parent)

    def _emit_subtree_changed(self, item: TreeItem) -> None:
        """A moved item's depth may have changed: repaint its descendants' numbers."""
        stack = [item]
        while stack:
            parent = stack.pop()
            if parent.children:
                self._emit_rows_changed(parent)
                stack.extend(parent.children)
