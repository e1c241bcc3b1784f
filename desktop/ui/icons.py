"""Icons from resources/icons/*.svg, with Qt's standard icons (or drawn lights) as fallback."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from desktop.resources import resource_path

LIGHT_COLOURS = {"red": "#d0312d", "yellow": "#e8a317", "green": "#2e9d4a"}
FALLBACKS = {
    "plan": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "node_section": QStyle.StandardPixmap.SP_DirIcon,
    "node_task": QStyle.StandardPixmap.SP_FileIcon,
    "node_measure": QStyle.StandardPixmap.SP_ArrowRight,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "import_plan": QStyle.StandardPixmap.SP_DialogOpenButton,
    "new_plan": QStyle.StandardPixmap.SP_FileDialogNewFolder,
    "add_task": QStyle.StandardPixmap.SP_FileIcon,
    "add_child": QStyle.StandardPixmap.SP_FileDialogListView,
    "delete": QStyle.StandardPixmap.SP_TrashIcon,
    "undo": QStyle.StandardPixmap.SP_ArrowBack,
    "redo": QStyle.StandardPixmap.SP_ArrowForward,
    "export_table": QStyle.StandardPixmap.SP_DialogSaveButton,
    "app": QStyle.StandardPixmap.SP_ComputerIcon,
}


def _icon_file(name: str) -> Path | None:
    """The shipped SVG for `name`, or None (the standard Qt icon stands in)."""
    try:
        return resource_path("icons", f"{name}.svg")
    except (FileNotFoundError, ValueError):
        return None


@cache
def icon(name: str) -> QIcon:
    """The icon called `name` (node_task, warning, light_red, undo …)."""
    path = _icon_file(name)
    if path is not None:
        loaded = QIcon(str(path))
        if not loaded.isNull():
            return loaded
    if name == "blank":
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        return QIcon(pixmap)
    if name.startswith("light_"):
        return _drawn_light(LIGHT_COLOURS.get(name.removeprefix("light_"), "#888888"))
    standard = FALLBACKS.get(name, QStyle.StandardPixmap.SP_FileIcon)
    return QApplication.style().standardIcon(standard)


def _drawn_light(colour: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour).darker(130))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(3, 3, 10, 10)
    painter.end()
    return QIcon(pixmap)
