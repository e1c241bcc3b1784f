"""A window that goes away before its first paint: the search's first-paint filter must not
call into a view that is being destroyed (an exception there crashed PySide6)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


def test_a_window_destroyed_before_its_first_paint_closes_quietly(
    qtbot, database, db_path, settings
):
    """pytest-qt fails the test on an exception raised inside the event filter."""
    from desktop.ui.main_window import MainWindow

    window = MainWindow(db_path, settings=settings)
    tree, viewport = window.tree, window.tree.viewport()
    assert not window.painted
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    assert not shiboken6.isValid(tree) and not shiboken6.isValid(viewport)


def test_keys_made_under_an_edit_are_indexed_again_once_the_user_pauses(
    qtbot, database, make_window, monkeypatch
):
    """The search index is never rebuilt in the background right under the user's next
    step: an edit made as the keys come in is indexed once the user pauses."""
    from db.queries import load_plan
    from tests.helpers.builders import build_plan

    plan_id = build_plan(sections=1, tasks_per_section=2)
    window = make_window()
    proxy = window.proxy
    qtbot.waitUntil(proxy.keys_ready)
    window.select_node(load_plan(plan_id).nodes[0].children[0].id)
    window.editing.add_sibling()
    builds = []
    real_build = proxy._build
    monkeypatch.setattr(proxy, "_build", lambda: (builds.append(1), real_build())[1])
    window.tree_search._keys_made()
    assert builds == []
    assert window.tree_search._idle.isActive()
    qtbot.waitUntil(lambda: builds == [1])  # the pause after the edit
    qtbot.waitUntil(lambda: proxy.keys_ready() and proxy.adopt())
