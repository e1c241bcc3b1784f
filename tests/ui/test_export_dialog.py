"""The export dialog driven with qtbot: choices become options, columns are remembered,
exports land on disk, errors show a Chinese message box."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from db.queries import load_plan
from desktop.ui import export_dialog
from desktop.ui.export_dialog import ExportDialog, export_plan_interactively, run_export
from tests.helpers.sample_plans import build_realistic_plan


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))
    qapp.setOrganizationName("zhenggai-test")
    qapp.setApplicationName("export-dialog")
    QSettings().clear()
    yield


@pytest.fixture
def plan(database):
    return load_plan(build_realistic_plan(12, title="某局整改方案"))


def make_dialog(qtbot, plan):
    dialog = ExportDialog(plan)
    qtbot.addWidget(dialog)
    return dialog


def test_defaults_give_the_breakdown_columns_and_a_file_name(qtbot, plan, tmp_path):
    dialog = make_dialog(qtbot, plan)
    assert dialog.chosen_columns() == [
        "number", "task", "problem", "goal", "measures", "leaders", "lead_units",
        "support_units", "deadline", "remarks",
    ]  # fmt: skip
    assert dialog.target.text().endswith("某局重点整改任务分解表.xlsx")
    assert dialog.title_edit.placeholderText() == "某局重点整改任务分解表"
    dialog.ledger.setChecked(True)
    assert {"status", "progress", "overdue"} <= set(dialog.chosen_columns())
    assert dialog.title_edit.placeholderText() == "某局重点整改任务台账"


def test_choices_become_export_options(qtbot, plan, tmp_path):
    dialog = make_dialog(qtbot, plan)
    dialog.set_columns(["task", "number", "deadline"])
    dialog.variant.setCurrentIndex(3)  # 按牵头领导
    dialog.status_boxes["done"].setChecked(False)
    dialog.overdue_only.setChecked(True)
    dialog.due_before_box.setChecked(True)
    dialog.due_before.setDate(date(2015, 1, 1))
    dialog.title_edit.setText("分管领导任务表")
    dialog.unit_header.setCurrentText("责任单位")
    dialog.keep_empty.setChecked(True)
    dialog.target.setText(str(tmp_path / "领导.xlsx"))
    request = dialog.request()
    assert request.variant == "leader" and request.target == tmp_path / "领导.xlsx"
    options = request.options
    assert options.columns == ["task", "number", "deadline"]
    assert options.statuses == frozenset({"not_started", "in_progress", "closed", "ongoing"})
    assert options.overdue_only and options.due_before == date(2015, 1, 1)
    assert options.title == "分管领导任务表"
    assert options.unit_header == "责任单位" and options.keep_empty_columns
    assert not options.public


def test_move_buttons_reorder_columns(qtbot, plan):
    dialog = make_dialog(qtbot, plan)
    dialog.columns.setCurrentRow(1)  # 整改任务
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_columns()[:2] == ["task", "number"]
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    assert dialog.chosen_columns()[:2] == ["number", "task"]


def test_columns_and_folder_are_remembered(qtbot, plan, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(f"warning {a}"))
    dialog = make_dialog(qtbot, plan)
    dialog.set_columns(["deadline", "task"])
    dialog.target.setText(str(tmp_path / "out" / "表.xlsx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ExportDialog.DialogCode.Accepted
    again = make_dialog(qtbot, plan)
    assert again.chosen_columns() == ["deadline", "task"]
    assert again.target.text().startswith(str(tmp_path / "out"))


def test_nothing_checked_is_refused_with_a_message(qtbot, plan, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    dialog = make_dialog(qtbot, plan)
    dialog.set_columns([])
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert shown == ["请至少勾选一列。"] and dialog.result() != ExportDialog.DialogCode.Accepted


def test_run_export_per_unit_files_into_a_folder(qtbot, plan, tmp_path):
    dialog = make_dialog(qtbot, plan)
    dialog.variant.setCurrentIndex(2)  # 按牵头单位分文件
    folder = tmp_path / "各单位"
    dialog.target.setText(str(folder))
    paths = run_export(None, plan, dialog.request())
    assert len(paths) > 1 and sorted(paths) == sorted(folder.iterdir())
    sheet = load_workbook(paths[0]).active
    assert [c.value.replace("\n", "") for c in sheet[3]][:2] == ["序号", "本单位职责"]


def test_export_error_shows_a_chinese_message_and_writes_nothing(
    qtbot, plan, tmp_path, monkeypatch
):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    target = tmp_path / "表.xlsx"
    (tmp_path / "~$表.xlsx").write_bytes(b"")
    dialog = make_dialog(qtbot, plan)
    dialog.target.setText(str(target))
    assert run_export(None, plan, dialog.request()) == []
    assert shown and "“表.xlsx”正在 Excel 或 WPS 中打开" in shown[0]
    assert not target.exists()


def test_interactive_export_end_to_end(qtbot, plan, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(export_dialog.QDesktopServices, "openUrl", lambda url: opened.append(url))
    target = tmp_path / "全部.xlsx"

    def fill_and_accept():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ExportDialog)
        dialog.target.setText(str(target))
        dialog.open_after.setChecked(True)
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_and_accept)
    paths = export_plan_interactively(None, plan.id)
    assert paths == [target]
    assert load_workbook(target).active["A1"].value == "某局重点整改任务分解表"
    assert [url.toLocalFile() for url in opened] == [str(target)]


def test_dialog_picture(qtbot, plan, tmp_path):
    dialog = make_dialog(qtbot, plan)
    dialog.show()
    qtbot.waitExposed(dialog)
    picture = dialog.grab()
    assert not picture.isNull() and picture.width() >= 500
    assert picture.save(str(tmp_path / "export-dialog.png"))


def test_run_export_to_a_pdf_draws_the_pages_itself(qtbot, plan, tmp_path):
    dialog = make_dialog(qtbot, plan)
    target = tmp_path / "分解表.pdf"
    dialog.target.setText(str(target))
    assert dialog._problem() == ""
    assert run_export(None, plan, dialog.request()) == [target]
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(tmp_path.glob("*.pdf")) == [target]


def test_print_preview_opens_with_the_exported_pages(qtbot, plan, monkeypatch):
    shown = []
    monkeypatch.setattr("desktop.ui.print_pages.preview", lambda parent, specs: shown.append(specs))
    dialog = make_dialog(qtbot, plan)
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and shown[0][0].rows


def test_public_summary_rests_the_column_choice(qtbot, plan):
    dialog = make_dialog(qtbot, plan)
    dialog.ledger.setChecked(True)
    dialog.public.setChecked(True)
    assert not dialog.ledger.isChecked() and not dialog.columns.isEnabled()
    assert dialog.request().options.public
    dialog.public.setChecked(False)
    assert dialog.columns.isEnabled()
