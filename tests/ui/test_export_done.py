"""After an export the user can open the file or the folder it went to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui import export_done
from desktop.ui.export_done import ExportDoneBox


def test_one_file_can_be_opened_or_its_folder(qtbot, tmp_path: Path):
    target = tmp_path / "分解表.xlsx"
    target.write_bytes(b"x")
    opened = []
    box = ExportDoneBox(None, [target], opener=opened.append)
    qtbot.addWidget(box)
    assert "分解表.xlsx" in box.text() and str(tmp_path) in box.informativeText()
    assert [b.text() for b in box.buttons()].count("打开文件") == 1
    box.open_file.click()
    box.open_folder.click()
    assert [url.toLocalFile() for url in opened] == [str(target), str(tmp_path)]


def test_several_files_offer_the_folder_only(qtbot, tmp_path: Path):
    paths = [tmp_path / "办公室.xlsx", tmp_path / "研究室.xlsx"]
    box = ExportDoneBox(None, paths, opener=lambda url: None)
    qtbot.addWidget(box)
    assert box.open_file is None
    assert box.text() == "已导出 2 个文件。"
    assert {b.text() for b in box.buttons()} == {"打开所在文件夹", "关闭"}


def test_shown_after_an_export_without_blocking_and_closed_with_escape(qtbot, tmp_path: Path):
    box = export_done.show_export_done(None, [tmp_path / "a.xlsx"])
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert QApplication.activeModalWidget() is box
    assert box.text() == "分解表已保存为“a.xlsx”。"
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert export_done.show_export_done(None, []) is None  # nothing written: no message
