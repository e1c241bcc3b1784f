from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from db.queries import load_directory, load_plan
from db.records import UnitRef
from desktop.operations import directory_commands as dc
from desktop.operations.directories import add_person, set_unit_aliases
from desktop.operations.nodes import add_node, set_leaders, set_units
from desktop.operations.plans import create_plan
from desktop.operations.undo import run_command
from desktop.ui.command_runner import CommandRunner
from desktop.ui.directories_dialog import DirectoriesDialog
from desktop.ui.directory_forms import MergeDialog, NewEntryDialog
from desktop.ui.directory_table import ID_ROLE
from tests.helpers.qt import type_text


@pytest.fixture
def ledger(database):
    """A plan whose tasks use 朱晓明, 朱开宝, 市政府办公室 (alias 市政府办), 市政府办 twin
    市府办公室, and an unused unit 审计局 and person 王伟."""
    plan_id, _ = create_plan("某市整改方案")
    a, _ = add_node(plan_id, None, None, "task", title="甲")
    b, _ = add_node(plan_id, None, None, "task", title="乙")
    set_leaders(a, ["朱晓明", "朱开宝"])
    set_leaders(b, ["朱晓明"])
    set_units(a, "lead", [UnitRef("市政府办公室", "王某")])
    set_units(b, "lead", [UnitRef("市府办公室")])
    set_units(b, "support", [UnitRef("财政局")])
    directory = load_directory()
    office = next(u.id for u in directory.units if u.name == "市政府办公室")
    set_unit_aliases(office, ["市政府办"])
    add_person("王伟", "副局长", "审计局")
    add_person("李红")
    return plan_id, a, b


@pytest.fixture
def dialog(qtbot, ledger):
    dialog = DirectoriesDialog(None, CommandRunner())
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


def visible_names(panel):
    proxy = panel.proxy
    return [proxy.index(row, 0).data() for row in range(proxy.rowCount())]


def unit_names(plan_id, node_id):
    node = next(n for n in load_plan(plan_id).walk() if n.id == node_id)
    return [u.label() for u in node.lead_units + node.support_units]


def record_id(panel, name):
    return next(r.id for r in panel.model.records() if r.name == name)


def answer_modal(qtbot, fill):
    """Run `fill(dialog)` on the next modal dialog once it is open."""
    called = []

    def run():
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, run)
            return
        called.append(widget)
        fill(widget)

    QTimer.singleShot(0, run)
    return called


def commit(qtbot, editor):
    """Enter in a table cell editor: the delegate commits on the next turn of the loop."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()


def ok(widget):
    buttons = widget.findChild(QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_tables_list_people_and_units_with_task_counts(dialog, qtmodeltester):
    qtmodeltester.check(dialog.people.model)
    qtmodeltester.check(dialog.units.proxy)
    assert visible_names(dialog.people) == ["李红", "王伟", "朱开宝", "朱晓明"]
    rows = {r.name: (r.post, r.unit, r.tasks) for r in dialog.people.model.records()}
    assert rows["朱晓明"] == ("", "", 2) and rows["王伟"] == ("副局长", "审计局", 0)
    units = {r.name: (r.aliases, r.tasks) for r in dialog.units.model.records()}
    assert units["市政府办公室"] == (["市政府办"], 1)
    assert dialog.tabs.tabText(0) == "人员" and dialog.tabs.tabText(1) == "单位"


def test_f2_renames_a_unit_everywhere_and_undo_puts_it_back(qtbot, dialog, ledger):
    plan_id, a, _ = ledger
    panel = dialog.units
    dialog.tabs.setCurrentWidget(panel)
    panel.select(record_id(panel, "市政府办公室"))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "市政府办公室"
    editor.selectAll()
    type_text(qtbot, editor, "市人民政府办公室")
    commit(qtbot, editor)
    assert unit_names(plan_id, a) == ["市人民政府办公室（王某）"]
    assert "市人民政府办公室" in visible_names(panel)
    assert panel.current().name == "市人民政府办公室"
    assert dialog.undo_stack.undoText() == "重命名单位“市政府办公室”"
    assert "已把“市政府办公室”改为“市人民政府办公室”" in dialog.message.text()
    dialog.undo_action.trigger()
    assert unit_names(plan_id, a) == ["市政府办公室（王某）"]
    assert "市政府办公室" in visible_names(panel)


def test_double_click_renames_a_person(qtbot, dialog, ledger):
    plan_id, a, _ = ledger
    panel = dialog.people
    row = visible_names(panel).index("朱开宝")
    rect = panel.table.visualRect(panel.proxy.index(row, 0))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(qtbot, editor, "朱凯宝")
    commit(qtbot, editor)
    node = next(n for n in load_plan(plan_id).walk() if n.id == a)
    assert node.leaders == ["朱晓明", "朱凯宝"]


def test_renaming_to_a_used_name_is_refused_with_a_merge_hint(qtbot, dialog):
    panel = dialog.units
    dialog.tabs.setCurrentWidget(panel)
    panel.select(record_id(panel, "市府办公室"))
    panel.rename_button.click()
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(qtbot, editor, "市政府办")
    commit(qtbot, editor)
    assert "“市政府办”已是单位“市政府办公室”的别名" in dialog.message.text()
    assert "合并到" in dialog.message.text()
    assert dialog.undo_stack.count() == 0
    assert "市府办公室" in visible_names(panel)


def test_aliases_line_saves_on_enter_and_refuses_another_units_name(qtbot, dialog):
    panel = dialog.units
    dialog.tabs.setCurrentWidget(panel)
    panel.select(record_id(panel, "市政府办公室"))
    assert panel.aliases_edit.text() == "市政府办"
    panel.aliases_edit.setFocus()
    panel.aliases_edit.selectAll()
    type_text(qtbot, panel.aliases_edit, "市政府办、政府办")
    qtbot.keyClick(panel.aliases_edit, Qt.Key.Key_Return)
    assert panel.current().aliases == ["市政府办", "政府办"]
    assert dialog.undo_stack.undoText() == "设置“市政府办公室”的别名"
    type_text(qtbot, panel.aliases_edit, "、财政局")
    qtbot.keyClick(panel.aliases_edit, Qt.Key.Key_Return)
    assert "“财政局”是另一单位的名称" in dialog.message.text()
    assert panel.current().aliases == ["市政府办", "政府办"]
    assert dialog.undo_stack.count() == 1


def test_merge_units_through_the_merge_dialog_and_undo(qtbot, dialog, ledger):
    plan_id, a, b = ledger
    panel = dialog.units
    dialog.tabs.setCurrentWidget(panel)
    panel.select(record_id(panel, "市府办公室"))

    def choose(widget):
        assert isinstance(widget, MergeDialog)
        type_text(qtbot, widget.target_edit, "szfbgs")
        assert widget.target_edit.completer_.shown_names()[0] == "市政府办公室"
        qtbot.keyClick(widget.target_edit.completer_.popup(), Qt.Key.Key_Down)
        qtbot.keyClick(widget.target_edit.completer_.popup(), Qt.Key.Key_Return)
        assert widget.target_edit.text() == "市政府办公室"
        ok(widget)

    called = answer_modal(qtbot, choose)
    panel.merge_button.click()
    assert called
    assert unit_names(plan_id, b) == ["市政府办公室", "财政局"]
    assert "市府办公室" not in visible_names(panel)
    assert panel.current().name == "市政府办公室"
    assert panel.current().aliases == ["市府办公室", "市政府办"]
    assert dialog.undo_stack.undoText() == "合并单位“市府办公室”到“市政府办公室”"
    dialog.undo_action.trigger()
    assert unit_names(plan_id, b) == ["市府办公室", "财政局"]
    assert "市府办公室" in visible_names(panel)
    dialog.redo_action.trigger()
    assert unit_names(plan_id, b) == ["市政府办公室", "财政局"]


def test_merge_dialog_refuses_a_name_not_in_the_directory(qtbot, dialog):
    panel = dialog.people
    panel.select(record_id(panel, "朱开宝"))

    def try_unknown(widget):
        type_text(qtbot, widget.target_edit, "张三")
        ok(widget)
        assert widget.isVisible()
        assert widget.error.text() == "名录中没有“张三”，请从列表中选择"
        widget.reject()

    called = answer_modal(qtbot, try_unknown)
    panel.merge_button.click()
    assert called and dialog.undo_stack.count() == 0


def test_delete_only_unused_entries(qtbot, dialog):
    panel = dialog.people
    panel.select(record_id(panel, "朱晓明"))
    assert not panel.delete_button.isEnabled()
    assert "仍用于 2 项任务" in panel.delete_button.toolTip()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert "“朱晓明”仍是 2 项任务的牵头领导，不能删除" in dialog.message.text()
    panel.select(record_id(panel, "李红"))
    assert panel.delete_button.isEnabled()
    panel.delete_button.click()
    assert "李红" not in visible_names(panel)
    units = dialog.units
    units.select(record_id(units, "审计局"))
    units.delete_button.click()  # 王伟 still works there
    assert "有 1 名人员" in dialog.message.text()
    dialog.undo_action.trigger()
    assert "李红" in visible_names(panel)


def test_add_person_with_a_new_unit(qtbot, dialog):
    panel = dialog.people

    def fill(widget):
        assert isinstance(widget, NewEntryDialog) and widget.windowTitle() == "新增人员"
        ok(widget)  # empty name is refused, the dialog stays
        assert widget.error.text() == "请填写姓名" and widget.isVisible()
        type_text(qtbot, widget.name_edit, "赵六")
        type_text(qtbot, widget.post_edit, "主任")
        type_text(qtbot, widget.unit_edit, "市委督查室")
        ok(widget)

    answer_modal(qtbot, fill)
    panel.add_button.click()
    assert panel.current().name == "赵六"
    assert (panel.current().post, panel.current().unit) == ("主任", "市委督查室")
    assert "市委督查室" in visible_names(dialog.units)
    dialog.undo_action.trigger()
    assert "赵六" not in visible_names(panel)
    assert "市委督查室" not in visible_names(dialog.units)


def test_add_unit_with_aliases_refuses_a_taken_name(qtbot, dialog):
    panel = dialog.units
    dialog.tabs.setCurrentWidget(panel)

    def fill(widget):
        type_text(qtbot, widget.name_edit, "市政府办")
        ok(widget)

    answer_modal(qtbot, fill)
    panel.add_button.click()
    assert "“市政府办”已是单位“市政府办公室”的别名" in dialog.message.text()

    def fill_new(widget):
        type_text(qtbot, widget.name_edit, "统计局")
        type_text(qtbot, widget.aliases_edit, "市统计局、统计")
        ok(widget)

    answer_modal(qtbot, fill_new)
    panel.add_button.click()
    assert (panel.current().name, panel.current().aliases) == ("统计局", ["市统计局", "统计"])


def test_person_post_and_unit_cells_edit_with_unit_completion(qtbot, dialog):
    panel = dialog.people
    panel.select(record_id(panel, "李红"))
    current = panel.table.currentIndex()
    panel.table.edit(current.siblingAtColumn(panel.model.column_of("unit")))
    editor = QApplication.focusWidget()
    type_text(qtbot, editor, "szfb")
    popup = editor.completer_.popup()
    assert popup.isVisible() and editor.completer_.shown_names()[0] == "市政府办公室"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert panel.current().unit == "市政府办公室"
    panel.table.edit(current.siblingAtColumn(panel.model.column_of("unit")))
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(qtbot, editor, "市府办公室")  # popup open, nothing highlighted: Enter takes it
    qtbot.keyClick(editor.completer_.popup(), Qt.Key.Key_Return)
    assert panel.current().unit == "市府办公室"
    panel.table.edit(panel.table.currentIndex().siblingAtColumn(1))
    editor = QApplication.focusWidget()
    type_text(qtbot, editor, "科长")
    commit(qtbot, editor)
    assert panel.current().post == "科长"
    assert dialog.undo_stack.undoText() == "修改“李红”的职务"


def test_search_filters_by_pinyin_alias_and_unit(qtbot, dialog):
    type_text(qtbot, dialog.people.search, "zxm")
    assert visible_names(dialog.people) == ["朱晓明"]
    dialog.people.search.clear()
    type_text(qtbot, dialog.people.search, "审计")
    assert visible_names(dialog.people) == ["王伟"]
    type_text(qtbot, dialog.units.search, "市政府办")
    assert visible_names(dialog.units) == ["市政府办公室"]


def test_dialog_follows_changes_made_elsewhere_and_stops_when_closed(dialog):
    panel = dialog.units
    office = record_id(panel, "市政府办公室")
    run_command(dialog.undo_stack, dc.RenameUnit(dialog.hub, office, "市政府办公室", "政府办公室"))
    assert "政府办公室" in visible_names(panel)
    panel.select(office)
    dialog.undo_stack.undo()
    assert panel.current().name == "市政府办公室"
    assert panel.table.currentIndex().data(ID_ROLE) == office
    dialog.reject()
    dialog.undo_stack.redo()
    assert "市政府办公室" in visible_names(panel)  # closed: no longer reloads
