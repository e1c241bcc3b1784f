"""The window shows imported plans with their published numbers; 重新编号, moves and undo
follow row by row; 文件 → 打印预览 / 导出 PDF draw the selected plan's table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from db.queries import load_plan
from desktop.importing import parse_text
from desktop.operations.commands import AddNodeCommand, ImportPlansCommand, MoveNodeCommand
from desktop.ui import print_actions
from tests.numbers.plans import MIDDLE_OF_A_PLAN


def import_in(window) -> int:
    command = ImportPlansCommand(window.runner.hub, parse_text(MIDDLE_OF_A_PLAN), [0], "")
    assert window.runner.run(command)
    return command.plans[0].id


def shown_titles(window, plan_id: int) -> dict[str, str]:
    """Node title → the text the tree shows for it."""
    model = window.model
    return {
        node.title: model.data(model.index_for_node(node.id), Qt.ItemDataRole.DisplayRole)
        for node in load_plan(plan_id).walk()
    }


def node_id(plan_id: int, title: str) -> int:
    return next(node.id for node in load_plan(plan_id).walk() if node.title == title)


def count_resets(window) -> list[int]:
    resets: list[int] = []
    window.model.modelReset.connect(lambda: resets.append(1))
    window.model.rowsRemoved.connect(lambda *_args: resets.append(1))
    return resets


def test_the_tree_shows_the_numbers_of_the_document(qtbot, database, make_window):
    window = make_window()
    plan_id = import_in(window)
    shown = shown_titles(window, plan_id)
    assert shown["强化作风建设"] == "三、强化作风建设"
    assert shown["严肃工作纪律"] == "（二）严肃工作纪律"
    assert shown["严格执行请销假制度"] == "4.严格执行请销假制度"
    assert shown["开展专项检查"] == "6.开展专项检查"
    assert shown["制定检查方案"] == "（1）制定检查方案"


def test_renumbering_and_undo_repaint_the_numbers_without_reloading(qtbot, database, make_window):
    window = make_window()
    plan_id = import_in(window)
    resets = count_resets(window)
    window.select_plan(plan_id)
    assert window.actions.renumber.isEnabled()
    window.actions.renumber.trigger()
    shown = shown_titles(window, plan_id)
    assert shown["强化作风建设"] == "一、强化作风建设"
    assert shown["严肃工作纪律"] == "（一）严肃工作纪律"
    assert shown["开展专项检查"] == "1.开展专项检查"
    assert window.undo_stack.undoText() == "重新编号"
    window.undo_stack.undo()
    assert shown_titles(window, plan_id)["严肃工作纪律"] == "（二）严肃工作纪律"
    window.undo_stack.redo()
    assert shown_titles(window, plan_id)["严格执行请销假制度"] == "1.严格执行请销假制度"
    assert resets == []


def test_an_added_or_moved_task_is_numbered_live_and_undo_restores(qtbot, database, make_window):
    window = make_window()
    plan_id = import_in(window)
    hub = window.runner.hub
    section = node_id(plan_id, "严肃工作纪律")
    assert window.runner.run(AddNodeCommand(hub, plan_id, section, None, "task", title="新任务"))
    assert shown_titles(window, plan_id)["新任务"] == "6.新任务"
    task = node_id(plan_id, "开展专项检查")
    assert window.runner.run(MoveNodeCommand(hub, task, None, (plan_id, section, 0)))
    shown = shown_titles(window, plan_id)
    assert shown["开展专项检查"] == "1.开展专项检查"
    assert shown["严格执行请销假制度"] == "4.严格执行请销假制度"
    assert shown["制定检查方案"] == "（1）制定检查方案"
    window.undo_stack.undo()
    shown = shown_titles(window, plan_id)
    assert shown["开展专项检查"] == "6.开展专项检查"
    assert [child.title for child in load_plan(plan_id).nodes[0].children[1].children] == [
        "开展专项检查"
    ]


def test_print_preview_and_pdf_from_the_file_menu(
    qtbot, database, make_window, monkeypatch, tmp_path
):
    window = make_window()
    plan_id = import_in(window)
    file_menu = window.menuBar().actions()[0].menu()
    assert {"打印预览…", "导出 PDF…"} <= {action.text() for action in file_menu.actions()}
    assert window.actions.print_preview.shortcut() == QKeySequence("Ctrl+P")
    previewed = []
    monkeypatch.setattr(
        print_actions, "show_preview", lambda parent, specs: previewed.append(specs)
    )
    window.select_plan(plan_id)
    window.actions.print_preview.trigger()
    [[spec]] = previewed
    assert [row.number for row in spec.rows if hasattr(row, "task")] == ["4", "5", "6"]
    target = tmp_path / "表.pdf"
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, suggested: target)
    done = []
    monkeypatch.setattr(print_actions, "show_export_done", lambda parent, paths: done.append(paths))
    window.actions.export_pdf.trigger()
    assert done == [[target]]
    assert target.read_bytes().startswith(b"%PDF")


def test_the_export_dialog_offers_the_running_count(qtbot, database, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.exporting.export import sheet_specs
    from desktop.ui.export_dialog import ExportDialog
    from tests.numbers.plans import import_text

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    plan = load_plan(import_text(MIDDLE_OF_A_PLAN))
    dialog = ExportDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.published_numbers.isChecked()
    numbers = [
        [row.number for row in spec.rows if hasattr(row, "task")]
        for spec in sheet_specs(plan, "plan", dialog.request().options)
    ]
    assert numbers == [["4", "5", "6"]]
    dialog.published_numbers.setChecked(False)
    assert dialog.request().options.published_numbers is False
    numbers = [
        [row.number for row in spec.rows if hasattr(row, "task")]
        for spec in sheet_specs(plan, "plan", dialog.request().options)
    ]
    assert numbers == [["1", "2", "3"]]


def test_the_plans_context_menu_offers_print_preview_and_renumbering(qtbot, database, make_window):
    window = make_window()
    plan_id = import_in(window)
    menu = window.tree_menu.build(window.proxy.mapFromSource(window.model.index_for_plan(plan_id)))
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert {"打印预览…", "重新编号"} <= set(texts)
