"""A backup folder of the user's choosing (a USB stick, a share): chosen in 文件 → 备份…, kept
in the computer's settings, used by 立即备份, the automatic and before-import backups and the
one on exit; while it is unavailable, backups go to the default folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from db.backup import list_backups
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from desktop.ui.backup_dialog import BackupDialog
from desktop.ui.backup_folder import SETTINGS_KEY, chosen_folder, folder_for


def _tasks_in(backup: Path) -> int:
    raw = sqlite3.connect(backup)
    try:
        return raw.execute("SELECT count(*) FROM node WHERE kind = 'task'").fetchone()[0]
    finally:
        raw.close()


def _dialog(qtbot, window, chosen: Path | None):
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    told: list[str] = []
    dialog.tell = lambda parent, title, text: told.append(text)
    dialog.choose_folder = lambda parent, start: chosen
    return dialog, told


def test_a_chosen_folder_is_kept_and_every_backup_goes_there(
    qtbot, database, db_path, make_window, settings, tmp_path
):
    plan_id, _ = create_plan("某局整改方案")
    add_node(plan_id, None, None, "task", title="任务")
    stick = tmp_path / "U盘"
    stick.mkdir()
    window = make_window()
    dialog, told = _dialog(qtbot, window, stick)
    assert dialog.folder == db_path.parent / "backups"
    assert dialog.change_folder() == stick and told == []
    assert settings.value(SETTINGS_KEY) == str(stick) and chosen_folder(settings) == stick
    assert str(stick) in dialog.folder_label.text() and dialog.default_button.isEnabled()

    made = dialog.back_up_now()
    assert made is not None and made.parent == stick and _tasks_in(made) == 1
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 4).text() == made.name

    auto = window.auto_backup
    add_node(plan_id, None, None, "task", title="又一项")
    assert auto.tick()
    qtbot.waitUntil(lambda: not auto.running)
    assert [p.parent for p in auto.made] == [stick] and _tasks_in(auto.made[0]) == 2

    from desktop.app import backup_on_exit

    add_node(plan_id, None, None, "task", title="第三项")
    on_exit = backup_on_exit(db_path, folder_for(db_path, settings))
    assert on_exit is not None and on_exit.parent == stick and _tasks_in(on_exit) == 3
    assert not (db_path.parent / "backups").exists()
    # one automatic backup a day is kept (thinned in the chosen folder too), and the manual one
    assert {info.path for info in list_backups(db_path, stick)} == {made, on_exit}


def test_an_unplugged_folder_falls_back_to_the_default_and_says_so(
    qtbot, database, db_path, make_window, settings, tmp_path
):
    create_plan("某局整改方案")
    gone = tmp_path / "未插入的U盘" / "备份"
    settings.setValue(SETTINGS_KEY, str(gone))
    window = make_window()
    dialog, _told = _dialog(qtbot, window, None)
    default = db_path.parent / "backups"
    assert dialog.folder == default and not gone.parent.exists()
    assert "现在不可用" in dialog.folder_label.text()
    made = dialog.back_up_now()
    assert made is not None and made.parent == default
    dialog.use_default_folder()
    assert chosen_folder(settings) is None and not dialog.default_button.isEnabled()
    assert "现在不可用" not in dialog.folder_label.text()


def test_a_folder_that_cannot_be_written_is_refused_in_chinese(
    qtbot, database, db_path, make_window, settings, tmp_path
):
    a_file = tmp_path / "不是文件夹"
    a_file.write_text("x", encoding="utf-8")
    window = make_window()
    dialog, told = _dialog(qtbot, window, a_file)
    assert dialog.change_folder() is None
    assert len(told) == 1 and told[0].startswith(f"无法在“{a_file}”中保存备份：")
    assert told[0].isascii() is False and "Errno" not in told[0]
    assert chosen_folder(settings) is None


def test_cancelling_the_folder_dialog_changes_nothing(qtbot, database, make_window, settings):
    window = make_window()
    dialog, told = _dialog(qtbot, window, None)
    assert dialog.change_folder() is None and told == [] and chosen_folder(settings) is None


def test_the_backup_before_an_import_goes_to_the_chosen_folder(
    qtbot, database, db_path, make_window, settings, monkeypatch, tmp_path
):
    from desktop.ui.import_actions import import_from_file
    from tests.ui.test_window_links import accept_everything

    accept_everything(monkeypatch)
    plan_id, _ = create_plan("已有方案")
    add_node(plan_id, None, None, "task", title="已有任务")
    share = tmp_path / "共享"
    share.mkdir()
    settings.setValue(SETTINGS_KEY, str(share))
    window = make_window()
    source = tmp_path / "方案.txt"
    source.write_text(
        "某局整改方案\n一、加强领导\n1.完善制度。2024年底前完成。\n", encoding="utf-8"
    )
    assert import_from_file(window, source, window.runner) is not None
    (before,) = list_backups(db_path, share)
    assert before.path.name.startswith("ledger-before-import-") and before.tasks == 1
    assert list_backups(db_path) == []
