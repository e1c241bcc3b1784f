"""Text left in a name picker that was not added gets a visible hint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from db.records import Directory, PersonRecord
from desktop.ui.name_picker import NamePicker
from tests.helpers.typing import commit_text

DIRECTORY = Directory(units=[], people=[PersonRecord(1, "朱晓明", "市委书记", "市委", 5)])


def test_leaving_typed_text_shows_a_hint_until_it_is_added(qtbot):
    form = QWidget()
    layout = QVBoxLayout(form)
    picker, other = NamePicker("person"), QLineEdit()
    layout.addWidget(picker)
    layout.addWidget(other)
    qtbot.addWidget(form)
    picker.set_directory(DIRECTORY)
    form.resize(420, 120)
    with qtbot.waitExposed(form):
        form.show()
    picker.line_edit.setFocus()
    commit_text(picker.line_edit, "王某")
    assert picker.pending_hint.isHidden()  # no hint while typing
    other.setFocus()
    qtbot.waitUntil(picker.pending_hint.isVisible)
    assert picker.pending_hint.text() == "“王某”未添加，按回车添加"
    assert picker.entries() == []
    picker.line_edit.setFocus()
    qtbot.keyClick(picker.line_edit, Qt.Key.Key_Return)
    assert picker.entries() == ["王某"]
    assert picker.pending_hint.isHidden()
    other.setFocus()
    QApplication.processEvents()  # the focus-out check runs
    assert picker.pending_hint.isHidden()  # nothing left over
