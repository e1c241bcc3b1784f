"""The plan tree's right-click menu: the window's own actions for what was clicked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop.ui.tree_items import ItemKind, NodeItem, PlanItem

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class TreeMenu:
    """Builds and shows the context menu of one window's tree."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        for tree in (window.tree, window.results):
            tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            tree.customContextMenuRequested.connect(self.show_at)
        self.expand_here = QAction("展开此项全部", window)
        self.expand_here.triggered.connect(self._expand_current)
        self.menu: QMenu | None = None

    def show_at(self, position: QPoint) -> QMenu:
        """Select what is under `position` and pop the menu up there (without blocking)."""
        tree = self.window.view()
        index = tree.indexAt(position)
        if index.isValid() and index != tree.currentIndex():
            tree.setCurrentIndex(index)
        menu = self.build(index)
        menu.popup(tree.viewport().mapToGlobal(position))
        return menu

    def build(self, index: QModelIndex) -> QMenu:
        """The menu for the item at `index` (an invalid index: the empty space below)."""
        window, actions = self.window, self.window.actions
        if self.menu is not None:
            self.menu.deleteLater()
        menu = self.menu = QMenu(window.view())
        item = window.item_at(index) if index.isValid() else None
        actions.update_enabled()
        if isinstance(item, NodeItem):
            menu.addActions([actions.add_sibling, actions.add_child])
            menu.addSeparator()
            menu.addActions([actions.rename, actions.delete])
            menu.addSeparator()
            menu.addActions([actions.move_up, actions.move_down, actions.outdent, actions.indent])
            if item.kind == ItemKind.TASK:
                menu.addSeparator()
                menu.addMenu(actions.status_menu)
        elif isinstance(item, PlanItem):
            menu.addActions([actions.add_child, actions.plan_properties])
            menu.addActions([actions.export_table, actions.print_preview])
            menu.addSeparator()
            menu.addActions([actions.renumber, actions.delete_plan])
        else:
            menu.addActions([actions.new_plan, actions.import_plan])
        menu.addSeparator()
        if item is not None and item.children:
            menu.addAction(self.expand_here)
        menu.addActions([actions.expand_all, actions.collapse_all])
        return menu

    def _expand_current(self) -> None:
        view = self.window.view()
        index = view.currentIndex()
        if index.isValid():
            view.expandRecursively(index)
