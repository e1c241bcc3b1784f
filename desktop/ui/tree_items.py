"""Plain item objects under the plan tree model: each caches its row, parent and kind."""

from __future__ import annotations

from enum import IntEnum

from db.records import NodeRecord, PlanRecord


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

    def renumber_rows(self, start: int = 0) -> None:
        for row in range(start, len(self.children)):
            self.children[row].row = row

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
        for child in self.children:
            yield child
            yield from child.walk()


class PlanItem(TreeItem):
    kind = ItemKind.PLAN

    def __init__(self, record: PlanRecord, parent: TreeItem | None = None) -> None:
        super().__init__(parent)
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
    def __init__(self, record: NodeRecord, parent: TreeItem | None = None) -> None:
        super().__init__(parent)
        self.record = record
        self.kind = NODE_ITEM_KINDS[record.kind]
        self.number = ""

    def set_record(self, record: NodeRecord) -> None:
        self.record = record
        self.kind = NODE_ITEM_KINDS[record.kind]

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
