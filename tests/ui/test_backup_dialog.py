"""文件 → 备份… / 恢复备份… on a real ledger file and real backups."""

from __future__ import annotations

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
