"""文件 → 备份… / 恢复备份… on a real ledger file and real backups."""

from __future__ import annotations

import os

from db.backup import backup_now, list_backups
from db.instance_lock import is_in_use
from desktop.operations.nodes import add_node
from desktop.operations.plans import create_plan
from desktop.ui.backup_dialog import BackupDialog, backup_kind


def _dialog(qtbot, window, answer=True):
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    told = []
    dialog.confirm = lambda parent, title, text: told.append(text) or answer
    dialog.tell = lambda parent, title, text: told.append(text)
    return dialog, told


def test_the_file_menu_offers_backup_and_restore(qtbot, database, make_window):
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert texts.index("备份…") < texts.index("恢复备份…") < texts.index("退出")


def test_backups_are_listed_with_date_kind_and_task_count(qtbot, database, db_path, make_window):
    plan_id, _ = create_plan("某局整改方案")
    for number in range(3):
        add_node(plan_id, None, None, "task", title=f"任务{number}")
    backup_now(db_path, label="before-import")
    window = make_window()
    dialog, _told = _dialog(qtbot, window)
    assert dialog.table.rowCount() == 1
    row = [dialog.table.item(0, column).text() for column in range(4)]
    assert row[1] == "导入前" and row[2] == "3"

    made = dialog.back_up_now()

    assert made is not None and made.is_file()
    assert dialog.table.rowCount() == 2
    kinds = {backup_kind(info, db_path) for info in list_backups(db_path)}
    assert kinds == {"导入前", "手动备份"}


def test_restoring_keeps_the_current_contents_aside_and_reloads_the_window(
    qtbot, database, db_path, make_window
):
    plan_id, _ = create_plan("某局整改方案")
    add_node(plan_id, None, None, "task", title="备份时已有的任务")
    backup = backup_now(db_path)
    window = make_window()
    window.select_plan(plan_id)
    add_node(plan_id, None, None, "task", title="备份之后的任务")
    window.runner.reload()
    assert window.model.statistics().tasks == 2
    dialog, told = _dialog(qtbot, window)
    dialog.table.selectRow([info.path for info in dialog.backups].index(backup))

    aside = dialog.restore_selected()

    assert aside is not None and aside.name.startswith("ledger-before-restore-")
    assert window.model.statistics().tasks == 1  # the window shows what was restored
    assert window.undo_stack.count() == 0
    assert is_in_use(db_path)  # the window holds the ledger again
    assert "恢复前" in told[0] and aside.name in told[1]
    restored_aside = [i for i in list_backups(db_path) if i.path == aside]
    assert restored_aside and restored_aside[0].tasks == 2


def test_declining_the_question_restores_nothing(qtbot, database, db_path, make_window):
    plan_id, _ = create_plan("某局整改方案")
    backup_now(db_path)
    add_node(plan_id, None, None, "task", title="保留的任务")
    window = make_window()
    dialog, _told = _dialog(qtbot, window, answer=False)
    assert dialog.restore_selected() is None
    assert window.model.statistics().tasks == 1


def test_a_changed_ledger_is_backed_up_in_the_background_at_most_every_interval(
    qtbot, database, db_path, make_window
):
    window = make_window()
    auto = window.auto_backup
    assert auto.timer.isActive()
    plan_id, _ = create_plan("某局整改方案")
    add_node(plan_id, None, None, "task", title="任务")

    assert auto.tick()
    qtbot.waitUntil(lambda: not auto.running)
    assert len(auto.made) == 1 and auto.made[0].is_file()

    add_node(plan_id, None, None, "task", title="又一项任务")
    auto.tick()
    qtbot.waitUntil(lambda: not auto.running)
    assert len(auto.made) == 1  # the last one is younger than 30 minutes
    assert [info.tasks for info in list_backups(db_path)] == [1]


def test_an_import_from_the_window_is_preceded_by_a_backup(
    qtbot, database, db_path, make_window, monkeypatch, tmp_path
):
    from tests.ui.test_window_links import accept_everything

    accept_everything(monkeypatch)
    plan_id, _ = create_plan("已有方案")
    add_node(plan_id, None, None, "task", title="已有任务")
    window = make_window()
    source = tmp_path / "方案.txt"
    source.write_text(
        "某局整改方案\n一、加强领导\n1.完善制度。2024年底前完成。\n", encoding="utf-8"
    )
    from desktop.ui.import_actions import import_from_file

    assert import_from_file(window, source, window.runner) is not None
    (before,) = list_backups(db_path)
    assert before.path.name.startswith("ledger-before-import-")
    assert before.tasks == 1  # the ledger as it was before the import


def test_on_exit_a_changed_ledger_is_backed_up_once(database, db_path):
    from desktop.app import backup_on_exit

    plan_id, _ = create_plan("某局整改方案")
    add_node(plan_id, None, None, "task", title="任务")
    made = backup_on_exit(db_path)
    assert made is not None and made.is_file()
    # Last written well before that backup (its name keeps whole seconds only):
    written = made.stat().st_mtime - 10
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        if path.exists():
            os.utime(path, (written, written))
    assert backup_on_exit(db_path) is None  # nothing changed since


def test_a_read_only_window_says_so_and_cannot_restore(qtbot, database, db_path, make_window):
    from desktop.app import finish_window_start

    backup_now(db_path)
    window = make_window()
    finish_window_start(window, db_path, read_only=True)
    assert window.windowTitle().endswith("（只读）")
    assert "只读" in window.status_database.text()
    dialog, _told = _dialog(qtbot, window)
    assert dialog.selected() is not None and not dialog.restore_button.isEnabled()
    assert not window.auto_backup.tick()  # the window that edits it backs it up


def test_a_writing_window_listens_for_a_second_start(qtbot, database, db_path, make_window):
    from desktop.app import finish_window_start

    window = make_window()
    finish_window_start(window, db_path, read_only=False)
    try:
        assert window.beacon.listening
    finally:
        window.beacon.close()


def test_an_edit_in_a_read_only_window_is_refused_without_offering_retry(
    qtbot, database, db_path, make_window
):
    from db.database import close_database, open_database
    from tests.ui.test_command_runner import retype

    plan_id, _ = create_plan("某局整改方案")
    node_id, _ = add_node(plan_id, None, None, "task", title="原名称")
    close_database()
    open_database(db_path, read_only=True)
    window = make_window()
    warnings, retries = [], []
    window.runner.warn = lambda parent, title, text: warnings.append(text)
    window.runner.retry = lambda parent, title, text: retries.append(text) or True
    window.select_node(node_id)
    retype(qtbot, window.editor.task_title, "新名称")
    assert retries == [] and len(warnings) == 1 and "只读" in warnings[0]
    assert window.editor.task_title.text() == "原名称"
