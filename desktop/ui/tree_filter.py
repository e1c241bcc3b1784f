"""The search results over the plan tree: the items that match the search text, with their
ancestors (everything when there is no search text).

A proxy written for this tree rather than a QSortFilterProxyModel: its indexes carry the
tree model's item keys (as the tree model's own do), so `data` and `flags` are the tree
model's answers for the same index, with no mapping and no second call into Python, and the
shown children of an item are one pass over its children (`SearchResult.shown_among`: one
bisection each), made when a view first asks and kept until the search text changes.  Laying
out and painting the results costs about half the Python calls the filter proxy cost
(`mapToSource` and the source's `index` for every `flags`, `hasChildren` and `data`).

While a search lasts, the rows the tree model adds, removes or moves are followed row by row
(rows added since the search show, as before); a reload of the tree searches again.  A
keystroke whose matches are those already shown changes nothing.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, Qt

from desktop.ui.search_index import (  # noqa: F401 - the search's names, as before
    SearchIndex,
    SearchResult,
    build_in_background,
    initials,
    search_key,
    search_parts,
)
from desktop.ui.tree_items import TreeItem


class TreeFilterModel(QAbstractProxyModel):
    """Shows the items that match the search text, with their ancestors (everything when
    there is no search text).  Needs the tree model's `_by_key` and `_root` (item keys are
    its indexes' internal ids)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._result: SearchResult | None = None
        self._source = None
        self._columns = 0
        self._index = SearchIndex()
        self._warm: threading.Thread | None = None
        self._ready: SearchIndex | None = None  # built in the background, not adopted yet
        self.match_count = 0
        self._shown: dict[int, list[TreeItem]] = {}  # parent key (0: the root) → shown children
        self._rows: dict[int, int] = {}  # item key → its row among its parent's shown children
        self._changed = False  # rows came or went since the search: count, don't bisect
        self._resetting = False
        self._saved: list[tuple[QModelIndex, int, int]] = []

    # ----- the search --------------------------------------------------------------------
    def search_text(self) -> str:
        return self._needle

    def warm_up(self) -> None:
        """Prepare the search keys and index in the background (once the window is shown
        and every plan is read)."""
        model = self.sourceModel()
        if self._warm is None and model is not None:
            model.ensure_complete()
            self._build()

    def keys_ready(self) -> bool:
        return self._warm is not None and not self._warm.is_alive()

    def _build(self) -> None:
        model = self.sourceModel()
        self._warm = build_in_background(model.plan_items(), model.generation, self._built)

    def _built(self, index: SearchIndex) -> None:
        self._ready = index  # one reference assigned: the GUI thread adopts it when it fits

    def _adopt(self) -> None:
        ready, model = self._ready, self.sourceModel()
        if ready is not None and self.keys_ready():
            self._ready = None
            if ready.generation == model.generation:
                self._index = ready

    def prepare(self) -> None:
        """Bring the search index up to date with the model (called when the user is idle
        after an edit, so the next keystroke finds it ready): built in the background."""
        if not self.adopt():
            self._build()

    def adopt(self) -> bool:
        """Take the index built in the background if it fits the model; False when it is
        behind the model (edited meanwhile) and the keys are ready to build it again."""
        model = self.sourceModel()
        self._adopt()
        return not (
            self.keys_ready() and model.complete() and self._index.generation != model.generation
        )

    def set_search_text(self, text: str) -> bool:
        """Search for `text`; False when what shows stays as it was (the same text, or a
        text with the same matches: nothing is reset)."""
        needle = "".join(text.split()).lower()
        if needle == self._needle:
            return False
        result = self._search(needle)
        if result is not None and result.same_as(self._result):
            self._needle, self._result = needle, result
            return False
        self.beginResetModel()
        self._needle, self._result = needle, result
        self.match_count = result.count if result is not None else 0
        self._forget_all()
        self.endResetModel()
        return True

    def _search(self, needle: str) -> SearchResult | None:
        if not needle:
            return None
        model = self.sourceModel()
        model.ensure_complete()
        self._adopt()
        if self._index.generation != model.generation:
            self._index.rebuild(model.plan_items(), model.generation)
        return self._index.search(needle)

    def result(self) -> SearchResult | None:
        """The matches of the current search (None without one)."""
        return self._result

    # ----- what shows --------------------------------------------------------------------
    def _children(self, key: int) -> list[TreeItem]:
        """The shown children of the item with `key` (0: the root), made once."""
        shown = self._shown.get(key)
        if shown is None:
            source = self._source
            item = source._by_key.get(key) if key else source._root
            if item is None:
                return []
            children = item.children
            result = self._result
            shown = list(children) if result is None else result.shown_among(children)
            self._shown[key] = shown
            rows = self._rows
            for row, child in enumerate(shown):
                rows[child.key] = row
        return shown

    def _row_of(self, item: TreeItem) -> int | None:
        """`item`'s row among its parent's shown children (None: it does not show there)."""
        row = self._rows.get(item.key)
        if row is None:
            parent = item.parent
            if parent is None:
                return None
            self._children(0 if parent is self._source._root else parent.key)
            row = self._rows.get(item.key)
        return row

    def _shown_index(self, item: TreeItem | None, column: int = 0) -> QModelIndex | None:
        """`item`'s index here: invalid for the root, None when it or an ancestor is hidden."""
        root = self._source._root
        if item is None or item is root:
            return QModelIndex()
        row = self._row_of(item)
        if row is None:
            return None
        up = item.parent
        while up is not None and up is not root:
            if self._row_of(up) is None:
                return None
            up = up.parent
        return self.createIndex(row, column, item.key)

    def _item(self, source_index: QModelIndex) -> TreeItem | None:
        source = self._source
        key = source_index.internalId()
        return source._by_key.get(key) if key else source._root

    @staticmethod
    def _key(item: TreeItem, root: TreeItem) -> int:
        return 0 if item is root else item.key

    def _set_rows(self, shown: list[TreeItem], start: int = 0) -> None:
        rows = self._rows
        for row in range(start, len(shown)):
            rows[shown[row].key] = row

    def _drop(self, key: int) -> None:
        """Forget the shown children of `key` (made again when asked)."""
        shown = self._shown.pop(key, None)
        for child in shown or ():
            if self._rows.get(child.key) is not None:
                del self._rows[child.key]

    def _forget_all(self) -> None:
        self._shown.clear()
        self._rows.clear()
        self._changed = False

    # ----- mapping -----------------------------------------------------------------------
    def mapFromSource(self, source_index: QModelIndex) -> QModelIndex:  # noqa: N802
        if not source_index.isValid():
            return QModelIndex()
        item = self._source._by_key.get(source_index.internalId())
        if item is None:
            return QModelIndex()
        index = self._shown_index(item, source_index.column())
        return QModelIndex() if index is None else index

    def mapToSource(self, proxy_index: QModelIndex) -> QModelIndex:  # noqa: N802
        if not proxy_index.isValid():
            return QModelIndex()
        source = self._source
        index = source.index_for_item(source._by_key.get(proxy_index.internalId()))
        column = proxy_index.column()
        return index.siblingAtColumn(column) if column and index.isValid() else index

    # ----- Qt model interface: asked for every row laid out and every cell painted ---------
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        key = parent.internalId()  # 0 for an invalid index (the root)
        if key and parent.column() > 0:
            return QModelIndex()
        shown = self._shown.get(key)
        if shown is None:
            shown = self._children(key)
        if 0 <= row < len(shown) and 0 <= column < self._columns:
            return self.createIndex(row, column, shown[row].key)
        return QModelIndex()

    def parent(self, index: QModelIndex | None = None):  # noqa: D102 - QObject.parent() too
        if index is None:
            return super().parent()
        source = self._source
        item = source._by_key.get(index.internalId())
        if item is None:
            return QModelIndex()
        parent = item.parent
        if parent is None or parent is source._root:
            return QModelIndex()
        row = self._rows.get(parent.key)
        if row is None:
            row = self._row_of(parent)
            if row is None:
                return QModelIndex()
        return self.createIndex(row, 0, parent.key)

    def sibling(self, row: int, column: int, index: QModelIndex) -> QModelIndex:
        if row == index.row() and index.isValid():
            if 0 <= column < self._columns:
                return self.createIndex(row, column, index.internalId())
            return QModelIndex()
        return self.index(row, column, self.parent(index))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.column() > 0:
            return 0
        return len(self._children(parent.internalId()))

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return self._columns

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        key = parent.internalId()
        if not key:
            return bool(self._children(0))
        if parent.column() > 0:
            return False
        shown = self._shown.get(key)
        if shown is not None:
            return bool(shown)
        result = self._result
        if result is None:
            item = self._source._by_key.get(key)
            return item is not None and bool(item.children)
        if not self._changed:  # the numbering is the tree's: a match below is a shown child
            below = result.has_shown_children(key)
            if below is not None:
                return below
        return bool(self._children(key))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        return self._source.data(index, role)  # the same item key, the same column

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return self._source.flags(index)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        return self._source.headerData(section, orientation, role)

    def canFetchMore(self, parent: QModelIndex) -> bool:  # noqa: N802
        return False  # a search reads every plan first

    def fetchMore(self, parent: QModelIndex) -> None:  # noqa: N802
        return None

    # ----- following the tree model ------------------------------------------------------
    def setSourceModel(self, model) -> None:  # noqa: N802
        self.beginResetModel()
        super().setSourceModel(model)
        self._source = model
        self._columns = model.columnCount()
        self._forget_all()
        self.endResetModel()
        model.dataChanged.connect(self._source_data_changed)
        model.rowsAboutToBeRemoved.connect(self._source_rows_about_to_be_removed)
        model.rowsInserted.connect(self._source_rows_inserted)
        model.rowsAboutToBeMoved.connect(self._source_layout_about_to_change)
        model.rowsMoved.connect(self._source_layout_changed)
        model.layoutAboutToBeChanged.connect(self._source_layout_about_to_change)
        model.layoutChanged.connect(self._source_layout_changed)
        model.modelAboutToBeReset.connect(self._source_about_to_reset)
        model.modelReset.connect(self._search_again)

    def _source_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()):
        first = self._source._by_key.get(top_left.internalId())
        if first is None or first.parent is None or self._resetting:
            return
        siblings = first.parent.children
        rows = []
        for row in range(top_left.row(), min(bottom_right.row() + 1, len(siblings))):
            index = self._shown_index(siblings[row])
            if index is not None:
                rows.append((index.row(), siblings[row].key))
        left, right = top_left.column(), bottom_right.column()
        start = 0
        for at in range(1, len(rows) + 1):  # one signal per run of consecutive rows
            if at == len(rows) or rows[at][0] != rows[at - 1][0] + 1:
                (top, top_key), (bottom, bottom_key) = rows[start], rows[at - 1]
                self.dataChanged.emit(
                    self.createIndex(top, left, top_key),
                    self.createIndex(bottom, right, bottom_key),
                    roles,
                )
                start = at

    def _rows_changing(self, parent: QModelIndex) -> tuple[TreeItem, int] | None:
        """The parent item (and its key here) whose rows the source inserts or removes; None
        while this model resets or for a parent it does not know."""
        if self._resetting:
            return None
        self._changed = True
        item = self._item(parent)
        if item is None:
            return None
        return item, self._key(item, self._source._root)

    def _source_rows_about_to_be_removed(self, parent: QModelIndex, first: int, last: int) -> None:
        touched = self._rows_changing(parent)
        if touched is None:
            return
        item, key = touched
        removed = item.children[first : last + 1]
        shown = self._shown.get(key)
        if shown is not None:
            at = self._shown_index(item)
            if at is None:  # under a hidden item: nothing laid out to tell
                self._drop(key)
            else:  # consecutive rows of the tree: consecutive shown rows
                rows = [row for child in removed if (row := self._rows.get(child.key)) is not None]
                if rows:
                    top, bottom = min(rows), max(rows)
                    self.beginRemoveRows(at, top, bottom)
                    for child in shown[top : bottom + 1]:
                        del self._rows[child.key]
                    del shown[top : bottom + 1]
                    self._set_rows(shown, top)
                    self.endRemoveRows()
        for child in removed:
            for each in (child, *child.walk()):
                self._drop(each.key)

    def _source_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        touched = self._rows_changing(parent)
        if touched is None:
            return
        item, key = touched
        at = self._shown_index(item)
        if at is None:
            self._drop(key)
            return
        added = item.children[first : last + 1]
        shown = self._shown.get(key)
        if shown is None:  # never asked: what showed before, then the new rows
            fresh = {child.key for child in added}
            self._children(key)
            shown = self._shown[key]
            shown[:] = [child for child in shown if child.key not in fresh]
            for child_key in fresh:
                self._rows.pop(child_key, None)
            self._set_rows(shown)
        result = self._result
        showing = added if result is None else result.shown_among(added)
        if not showing:
            return
        row = next((n for n, other in enumerate(shown) if other.row > last), len(shown))
        self.beginInsertRows(at, row, row + len(showing) - 1)
        shown[row:row] = showing
        self._set_rows(shown, row)
        self.endInsertRows()

    def _source_layout_about_to_change(self, *_args) -> None:
        if self._resetting:
            return
        self._changed = True
        self.layoutAboutToBeChanged.emit()
        self._saved = [
            (index, index.internalId(), index.column()) for index in self.persistentIndexList()
        ]

    def _source_layout_changed(self, *_args) -> None:
        if self._resetting:
            return
        self._shown.clear()
        self._rows.clear()
        before, after = [], []
        by_key = self._source._by_key
        for index, key, column in self._saved:
            now = self._shown_index(by_key.get(key), column) if key in by_key else None
            before.append(index)
            after.append(now if now is not None else QModelIndex())
        self._saved = []
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _source_about_to_reset(self) -> None:
        self._resetting = True
        self.beginResetModel()

    def _search_again(self) -> None:
        """After the source reloaded (its items are new) the search runs again."""
        try:
            self._forget_all()
            self._result = self._search(self._needle)
            self.match_count = self._result.count if self._result is not None else 0
            self._forget_all()
        finally:
            self._resetting = False
            self.endResetModel()
