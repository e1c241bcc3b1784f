"""Small editor fields: a text box that reports when editing ends, and a plain name field
behind the NamePicker interface (used until desktop/ui/name_picker.py is available)."""

from __future__ import annotations

import re

from PySide6.QtCore import QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from db.records import Directory, UnitRef

_SEPARATORS = re.compile(r"[、，,；;\s]+")
_WITH_CONTACT = re.compile(r"^(.+?)[（(]([^（）()]*)[）)]$")


class CommitTextEdit(QPlainTextEdit):
    """A multi-line box that emits `editing_finished` when it loses focus after a change.
    Tab moves to the next field, as in a form."""

    editing_finished = Signal()

    def __init__(self, lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        line = QFontMetrics(self.font()).lineSpacing()
        self._height = line * lines + 2 * self.frameWidth() + 10
        self.setMinimumHeight(self._height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._original = ""

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), self._height)

    def set_value(self, text: str) -> None:
        self._original = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def value(self) -> str:
        return self.toPlainText()

    def original(self) -> str:
        """The value last shown (what is saved)."""
        return self._original

    def set_original(self, text: str) -> None:
        self._original = text

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if self.toPlainText() != self._original:
            self.editing_finished.emit()


def parse_names(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text) if part]


def parse_units(text: str) -> list[UnitRef]:
    """市政府办公室（王某某）、市财政局 → UnitRef list."""
    units = []
    for part in re.split(r"[、，,；;]+", text):
        part = "".join(part.split())
        if not part:
            continue
        match = _WITH_CONTACT.match(part)
        units.append(UnitRef(match[1], match[2]) if match else UnitRef(part))
    return units


class SimpleNamePicker(QLineEdit):
    """Names separated by 、 (units as 单位（联系人）), with completion of the last name.

    Same interface as NamePicker: set_directory, set_entries, entries(), signal `changed`.
    """

    changed = Signal()

    def __init__(
        self, kind: str = "person", with_contact: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind, self.with_contact = kind, with_contact
        self._entries: list = []
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setWidget(self)
        completer.activated.connect(self._complete_last)
        self._completer = completer
        self.textEdited.connect(self._show_completions)
        self.editingFinished.connect(self._finish)
        example = "市政府办公室（联系人）、市财政局" if kind == "unit" else "朱晓明、朱开宝"
        self.setPlaceholderText(f"多个用顿号分隔，如：{example}")

    def set_directory(self, directory: Directory) -> None:
        if self.kind == "unit":
            names = [unit.name for unit in directory.units]
            names += [alias for unit in directory.units for alias in unit.aliases]
        else:
            names = [person.name for person in directory.people]
        self._names.setStringList(sorted(set(names)))

    def set_entries(self, entries: list) -> None:
        self._entries = list(entries)
        self.setText(self._format(self._entries))

    def entries(self) -> list:
        return list(self._entries)

    def _format(self, entries: list) -> str:
        if self.kind == "unit":
            return "、".join(
                entry.label() if self.with_contact else entry.name for entry in entries
            )
        return "、".join(entries)

    def _parse(self) -> list:
        if self.kind == "unit":
            units = parse_units(self.text())
            return units if self.with_contact else [UnitRef(unit.name) for unit in units]
        return parse_names(self.text())

    def commit_pending(self) -> None:
        """Save typed names not yet confirmed with Enter or by leaving the field."""
        if self.isModified():
            self._finish()

    def _finish(self) -> None:
        self._completer.popup().hide()
        entries = self._parse()
        if entries != self._entries:
            self._entries = entries
            self.changed.emit()
        self.setText(self._format(self._entries))

    def _last_part(self) -> str:
        return re.split(r"[、，,；;]", self.text()[: self.cursorPosition()])[-1]

    def _show_completions(self) -> None:
        prefix = self._last_part().strip()
        if not prefix:
            self._completer.popup().hide()
            return
        self._completer.setCompletionPrefix(prefix)
        exact = (
            self._completer.completionCount() == 1 and self._completer.currentCompletion() == prefix
        )
        if self._completer.completionCount() and not exact:
            self._completer.complete()
        else:
            self._completer.popup().hide()

    def _complete_last(self, name: str) -> None:
        head = self.text()[: self.cursorPosition()]
        tail = self.text()[self.cursorPosition() :]
        cut = len(head) - len(self._last_part())
        self.setText(head[:cut] + name + tail)
        self.setCursorPosition(cut + len(name))
        self._finish()


def make_name_picker(kind: str, with_contact: bool, parent: QWidget | None = None) -> QWidget:
    """The directory NamePicker when it exists, else SimpleNamePicker."""
    try:
        from desktop.ui.name_picker import NamePicker
    except ImportError:
        return SimpleNamePicker(kind, with_contact, parent)
    picker = NamePicker(kind, with_contact)
    if parent is not None:
        picker.setParent(parent)
    return picker
