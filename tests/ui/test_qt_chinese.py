"""Qt's own dialogs speak Chinese, and the window title names the program once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton

from desktop import APP_NAME
from desktop.ui.main_window import window_title
from desktop.ui.qt_chinese import install_chinese, translation_folders


@pytest.fixture
def chinese(qapp):
    installed = install_chinese(qapp)
    yield installed
    for translator in installed:
        qapp.removeTranslator(translator)


def test_qt_chinese_catalogue_is_found_and_loaded(chinese):
    assert len(chinese) == 2  # Qt's catalogue and the gap-filler
    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in translation_folders())


def test_standard_buttons_and_file_dialog_texts_are_chinese(qtbot, chinese):
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert sorted(button.text() for button in buttons.buttons()) == sorted(["确定", "取消"])
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "题",
        "文",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    qtbot.addWidget(box)
    assert {button.text() for button in box.buttons()} == {"是(&Y)", "否(&N)"}
    dialog = QFileDialog()
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels == ["查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："]
    texts = {button.text() for button in dialog.findChildren(QPushButton) if button.text()}
    assert texts == {"保存(&S)", "取消"}
    assert all(not text.isascii() for text in labels + sorted(texts))


def test_window_title_names_the_program_once(qapp):
    saved = qapp.applicationDisplayName()
    try:
        qapp.setApplicationDisplayName(APP_NAME)  # Qt appends it to every window title
        assert window_title(Path("台账.db")) == "台账.db"
        qapp.setApplicationDisplayName("")
        assert window_title(Path("台账.db")) == f"{APP_NAME} — 台账.db"
    finally:
        qapp.setApplicationDisplayName(saved)


def test_build_keeps_the_chinese_catalogues():
    spec = (Path(__file__).resolve().parents[2] / "build.spec").read_text(encoding="utf-8")
    assert 'KEPT_TRANSLATION_LANGUAGES = ("zh_CN",)' in spec
