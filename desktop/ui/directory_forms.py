"""Small dialogs of the 人员与单位 dialog: a new person or unit, and the target of a merge.

Both check their input before closing and say in Chinese what is missing; `values()` /
`target()` give the result after exec() returned Accepted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db.directory import clean_name
from db.records import Directory, PersonRecord, UnitRecord
from desktop.ledger.pinyin_match import Candidate, NameIndex
from desktop.operations.directories import split_aliases
from desktop.ui.name_completer import NameCompleter


def completing_line_edit(index: NameIndex, parent: QWidget) -> QLineEdit:
    """A line edit that completes names from `index`; choosing one puts it in the edit."""
    edit = QLineEdit(parent)
    completer = NameCompleter(edit, edit)
    completer.set_index(index)
    edit.textEdited.connect(completer.update_for)
    completer.picked.connect(edit.setText)
    edit.completer_ = completer  # keep a handle for tests and callers
    return edit


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet("color: #b3261e;")
    label.setWordWrap(True)
    label.hide()
    return label


class NewEntryDialog(QDialog):
    """新增人员 (姓名, 职务, 所在单位) or 新增单位 (名称, 别名)."""

    def __init__(self, kind: str, directory: Directory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self._directory = directory
        self.setWindowTitle("新增人员" if kind == "person" else "新增单位")
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.post_edit = QLineEdit(self)
        self.unit_edit = completing_line_edit(NameIndex.of_units(directory.units), self)
        self.aliases_edit = QLineEdit(self)
        if kind == "person":
            self.name_edit.setPlaceholderText("例如：朱晓明，或“党组成员”")
            self.post_edit.setPlaceholderText("例如：副市长")
            self.unit_edit.setPlaceholderText("可输入拼音首字母；新单位会一并加入名录")
            form.addRow("姓名", self.name_edit)
            form.addRow("职务", self.post_edit)
            form.addRow("所在单位", self.unit_edit)
        else:
            self.name_edit.setPlaceholderText("例如：市政府办公室")
            self.aliases_edit.setPlaceholderText("例如：市政府办、政府办")
            form.addRow("单位名称", self.name_edit)
            form.addRow("别名（用、分隔）", self.aliases_edit)
        for unused in (
            (self.aliases_edit,) if kind == "person" else (self.post_edit, self.unit_edit)
        ):
            unused.hide()
        self.error = _error_label(self)
        buttons = _ok_cancel(self, "确定")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)

    def values(self) -> dict:
        """name, post, unit for a person; name, aliases for a unit."""
        name = clean_name(self.name_edit.text())
        if self.kind == "person":
            return {
                "name": name,
                "post": self.post_edit.text().strip(),
                "unit": self.unit_edit.text().strip(),
            }
        return {"name": name, "aliases": split_aliases(self.aliases_edit.text())}

    def accept(self) -> None:
        if not self.values()["name"]:
            self._refuse("请填写姓名" if self.kind == "person" else "请填写单位名称")
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)


class MergeDialog(QDialog):
    """Choose the person or unit that `source` is merged into."""

    def __init__(
        self, kind: str, source: PersonRecord | UnitRecord, directory: Directory, parent=None
    ) -> None:
        super().__init__(parent)
        self.kind, self.source = kind, source
        records = directory.people if kind == "person" else directory.units
        others = [r for r in records if r.id != source.id]
        self._ids = {r.name: r.id for r in others}
        if kind == "person":
            index = NameIndex.of_people(others)
            what, effect = (
                "人员",
                (
                    f"合并后，“{source.name}”牵头的 {source.tasks} 项任务都转到所选人员名下，"
                    f"“{source.name}”从名录中删除。可以撤销。"
                ),
            )
        else:
            index = NameIndex.of_units(others)
            what, effect = (
                "单位",
                (
                    f"合并后，“{source.name}”的 {source.tasks} 项任务、进展情况和人员"
                    f"都转到所选单位，"
                    f"“{source.name}”成为所选单位的别名。可以撤销。"
                ),
            )
        self._index = index
        self.setWindowTitle(f"合并{what}")
        prompt = QLabel(f"把“{source.name}”合并到：", self)
        self.target_edit = completing_line_edit(index, self)
        self.target_edit.setPlaceholderText(f"输入{what}名称或拼音首字母")
        explanation = QLabel(effect, self)
        explanation.setWordWrap(True)
        explanation.setStyleSheet("color: #555;")
        self.error = _error_label(self)
        buttons = _ok_cancel(self, "合并")
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.target_edit)
        layout.addWidget(explanation)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def target(self) -> Candidate | None:
        """The chosen person or unit (a name or alias typed in full counts)."""
        return self._index.resolve(self.target_edit.text())

    def target_id(self) -> int | None:
        target = self.target()
        return self._ids.get(target.name) if target is not None else None

    def accept(self) -> None:
        text = self.target_edit.text().strip()
        if not text:
            self._refuse("请选择要合并到的" + ("人员" if self.kind == "person" else "单位"))
            return
        if self.target() is None:
            self._refuse(f"名录中没有“{text}”，请从列表中选择")
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.target_edit.setFocus(Qt.FocusReason.OtherFocusReason)


def _ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """The dialog's 确定/取消 row (OK with `ok_text`), wired to accept and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
