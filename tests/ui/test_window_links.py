"""The window's entries into import, export and the directories, through its real wiring."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from db.queries import load_plans
from desktop.ui import window_links
from desktop.ui.import_preview import ImportChoice, ImportPreviewDialog


def accept_everything(monkeypatch):
    """The preview answers 导入 with every plan of the parse, as shown."""
    shown = []

    def ask(cls, parent, parse):
        shown.append(parse)
        return ImportChoice(parse=parse, chosen=list(range(len(parse["plans"]))))

    monkeypatch.setattr(ImportPreviewDialog, "ask", classmethod(ask))
    return shown


def test_sample_plan_from_the_welcome_page_fills_the_tree_and_undoes(
    qtbot, monkeypatch, make_window
):
    shown = accept_everything(monkeypatch)
    window = make_window()
    assert window.right.currentWidget() is window.welcome
    window.welcome.sample_requested.emit()
    plans = load_plans()
    assert len(shown) == 1 and len(plans) == 1
    assert len(plans[0].tasks()) == sum(1 for _ in _tasks(shown[0]["plans"][0]["nodes"]))
    assert window.model.rowCount() == 1
    assert window.right.currentWidget() is window.editor
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert load_plans() == []
    assert window.model.rowCount() == 0


def _tasks(nodes):
    for node in nodes:
        if node["kind"] == "task":
            yield node
        yield from _tasks(node["children"])


def test_export_and_directories_open_for_the_current_plan(qtbot, monkeypatch, make_window):
    accept_everything(monkeypatch)
    window = make_window()
    window.open_sample()
    plan_id = load_plans()[0].id
    exported = []
    monkeypatch.setattr(
        window_links,
        "export_plan_interactively",
        lambda parent, pid, background=None: exported.append(pid),
    )
    window.tree.setCurrentIndex(window.tree.model().index(0, 0))
    window.actions.export_table.trigger()
    assert exported == [plan_id]

    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    window.actions.directories.trigger()
    assert [type(d).__name__ for d in opened] == ["DirectoriesDialog"]
