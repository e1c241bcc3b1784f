"""The plan tree: a hand-written QAbstractItemModel over plain items (tree_items.py).

Built from `load_plans()`; afterwards it follows the `Change` reports of the ChangeHub
incrementally (tree_sync.py): for a changed plan only the parents whose children differ from
the stored ones are read again, and just the rows that differ are removed, moved and inserted
with their begin/end signals, so views keep selection and expansion; changed nodes are
reloaded and repainted.  Numbers (一、（一）1.) are kept on the items and renumbered only under
the parents that changed.  The status-bar counts are kept item by item.  Edits made in the tree
(rename, drag and drop) go to callbacks that run undo commands; the model never writes to the
database.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import count

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from db.queries import load_nodes
from desktop.ledger.rules import light_of, missing_four_haves
from desktop.operations import Change
from desktop.ui.icons import icon
from desktop.ui.tree_dnd import NodeDragDropMixin
from desktop.ui.tree_items import ItemKind, NodeItem, PlanItem, TreeItem, renumber
from desktop.ui.tree_lazy import LazyPlansMixin
from desktop.ui.tree_sync import TreeSyncMixin

HEADERS = ("名称", "牵头单位", "完成时限")
TITLE_COLUMN, UNITS_COLUMN, DEADLINE_COLUMN = range(3)
ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
MISSING_ROLE = Qt.ItemDataRole.UserRole + 3
LIGHT_ROLE = Qt.ItemDataRole.UserRole + 4
_OWN_ROLES = (ID_ROLE, KIND_ROLE, MISSING_ROLE, LIGHT_ROLE)
KIND_ICONS = {
    ItemKind.PLAN: "plan",
    ItemKind.SECTION: "node_section",
    ItemKind.TASK: "node_task",
    ItemKind.MEASURE: "node_measure",
}
UNTITLED = "（未命名）"
# a colour, not a QBrush: the first QBrush PySide6 makes creates seven Python enum classes (≈ 10 ms
# on the first select that paints an overdue row); the delegate takes a colour as the brush
OVERDUE_TEXT = QColor("#b3261e")
_BASE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDropEnabled
)
_COLUMNS = len(HEADERS)
# the roles data() compares, as plain ints: an enum member looked up per call costs more than
# the rest of the answer (a repaint asks ~1,400 times)
_DISPLAY, _TOOLTIP, _EDIT, _DECORATION, _FONT, _FOREGROUND = (
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
    )
)
_SECTION = int(ItemKind.SECTION)
_SERVED_ROLES = frozenset(  # every role data() answers
    (_DISPLAY, _TOOLTIP, _EDIT, _DECORATION, _FONT, _FOREGROUND, *_OWN_ROLES)
)
_FLAGS = {  # (is a plan, is the title column) → flags, computed once (enum | is slow)
    (True, True): _BASE_FLAGS | Qt.ItemFlag.ItemIsEditable,
    (True, False): _BASE_FLAGS,
    (False, True): _BASE_FLAGS | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsEditable,
    (False, False): _BASE_FLAGS | Qt.ItemFlag.ItemIsDragEnabled,
}

# by column, for a plan and for a node (flags() looks them up by the index's column)
_PLAN_FLAGS = (_FLAGS[True, True], *[_FLAGS[True, False]] * (_COLUMNS - 1))
_NODE_FLAGS = (_FLAGS[False, True], *[_FLAGS[False, False]] * (_COLUMNS - 1))
# a node without children says so: Qt then neither asks whether it has any nor keeps it among
# the expanded rows (expand all would open every task, and each insert or remove of a row
# walks the expanded rows through parent()).  The flag follows the node: rows inserted under
# a leaf are announced as usual, and Qt's views then show the branch (tested).
_LEAF_FLAGS = tuple(flags | Qt.ItemFlag.ItemNeverHasChildren for flags in _NODE_FLAGS)
_NO_FLAGS = Qt.ItemFlag.NoItemFlags

RenameHandler = Callable[[TreeItem, str], bool]


@dataclass(frozen=True)
class TreeStatistics:
    plans: int
    tasks: int
    overdue: int
    due_soon: int


class PlanTreeModel(LazyPlansMixin, TreeSyncMixin, NodeDragDropMixin, QAbstractItemModel):
    """Plans at the top level, their sections, tasks and measures below."""

    def __init__(self, today: Callable[[], date] = date.today, parent=None) -> None:
        super().__init__(parent)
        self.today = today
        self.move_handler = None  # (node, plan, parent, position) → runs a move command
        self.rename_handler: RenameHandler | None = None
        self.generation = 0  # bumped by every load and change (search keys follow it)
        self._root = TreeItem()
        self._keys = count(1)
        self._by_key: dict[int, TreeItem] = {}
        self._plans: dict[int, PlanItem] = {}
        self._nodes: dict[int, NodeItem] = {}
        self._parents: dict[int, dict[int, TreeItem]] = {}  # plan → key → item with children
        self._lights: dict[int, str | None] = {}  # task id → status light, for the counts
        self._light_counts: Counter[str | None] = Counter()  # light → tasks, kept item by item
        self._light_day: date | None = None
        self._pending: dict[int, PlanItem] = {}  # plans not read yet (tree_lazy.py)
        self._below: set[int] = set()  # their top-level nodes with children
        self._built: list[TreeItem] | None = None  # items apply_change built anew
        self.big = False  # more tasks than tree_lazy.LAZY_TASKS: read lazily

    # ----- loading and refreshing -------------------------------------------------------
    def load(self) -> None:
        """Read every plan afresh (start-up).  The garbage collector waits meanwhile: the
        records and items of 50,000 nodes are all kept, and collecting generations while
        they are made costs a third of the load."""
        gc.unfreeze()  # a big database's items read before (tree_lazy.py) may go now
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._load()
        finally:
            if collecting:
                gc.enable()

    def _load(self) -> None:
        self.beginResetModel()
        self.generation += 1
        self._root = TreeItem()
        self._by_key.clear()
        self._plans.clear()
        self._nodes.clear()
        self._parents.clear()
        self._lights.clear()
        self._light_counts.clear()
        self._light_day = self.today()
        records, read = self._read_plans()
        for row, record in enumerate(records):
            item = self._build_plan(record)
            item.parent, item.row = self._root, row
            self._root.children.append(item)
            if record.id not in read:
                self._mark_pending(item)
        self.endResetModel()

    def apply_change(self, change: Change) -> list[TreeItem]:
        """Follow what an operation reported, touching only the rows it changed.  Returns the
        items built anew (a plan or a subtree put back by an undo), for the window to open
        again what was open in them; moved rows keep their expansion by themselves."""
        self.ensure_complete()
        self.generation += 1
        self._built = []
        try:
            self._apply(change)
            return self._built
        finally:
            self._built = None

    def _apply(self, change: Change) -> None:
        plan_ids = set(change.plans)  # directory edits report the tasks they rename in nodes
        if plan_ids:
            self.sync_plans(plan_ids, change.parents)
        if change.numbers:
            self.sync_numbers(set(change.numbers))
        node_ids = [node_id for node_id in change.nodes if node_id in self._nodes]
        if node_ids:
            renumbered: dict[int, TreeItem] = {}  # id(parent) → parent of a changed number
            for node_id, record in load_nodes(node_ids).items():
                item = self._nodes.get(node_id)
                if item is None:
                    continue
                if record.number != item.record.number:
                    renumbered[id(item.parent)] = item.parent
                record.children = [child.record for child in item.children]
                self._unnote(item)
                item.set_record(record)
                self._note(item)
                self._emit_row_changed(item)
                parent = item.parent
                if isinstance(parent, NodeItem):  # its 四有 check reads its children's kinds
                    parent.record.children = [child.record for child in parent.children]
                    self._emit_row_changed(parent)
            for parent in renumbered.values():  # 重新编号 and its undo: only these siblings
                renumber(parent)
                self._emit_rows_changed(parent)

    def _register(self, item: TreeItem) -> None:
        if self._built is not None:
            self._built.append(item)
        for each in (item, *item.walk()):
            each.key = next(self._keys)
            self._by_key[each.key] = each
            if each.children:
                self._parents.setdefault(each.plan_id, {})[each.key] = each
            if isinstance(each, PlanItem):
                self._plans[each.id] = each
            else:
                self._nodes[each.id] = each
                self._note(each)

    def _forget(self, item: TreeItem) -> None:
        for each in (item, *item.walk()):
            self._by_key.pop(each.key, None)
            self._parents.get(each.plan_id, {}).pop(each.key, None)
            registry = self._plans if isinstance(each, PlanItem) else self._nodes
            if registry.get(each.id) is each:
                del registry[each.id]
                if isinstance(each, NodeItem):
                    self._unnote(each)

    def _note(self, item: NodeItem) -> None:
        if item.kind == ItemKind.TASK:
            self._unnote(item)
            light = light_of(item.record, self._light_day or self.today())
            self._lights[item.id] = light
            self._light_counts[light] += 1

    def _unnote(self, item: NodeItem) -> None:
        if item.id in self._lights:
            self._light_counts[self._lights.pop(item.id)] -= 1

    def _emit_row_changed(self, item: TreeItem) -> None:
        first = self._index_of(item)
        self.dataChanged.emit(first, first.siblingAtColumn(len(HEADERS) - 1))

    def _emit_rows_changed(self, parent: TreeItem, first: int = 0) -> None:
        """Repaint the numbers of the children of `parent` from row `first` on: the title
        column only, the one that shows them (the column fitter then measures no row)."""
        last = len(parent.children) - 1
        if first <= last:
            self.dataChanged.emit(
                self.createIndex(first, TITLE_COLUMN, parent.children[first].key),
                self.createIndex(last, TITLE_COLUMN, parent.children[last].key),
            )

    # ----- lookups for the window --------------------------------------------------------
    def item(self, index: QModelIndex) -> TreeItem | None:
        """The item behind `index` (None for the invisible root or a stale index)."""
        return self._by_key.get(index.internalId())  # 0 for an invalid index: no item

    def _index_of(self, item: TreeItem, column: int = 0) -> QModelIndex:
        if item is self._root or item is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item.key)

    def index_for_item(self, item: TreeItem | None) -> QModelIndex:
        return self._index_of(item) if item is not None and self.contains(item) else QModelIndex()

    def contains(self, item: TreeItem) -> bool:
        """False for an item that has left the model (deleted, or rebuilt after a move)."""
        return self._by_key.get(getattr(item, "key", None)) is item

    def index_for_node(self, node_id: int) -> QModelIndex:
        return self._index_of(self.node_item(node_id))

    def index_for_plan(self, plan_id: int) -> QModelIndex:
        return self._index_of(self._plans.get(plan_id))

    def node_item(self, node_id: int) -> NodeItem | None:
        item = self._nodes.get(node_id)
        if item is None and not self.complete():  # in a plan not read yet
            self.ensure_complete()
            item = self._nodes.get(node_id)
        return item

    def plan_item(self, plan_id: int) -> PlanItem | None:
        return self._plans.get(plan_id)

    def plan_items(self) -> list[PlanItem]:
        return list(self._root.children)

    def statistics(self) -> TreeStatistics:
        """Counts for the status bar, kept up to date item by item (all again on a new day)."""
        self.ensure_complete()
        today = self.today()
        if today != self._light_day:
            self._light_day = today
            for item in self._nodes.values():
                self._note(item)
        lights = self._light_counts  # not counted again: an edit would cost O(tasks)
        return TreeStatistics(
            plans=len(self._plans),
            tasks=len(self._lights),
            overdue=lights["red"],
            due_soon=lights["yellow"],
        )

    def first_items(self, kind: ItemKind, limit: int) -> list[NodeItem]:
        """Up to `limit` items of `kind`, from the top of the tree."""
        found: list[NodeItem] = []
        for item in self._root.walk():
            if item.kind == kind:
                found.append(item)
                if len(found) >= limit:
                    break
        return found

    def item_by_key(self, key: int) -> TreeItem | None:
        return self._by_key.get(key)

    def parent_count(self) -> int:
        """How many items have children (what “everything expanded” means)."""
        self.ensure_complete()
        return sum(
            1 for items in self._parents.values() for item in items.values() if item.children
        )

    def all_items(self):
        """Every plan and node item, in no particular order."""
        self.ensure_complete()
        return self._by_key.values()

    def child_key(self, row: int, parent: QModelIndex) -> int:
        """The key of the item at `row` under `parent` (for the search filter); 0 if none."""
        item = self._by_key.get(parent.internalId()) if parent.isValid() else self._root
        if item is None or not 0 <= row < len(item.children):
            return 0
        return item.children[row].key

    # ----- Qt model interface ------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's layout of the open rows calls this thousands of times after each edit
        key = parent.internalId()  # 0 for an invalid index (the root); items count from 1
        if key:
            if parent.column() > 0:
                return QModelIndex()
            parent_item = self._by_key.get(key)
            if parent_item is None:
                return QModelIndex()
        else:
            parent_item = self._root
        children = parent_item.children
        if 0 <= row < len(children) and 0 <= column < _COLUMNS:
            return self.createIndex(row, column, children[row].key)
        return QModelIndex()

    def parent(self, index: QModelIndex | None = None):  # noqa: D102 - QObject.parent() too
        if index is None:
            return super().parent()
        # asked for each painted cell (selection ranges compare parents) and row (branches)
        item = self._by_key.get(index.internalId())
        if item is None:
            return QModelIndex()
        parent = item.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent.key)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.column() > 0:
            return 0
        key = parent.internalId()  # 0 for an invalid index (the root); items count from 1
        item = self._by_key.get(key) if key else self._root
        return len(item.children) if item is not None else 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        # Qt's layout of the open rows asks twice per row after each edit: one lookup only
        item = self._by_key.get(index.internalId())
        if item is None:
            return _NO_FLAGS
        if item.is_plan:
            return _PLAN_FLAGS[index.column()]
        if item.children or (self._pending and self._unread_below(item)):
            return _NODE_FLAGS[index.column()]
        return _LEAF_FLAGS[index.column()]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in _SERVED_ROLES:  # a painted cell asks ~9 roles; answer the others at once
            return None
        item = self._by_key.get(index.internalId())
        if item is None:
            return None
        if role == ID_ROLE:
            return item.id
        if role == KIND_ROLE:
            return int(item.kind)
        if isinstance(item, PlanItem):
            return self._plan_data(item, index.column(), role)
        return self._node_data(item, index.column(), role)

    def _plan_data(self, item: PlanItem, column: int, role: int):
        if column != TITLE_COLUMN:
            return None
        if role in (_DISPLAY, _TOOLTIP):
            return item.title or UNTITLED
        if role == _EDIT:
            return item.title
        if role == _DECORATION:
            return icon(KIND_ICONS[item.kind])
        if role == _FONT:
            return _bold()
        return None

    def _node_data(self, item: NodeItem, column: int, role: int):
        record = item.record
        if role == MISSING_ROLE:
            return missing_four_haves(record)
        if role == LIGHT_ROLE:
            return light_of(record, self.today())
        if column == TITLE_COLUMN:
            return self._node_title_data(item, role)
        if column == UNITS_COLUMN and role in (_DISPLAY, _TOOLTIP):
            return "、".join(unit.name for unit in record.lead_units) or None
        if column == DEADLINE_COLUMN:
            if role == _DISPLAY:
                return record.deadline_text or None
            if role == _TOOLTIP and record.due_date is not None:
                return f"{record.deadline_text}（{record.due_date.isoformat()}）"
            if role == _DECORATION and record.kind == "task":
                light = light_of(record, self.today())
                return icon(f"light_{light}" if light else "blank")  # keeps the dates aligned
            if role == _FOREGROUND and light_of(record, self.today()) == "red":
                return OVERDUE_TEXT
        return None

    def _node_title_data(self, item: NodeItem, role: int):
        record = item.record
        if role == _DISPLAY:
            return f"{item.number}{record.title or UNTITLED}"
        if role == _EDIT:
            return record.title
        if role == _FONT:
            return _bold() if item.kind == _SECTION else None
        if role == _DECORATION:
            return icon("warning" if missing_four_haves(record) else KIND_ICONS[item.kind])
        if role == _TOOLTIP:
            missing = missing_four_haves(record)
            if missing:
                return "缺少：" + "、".join(missing)
            return record.title or None
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Renaming in the tree (F2) goes to `rename_handler`, which runs an undo command."""
        item = self.item(index)
        if item is None or role != Qt.ItemDataRole.EditRole or index.column() != TITLE_COLUMN:
            return False
        text = str(value).strip()
        if text == item.title or self.rename_handler is None:
            return False
        return bool(self.rename_handler(item, text))


@cache
def _bold() -> QFont:
    """Bold, over whatever font the view has (made once: a QFont made per painted row costs
    Qt a font engine made and dropped each time)."""
    font = QFont()
    font.setBold(True)
    return font
