"""Plain item objects under the plan tree model: each caches its row, parent and kind."""

from __future__ import annotations

from enum import IntEnum
from functools import lru_cache

from db.queries import SIGNATURE_MODULUS
from db.records import NodeRecord, PlanRecord
from desktop.ledger.numbering import number_label as _number_label
from desktop.ledger.numbering import sibling_labels

number_label = lru_cache(maxsize=8192)(_number_label)  # a handful of labels, used 50,000 times


class ItemKind(IntEnum):
    """Decides what an item can do (flags, drag and drop, which editor page)."""

    ROOT = 0
    PLAN = 1
    SECTION = 2
    TASK = 3
    MEASURE = 4


NODE_ITEM_KINDS = {"section": ItemKind.SECTION, "task": ItemKind.TASK, "measure": ItemKind.MEASURE}


class TreeItem:
    """An item with its parent and children; `row` is kept up to date by the parent."""

    kind: ItemKind = ItemKind.ROOT

    def __init__(self, parent: TreeItem | None = None) -> None:
        self.parent = parent
        self.row = 0
        self.children: list[NodeItem | PlanItem] = []
        self._signature: tuple[int, int, int, int] | None = None

    def renumber_rows(self, start: int = 0) -> None:
        self._signature = None
        for row in range(start, len(self.children)):
            self.children[row].row = row

    def signature(self) -> tuple[int, int, int, int]:
        """What db.queries.sibling_signatures computes from the stored rows: equal when the
        children are the same, in the same places."""
        if self._signature is None:
            children = self.children
            self._signature = (
                len(children),
                sum(child.id for child in children),
                sum(child.id * child.record.position for child in children),
                sum(
                    (child.id * child.record.position**2) % SIGNATURE_MODULUS for child in children
                ),
            )
        return self._signature

    def insert_child(self, row: int, child: TreeItem) -> None:
        child.parent = self
        self.children.insert(row, child)
        self.renumber_rows(row)

    def take_child(self, row: int) -> TreeItem:
        child = self.children.pop(row)
        self.renumber_rows(row)
        return child

    def move_child(self, source: int, destination: int) -> None:
        """Move the child at `source` so that it ends up at row `destination`."""
        child = self.children.pop(source)
        self.children.insert(destination, child)
        self.renumber_rows(min(source, destination))

    def walk(self):
        """Descendant items, depth first (self excluded)."""
        stack = list(reversed(self.children))
        while stack:
            item = stack.pop()
            yield item
            if item.children:
                stack.extend(reversed(item.children))


class PlanItem(TreeItem):
    kind = ItemKind.PLAN
    is_plan = True  # a plain attribute: comparing enum members costs more, 50,000 times

    def __init__(self, record: PlanRecord, parent: TreeItem | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.search_key: tuple[object, str, str] | None = None  # see tree_filter.search_parts

    def set_record(self, record: PlanRecord) -> None:
        self.record = record

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def plan_id(self) -> int:
        return self.record.id

    @property
    def title(self) -> str:
        return self.record.title


class NodeItem(TreeItem):
    is_plan = False

    def __init__(self, record: NodeRecord, parent: TreeItem | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.kind = NODE_ITEM_KINDS[record.kind]
        self.number = ""  # as published or live (一、 （一） 1. …), set by renumber()
        self.search_key: tuple[object, str, str] | None = None  # see tree_filter.search_parts

    def set_record(self, record: NodeRecord) -> None:
        self.record = record
        self.kind = NODE_ITEM_KINDS[record.kind]

    def depth(self) -> int:
        """0 for a node at the top of its plan."""
        depth = 0
        parent = self.parent
        while isinstance(parent, NodeItem):
            depth += 1
            parent = parent.parent
        return depth

    @property
    def id(self) -> int:
        return self.record.id

    @property
    def plan_id(self) -> int:
        return self.record.plan_id

    @property
    def title(self) -> str:
        return self.record.title

    def plan_item(self) -> PlanItem:
        item = self.parent
        while not isinstance(item, PlanItem):
            item = item.parent
        return item

    def parent_node_id(self) -> int | None:
        return self.parent.id if isinstance(self.parent, NodeItem) else None

    def task_count(self) -> int:
        """Tasks in this subtree, itself included."""
        own = 1 if self.kind == ItemKind.TASK else 0
        return own + sum(1 for item in self.walk() if item.kind == ItemKind.TASK)


def build_node_item(record: NodeRecord, parent: TreeItem) -> NodeItem:
    """An item for `record` with items for all its children."""
    item = NodeItem(record, parent)
    for row, child in enumerate(record.children):
        child_item = build_node_item(child, item)
        child_item.row = row
        item.children.append(child_item)
    return item


def renumber(parent: TreeItem, deep: bool = False) -> None:
    """Number the children of `parent` (and, `deep`, everything below them): each keeps the
    number the published plan gave it (`record.number`); the others are numbered live from
    their place and depth, 一、 → （一） → 1. → （1） → ① (desktop/ledger/numbering.py)."""
    depth = parent.depth() + 1 if isinstance(parent, NodeItem) else 0
    stack = [(parent, depth)]
    while stack:
        item, level = stack.pop()
        children = item.children
        for row, child in enumerate(children):
            if child.record.number:  # published numbers: each keeps its own, others follow
                _number_siblings(children, row, level)
                if deep:
                    stack.extend((each, level + 1) for each in children[row:] if each.children)
                break
            child.number = number_label(level, row + 1)
            if deep and child.children:
                stack.append((child, level + 1))


def _number_siblings(children: list, start: int, level: int) -> None:
    """Number `children` from `start` on, where the first published number stands."""
    stored = [child.record.number for child in children]
    if all(stored[start:]):
        for child in children[start:]:
            child.number = child.record.number
        return
    for child, label in zip(children, sibling_labels(stored, level), strict=True):
        child.number = label
