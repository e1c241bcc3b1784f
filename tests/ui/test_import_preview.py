"""The import preview dialog and the 导入方案 / 从剪贴板导入 helpers, on real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from db.queries import load_plans, plan_summaries
from desktop.importing import parse_text
from desktop.ui.command_runner import CommandRunner
from desktop.ui.import_actions import import_from_clipboard, import_from_file
from desktop.ui.import_preview import ImportPreviewDialog

TWO_PLANS = (
    "编者按：现予公布。\n"
    "某市人大常委会党组整改方案\n"
    "（一）改进监督\n"
    "1. 突出重点。精选议题。（张三同志负责，市人大常委会办公室、研究室牵头办理）\n"
    "某市政协党组整改方案\n"
    "（一）改进协商。\n存在问题：协商不深。\n牵头领导：李四\n"
    "牵头单位及负责人：办公室李红\n完成时限：9月底前\n"
)


def make_dialog(qtbot, text=TWO_PLANS, year=2014) -> ImportPreviewDialog:
    dialog = ImportPreviewDialog(parse_text(text, source="plan.txt", year=year))
    qtbot.addWidget(dialog)
    return dialog


def item_by_title(dialog, title):
    found = dialog.tree.findItems(title, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 2)
    assert found, title
    return found[0]


def test_tree_shows_every_field_and_warnings_with_lines(qtbot):
    dialog = make_dialog(qtbot)
    assert dialog.tree.topLevelItemCount() == 2
    task = item_by_title(dialog, "突出重点")
    assert [task.text(c) for c in range(8)] == [
        "1.",
        "任务",
        "突出重点",
        "张三",
        "市人大常委会办公室、市人大常委会研究室",
        "",
        "",
        "",
    ]
    labelled = item_by_title(dialog, "改进协商")
    assert labelled.text(4) == "办公室（李红）"
    assert (labelled.text(6), labelled.text(7)) == ("9月底前", "2014-09-30")
    lines = [dialog.warnings.item(i).text() for i in range(dialog.warnings.count())]
    assert lines[0].startswith("第1行") and "编者按" in lines[0]


def test_editing_a_node_changes_the_choice(qtbot):
    dialog = make_dialog(qtbot)
    dialog.tree.setCurrentItem(item_by_title(dialog, "突出重点"))
    assert dialog.title_edit.text() == "突出重点"
    dialog.title_edit.setText("突出监督重点")
    dialog.leaders_edit.setText("张三、王五")
    dialog.support_edit.setText("法工委（赵六）")
    dialog.due_edit.setText("2014-12-31")
    node = dialog.choice().parse["plans"][0]["nodes"][0]["children"][0]
    assert node["title"] == "突出监督重点"
    assert node["leaders"] == ["张三", "王五"]
    assert node["support_units"] == [{"name": "法工委", "contact": "赵六"}]
    assert node["due_date"] == "2014-12-31"
    assert dialog.tree.currentItem().text(2) == "突出监督重点"


def test_plan_year_rereads_relative_deadlines_and_plans_can_be_unticked(qtbot):
    dialog = make_dialog(qtbot)
    second = dialog.tree.topLevelItem(1)
    dialog.tree.setCurrentItem(second)
    assert dialog.year_spin.isVisibleTo(dialog)
    dialog.year_spin.setValue(2016)
    assert item_by_title(dialog, "改进协商").text(7) == "2016-09-30"
    dialog.tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Unchecked)
    choice = dialog.choice()
    assert choice.chosen == [1]
    assert choice.parse["plans"][1]["year"] == 2016
    dialog.tree.topLevelItem(1).setCheckState(0, Qt.CheckState.Unchecked)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problems() == ["没有勾选要导入的方案"]


def test_invalid_date_is_refused_before_saving(qtbot):
    dialog = make_dialog(qtbot)
    dialog.tree.setCurrentItem(item_by_title(dialog, "突出重点"))
    dialog.due_edit.setText("2014-02-30")
    assert any("2014-02-30" in p for p in dialog.problems())


def _answer_dialogs(actions: list) -> None:
    """Each action gets the next modal widget when it shows (preview, then message boxes)."""

    def step():
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, step)
            return
        action = actions.pop(0)
        action(widget)
        if actions:
            QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)


def _press(text):
    def action(dialog):
        for button in dialog.findChildren(QDialogButtonBox)[0].buttons():
            if button.text() == text:
                button.click()
                return
        raise AssertionError(text)

    return action


def test_ok_saves_through_the_operation_in_one_go(qtbot, database, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(TWO_PLANS, encoding="gb18030")

    def untick_first(dialog):
        dialog.tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Unchecked)
        _press("导入")(dialog)

    _answer_dialogs([untick_first])
    result = import_from_file(None, path, CommandRunner())
    assert result is not None
    assert [(p.title, p.tasks) for p in result.plans] == [("某市政协党组整改方案", 1)]
    (plan,) = load_plans()
    assert plan.tasks()[0].lead_units[0].contact == "李红"


def test_cancel_changes_nothing(qtbot, database, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(TWO_PLANS, encoding="utf-8")
    _answer_dialogs([_press("取消")])
    assert import_from_file(None, path, CommandRunner()) is None
    assert plan_summaries() == []


def test_bad_file_shows_a_chinese_message_and_saves_nothing(qtbot, database, tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    seen = []

    def read_and_close(box):
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    _answer_dialogs([read_and_close])
    assert import_from_file(None, path, CommandRunner()) is None
    assert len(seen) == 1 and "old.docx" in seen[0] and "另存为" in seen[0]
    assert plan_summaries() == []


def test_clipboard_import_is_undoable(qtbot, database):
    QGuiApplication.clipboard().setText(TWO_PLANS)
    runner = CommandRunner()
    hub, stack = runner.hub, runner.stack
    changes = []
    hub.changed.connect(changes.append)
    _answer_dialogs([_press("导入")])
    result = import_from_clipboard(None, runner)
    assert [p.title for p in result.plans] == ["某市人大常委会党组整改方案", "某市政协党组整改方案"]
    ids = [p.id for p in result.plans]
    assert len(changes) == 1 and changes[0].plans == frozenset(ids)
    stack.undo()
    assert plan_summaries() == []
    stack.redo()
    assert [s.id for s in plan_summaries()] == ids


def test_preview_screenshot(qtbot, tmp_path):
    dialog = make_dialog(qtbot)
    dialog.tree.setCurrentItem(item_by_title(dialog, "改进协商"))
    dialog.show()
    qtbot.waitExposed(dialog)
    path = tmp_path / "import_preview.png"
    assert dialog.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_unit_lists_keep_separators_inside_brackets():
    from desktop.ui.import_preview import parse_units_text

    assert parse_units_text("办公室（李红、王强）、研究室") == [
        {"name": "办公室", "contact": "李红、王强"},
        {"name": "研究室", "contact": None},
    ]


def test_editing_the_deadline_rereads_the_due_date_with_the_plan_year(qtbot):
    dialog = make_dialog(qtbot)
    dialog.tree.setCurrentItem(item_by_title(dialog, "突出重点"))
    dialog.deadline_edit.setText("10月底前")
    node = dialog.choice().parse["plans"][0]["nodes"][0]["children"][0]
    assert (node["deadline_text"], node["due_date"]) == ("10月底前", "2014-10-31")
    assert dialog.due_edit.text() == "2014-10-31"
    dialog.due_edit.setText("2014-11-15")  # a date typed by hand stays
    node = dialog.choice().parse["plans"][0]["nodes"][0]["children"][0]
    assert node["due_date"] == "2014-11-15"


def test_the_preview_copies_the_document_and_shares_no_dict_or_list():
    from desktop.ui.import_preview import plain_copy

    parse = parse_text(TWO_PLANS, source="plan.txt", year=2014)
    copied = plain_copy(parse)
    assert copied == parse
    stack = [(parse, copied)]
    while stack:
        original, copy_ = stack.pop()
        if isinstance(original, dict | list):
            assert copy_ is not original
            pairs = (
                zip(original.values(), copy_.values(), strict=True)
                if isinstance(original, dict)
                else zip(original, copy_, strict=True)
            )
            stack.extend(pairs)
