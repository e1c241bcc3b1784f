"""Drag and drop of nodes in the plan tree model: the dragged ids travel as mime data; a
drop becomes a call of the model's `move_handler` (which runs an undo command), never SQL."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt

from desktop.ui.tree_items import NodeItem

NODE_MIME_TYPE = "application/x-zhenggai-node-ids"


class NodeDragDropMixin:
    """For PlanTreeModel: needs `item(index)`, `_nodes` and `move_handler`."""

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [NODE_MIME_TYPE]

    def mimeData(self, indexes: Iterable[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = []
        for index in indexes:
            item = self.item(index)
            if isinstance(item, NodeItem) and item.id not in ids:
                ids.append(item.id)
        data = QMimeData()
        data.setData(NODE_MIME_TYPE, QByteArray(",".join(map(str, ids)).encode("ascii")))
        return data

    def _dragged(self, data: QMimeData) -> list[NodeItem]:
        if data is None or not data.hasFormat(NODE_MIME_TYPE):
            return []
        raw = bytes(data.data(NODE_MIME_TYPE).data()).decode("ascii", errors="replace")
        items = [self._nodes.get(int(part)) for part in raw.split(",") if part.isdigit()]
        return [item for item in items if item is not None]

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        target = self.item(parent)
        dragged = self._dragged(data)
        if target is None or not dragged or action != Qt.DropAction.MoveAction:
            return False
        ancestor = target
        while ancestor is not None:
            if any(ancestor is item for item in dragged):
                return False  # into itself or its own descendants
            ancestor = ancestor.parent
        return True

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        """Move the first dragged node there, through `move_handler` (an undo command)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.item(parent)
        node = self._dragged(data)[0]
        position = row if 0 <= row <= len(target.children) else len(target.children)
        if node.parent is target:
            if node.row < position:
                position -= 1  # counted after the node has left its place
            if position == node.row:
                return False
        if self.move_handler is None:
            return False
        parent_id = target.id if isinstance(target, NodeItem) else None
        self.move_handler(node.id, target.plan_id, parent_id, position)
        return True
