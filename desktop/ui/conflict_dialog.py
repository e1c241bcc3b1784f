"""保存冲突: another clerk saved the task after this window read it.  The user sees both
versions field by field and chooses; nothing is overwritten silently and nothing typed is lost.

- 保留我的修改: the save runs again over the version now stored (it is recorded in 修改记录
  as any edit: their value → mine).
- 采用对方的内容: mine is dropped; every view, the editor too, shows what is stored.
- 取消: nothing is saved; what the user typed stays in the editor, the cursor back in it (the
  window does not reload a field being typed in), and the next save asks again.

A task deleted meanwhile cannot take either: the dialog says so and shows what was typed, with
a button that copies it.  The command runner calls `resolve()` (desktop/ui/command_runner.py).
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.commands import keep_mine_command
from desktop.operations.conflicts import DELETED, ConflictError, display, label, saved_time
from desktop.ui.fields import CommitTextEdit

if TYPE_CHECKING:
    from desktop.operations.undo import OperationCommand
    from desktop.ui.command_runner import CommandRunner


class Choice(Enum):
    KEEP_MINE = "mine"
    TAKE_THEIRS = "theirs"
    CANCEL = "cancel"


MINE_HEADER = "我的修改"
THEIRS_HEADER = "对方保存的内容"


def theirs_header(error: ConflictError) -> str:
    """对方保存的内容 with who and when, as far as the 修改记录 knows them."""
    theirs = error.theirs
    if theirs is None:
        return THEIRS_HEADER
    parts = [part for part in (theirs.who, saved_time(theirs.at)) if part]
    return f"{THEIRS_HEADER}（{'，'.join(parts)}）" if parts else THEIRS_HEADER


def mine_text(error: ConflictError) -> str:
    """What the user typed, one field a line (for the clipboard)."""
    return "\n".join(
        f"{label(key, error.kind)}：{display(key, value)}" for key, value in error.mine.items()
    )


class ConflictDialog(QDialog):
    """Both versions of the fields the user changed, and the three choices."""

    def __init__(self, error: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.choice = Choice.CANCEL
        self.setWindowTitle("任务已被删除" if error.deleted else "保存冲突")
        self.message = QLabel(self._message())
        self.message.setWordWrap(True)
        self.table = self._table()
        self.buttons = QDialogButtonBox(self)
        if error.deleted:
            self.copy_button = self.buttons.addButton(
                "复制我的修改", QDialogButtonBox.ButtonRole.ActionRole
            )
            self.close_button = self.buttons.addButton(
                "关闭", QDialogButtonBox.ButtonRole.RejectRole
            )
            self.close_button.setDefault(True)
        else:
            self.keep_button = self._button("保留我的修改", Choice.KEEP_MINE)
            self.theirs_button = self._button("采用对方的内容", Choice.TAKE_THEIRS)
            self.cancel_button = self._button("取消", Choice.CANCEL)
            self.cancel_button.setDefault(True)  # Enter decides nothing by accident
            self.keep_button.setVisible(error.can_keep)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self._connect_callbacks()
        self.resize(760, min(200 + 60 * len(error.mine), 600))

    def _connect_callbacks(self) -> None:
        self.buttons.rejected.connect(self.reject)
        if self.error.deleted:
            self.copy_button.clicked.connect(self.copy_mine)

    def _button(self, text: str, choice: Choice) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def _message(self) -> str:
        if self.error.deleted:
            return f"{DELETED}，您的修改无法保存。下面是您输入的内容，可复制后另作保存。"
        if not self.error.can_keep:
            return f"{self.error}，这一步无法撤销。窗口将显示对方保存的内容。"
        return (
            f"{self.error}。\n"
            "请选择：保留我的修改（覆盖对方保存的内容，记入修改记录）、采用对方的内容"
            "（放弃我的修改），或取消（暂不保存，我输入的内容仍留在编辑框中）。"
        )

    def _table(self) -> QTableWidget:
        error = self.error
        headers = ["字段", MINE_HEADER]
        if not error.deleted:
            headers.append(theirs_header(error))
        table = QTableWidget(len(error.mine), len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        differing = set(error.differing())
        for row, (key, value) in enumerate(error.mine.items()):
            cells = [label(key, error.kind), display(key, value)]
            if error.theirs is not None:
                cells.append(display(key, error.theirs.values.get(key)))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if key in differing and column > 0:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        return table

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.table.resizeRowsToContents()  # the columns have their widths now

    def copy_mine(self) -> None:
        QGuiApplication.clipboard().setText(mine_text(self.error))


def ask(parent: QWidget | None, error: ConflictError) -> Choice:
    """Show the dialog and return the user's choice (CANCEL when closed)."""
    dialog = ConflictDialog(error, parent)
    dialog.exec()
    choice = dialog.choice if dialog.result() == QDialog.DialogCode.Accepted else Choice.CANCEL
    dialog.deleteLater()
    return choice


def resolve(
    runner: CommandRunner,
    error: ConflictError,
    command: OperationCommand | None,
    parent: QWidget | None = None,
    origin: object = None,
) -> bool:
    """The user's answer to a refused save: True when `command` (a first run) should run
    again, over the version now stored; `command` None: an undo or redo step that was
    dropped, whose 保留我的修改 runs as a new edit right after it.  While the dialog is open
    no other command runs (a focus change is not the user's act)."""
    runner._reporting = True
    try:
        choice = ask(parent or runner.window, error)
        if choice is not Choice.KEEP_MINE or error.deleted or not error.can_keep:
            if choice is Choice.CANCEL and command is not None and not error.deleted:
                runner.typing_kept = True
                _keep_typing(origin)
            else:
                _reload_over_focus(runner)
            return False
    finally:
        runner._reporting = False
    if command is None:  # pushed once the undo stack has finished the failed step
        keep = keep_mine_command(runner.hub, error)
        QTimer.singleShot(0, runner, lambda: runner.run(keep, parent=parent))
        return False
    command.rebase(error.theirs)
    return True


def _reload_over_focus(runner: CommandRunner) -> None:
    """Every view shows what is stored, the field with the cursor too (the editor keeps a
    focused field's typed text on a reload)."""
    focus = QApplication.focusWidget()
    if focus is not None:
        focus.clearFocus()
    runner.reload()
    if focus is not None:
        focus.setFocus(Qt.FocusReason.OtherFocusReason)


def _keep_typing(origin: object) -> None:
    """Put the cursor back in the field of `origin` (the editor) that holds unsaved text,
    so the window's reloads leave it alone until the user saves or chooses again."""
    if not isinstance(origin, QWidget):
        return
    for field in origin.findChildren(QLineEdit) + origin.findChildren(CommitTextEdit):
        unsaved = (
            field.isModified()
            if isinstance(field, QLineEdit)
            else field.value() != field.original()
        )
        if unsaved and field.isVisible():
            field.window().activateWindow()
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
