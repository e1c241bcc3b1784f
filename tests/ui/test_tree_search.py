"""The search box over the tree: pinyin initials, Esc, “没有匹配的任务”, and a selection that
survives the search so the editor never shows a task that is not selected."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.queries import load_plan
from desktop.operations.nodes import add_node
from desktop.ui.tree_filter import initials
from desktop.ui.tree_search import NO_MATCH_TEXT
from tests.helpers.builders import build_plan
from tests.helpers.typing import commit_text


def shown_titles(proxy, parent=None):
    """Every title the proxy shows, depth first."""
    from PySide6.QtCore import QModelIndex

    parent = parent if parent is not None else QModelIndex()
    titles = []
    for row in range(proxy.rowCount(parent)):
        index = proxy.index(row, 0, parent)
        titles.append(index.data())
        titles.extend(shown_titles(proxy, index))
    return titles


def test_initials_read_every_character_and_polyphonic_ones_both_ways():
    assert initials("改善农村人居环境")[0] == "gsncrjhj"
    assert initials("市财政局（2014）")[0] == "sczj2014"
    assert "s" in {variant[0] for variant in initials("单")}  # 单 as a surname: shan
    assert initials("，。") == ()


def test_pinyin_initials_find_tasks_leaders_and_units(qtbot, database, make_window):
    plan_id = build_plan("甲方案", sections=2, tasks_per_section=2)
    section = load_plan(plan_id).nodes[1].id
    add_node(plan_id, section, None, "task", title="改善农村人居环境")
    window = make_window()
    commit_text(window.search, "ncrj")
    assert shown_titles(window.proxy) == ["甲方案", "二、第2部分", "（三）改善农村人居环境"]
    assert not window.tree_search.no_match.isVisible()
    window.search.clear()
    commit_text(window.search, "ld2")  # 领导2, the leader of tasks 2
    assert "（二）任务2" in shown_titles(window.proxy)
    assert "（一）任务1" not in shown_titles(window.proxy)


def test_nothing_found_says_so_and_esc_clears_the_search(qtbot, database, make_window):
    build_plan("甲方案", sections=2, tasks_per_section=2)
    window = make_window()
    everything = shown_titles(window.proxy)
    window.search.setFocus()
    commit_text(window.search, "没有这个词")
    label = window.tree_search.no_match
    assert label.isVisible() and label.text() == NO_MATCH_TEXT == "没有匹配的任务"
    assert window.proxy.rowCount() == 0
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert not label.isVisible()
    assert shown_titles(window.proxy) == everything


def test_the_editor_follows_the_selection_through_a_search(qtbot, database, make_window):
    plan_id = build_plan("甲方案", sections=2, tasks_per_section=2)
    first, fourth = load_plan(plan_id).nodes[0].children[0], load_plan(plan_id).nodes[1].children[1]
    window = make_window()
    window.select_node(first.id)
    assert window.editor.task_title.text() == "任务1"
    commit_text(window.search, "任务4")  # hides task 1
    assert window.current_item() is None
    assert window.editor.pages.currentWidget() is window.editor.empty_page
    window.search.clear()  # task 1 is selected and shown again
    assert window.current_item().id == first.id
    assert window.editor.task_title.text() == "任务1"
    commit_text(window.search, "任务4")
    index = window.proxy.mapFromSource(window.model.index_for_node(fourth.id))
    window.results.setCurrentIndex(index)  # the user picks a result
    assert window.editor.task_title.text() == "任务4"
    window.search.clear()  # … which stays selected, scrolled to and in the editor
    assert window.current_item().id == fourth.id
    assert window.editor.task_title.text() == "任务4"
    assert window.view() is window.tree
    assert window.tree.currentIndex() == window.model.index_for_node(fourth.id)


def test_the_filter_passes_the_model_tester_while_searching(qtmodeltester, database, make_window):
    build_plan("甲方案", sections=3, tasks_per_section=2)
    window = make_window()
    commit_text(window.search, "领导1")
    qtmodeltester.check(window.proxy)
    window.search.clear()
    qtmodeltester.check(window.proxy)


def test_a_task_added_during_a_search_stays_visible(qtbot, database, make_window):
    build_plan("甲方案", sections=1, tasks_per_section=2)
    window = make_window()
    commit_text(window.search, "任务1")
    window.select_node(window.model.plan_items()[0].children[0].children[0].id)
    window.editing.add_sibling()
    assert window.current_item() is not None
    assert window.current_item().title == ""
    assert window.search.text() == "任务1"


def test_a_reload_during_a_search_searches_again(qtbot, database, make_window):
    build_plan("甲方案", sections=2, tasks_per_section=2)
    window = make_window()
    commit_text(window.search, "任务3")
    before = shown_titles(window.proxy)
    window.model.load()  # what the window does after a storage error
    assert shown_titles(window.proxy) == before == ["甲方案", "二、第2部分", "（一）任务3"]


def test_clearing_a_search_brings_back_the_whole_tree_as_the_user_left_it(
    qtbot, database, make_window
):
    plan_id = build_plan("甲方案", sections=3, tasks_per_section=2)
    window = make_window()
    window.tree.expandAll()
    window.tree.collapse(window.model.index_for_node(load_plan(plan_id).nodes[1].id))
    expanded_before = expansion(window)
    laid_out = []  # the whole tree is neither reset nor laid out again by the search
    window.model.modelReset.connect(lambda: laid_out.append("reset"))
    window.tree.expanded.connect(lambda _index: laid_out.append("expanded"))
    commit_text(window.search, "任务5")
    assert window.view() is window.results
    assert shown_titles(window.proxy) == ["甲方案", "三、第3部分", "（一）任务5"]
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.view() is window.tree
    assert expansion(window) == expanded_before
    assert laid_out == []


def expansion(window):
    """(title, expanded) of every item of the whole tree, depth first."""
    model, tree, rows = window.model, window.tree, []
    stack = [model.index(row, 0) for row in reversed(range(model.rowCount()))]
    while stack:
        index = stack.pop()
        rows.append((index.data(), tree.isExpanded(index)))
        stack.extend(model.index(row, 0, index) for row in reversed(range(model.rowCount(index))))
    return rows


def test_search_results_stay_right_after_add_and_undo(qtbot, database, make_window):
    build_plan("甲方案", sections=2, tasks_per_section=2)
    window = make_window()
    commit_text(window.search, "任务")
    everything = shown_titles(window.proxy)
    window.select_node(window.model.plan_items()[0].children[1].children[0].id)  # 任务3
    window.editing.add_sibling()  # an untitled task: shown, being new, while the search lasts
    assert "（二）（未命名）" in shown_titles(window.proxy)
    window.editing.undo()
    assert shown_titles(window.proxy) == everything
    window.editing.redo()
    window.editor.task_title.setFocus()
    commit_text(window.editor.task_title, "任务新")
    window.search.clear()
    commit_text(window.search, "任务新")  # the index follows the edit
    assert shown_titles(window.proxy) == ["甲方案", "二、第2部分", "（二）任务新"]
    window.search.clear()
    commit_text(window.search, "任务3")
    assert shown_titles(window.proxy) == ["甲方案", "二、第2部分", "（一）任务3"]


def test_a_longer_needle_and_erasing_find_what_a_fresh_search_finds(database, qapp):
    from desktop.ui.tree_filter import SearchIndex
    from desktop.ui.tree_model import PlanTreeModel

    build_plan("甲方案", sections=3, tasks_per_section=4)
    build_plan("乙方案", sections=2, tasks_per_section=3)
    model = PlanTreeModel()
    model.load()
    typed = SearchIndex()
    typed.rebuild(model.plan_items(), 1)
    needles = ["任", "任务", "任务1", "任务12", "任务1", "任务", "r", "rw", "rw1", "ld", "ld2", "1"]
    for needle in needles:
        fresh = SearchIndex()
        fresh.rebuild(model.plan_items(), 1)
        result = typed.search(needle)
        expected = fresh.search(needle)
        assert result.found == expected.found
        brute = [n for n, text in enumerate(fresh.texts) if needle in text + fresh.spelt[n]]
        assert result.found == brute, needle
    assert typed.search("任务12").count == 1
    assert typed.search("rw1").count == 5  # 任务1, 10, 11, 12 of 甲 and 任务1 of 乙
