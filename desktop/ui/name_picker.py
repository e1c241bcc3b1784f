"""Picking leaders or units for a task: the chosen names as removable chips, and a line edit
that completes from the directory by text, pinyin initials, pinyin or alias.

Enter or a chosen completion adds a chip; a name not in the directory is added as typed (it
joins the directory when the task is saved).  Backspace on the empty line edit removes the
last chip.  For units with a contact, a chip reads 单位（联系人）; double-clicking it puts it
back into the line edit to change the contact, and typing “办公室（李红）” works too.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from db.records import Directory, UnitRef
from desktop.ledger.pinyin_match import NameIndex
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.name_completer import NameCompleter

CONTACT = re.compile(r"^(?P<name>[^（(]+)[（(](?P<contact>[^）)]*)[）)]?$")

STYLE = """
NamePicker { background: palette(base); border: 1px solid palette(mid); border-radius: 3px; }
NamePicker[focused="true"] { border-color: palette(highlight); }
QFrame#chip { background: #e6eef8; border: 1px solid #b7c9e2; border-radius: 10px; }
QFrame#chip[known="false"] { background: #fff3dc; border-color: #e0c088; }
QFrame#chip QLabel { background: transparent; border: none; padding: 0 0 0 2px; }
QToolButton#chipRemove { border: none; background: transparent; padding: 0 3px; color: #5a6b80; }
QToolButton#chipRemove:hover { color: #c0392b; }
QLineEdit#pickerEdit { border: none; background: transparent; }
QLabel#pendingHint { color: #9a6700; background: transparent; }
"""


class Chip(QFrame):
    """One chosen name with a × to remove it."""

    remove_clicked = Signal()
    double_clicked = Signal()

    def __init__(self, text: str, tooltip: str, known: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("chip")
        self.setProperty("known", known)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 1, 2, 1)
        layout.setSpacing(0)
        self.label = QLabel(text, self)
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("chipRemove")
        self.remove_button.setText("×")
        self.remove_button.setToolTip("移除")
        self.remove_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.label)
        layout.addWidget(self.remove_button)
        self.setToolTip(tooltip)
        self.remove_button.clicked.connect(self.remove_clicked)

    def show_entry(self, text: str, tooltip: str, known: bool) -> None:
        """Show another name in this chip (chips are reused, not rebuilt: every widget the
        binding destroys keeps a few references to None in PySide6 6.11)."""
        self.label.setText(text)
        self.setToolTip(tooltip)
        if self.property("known") != known:
            self.setProperty("known", known)
            self.style().unpolish(self)
            self.style().polish(self)
        self.show()

    def text(self) -> str:
        return self.label.text()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.double_clicked.emit()
        event.accept()


class NamePicker(QWidget):
    """Chips for the chosen people or units plus a completing line edit to add more."""

    changed = Signal()  # once per change the user makes

    def __init__(self, kind: str, with_contact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        if kind not in ("person", "unit"):
            raise ValueError(f"unknown picker kind {kind!r}")
        self.kind = kind
        self.with_contact = with_contact and kind == "unit"
        self._entries: list[str | UnitRef] = []
        self._editing: int | None = None  # chip being edited in the line edit
        self._chips: list[Chip] = []  # the shown ones: the first of _pool
        self._pool: list[Chip] = []
        self._known: NameIndex = NameIndex()
        self._details: dict[str, str] = {}
        self._read_only = False

        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self._layout = FlowLayout(self, spacing=4)
        self.line_edit = QLineEdit(self)
        self.line_edit.setObjectName("pickerEdit")
        self.line_edit.setMinimumWidth(110)
        self.line_edit.setPlaceholderText(self._placeholder())
        self._layout.addWidget(self.line_edit)
        self.pending_hint = QLabel(self)
        self.pending_hint.setObjectName("pendingHint")
        self.pending_hint.hide()
        self._layout.addWidget(self.pending_hint)
        self.setFocusProxy(self.line_edit)
        self.completer = NameCompleter(self.line_edit, self)
        self._connect_callbacks()

    # ------------------------------------------------------------ public interface

    def set_directory(self, directory: Directory) -> None:
        """The people or units to complete from (keys are computed here, once)."""
        if self.kind == "person":
            self._known = NameIndex.of_people(directory.people)
        else:
            self._known = NameIndex.of_units(directory.units)
        self.completer.set_index(self._known)
        self._rebuild_chips()

    def set_entries(self, entries: list[str] | list[UnitRef]) -> None:
        """Show `entries` (names, or UnitRefs for units); does not emit `changed`."""
        self._editing = None
        self.line_edit.clear()
        self._show_pending(False)
        self._entries = [self._as_entry(entry) for entry in entries]
        self._rebuild_chips()

    def reserve_chips(self, count: int) -> None:
        """Make spare (hidden) chips up to `count`, ahead of the names that will need them."""
        while len(self._pool) < count:
            self._pool.append(self._new_chip(len(self._pool)))
            self._pool[-1].hide()

    def entries(self) -> list[str] | list[UnitRef]:
        """Names for people, UnitRefs for units, in the order shown."""
        return [UnitRef(e.name, e.contact) if isinstance(e, UnitRef) else e for e in self._entries]

    def commit_pending(self) -> None:
        """Add what is typed but not yet confirmed (the editor calls this before an action
        elsewhere, so nothing typed is lost)."""
        if self._editing is None and self.line_edit.text().strip():
            self._submit(self.line_edit.text())

    def set_read_only(self, read_only: bool) -> None:
        """Show the names only: no line to type in, no × on the chips, no editing a chip."""
        self._read_only = read_only
        self._cancel_edit()
        self.line_edit.setReadOnly(read_only)
        self.line_edit.setVisible(not read_only)
        self._rebuild_chips()

    def chip_texts(self) -> list[str]:
        return [chip.text() for chip in self._chips if not chip.isHidden()]

    # ------------------------------------------------------------ wiring

    def _connect_callbacks(self) -> None:
        self.line_edit.textEdited.connect(self._on_text_edited)
        self.completer.picked.connect(self._on_picked)
        self.completer.submitted.connect(self._submit)
        self.line_edit.installEventFilter(self)

    def _placeholder(self) -> str:
        if self.kind == "person":
            return "输入姓名或拼音首字母，回车添加"
        if self.with_contact:
            return "输入单位名称或拼音首字母，可写“单位（联系人）”"
        return "输入单位名称或拼音首字母，回车添加"

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.line_edit:
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                if self._on_key(event):
                    return True
            elif event.type() == QEvent.Type.FocusIn:
                self._set_focused(True)
            elif event.type() == QEvent.Type.FocusOut:
                self._set_focused(False)
                QTimer.singleShot(0, self, self._after_focus_out)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # noqa: N802
        """Never squeezed below the lines the chips need at this width."""
        super().resizeEvent(event)
        self.setMinimumHeight(self._layout.heightForWidth(self.width()))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.line_edit.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def _set_focused(self, focused: bool) -> None:
        self.setProperty("focused", focused)
        self.style().unpolish(self)
        self.style().polish(self)

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Backspace and not self.line_edit.text() and self._editing is None:
            if self._entries:
                self._remove(len(self._entries) - 1)
            return True
        if key == Qt.Key.Key_Escape and self._editing is not None:
            self._cancel_edit()
            return True
        return False

    def _after_focus_out(self) -> None:
        """Leaving the picker while editing a chip keeps the edit (or the old chip when the
        text was emptied); plain typed text stays in the line edit, not added."""
        focus, popup = QApplication.focusWidget(), self.completer.popup()
        if focus is None or focus is self.line_edit or focus is popup or popup.isAncestorOf(focus):
            return
        popup.hide()
        if self._editing is not None:
            if self.line_edit.text().strip():
                self._submit(self.line_edit.text())
            else:
                self._cancel_edit()
        self._show_pending(True)

    # ------------------------------------------------------------ adding and removing

    def _on_text_edited(self, text: str) -> None:
        self._show_pending(False)
        self.completer.update_for(self._split(text)[0])

    def pending_text(self) -> str:
        """Text typed in the line edit but not added as a name."""
        return self.line_edit.text().strip() if self._editing is None else ""

    def _show_pending(self, show: bool) -> None:
        """A visible note that typed text has not been added (it would look like a name)."""
        pending = self.pending_text() if show else ""
        if pending:
            self.pending_hint.setText(f"“{pending}”未添加，按回车添加")
            self.setToolTip("输入框中的文字还不是已添加的名称：按回车添加，或删去")
        else:
            self.setToolTip("")
        if self.pending_hint.isHidden() == bool(pending):
            self.pending_hint.setVisible(bool(pending))
            self._layout.invalidate()
            self.setMinimumHeight(self._layout.heightForWidth(max(self.width(), 1)))

    def _on_picked(self, name: str) -> None:
        _, contact = self._split(self.line_edit.text())
        self._add(name, contact)

    def _submit(self, text: str) -> None:
        """Enter: the typed name (resolved to its canonical name), or for pinyin the best
        match; a list such as 朱晓明、朱开宝 adds each; empty text while editing a chip
        removes it."""
        parts = [part for part in _LIST_SEPARATOR.split(text) if part.strip()]
        if self._editing is None and len(parts) > 1:
            self._add_many([self._resolved(*self._split(part)) for part in parts])
            return
        name, contact = self._split(text)
        if not name:
            if self._editing is not None:
                index, self._editing = self._editing, None
                self.line_edit.clear()
                self._remove(index)
            return
        self._add(*self._resolved(name, contact))

    def _resolved(self, name: str, contact: str) -> tuple[str, str]:
        known = self._known.resolve(name)
        if known is not None:
            name = known.name
        elif name.isascii() and name.isalpha():
            best = self.completer.best(name)
            if best is not None:
                name = best.name
        return "".join(name.split()), contact

    def _add_many(self, names: list[tuple[str, str]]) -> None:
        """Append several entries as one change (names already present are skipped)."""
        entries = list(self._entries)
        present = {_name(e) for e in entries}
        for name, contact in names:
            if name and name not in present:
                present.add(name)
                entries.append(UnitRef(name, contact) if self.kind == "unit" else name)
        self.line_edit.clear()
        self.completer.popup().hide()
        self._commit(entries)

    def _add(self, name: str, contact: str) -> None:
        entry: str | UnitRef = UnitRef(name, contact) if self.kind == "unit" else name
        entries = list(self._entries)
        if self._editing is not None:
            entries.pop(self._editing)
            at = self._editing
        else:
            at = len(entries)
        same = next((i for i, e in enumerate(entries) if _name(e) == name), None)
        if same is not None:
            if self.kind == "unit" and contact:
                entries[same] = UnitRef(name, contact)
            at = None
        if at is not None:
            entries.insert(at, entry)
        self._editing = None
        self.line_edit.clear()
        self.completer.popup().hide()
        self._commit(entries)

    def _remove(self, index: int) -> None:
        if self._read_only:
            return
        entries = list(self._entries)
        entries.pop(index)
        self._commit(entries)

    def _commit(self, entries: list[str | UnitRef]) -> None:
        self._show_pending(False)
        before = self.entries()
        self._entries = entries
        self._rebuild_chips()
        if self.entries() != before:
            self.changed.emit()

    def _edit_chip(self, index: int) -> None:
        """Put a chip back into the line edit so its name or contact can be changed."""
        if not self.with_contact or self._read_only:
            return
        if self._editing is not None:
            self._cancel_edit()
        entry = self._entries[index]
        assert isinstance(entry, UnitRef)
        self._editing = index
        self._chips[index].hide()
        self.line_edit.setText(f"{entry.name}（{entry.contact}）")
        self.line_edit.setCursorPosition(len(entry.name) + 1 + len(entry.contact))
        self.line_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._layout.invalidate()

    def _cancel_edit(self) -> None:
        self._editing = None
        self.line_edit.clear()
        self._rebuild_chips()

    # ------------------------------------------------------------ helpers

    def _split(self, text: str) -> tuple[str, str]:
        """“办公室（李红）” → ('办公室', '李红') for units with contacts; else (text, '')."""
        text = text.strip()
        if self.with_contact:
            found = CONTACT.match(text)
            if found:
                return found["name"].strip(), "".join(found["contact"].split())
        return text, ""

    def _new_chip(self, index: int) -> Chip:
        chip = Chip("", "", True, self)
        chip.remove_clicked.connect(lambda i=index: self._remove(i))
        chip.double_clicked.connect(lambda i=index: self._edit_chip(i))
        self._layout.insertWidget(index, chip)
        return chip

    def _as_entry(self, entry: str | UnitRef) -> str | UnitRef:
        if self.kind == "unit":
            return (
                UnitRef(entry.name, entry.contact) if isinstance(entry, UnitRef) else UnitRef(entry)
            )
        return entry.name if isinstance(entry, UnitRef) else entry

    def _rebuild_chips(self) -> None:
        """Show the entries in the first chips; spare chips stay hidden for later use."""
        for index, entry in enumerate(self._entries):
            name = _name(entry)
            known = self._known.resolve(name)
            label = entry.label() if isinstance(entry, UnitRef) else entry
            if known is None:
                tooltip = "新名称：保存后加入名录"
            else:
                tooltip = known.detail or name
            if self.with_contact and not self._read_only:
                tooltip += "\n双击修改联系人"
            if index == len(self._pool):
                self._pool.append(self._new_chip(index))
            self._pool[index].show_entry(label, tooltip, known is not None or not len(self._known))
            self._pool[index].remove_button.setVisible(not self._read_only)
        for chip in self._pool[len(self._entries) :]:
            chip.hide()
        self._chips = self._pool[: len(self._entries)]
        if self._editing is not None and self._editing < len(self._chips):
            self._chips[self._editing].hide()
        self.line_edit.setPlaceholderText("添加…" if self._entries else self._placeholder())
        self.setMinimumHeight(self._layout.heightForWidth(max(self.width(), 1)))
        self.updateGeometry()


_LIST_SEPARATOR = re.compile(r"[、，,；;](?![^（(]*[）)])")


def _name(entry: str | UnitRef) -> str:
    return entry.name if isinstance(entry, UnitRef) else entry
