"""The right-click menu on the plan tree offers the window's actions for what was clicked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint

from db.queries import load_plan
from db.records import UnitRef
from tests.helpers.builders import build_plan


def texts(menu) -> list[str]:
    return [action.text() for action in menu.actions() if not action.isSeparator()]


def test_menu_for_a_task_a_plan_and_the_empty_space(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    task = load_plan(plan_id).nodes[0].children[0]
    window.select_node(task.id)
    menu = window.tree_menu.build(window.tree.currentIndex())
    assert texts(menu)[:4] == ["新增任务", "新增下级", "重命名", "删除"]
    assert "设置状态" in texts(menu) and "全部展开" in texts(menu)
    window.select_plan(plan_id)
    menu = window.tree_menu.build(window.tree.currentIndex())
    assert texts(menu)[:3] == ["新增下级", "方案属性…", "导出分解表…"]
    assert "展开此项全部" in texts(menu)
    assert texts(window.tree_menu.build(QModelIndex()))[:2] == ["新建方案", "导入方案…"]


def test_right_click_selects_the_item_and_its_actions_work(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    second = load_plan(plan_id).nodes[0].children[1]
    window.select_plan(plan_id)
    window.tree.collapseAll()
    window.tree_menu.build(window.tree.currentIndex())
    window.tree_menu.expand_here.trigger()
    window.select_node(second.id)
    rect = window.tree.visualRect(window.tree.currentIndex())
    window.select_plan(plan_id)
    menu = window.tree_menu.show_at(QPoint(rect.center()))
    qtbot.waitUntil(menu.isVisible)
    assert window.current_item().id == second.id
    menu.close()
    window.actions.move_up.trigger()
    assert [t.id for t in load_plan(plan_id).nodes[0].children][0] == second.id


def test_unit_and_deadline_columns_fit_their_texts(qtbot, database, make_window):
    from desktop.operations.nodes import set_units
    from desktop.ui.tree_columns import MAX_WIDTH, PADDING

    plan_id = build_plan(sections=1, tasks_per_section=2)
    task = load_plan(plan_id).nodes[0].children[0]
    long_units = [UnitRef(f"市人大常委会第{n}专门委员会办公室") for n in range(6)]
    set_units(task.id, "lead", long_units)
    window = make_window()
    window.tree.expandAll()
    fitter, header, tree = window.column_fitter, window.tree.header(), window.tree
    fitter.fit()
    deadline = tree.sizeHintForColumn(2) + PADDING
    assert header.sectionSize(2) == deadline  # the deadline is shown whole
    assert header.sectionSize(1) <= MAX_WIDTH  # the long unit list is cut
    assert header.sectionSize(0) >= tree.viewport().width() // 2  # titles keep half
    window.tree.collapseAll()
    fitter.fit()
    assert header.sectionSize(2) < deadline  # only the plan rows are visible now
    header.resizeSection(2, 90)  # the user's width stays
    window.tree.expandAll()
    fitter.fit()
    assert header.sectionSize(2) == 90


def test_an_edit_refits_the_columns_only_when_its_row_needs_more_room(qtbot, database, make_window):
    from desktop.operations.nodes import update_node

    plan_id = build_plan(sections=1, tasks_per_section=2)
    first, second = load_plan(plan_id).nodes[0].children
    update_node(first.id, deadline_text="2014年9月底前")
    window = make_window()
    window.tree.expandAll()
    fitter, header = window.column_fitter, window.tree.header()
    qtbot.wait(20)  # the refit the expansion asked for
    narrow = header.sectionSize(2)
    fits = []
    real_fit = fitter.fit
    fitter.fit = lambda: (fits.append(1), real_fit())
    window.model.apply_change(update_node(second.id, title="改了名称的任务"))
    qtbot.wait(20)
    assert fits == [] and header.sectionSize(2) == narrow  # nothing wider: nothing measured
    window.model.apply_change(update_node(second.id, deadline_text="2014年10月15日前完成验收"))
    qtbot.waitUntil(lambda: header.sectionSize(2) > narrow)
    assert fits == [1]


def test_narrow_columns_get_what_they_want_and_wide_ones_share_the_rest():
    from desktop.ui.tree_columns import share_out

    assert share_out({1: 400, 2: 110}, 300) == {1: 190, 2: 110}
    assert share_out({1: 400, 2: 140}, 200) == {1: 60, 2: 140}  # a deadline is never cut
    assert share_out({1: 400, 2: 300}, 300) == {1: 150, 2: 150}
    assert share_out({1: 50, 2: 60}, 300) == {1: 50, 2: 60}
