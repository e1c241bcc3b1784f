"""Search in the plan tree: by text, leader or unit, keeping the ancestors of matches visible."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel

from desktop.ui.tree_items import NodeItem, PlanItem


def item_matches(item, needle: str) -> bool:
    """True when `needle` (lower case) occurs in the item's texts, leaders or unit names."""
    if isinstance(item, PlanItem):
        record = item.record
        haystack = [record.title, record.issuer]
    elif isinstance(item, NodeItem):
        record = item.record
        haystack = [
            record.title,
            record.text,
            record.problem,
            record.goal,
            record.deadline_text,
            record.remarks,
            *record.leaders,
            *(unit.name for unit in record.lead_units),
            *(unit.contact for unit in record.lead_units),
            *(unit.name for unit in record.support_units),
        ]
    else:
        return False
    return any(needle in text.lower() for text in haystack if text)


class TreeFilterModel(QSortFilterProxyModel):
    """Shows the items that match the search text, with their ancestors."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._needle = ""
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(True)

    def search_text(self) -> str:
        return self._needle

    def set_search_text(self, text: str) -> None:
        needle = text.strip().lower()
        if needle == self._needle:
            return
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt before 6.9
            self._needle = needle
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        if not self._needle:
            return True
        model = self.sourceModel()
        item = model.item(model.index(source_row, 0, source_parent))
        return item is not None and item_matches(item, self._needle)
