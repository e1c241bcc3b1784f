"""The search results model (tree_filter.py): what it shows while the tree changes under a
search, and a keystroke that finds the same matches leaving the results alone."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

from db.queries import load_plan
from desktop.operations.commands import DeleteNodeCommand
from tests.helpers.builders import build_plan
from tests.helpers.typing import commit_text


def shown_tree(proxy, parent=None):
    """(title, children) of every row the proxy shows, depth first."""
    parent = parent if parent is not None else QModelIndex()
    rows = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        assert proxy.parent(index) == parent
        rows.append((index.data(), shown_tree(proxy, index)))
    return rows


def expected_tree(window, item=None):
    """What a search made afresh over the same matches shows: the children whose subtree
    holds a match, or that are newer than the search."""
    model, result = window.model, window.proxy.result()
    item = item if item is not None else model._root
    rows = []
    for child in item.children:
        if result is None or result.shows(child.key):
            rows.append((model.index_for_item(child).data(), expected_tree(window, child)))
    return rows


def test_results_follow_adds_moves_deletes_and_undo_under_the_model_tester(
    qtmodeltester, qtbot, database, make_window
):
    plan_id = build_plan("甲方案", sections=3, tasks_per_section=3)
    window = make_window()
    commit_text(window.search, "领导1")  # tasks 1, 4 and 7: one in each section
    qtmodeltester.check(window.proxy)  # and it watches every signal from here on
    assert shown_tree(window.proxy) == expected_tree(window)
    nodes = load_plan(plan_id).nodes
    steps = [
        lambda: window.select_node(nodes[0].children[0].id),
        window.editing.add_sibling,  # an untitled task: shown, being new
        lambda: window.select_node(nodes[1].children[0].id),
        window.editing.move_down,  # a match among hidden siblings
        window.editing.outdent,  # up among the sections
        window.editing.undo,
        window.editing.undo,
        lambda: window.run(DeleteNodeCommand(window.hub, nodes[2].children[0].id, "task")),
        window.editing.undo,  # task 7 comes back (as a new row)
        lambda: window.run(DeleteNodeCommand(window.hub, nodes[2].id, "section")),
        window.editing.undo,
        window.editing.undo,  # the added task goes again
        window.editing.redo,
    ]
    for number, step in enumerate(steps):
        step()
        assert window.view() is window.results, number
        assert shown_tree(window.proxy) == expected_tree(window)
        current = window.current_item()
        if current is not None:  # the selection is a shown row of the results
            assert window.item_at(window.results.currentIndex()) is current
    assert window.search.text() == "领导1"
    titles = [title for _section, tasks in shown_tree(window.proxy)[0][1] for title, _ in tasks]
    assert titles[:3] == ["（一）任务1", "（二）（未命名）", "（一）任务4"]
    assert titles[3:] == ["（一）任务7", "（二）任务8", "（三）任务9"]  # restored: new rows


def test_a_keystroke_with_the_same_matches_leaves_the_results_alone(qtbot, database, make_window):
    plan_id = build_plan("甲方案", sections=2, tasks_per_section=2)
    window = make_window()
    commit_text(window.search, "任")  # 任 is only ever followed by 务 here
    task = load_plan(plan_id).nodes[1].children[0]
    window.select_node(task.id)
    section = window.results.currentIndex().parent()
    window.results.collapse(section.siblingAtRow(0))  # the user closes the first section
    resets, fills = [], []
    window.proxy.modelReset.connect(lambda: resets.append(True))
    show_item = window.editor.show_item
    window.editor.show_item = lambda *args, **kwargs: (
        fills.append(args) or show_item(*args, **kwargs)
    )
    commit_text(window.search, "务")
    assert window.proxy.search_text() == "任务"
    assert resets == [] and fills == []
    assert window.current_item().id == task.id
    assert window.editor.task_title.text() == "任务3"
    assert not window.results.isExpanded(section.siblingAtRow(0))
    commit_text(window.search, "3")  # fewer matches: the results are made again
    assert resets == [True]
    assert [title for title, _ in shown_tree(window.proxy)[0][1]] == ["二、第2部分"]
    assert window.current_item().id == task.id


def test_a_renamed_match_is_repainted_in_the_results(qtbot, database, make_window):
    plan_id = build_plan("甲方案", sections=2, tasks_per_section=2)
    window = make_window()
    commit_text(window.search, "任务")
    item = window.model.node_item(load_plan(plan_id).nodes[1].children[1].id)
    shown = window.proxy.mapFromSource(window.model.index_for_item(item))
    with qtbot.waitSignal(window.proxy.dataChanged) as changed:
        window.editing.rename_title(item, "任务四")
    top_left, bottom_right = changed.args[:2]
    assert top_left.row() <= shown.row() <= bottom_right.row()
    assert top_left.parent() == shown.parent()
    assert shown.data() == "（二）任务四"


def test_columns_and_headers_show_when_nothing_matches(qtbot, database, make_window):
    build_plan("甲方案", sections=1, tasks_per_section=1)
    window = make_window()
    commit_text(window.search, "没有这个词")
    assert window.proxy.rowCount() == 0
    header = window.results.header()
    titles = [window.proxy.headerData(c, header.orientation()) for c in range(header.count())]
    assert titles == [window.model.headerData(c, header.orientation()) for c in range(3)]
    assert all(titles)


def test_a_search_before_every_plan_is_read_finds_them_all(
    qtmodeltester, qtbot, database, make_window, monkeypatch
):
    from desktop.ui import tree_lazy

    build_plan("甲方案", sections=1, tasks_per_section=2)
    build_plan("乙方案", sections=2, tasks_per_section=2)
    monkeypatch.setattr(tree_lazy, "LAZY_TASKS", 0)  # read a plan at a time, after the paint
    window = make_window()
    qtmodeltester.check(window.proxy)  # the whole tree, as its plans come in
    assert not window.model.complete()
    commit_text(window.search, "任务4")  # the second plan's, read for the search
    assert window.model.complete()
    assert shown_tree(window.proxy) == [("乙方案", [("二、第2部分", [("（二）任务4", [])])])]
    window.search.clear()
    assert shown_tree(window.proxy) == expected_tree(window)
    assert len(shown_tree(window.proxy)) == 2


def test_the_first_search_of_a_session_paints_the_results_once(qtbot, database, make_window):
    from PySide6.QtCore import QEvent, QObject

    build_plan("甲方案", sections=20, tasks_per_section=3)  # more rows than the view shows
    window = make_window()
    qtbot.waitUntil(window.proxy.keys_ready, timeout=5000)  # start-up's idle work is done
    qtbot.wait(50)

    class Paints(QObject):
        count = 0

        def eventFilter(self, watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    paints = Paints()
    window.results.viewport().installEventFilter(paints)
    commit_text(window.search, "任务")
    qtbot.wait(50)  # the layout, any column resized after it, and the paints
    assert window.view() is window.results and window.results.isVisible()
    assert window.results.verticalScrollBar().isVisible()
    assert paints.count == 1
    window.results.viewport().removeEventFilter(paints)


def test_plans_added_renamed_and_deleted_during_a_search(
    qtmodeltester, qtbot, database, make_window
):
    from desktop.operations.commands import (
        CreatePlanCommand,
        DeletePlanCommand,
        EditPlanCommand,
    )

    first = build_plan("甲方案", sections=2, tasks_per_section=2)
    second = build_plan("乙方案", sections=1, tasks_per_section=2)
    window = make_window()
    commit_text(window.search, "任务2")  # in both plans
    qtmodeltester.check(window.proxy)
    plans = [title for title, _sections in shown_tree(window.proxy)]
    assert plans == ["甲方案", "乙方案"]
    window.run(CreatePlanCommand(window.hub, "丙方案", year=2015))  # new: shown
    assert [title for title, _ in shown_tree(window.proxy)] == ["甲方案", "乙方案", "丙方案"]
    window.run(EditPlanCommand(window.hub, first, None, {"title": "甲方案（修订）"}))
    assert shown_tree(window.proxy)[0][0] == "甲方案（修订）"
    window.run(DeletePlanCommand(window.hub, second))
    assert shown_tree(window.proxy) == expected_tree(window)
    assert [title for title, _ in shown_tree(window.proxy)] == ["甲方案（修订）", "丙方案"]
    for _step in range(3):
        window.editing.undo()
        assert shown_tree(window.proxy) == expected_tree(window)
    assert [title for title, _ in shown_tree(window.proxy)] == ["甲方案", "乙方案"]
