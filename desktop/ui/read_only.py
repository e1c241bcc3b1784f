"""A window over a ledger another window or computer is editing (只读打开).

Everything can be looked at, searched, exported and printed; nothing can be changed: the
editor's fields are read-only, the tree neither renames nor drags, every action that would
write (add, delete, move, import, 销号, progress, evaluations, directories, restore …) is
disabled, and a banner above the window says why.  `apply_read_only` is called once by the
window's start; the windows's and the 台账 menu's `update_enabled` call `disable_editing` again
after they re-enable by selection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from desktop.ui.main_window import MainWindow

TIP = "只读打开：不能修改"
BANNER_STYLE = (
    "QLabel#read_only_banner { background: #fff4ce; color: #5c3c00;"
    " border-bottom: 1px solid #e0c36c; padding: 6px 12px; }"
)

# WindowActions attributes that change the ledger
WINDOW_ACTIONS = (
    "import_plan", "import_clipboard", "undo", "redo", "delete", "rename", "new_plan",
    "plan_properties", "delete_plan", "add_sibling", "add_child", "move_up", "move_down",
    "outdent", "indent", "renumber", "directories",
)  # fmt: skip
# LedgerMenu attributes that change the ledger
LEDGER_ACTIONS = (
    "close_out", "reopen", "add_progress", "extension", "plan_evaluation",
    "leader_evaluation", "clerk",
)  # fmt: skip


def banner_text(holder: str = "") -> str:
    who = f"计算机“{holder}”上的另一窗口" if holder else "另一窗口"
    return (
        f"只读：{who}正在编辑这个数据库，这里只能查看、查找、导出和打印，不能修改；"
        "那边保存的修改会随时显示。"
    )


def is_read_only(window) -> bool:
    return bool(getattr(window, "read_only", False))


def apply_read_only(window: MainWindow, db_path, holder: str = "") -> None:
    """Make `window` a read-only view of the ledger at `db_path` (held by `holder`)."""
    window.read_only = True
    window.setWindowTitle(f"{window.windowTitle()}（只读）")
    window.status_database.setText(f"数据库：{db_path}（只读）")
    window.editor.set_read_only(True)
    for tree in (window.tree, window.results):  # the whole tree and the search results
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        tree.setDragEnabled(False)
        tree.setAcceptDrops(False)
    window.setAcceptDrops(False)  # no feedback workbooks dropped in
    welcome = window.welcome
    for button in (welcome.import_button, welcome.new_plan_button, welcome.sample_button):
        button.setEnabled(False)
        button.setToolTip(TIP)
    window.read_only_banner = _add_banner(window, banner_text(holder))
    disable_editing(window)


def _add_banner(window: MainWindow, text: str) -> QLabel:
    """A yellow line above the tree and the editor."""
    banner = QLabel(text)
    banner.setObjectName("read_only_banner")
    banner.setStyleSheet(BANNER_STYLE)
    banner.setWordWrap(True)
    banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    central = window.takeCentralWidget()
    frame = QWidget()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    layout.addWidget(central, 1)
    window.setCentralWidget(frame)
    if window.isVisible():
        frame.show()  # a window already on screen (a login found to be read-only)
    return banner


def editing_actions(window: MainWindow) -> list[QAction]:
    """Every action of the window that would change the ledger."""
    actions = [getattr(window.actions, name) for name in WINDOW_ACTIONS]
    actions += window.actions.status_actions
    ledger = getattr(window, "ledger_menu", None)
    if ledger is not None:
        actions += [getattr(ledger, name) for name in LEDGER_ACTIONS]
    feedback = getattr(window, "feedback_menu", None)
    if feedback is not None:
        # an export registers the workbook's signing key in the ledger on first use
        actions += [feedback.import_action, feedback.export_action]
    backups = getattr(window, "backup_actions", None)
    if backups is not None:
        actions.append(backups[1])  # 恢复备份…; 备份… only reads
    return actions


def disable_editing(window: MainWindow) -> None:
    """Disable the editing actions (again, after a selection re-enabled them)."""
    if not is_read_only(window):
        return
    for action in editing_actions(window):
        action.setEnabled(False)
        action.setToolTip(TIP)
    window.actions.status_menu.setEnabled(False)
