"""Icons from resources/icons/*.svg, with Qt's standard icons (or drawn lights) as fallback.

The fallbacks are named, not QStyle.StandardPixmap members: the first use of QStyle makes
PySide6 build every enum of the class (about 15 ms), which a start with the shipped icons
never needs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from desktop.resources import resource_path

LIGHT_COLOURS = {"red": "#d0312d", "yellow": "#e8a317", "green": "#2e9d4a"}
FALLBACKS = {  # QStyle.StandardPixmap member names
    "plan": "SP_FileDialogDetailedView",
    "node_section": "SP_DirIcon",
    "node_task": "SP_FileIcon",
    "node_measure": "SP_ArrowRight",
    "warning": "SP_MessageBoxWarning",
    "import_plan": "SP_DialogOpenButton",
    "new_plan": "SP_FileDialogNewFolder",
    "add_task": "SP_FileIcon",
    "add_child": "SP_FileDialogListView",
    "delete": "SP_TrashIcon",
    "undo": "SP_ArrowBack",
    "redo": "SP_ArrowForward",
    "export_table": "SP_DialogSaveButton",
    "app": "SP_ComputerIcon",
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
    return _standard_icon(FALLBACKS.get(name, "SP_FileIcon"))


def _standard_icon(member: str) -> QIcon:
    from PySide6.QtWidgets import QApplication, QStyle

    return QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, member))


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
