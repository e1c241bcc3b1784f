"""Search in the plan tree: by text, leader or unit, or by pinyin initials (hj → 环境), keeping
the ancestors of matches visible.

Designed for 50,000 nodes: each item's search key (its texts, lower case, and the pinyin
initials of its title, leaders and units) is computed once and cached on the item; all keys
are joined into one string, so a keystroke is a few `str.find` calls in C plus a walk up from
each match.  The proxy then answers `filterAcceptsRow` with one set lookup, and shows the
result with one reset — no re-filtering of an expanded tree row by row, no persistent-index
bookkeeping per row, and clearing costs the same as typing.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from desktop.ledger.fields import search_texts
from desktop.ui.tree_items import NodeItem, PlanItem, TreeItem

PART = "\x01"  # between an item's texts and its initials
MAX_VARIANTS = 4  # initials strings per text when characters have several readings


def _letters(char: str) -> tuple[str, ...]:
    from desktop.ledger.pinyin_match import readings  # pypinyin loads on first use

    return tuple(dict.fromkeys(reading[0] for reading in readings(char) if reading))


@lru_cache(maxsize=4096)
def _char_letters(char: str) -> tuple[str, ...]:
    return _letters(char)


@lru_cache(maxsize=65536)
def initials(text: str) -> tuple[str, ...]:
    """The pinyin initials of `text` (环境整治 → hjzz), with a variant for each of the first
    characters read several ways (单 → d/s/c), so either reading is found."""
    options = [letters for letters in map(_char_letters, text) if letters]
    if not options:
        return ()
    first = "".join(letters[0] for letters in options)
    variants = [first]
    for at, letters in enumerate(options):
        for other in letters[1:]:
            if len(variants) >= MAX_VARIANTS:
                break
            variants.append(first[:at] + other + first[at + 1 :])
    return tuple(variants)


def search_key(item: TreeItem) -> str:
    """The text an item is found by: its fields in lower case, then pinyin initials."""
    cached = item.search_key
    if cached is not None and cached[0] is item.record:
        return cached[1]
    record = item.record
    if isinstance(item, PlanItem):
        names = [record.title]
    elif isinstance(item, NodeItem):
        units = [unit.name for unit in (*record.lead_units, *record.support_units)]
        names = [record.title, *record.leaders, *units]
    else:
        return ""
    texts = list(search_texts(record))  # the registry's searchable fields
    key = "\n".join(text for text in texts if text).lower()
    spelt = [variant for name in names if name for variant in initials(name)]
    if spelt:
        key += PART + "\n".join(spelt)
    item.search_key = (record, key)
    return key


def warm_up(items: list[TreeItem]) -> threading.Thread:
    """Compute the search keys (loading pypinyin) in a background thread after start-up, so
    the first keystroke finds them ready.  Items only get a cached attribute set; a key made
    from a record replaced meanwhile is ignored, being tied to that record."""

    def work() -> None:
        for item in items:
            search_key(item)

    thread = threading.Thread(target=work, name="search-keys", daemon=True)
    thread.start()
    return thread


class SearchIndex:
    """Every item's key, and each item's parent by number, rebuilt when the model changed.
    A search is one pass of `in` over the keys (C speed per item, whatever the number of
    matches), then a walk up from each match over plain integers."""

    def __init__(self) -> None:
        self.generation = -1
        self.keys: set[int] = set()
        self._texts: list[str] = []
        self._item_keys: list[int] = []
        self._parents: list[int] = []  # number of the parent item, -1 for the top

    def rebuild(self, items: list[TreeItem], generation: int) -> None:
        number = {id(item): n for n, item in enumerate(items)}
        self._texts = [search_key(item) for item in items]
        self._item_keys = [item.key for item in items]
        self._parents = [number.get(id(item.parent), -1) for item in items]
        self.keys = set(self._item_keys)
        self.generation = generation

    def search(self, needle: str) -> tuple[set[int], set[int], int]:
        """(keys shown: matches and their ancestors, keys with shown children, matches)."""
        found = [n for n, text in enumerate(self._texts) if needle in text]
        parents, shown = self._parents, set()
        for n in found:
            while n >= 0 and n not in shown:
                shown.add(n)
                n = parents[n]
        keys = self._item_keys
        shown_keys = {keys[n] for n in shown}
        opened = {keys[parents[n]] for n in shown if parents[n] >= 0}
        return shown_keys, opened, len(found)


class TreeFilterModel(QSortFilterProxyModel):
    """Shows the items that match the search text, with their ancestors."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self._shown: set[int] = set()  # keys of matches and their ancestors
        self._opened: set[int] = set()  # keys of shown items with shown children
        self._source = None
        self._known: set[int] = set()  # keys that existed when the search ran
        self._index = SearchIndex()
        self._warm: threading.Thread | None = None
        self.match_count = 0
        self.setDynamicSortFilter(False)

    def search_text(self) -> str:
        return self._needle

    def warm_up(self) -> None:
        """Prepare the search keys in the background (call once the window is shown)."""
        model = self.sourceModel()
        if self._warm is None and model is not None:
            self._warm = warm_up(list(model.all_items()))

    def keys_ready(self) -> bool:
        return self._warm is not None and not self._warm.is_alive()

    def prepare(self) -> None:
        """Bring the search index up to date with the model (called when the user is idle
        after an edit, so the next keystroke finds it ready)."""
        model = self.sourceModel()
        if self.keys_ready() and self._index.generation != model.generation:
            self._index.rebuild(list(model.all_items()), model.generation)

    def set_search_text(self, text: str) -> None:
        needle = "".join(text.split()).lower()
        if needle == self._needle:
            return
        shown: set[int] = set()
        opened: set[int] = set()
        known: set[int] = set()
        count = 0
        if needle:
            model = self.sourceModel()
            if self._index.generation != model.generation:
                self._index.rebuild(list(model.all_items()), model.generation)
            shown, opened, count = self._index.search(needle)
            known = self._index.keys
        self.beginResetModel()
        self._needle, self._shown, self._opened, self._known = needle, shown, opened, known
        self.match_count = count
        self.endResetModel()

    def shown_keys(self) -> set[int]:
        """Keys of the items the search shows (empty without a search)."""
        return self._shown

    def opened_keys(self) -> set[int]:
        """Keys of the shown items that have shown children: the ones to expand."""
        return self._opened

    def setSourceModel(self, model) -> None:  # noqa: N802
        super().setSourceModel(model)
        self._source = model
        model.modelReset.connect(self._search_again)

    def _search_again(self) -> None:
        """After the source reloaded (its items are new) the search runs again."""
        needle, self._needle = self._needle, ""
        self._shown, self._opened, self._known = set(), set(), set()
        if needle:
            self.set_search_text(needle)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        if not self._needle:
            return True
        model = self._source  # the lookups of model.child_key, inlined: called per row
        key = source_parent.internalId()  # 0: the root
        parent = model._by_key.get(key) if key else model._root
        if parent is None:
            return False
        children = parent.children
        if source_row >= len(children):
            return False
        key = children[source_row].key
        return key in self._shown or key not in self._known  # new rows stay visible

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        """While searching, answered from the result: the base class would filter every
        child of every visible row to draw its expand arrow."""
        if not parent.isValid():
            return super().hasChildren(parent)
        source = self.mapToSource(parent)
        if not self._needle:  # everything shows: the source knows, no mapping is built
            return self._source.rowCount(source) > 0
        key = source.internalId()
        if key in self._opened:
            return True
        if key in self._known:
            return False
        return super().hasChildren(parent)
