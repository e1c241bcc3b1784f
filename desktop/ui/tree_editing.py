"""What the tree's actions do: new plan, add, delete, move, rename, undo and redo.

Each action turns the current selection into one undo command, runs it, and puts the
selection and keyboard focus where the user expects them next.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from desktop.ledger.fields import edit_text
from desktop.ledger.kinds import NodeKind
from desktop.operations.commands import (
    AddNodeCommand,
    CreatePlanCommand,
    DeleteNodeCommand,
    DeletePlanCommand,
    EditPlanCommand,
    MoveNodeCommand,
    UpdateNodeCommand,
)
from desktop.ui.tree_items import ItemKind, NodeItem, PlanItem, TreeItem

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

NEW_PLAN_TITLE = "新建整改方案"


def confirm(parent, title: str, text: str, accept_text: str) -> bool:
    """A warning box with 〈accept_text〉 and 取消; True when the user accepts."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(accept_text)
    box.button(QMessageBox.StandardButton.Cancel).setText("取消")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


class TreeEditing:
    """The tree actions of one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def hub(self):
        return self.window.hub

    def _current(self) -> TreeItem | None:
        return self.window.current_item()

    # ----- plans -------------------------------------------------------------------------
    def new_plan(self) -> None:
        command = CreatePlanCommand(self.hub, NEW_PLAN_TITLE, year=date.today().year)
        if self.window.run(command):
            self.window.select_plan(command.plan_id)
            self.window.editor.focus_title()

    def plan_properties(self) -> None:
        item = self._current()
        if item is None:
            return
        plan = item if isinstance(item, PlanItem) else item.plan_item()
        self.window.select_plan(plan.id)
        self.window.editor.focus_title()

    def delete_plan(self) -> None:
        item = self._current()
        if item is None:
            return
        plan = item if isinstance(item, PlanItem) else item.plan_item()
        tasks = sum(1 for node in plan.walk() if node.kind == ItemKind.TASK)
        text = f"删除方案“{plan.title}”及其中的 {tasks} 项任务？\n删除后可用“撤销”恢复。"
        if not confirm(self.window, "删除方案", text, "删除"):
            return
        row = plan.row
        if self.window.run(DeletePlanCommand(self.hub, plan.id, plan.title)):
            plans = self.window.model.plan_items()
            if plans:
                self.window.select_plan(plans[min(row, len(plans) - 1)].id)
            self.window.view().setFocus()

    def rename_title(self, item: TreeItem, title: str) -> bool:
        """Renaming in the tree (F2)."""
        if isinstance(item, PlanItem):
            command = EditPlanCommand(self.hub, item.id, {"title": item.title}, {"title": title})
        else:
            text = edit_text(item.record.kind, "title")
            old, version = {"title": item.title}, item.record.version
            command = UpdateNodeCommand(self.hub, item.id, old, {"title": title}, text, version)
        return self.window.run(command)

    def rename(self) -> None:
        index = self.window.view().currentIndex()
        if index.isValid():
            self.window.view().setFocus()
            self.window.view().edit(index.siblingAtColumn(0))

    # ----- adding and deleting nodes -----------------------------------------------------
    def add_sibling(self) -> None:
        """新增任务: a node of the same kind right after the current one."""
        item = self._current()
        if not isinstance(item, NodeItem):
            self.add_child()
            return
        self._add(
            AddNodeCommand(
                self.hub,
                item.plan_id,
                item.parent_node_id(),
                item.row + 1,
                item.record.kind,
                anchor_id=item.id,
            )
        )

    def add_child(self) -> None:
        """新增下级: a node at the end of the current one's children (a plan's: a section)."""
        item = self._current()
        if item is None:
            plans = self.window.model.plan_items()
            if not plans:
                self.new_plan()
                return
            item = plans[-1]
        if isinstance(item, NodeItem):
            parent_id, kind = item.id, NodeKind(item.record.kind).child_kind
        else:
            parent_id, kind = None, NodeKind.SECTION
        self._add(AddNodeCommand(self.hub, item.plan_id, parent_id, None, kind))

    def _add(self, command: AddNodeCommand) -> None:
        with self._selecting():
            added = self.window.run(command)
            if added:
                self.window.select_node(command.node_id)
        if added:
            self.window.editor.focus_title()

    def delete(self) -> None:
        item = self._current()
        if isinstance(item, PlanItem):
            self.delete_plan()
            return
        if not isinstance(item, NodeItem):
            return
        tasks, below = item.task_count(), sum(1 for _ in item.walk())
        name = item.title or "（未命名）"
        if below:
            text = f"删除“{item.number}{name}”及其下 {below} 项内容（共 {tasks} 项任务）？"
        else:
            text = f"删除“{item.number}{name}”（{tasks} 项任务）？"
        if not confirm(self.window, "删除", text + "\n删除后可用“撤销”恢复。", "删除"):
            return
        parent, row = item.parent, item.row
        if self.window.run(DeleteNodeCommand(self.hub, item.id, item.record.kind)):
            if parent.children:
                neighbour = parent.children[min(row, len(parent.children) - 1)]
                self.window.select_item(neighbour)
            else:
                self.window.select_item(parent)
            self.window.view().setFocus()

    # ----- moving ------------------------------------------------------------------------
    def _move(self, item: NodeItem, parent_id: int | None, position: int, text: str) -> None:
        old = (item.plan_id, item.parent_node_id(), item.row)
        command = MoveNodeCommand(self.hub, item.id, old, (item.plan_id, parent_id, position), text)
        if self.window.run(command):
            self.window.select_node(item.id)

    def move_up(self) -> None:
        item = self._current()
        if isinstance(item, NodeItem) and item.row > 0:
            self._move(item, item.parent_node_id(), item.row - 1, "上移")

    def move_down(self) -> None:
        item = self._current()
        if isinstance(item, NodeItem) and item.row < len(item.parent.children) - 1:
            self._move(item, item.parent_node_id(), item.row + 1, "下移")

    def outdent(self) -> None:
        """升级: after its parent, among the parent's siblings."""
        item = self._current()
        if isinstance(item, NodeItem) and isinstance(item.parent, NodeItem):
            parent = item.parent
            self._move(item, parent.parent_node_id(), parent.row + 1, "升级")

    def indent(self) -> None:
        """降级: the last child of the node above it."""
        item = self._current()
        if isinstance(item, NodeItem) and item.row > 0:
            above = item.parent.children[item.row - 1]
            self._move(item, above.id, len(above.children), "降级")

    def move_by_drop(self, node_id: int, plan_id: int, parent_id: int | None, position: int):
        """Drag and drop in the tree (possibly into another plan)."""
        item = self.window.model.node_item(node_id)
        if item is None:
            return
        old = (item.plan_id, item.parent_node_id(), item.row)
        command = MoveNodeCommand(self.hub, node_id, old, (plan_id, parent_id, position), "移动")
        if self.window.run(command):
            self.window.select_node(node_id)

    # ----- history -----------------------------------------------------------------------
    def undo(self) -> None:
        self._step(self.window.runner.undo)

    def redo(self) -> None:
        self._step(self.window.runner.redo)

    def _step(self, step) -> None:
        """Undo or redo, select what the step touched, and fill the editor once for it."""
        with self._selecting():
            command = self._quietly(step)
            if command is not None:
                self._focus_on(command)

    @contextmanager
    def _selecting(self):
        """A step that selects what it touched afterwards (an add, an undo, a redo): the
        window's refresh after the change leaves the editor alone, and the editor is filled
        once, for what is selected in the end (≈ 2–16 ms a fill at city scale)."""
        window = self.window
        window._stepping = True
        try:
            yield
        finally:
            window._stepping = False
        window.show_current_if_stale()

    def _quietly(self, step):
        """Run an undo or redo step without the editor following the rows it removes: Qt
        moves the current index off a removed row, and the editor would be filled for that
        neighbour (≈ 16 ms at city scale) just before the window shows the current item and
        _focus_on selects what the step touched.  The runner saved typed text first."""
        window = self.window
        settling, window._settling = window._settling, True
        try:
            return step()
        finally:
            window._settling = settling

    def _focus_on(self, command) -> None:
        """Select what an undone or redone command touched, or the nearest thing left: after
        undoing an add, the task the user added it from."""
        model = self.window.model
        for attribute in ("node_id", "anchor_id", "parent_id"):
            node_id = getattr(command, attribute, None)
            if node_id is not None and model.node_item(node_id) is not None:
                self.window.select_node(node_id)
                break
        else:
            plan_id = getattr(command, "plan_id", None)
            if plan_id is not None and model.plan_item(plan_id) is not None:
                self.window.select_plan(plan_id)
        self.window.view().setFocus()
