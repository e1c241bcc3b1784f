"""人员与单位: the directories of people and units — add, rename, set posts, units and
aliases, merge duplicates, delete what no task uses.

Every change is an undo command run by the main window's runner; the dialog redraws itself from
`ChangeHub.changed`, so undoing in the dialog or elsewhere shows at once.  Refusals appear as
one Chinese sentence under the table, never as a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from db.queries import load_directory
from db.records import Directory, PersonRecord, UnitRecord
from desktop.ledger.pinyin_match import NameIndex
from desktop.operations import Change
from desktop.operations import directory_commands as dc
from desktop.operations.directories import split_aliases
from desktop.operations.undo import OperationCommand
from desktop.ui.command_runner import CommandRunner
from desktop.ui.directory_forms import MergeDialog, NewEntryDialog, completing_line_edit
from desktop.ui.directory_table import ID_ROLE, DirectoryFilter, DirectoryTableModel

ERROR_STYLE = "color: #b3261e;"
INFO_STYLE = "color: #2e6b30;"


class UnitCellDelegate(QStyledItemDelegate):
    """Edits a person's unit with completion over the units (pinyin, aliases)."""

    def __init__(self, panel: DirectoryPanel) -> None:
        super().__init__(panel)
        self._panel = panel

    def createEditor(self, parent, option, index):  # noqa: N802
        edit = completing_line_edit(self._panel.unit_index, parent)
        edit.setFrame(False)
        edit.completer_.picked.connect(lambda _name, e=edit: self._finish(e))
        edit.completer_.submitted.connect(lambda _text, e=edit: self._finish(e))
        return edit

    def _finish(self, editor: QLineEdit) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class DirectoryPanel(QWidget):
    """One tab: search, table, actions (and the aliases line for units)."""

    def __init__(self, kind: str, dialog: DirectoriesDialog) -> None:
        super().__init__(dialog)
        self.kind = kind
        self._dialog = dialog
        self.unit_index = NameIndex()
        self._index = NameIndex()

        what = "姓名" if kind == "person" else "单位名称或别名"
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(f"搜索{what}、拼音首字母…")
        self.search.setClearButtonEnabled(True)

        self.model = DirectoryTableModel(kind, self)
        self.model.on_edit = self._edit_cell
        self.proxy = DirectoryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch
            if self.model.columns[column].key == "tasks":
                mode = QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        if kind == "person":
            self.table.setItemDelegateForColumn(
                self.model.column_of("unit"), UnitCellDelegate(self)
            )

        self.add_button = QPushButton("新增…", self)
        self.rename_button = QPushButton("重命名", self)
        self.rename_button.setToolTip("F2 或双击名称")
        self.merge_button = QPushButton("合并到…", self)
        self.delete_button = QPushButton("删除", self)

        self.aliases_edit = QLineEdit(self)
        self.aliases_edit.setPlaceholderText("例如：市政府办、政府办；回车保存")

        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.merge_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        if kind == "unit":
            aliases_row = QHBoxLayout()
            aliases_row.addWidget(QLabel("别名（用、分隔）", self))
            aliases_row.addWidget(self.aliases_edit, 1)
            layout.addLayout(aliases_row)
        else:
            self.aliases_edit.hide()
        layout.addLayout(buttons)

        rename = QAction("重命名", self)
        rename.setShortcut(QKeySequence(Qt.Key.Key_F2))
        rename.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        rename.triggered.connect(self.rename_current)
        self.table.addAction(rename)
        delete = QAction("删除", self)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_current)
        self.table.addAction(delete)
        self._connect_callbacks()
        self._update_buttons()

    def _connect_callbacks(self) -> None:
        self.search.textChanged.connect(self._apply_search)
        self.add_button.clicked.connect(self.add_entry)
        self.rename_button.clicked.connect(self.rename_current)
        self.merge_button.clicked.connect(self.merge_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.aliases_edit.returnPressed.connect(self.apply_aliases)
        self.aliases_edit.editingFinished.connect(self.apply_aliases)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

    # ------------------------------------------------------------ data

    def show_directory(self, directory: Directory) -> None:
        current = self.current()
        records = directory.people if self.kind == "person" else directory.units
        self._index = (
            NameIndex.of_people(records) if self.kind == "person" else NameIndex.of_units(records)
        )
        self.unit_index = NameIndex.of_units(directory.units)
        self.model.set_records(records)
        self._apply_search(self.search.text())
        if current is not None and self.current() is None:
            self.select(current.id)
        self._show_aliases(force=not self.aliases_edit.hasFocus())
        self._update_buttons()

    def current(self) -> PersonRecord | UnitRecord | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.model.row_of(index.data(ID_ROLE))
        return self.model.record(row) if row is not None else None

    def select(self, record_id: int) -> bool:
        """Make the row of `record_id` current (clearing the search if it hides it)."""
        row = self.model.row_of(record_id)
        if row is None:
            return False
        source = self.model.index(row, 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.search.clear()
            index = self.proxy.mapFromSource(source)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _apply_search(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.proxy.set_allowed(None)
            return
        names = {m.name for m in self._index.match(text, limit=None)}
        allowed = {
            r.id
            for r in self.model.records()
            if r.name in names
            or (isinstance(r, PersonRecord) and (text in r.post or text in r.unit))
        }
        self.proxy.set_allowed(allowed)

    # ------------------------------------------------------------ actions

    def add_entry(self) -> None:
        form = NewEntryDialog(self.kind, self._dialog.directory, self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        values = form.values()
        hub = self._dialog.hub
        if self.kind == "person":
            command = dc.AddPerson(hub, values["name"], values["post"], values["unit"])
        else:
            command = dc.AddUnit(hub, values["name"], values["aliases"])
        if self._dialog.run(command, f"已新增“{values['name']}”"):
            new_id = command.person_id if self.kind == "person" else command.unit_id
            self.select(new_id)

    def rename_current(self) -> None:
        if self.current() is None:
            self._dialog.tell("请先选中一行", error=True)
            return
        index = self.table.currentIndex()
        self.table.setFocus()
        self.table.edit(index.siblingAtColumn(self.model.column_of("name")))

    def merge_current(self) -> None:
        source = self.current()
        if source is None:
            self._dialog.tell("请先选中要合并的一行", error=True)
            return
        form = MergeDialog(self.kind, source, self._dialog.directory, self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        target = form.target()
        target_id = form.target_id()
        if target is None or target_id is None:
            return
        hub = self._dialog.hub
        if self.kind == "person":
            command = dc.MergePeople(hub, target_id, source.id, target.name, source.name)
        else:
            command = dc.MergeUnits(hub, target_id, source.id, target.name, source.name)
        if self._dialog.run(command, f"已把“{source.name}”合并到“{target.name}”"):
            self.select(target_id)

    def delete_current(self) -> None:
        record = self.current()
        if record is None:
            self._dialog.tell("请先选中要删除的一行", error=True)
            return
        hub = self._dialog.hub
        if self.kind == "person":
            command = dc.DeletePerson(hub, record.id, record.name)
        else:
            command = dc.DeleteUnit(hub, record.id, record.name)
        self._dialog.run(command, f"已删除“{record.name}”")

    def apply_aliases(self) -> None:
        record = self.current()
        if not isinstance(record, UnitRecord):
            return
        aliases = split_aliases(self.aliases_edit.text())
        if aliases == record.aliases:
            return
        command = dc.SetUnitAliases(self._dialog.hub, record.id, record.name, aliases)
        self._dialog.run(command, f"已更新“{record.name}”的别名")

    def _edit_cell(self, record: PersonRecord | UnitRecord, key: str, text: str) -> bool:
        hub = self._dialog.hub
        command: OperationCommand
        if key == "name":
            name = "".join(text.split())
            if isinstance(record, PersonRecord):
                command = dc.RenamePerson(hub, record.id, record.name, name)
            else:
                command = dc.RenameUnit(hub, record.id, record.name, name)
            return self._dialog.run(command, f"已把“{record.name}”改为“{name}”")
        if key == "aliases":
            command = dc.SetUnitAliases(hub, record.id, record.name, split_aliases(text))
            return self._dialog.run(command, f"已更新“{record.name}”的别名")
        if key == "post":
            command = dc.UpdatePerson(hub, record.id, record.name, post=text)
        else:
            command = dc.UpdatePerson(hub, record.id, record.name, unit=text)
        return self._dialog.run(command, f"已修改“{record.name}”")

    # ------------------------------------------------------------ state

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_aliases(force=True)
        self._update_buttons()

    def _show_aliases(self, force: bool) -> None:
        record = self.current()
        self.aliases_edit.setEnabled(isinstance(record, UnitRecord))
        if force:
            aliases = record.aliases if isinstance(record, UnitRecord) else []
            self.aliases_edit.setText("、".join(aliases))

    def _update_buttons(self) -> None:
        record = self.current()
        for button in (self.rename_button, self.merge_button, self.delete_button):
            button.setEnabled(record is not None)
        if record is not None and record.tasks:
            self.delete_button.setEnabled(False)
            self.delete_button.setToolTip(
                f"“{record.name}”仍用于 {record.tasks} 项任务，不能删除；可以合并到其他"
                + ("人员" if self.kind == "person" else "单位")
            )
        else:
            self.delete_button.setToolTip("删除未被任何任务使用的一行")


class DirectoriesDialog(QDialog):
    """人员与单位.  Open with `DirectoriesDialog(parent, runner).exec()`."""

    def __init__(self, parent: QWidget | None, runner: CommandRunner) -> None:
        super().__init__(parent)
        self.runner = runner
        self.undo_stack, self.hub = runner.stack, runner.hub
        self.directory = Directory()
        self.setWindowTitle("人员与单位")
        self.resize(720, 520)

        self.tabs = QTabWidget(self)
        self.people = DirectoryPanel("person", self)
        self.units = DirectoryPanel("unit", self)
        self.tabs.addTab(self.people, "人员")
        self.tabs.addTab(self.units, "单位")

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.fontMetrics().height() * 2)

        self.undo_action = self._history_action("撤销", runner.undo)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self._history_action("重做", runner.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self._update_history()
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        undo_button, redo_button = QToolButton(self), QToolButton(self)
        undo_button.setDefaultAction(self.undo_action)
        redo_button.setDefaultAction(self.redo_action)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(undo_button)
        bottom.addWidget(redo_button)
        bottom.addStretch(1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)

        self.hub.changed.connect(self._on_changed)
        self.undo_stack.indexChanged.connect(self._update_history)
        self._listening = True
        self.reload()

    def _history_action(self, text: str, step) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: step())
        return action

    def _update_history(self, _index: int = 0) -> None:
        stack = self.undo_stack
        if not isValid(stack) or not isValid(self):  # the window is being torn down
            return
        for action, verb, can, text in (
            (self.undo_action, "撤销", stack.canUndo(), stack.undoText()),
            (self.redo_action, "重做", stack.canRedo(), stack.redoText()),
        ):
            action.setEnabled(can)
            action.setText(f"{verb} {text}" if can and text else verb)

    def reload(self) -> None:
        """Read the directories again and show them, keeping selection and search."""
        self.directory = load_directory()
        self.people.show_directory(self.directory)
        self.units.show_directory(self.directory)

    def run(self, command: OperationCommand, done: str) -> bool:
        """Run `command` through the runner; say what happened or why it was refused."""
        if not self.runner.run(command, parent=self, refused=lambda text: self.tell(text, True)):
            return False
        self.tell(f"{done}。可按 Ctrl+Z 撤销。")
        return True

    def tell(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.message.setText(text)

    def done(self, result: int) -> None:
        """Stop listening when closed, so a closed dialog never reloads."""
        if self._listening:
            self._listening = False
            self.hub.changed.disconnect(self._on_changed)
            self.undo_stack.indexChanged.disconnect(self._update_history)
        super().done(result)

    def _on_changed(self, change: Change) -> None:
        if change.directory or change.reload:
            self.reload()
