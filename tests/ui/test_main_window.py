"""The issue's “done when” scenario, driven through the real window by keyboard and mouse."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from db.database import close_database, open_database
from db.queries import load_plans
from desktop.ui.tree_model import PlanTreeModel
from tests.helpers.trees import model_rows
from tests.helpers.typing import commit_text

TODAY = date(2014, 9, 25)
SECTIONS = {
    "坚决遵守党的政治纪律": [
        ("切实加强政治理论学习", "朱晓明", "市政府办公室（王某某）", "2014年12月底前"),
        ("严格执行民主集中制", "朱晓明、朱开宝", "市政府办公室", "2014年9月底前"),
        ("规范党组议事规则", "朱开宝", "市法制办", "2014年10月底前"),
        ("加强对权力运行的制约", "胡宗元", "市监察局、市审计局", "2014年12月31日前"),
    ],
    "切实改进工作作风": [
        ("精简会议文件", "朱开宝", "市政府办公室", "2014年9月30日前"),
        ("规范公务接待", "胡宗元", "市机关事务管理局（李某）", "2014年10月底前"),
        ("深化行政审批制度改革", "朱晓明", "市编办、市政务服务中心", "2014年11月底前"),
    ],
    "着力解决群众反映强烈的问题": [
        ("治理城市交通拥堵", "李国忠", "市公安局、市城建局", "2015年6月底前"),
        ("改善农村人居环境", "曹丽虹", "市农委", "2014年12月底前"),
        ("加强食品药品安全监管", "曹丽虹", "市食药监局", "2014年12月底前"),
    ],
}


def dump_database():
    """Everything the scenario typed, as plain values (timestamps left out)."""
    return [
        (
            plan.title,
            plan.year,
            [
                (
                    node.id,
                    node.parent_id,
                    node.position,
                    node.kind,
                    node.title,
                    node.deadline_text,
                    node.due_date,
                    tuple(node.leaders),
                    tuple((unit.name, unit.contact) for unit in node.lead_units),
                )
                for node in plan.walk()
            ],
        )
        for plan in load_plans()
    ]


def fresh_model_rows():
    model = PlanTreeModel(today=lambda: TODAY)
    model.load()
    return model_rows(model)


def focused() -> QLineEdit:
    widget = QApplication.focusWidget()
    assert isinstance(widget, QLineEdit), widget
    return widget


def type_and_enter(qtbot, widget, text):
    """Type `text`, then press Enter where the keyboard is: an open completion popup
    takes it, as it does for a real keyboard."""
    commit_text(widget, text)
    qtbot.keyClick(QApplication.activePopupWidget() or widget, Qt.Key.Key_Return)


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def line_edit_of(widget) -> QLineEdit:
    """The typing field of a name picker (itself, or the line edit inside it)."""
    return widget if isinstance(widget, QLineEdit) else widget.findChild(QLineEdit)


def click_tree_row(qtbot, window, node_id):
    index = window.view_index(window.model.node_item(node_id))
    window.tree.scrollTo(index)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_item().id == node_id


def test_build_plan_by_keyboard_and_mouse_undo_redo_and_reopen(qtbot, make_window, db_path):
    window = make_window(today=lambda: TODAY)
    editor, stack = window.editor, window.undo_stack
    assert window.right.currentWidget() is window.welcome
    states = {stack.index(): dump_database()}

    def record():
        states[stack.index()] = dump_database()

    click(qtbot, window.actions.toolbar.widgetForAction(window.actions.new_plan))
    assert focused() is editor.plan_title
    type_and_enter(qtbot, editor.plan_title, "镇江市人民政府党组整改方案")
    record()

    section_ids = []
    for number, (section, tasks) in enumerate(SECTIONS.items()):
        if number == 0:
            qtbot.keyClick(
                focused(),
                Qt.Key.Key_N,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            )
        else:
            click_tree_row(qtbot, window, section_ids[-1])
            qtbot.keyClick(window.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        record()
        assert focused() is editor.section_title
        section_ids.append(window.current_item().id)
        type_and_enter(qtbot, editor.section_title, section)
        record()
        for task_number, (title, leaders, units, deadline) in enumerate(tasks):
            shortcut = Qt.KeyboardModifier.ControlModifier
            if task_number == 0:
                shortcut |= Qt.KeyboardModifier.ShiftModifier
            qtbot.keyClick(focused(), Qt.Key.Key_N, shortcut)
            record()
            assert focused() is editor.task_title
            type_and_enter(qtbot, editor.task_title, title)
            record()
            for field, text in (
                (editor.task_leaders, leaders),
                (editor.task_lead_units, units),
                (editor.task_deadline, deadline),
            ):
                line = line_edit_of(field)
                click(qtbot, line)
                type_and_enter(qtbot, line, text)
                record()

    built = dump_database()
    title, year, nodes = built[0]
    assert (title, year) == ("镇江市人民政府党组整改方案", date.today().year)
    assert [n[4] for n in nodes if n[3] == "section"] == list(SECTIONS)
    tasks = [n for n in nodes if n[3] == "task"]
    assert len(tasks) == 10
    second = tasks[1]
    assert second[4:] == (
        "严格执行民主集中制",
        "2014年9月底前",
        date(2014, 9, 30),
        ("朱晓明", "朱开宝"),
        (("市政府办公室", ""),),
    )
    assert tasks[0][8] == (("市政府办公室", "王某某"),)
    assert tasks[3][6] == date(2014, 12, 31)
    assert model_rows(window.model) == fresh_model_rows()
    assert window.status_counts.text() == "1 个方案 · 10 项任务 · 超期 0 · 10 天内到期 2"
    assert stack.count() == 2 + 3 * 2 + 10 * 5

    window.tree.setFocus()
    for _ in range(20):
        qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert dump_database() == states[stack.index()]
        assert model_rows(window.model) == fresh_model_rows()
    assert stack.index() == stack.count() - 20
    assert window.actions.undo.text().startswith("撤销 ")
    for _ in range(20):
        qtbot.keyClick(window.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        assert dump_database() == states[stack.index()]
        assert model_rows(window.model) == fresh_model_rows()
    assert dump_database() == built

    window.close()
    close_database()
    open_database(db_path)
    again = make_window(today=lambda: TODAY)
    assert dump_database() == built
    assert model_rows(again.model) == model_rows(window.model)
    assert again.right.currentWidget() is again.editor
    assert again.status_counts.text() == window.status_counts.text()
