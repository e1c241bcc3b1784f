"""Reading a plan tree model back as plain nested lists, to compare with the database."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from desktop.ui.tree_model import MISSING_ROLE


def model_rows(model, parent: QModelIndex | None = None) -> list:
    """[(title cell, units cell, deadline cell, missing, children)] for every row."""
    parent = parent if parent is not None else QModelIndex()
    rows = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        cells = tuple(
            model.data(index.siblingAtColumn(column), Qt.ItemDataRole.DisplayRole)
            for column in range(model.columnCount(parent))
        )
        missing = model.data(index, MISSING_ROLE)
        rows.append((cells, missing, model_rows(model, index)))
    return rows
