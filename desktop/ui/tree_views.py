"""The two views of the plan tree: the whole tree and the search results.

The whole tree sits directly on the model (no proxy between them), so laying out, selecting
and editing cost no filter callbacks, and it is never reset by a search: whatever the user
had open stays open, laid out, while a search shows its results in a second view over the
search results model (tree_filter.py).  Clearing the search just brings the whole tree back;
nothing is re-expanded.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStackedWidget, QTreeView

UNITS_WIDTH, DEADLINE_WIDTH = 150, 130


def make_tree_view(model: QAbstractItemModel, name: str) -> QTreeView:
    """A tree view configured like the plan tree: one selected row, F2 to rename, drag and
    drop to move, the title column stretching."""
    tree = QTreeView()
    tree.setObjectName(name)
    tree.setModel(model)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
    tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    tree.setDefaultDropAction(Qt.DropAction.MoveAction)
    tree.setDragEnabled(True)
    tree.setAcceptDrops(True)
    tree.setDropIndicatorShown(True)
    tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.resizeSection(1, UNITS_WIDTH)
    header.resizeSection(2, DEADLINE_WIDTH)
    return tree


class TreeViews(QStackedWidget):
    """The whole tree, or the search results in its place; the results' columns follow the
    whole tree's widths."""

    def __init__(self, tree: QTreeView, results: QTreeView, parent=None) -> None:
        super().__init__(parent)
        self.tree, self.results = tree, results
        self.addWidget(tree)
        self.addWidget(results)
        tree.header().sectionResized.connect(self._follow_width)
        # a scroll bar coming and going as matches do would resize the columns and paint the
        # results twice in one keystroke
        results.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)

    def warm_up(self) -> None:
        """Lay out the hidden results view once at its size (header, stretched column, scroll
        bar), unseen: otherwise the first search of a session paints the results twice."""
        if not self.searching():
            self.results.setGeometry(self.tree.geometry())  # a hidden page keeps its own
            self.results.grab()

    def searching(self) -> bool:
        return self.currentWidget() is self.results

    def active(self) -> QTreeView:
        return self.results if self.searching() else self.tree

    def show_results(self, shown: bool) -> None:
        """Switch views, keeping the keyboard focus in the tree if it was there."""
        view = self.results if shown else self.tree
        if self.currentWidget() is view:
            return
        had_focus = self.currentWidget().hasFocus()
        if shown:
            header, source = self.results.header(), self.tree.header()
            for column in range(1, source.count()):
                header.resizeSection(column, source.sectionSize(column))
        self.setCurrentWidget(view)
        if had_focus:
            view.setFocus()

    def _follow_width(self, column: int, _old: int, new: int) -> None:
        if column > 0:
            self.results.header().resizeSection(column, new)


def view_index(view: QTreeView, source: QModelIndex) -> QModelIndex:
    """`source` (an index of the tree model) as an index of `view`'s model."""
    model = view.model()
    if not source.isValid() or source.model() is model:
        return source
    return model.mapFromSource(source)


def source_index(index: QModelIndex) -> QModelIndex:
    """An index of either view as an index of the tree model."""
    model = index.model()
    if model is not None and hasattr(model, "mapToSource"):
        return model.mapToSource(index)
    return index
