"""Window state kept between runs, and the start-up wiring."""

from __future__ import annotations

from pathlib import Path

from desktop import app as app_module
from desktop.ui import recovery


def test_geometry_splitter_and_columns_are_restored(qtbot, database, make_window):
    window = make_window()
    window.resize(720, 520)
    window.splitter.setSizes([300, 400])
    window.tree.header().resizeSection(1, 222)
    sizes = window.splitter.sizes()
    window.close()
    again = make_window()
    assert again.size().width() == 720 and again.size().height() == 520
    assert again.splitter.sizes() == sizes
    assert again.tree.header().sectionSize(1) == 222


def test_actions_and_shortcuts_are_in_place(qtbot, database, make_window):
    window = make_window()
    actions = window.actions
    assert all(
        a.isEnabled() for a in (actions.import_plan, actions.export_table, actions.directories)
    )
    assert actions.add_sibling.shortcut().toString() == "Ctrl+N"
    assert actions.add_child.shortcut().toString() == "Ctrl+Shift+N"
    assert actions.export_table.shortcut().toString() == "Ctrl+E"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "方案(&P)", "台账(&L)", "视图(&V)", "帮助(&H)"]


def test_run_window_shows_a_chinese_message_for_a_bad_file(qapp, tmp_path: Path, monkeypatch):
    bad = tmp_path / "not-a-ledger.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    shown = []
    monkeypatch.setattr(
        recovery, "ask", lambda parent, title, text, buttons: shown.append(text) or buttons[-1]
    )
    assert app_module.run_window(bad) == 1
    assert shown == ["“not-a-ledger.db”不是有效的台账数据库文件，或文件已损坏"]
