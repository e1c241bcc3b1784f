from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from db.records import Directory, PersonRecord, UnitRecord, UnitRef
from desktop.ui.name_picker import NamePicker
from tests.helpers import qt as helpers

DIRECTORY = Directory(
    units=[
        UnitRecord(1, "市政府办公室", ["市政府办", "政府办"], 3),
        UnitRecord(2, "市财政局", [], 1),
    ],
    people=[
        PersonRecord(1, "朱晓明", "市委书记", "市委", 5),
        PersonRecord(2, "朱开宝", "市长", "市政府", 1),
        PersonRecord(3, "张小明", "", "", 0),
    ],
)


@pytest.fixture
def make_picker(qtbot):
    def make(kind="person", with_contact=False, entries=()):
        picker = NamePicker(kind, with_contact)
        qtbot.addWidget(picker)
        picker.set_directory(DIRECTORY)
        picker.set_entries(list(entries))
        picker.resize(420, 60)
        with qtbot.waitExposed(picker):
            picker.show()
        picker.line_edit.setFocus()
        return picker

    return make


def type_text(qtbot, picker, text):
    helpers.type_text(qtbot, picker.line_edit, text)


def press_enter(qtbot, picker):
    """Enter goes where the user's key would: the popup when it is open, else the line edit."""
    popup = picker.completer.popup()
    qtbot.keyClick(popup if popup.isVisible() else picker.line_edit, Qt.Key.Key_Return)


def test_typing_initials_offers_the_person_and_enter_adds_it(qtbot, make_picker):
    picker = make_picker(entries=["朱开宝"])
    type_text(qtbot, picker, "zxm")
    assert picker.completer.popup().isVisible()
    assert picker.completer.shown_names() == ["朱晓明", "张小明"]
    with qtbot.waitSignal(picker.changed):
        press_enter(qtbot, picker)
    assert picker.entries() == ["朱开宝", "朱晓明"]
    assert picker.chip_texts() == ["朱开宝", "朱晓明"]
    assert picker.line_edit.text() == ""
    assert not picker.completer.popup().isVisible()


def test_arrow_down_then_enter_picks_the_highlighted_row(qtbot, make_picker):
    picker = make_picker()
    type_text(qtbot, picker, "zxm")
    popup = picker.completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    press_enter(qtbot, picker)
    assert picker.entries() == ["张小明"]


def test_clicking_a_completion_adds_it(qtbot, make_picker):
    picker = make_picker()
    type_text(qtbot, picker, "zhu")
    popup = picker.completer.popup()
    index = popup.model().index(1, 0)
    assert index.data() == "朱开宝"
    qtbot.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(index).center()
    )
    assert picker.entries() == ["朱开宝"]


def test_the_cross_removes_a_chip_and_emits_once(qtbot, make_picker):
    picker = make_picker(entries=["朱晓明", "朱开宝", "党组成员"])
    emitted = []
    picker.changed.connect(lambda: emitted.append(picker.entries()))
    chip = picker._chips[1]
    qtbot.mouseClick(chip.remove_button, Qt.MouseButton.LeftButton)
    assert emitted == [["朱晓明", "党组成员"]]
    assert picker.chip_texts() == ["朱晓明", "党组成员"]


def test_backspace_on_empty_line_removes_the_last_chip(qtbot, make_picker):
    picker = make_picker(entries=["朱晓明", "朱开宝"])
    type_text(qtbot, picker, "王")
    qtbot.keyClick(picker.line_edit, Qt.Key.Key_Backspace)
    assert picker.entries() == ["朱晓明", "朱开宝"]  # first Backspace deletes the text
    with qtbot.waitSignal(picker.changed):
        qtbot.keyClick(picker.line_edit, Qt.Key.Key_Backspace)
    assert picker.entries() == ["朱晓明"]


def test_a_new_name_is_added_as_typed_and_marked_new(qtbot, make_picker):
    picker = make_picker()
    type_text(qtbot, picker, "李 四")
    press_enter(qtbot, picker)
    assert picker.entries() == ["李四"]
    assert picker._chips[0].property("known") is False
    assert "新名称" in picker._chips[0].toolTip()


def test_set_entries_does_not_emit_and_duplicates_are_ignored(qtbot, make_picker):
    picker = make_picker()
    emitted = []
    picker.changed.connect(lambda: emitted.append(1))
    picker.set_entries(["朱晓明"])
    type_text(qtbot, picker, "朱晓明")
    press_enter(qtbot, picker)
    assert emitted == [] and picker.entries() == ["朱晓明"]
    assert picker.line_edit.text() == ""


def test_an_alias_completes_to_the_canonical_unit(qtbot, make_picker):
    picker = make_picker("unit")
    type_text(qtbot, picker, "政府办")
    assert picker.completer.shown_names()[0] == "市政府办公室"
    popup = picker.completer.popup()
    assert "政府办" in popup.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    press_enter(qtbot, picker)
    assert picker.entries() == [UnitRef("市政府办公室")]


def test_unit_with_contact_typed_in_brackets(qtbot, make_picker):
    picker = make_picker("unit", with_contact=True)
    type_text(qtbot, picker, "czj（张 三）")
    press_enter(qtbot, picker)
    assert picker.entries() == [UnitRef("市财政局", "张三")]
    assert picker.chip_texts() == ["市财政局（张三）"]
    type_text(qtbot, picker, "市政府办(李红)")
    press_enter(qtbot, picker)
    assert picker.entries()[1] == UnitRef("市政府办公室", "李红")


def test_double_click_a_chip_edits_its_contact_in_place(qtbot, make_picker):
    picker = make_picker(
        "unit", with_contact=True, entries=[UnitRef("市政府办公室", "王某"), UnitRef("市财政局")]
    )
    qtbot.mouseDClick(picker._chips[1].label, Qt.MouseButton.LeftButton)
    assert picker.line_edit.text() == "市财政局（）"
    assert picker.chip_texts() == ["市政府办公室（王某）"]
    type_text(qtbot, picker, "赵六")
    with qtbot.waitSignal(picker.changed):
        press_enter(qtbot, picker)
    assert picker.entries() == [UnitRef("市政府办公室", "王某"), UnitRef("市财政局", "赵六")]
    qtbot.mouseDClick(picker._chips[0].label, Qt.MouseButton.LeftButton)
    qtbot.keyClick(picker.line_edit, Qt.Key.Key_Escape)
    assert picker.chip_texts() == ["市政府办公室（王某）", "市财政局（赵六）"]


def test_units_without_contact_keep_contacts_they_were_given(qtbot, make_picker):
    picker = make_picker("unit", entries=[UnitRef("市财政局", "张三"), "市政府办公室"])
    assert picker.entries() == [UnitRef("市财政局", "张三"), UnitRef("市政府办公室")]
    qtbot.mouseDClick(picker._chips[0].label, Qt.MouseButton.LeftButton)
    assert picker.line_edit.text() == ""


def leave(qtbot, picker, other):
    """Click into `other`: a real click outside closes the completion popup first."""
    picker.completer.popup().hide()
    with qtbot.waitActive(other.window()):
        other.window().activateWindow()
    other.setFocus()
    assert QApplication.focusWidget() is other


def test_leaving_a_chip_edit_keeps_it_and_plain_text_is_not_added(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    picker = NamePicker("unit", with_contact=True)
    other = QLineEdit()
    layout.addWidget(picker)
    layout.addWidget(other)
    picker.set_directory(DIRECTORY)
    picker.set_entries([UnitRef("市财政局")])
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    emitted = []
    picker.changed.connect(lambda: emitted.append(picker.entries()))
    qtbot.mouseDClick(picker._chips[0].label, Qt.MouseButton.LeftButton)
    type_text(qtbot, picker, "孙七")
    leave(qtbot, picker, other)
    qtbot.waitUntil(lambda: emitted == [[UnitRef("市财政局", "孙七")]])
    picker.line_edit.setFocus()
    type_text(qtbot, picker, "审计")
    leave(qtbot, picker, other)
    qtbot.wait(20)
    assert picker.line_edit.text() == "审计" and len(emitted) == 1


def test_chips_of_names_not_in_the_directory_are_marked_new(qtbot, make_picker):
    picker = make_picker(entries=["朱晓明", "王五"])
    assert [chip.property("known") for chip in picker._chips] == [True, False]
    assert picker._chips[0].toolTip() == "市委书记 · 市委"
