"""A scripted working session: edits, selections, searches, imports, exports, undo and redo
in a loop, through the real window.  The everyday part (edits, selections, searches, undo)
ends with None's reference count exactly where it began; imports and exports raise it by 1–3
a round (they used to raise it by ~35: PySide6 6.11 keeps None referenced once for every new
object Qt calls back into, see tests/ui/test_none_per_object.py, and each worker built its
own progress dialog, event loop and QObject; now they reuse the host's).  A binding that loses
references to None (PySide6 6.12.0) would drive it down by thousands.

The suite runs a few rounds in a fresh process; LEDGER_SESSION_ROUNDS=2000 makes it the
hour-long session.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from db.queries import load_plans
from desktop.exporting.export import ExportOptions
from desktop.operations.commands import DeletePlanCommand
from desktop.ui.export_dialog import ExportDialog, ExportRequest
from desktop.ui.import_preview import ImportChoice, ImportPreviewDialog
from desktop.ui.tree_items import NodeItem
from tests.helpers.typing import commit_text

ISOLATED = os.environ.get("LEDGER_SESSION_ISOLATED") == "1"
in_fresh_process = pytest.mark.skipif(
    not ISOLATED,
    reason="measured in a fresh process (run by the test below): widgets other tests leave "
    "behind add their own None references to every round",
)
ROUNDS = int(os.environ.get("LEDGER_SESSION_ROUNDS", "1"))
OBJECT_DRIFT = 300  # weak references and cached SQL statements; a leak grows by thousands
NONE_NOISE = 5  # None held for a moment by a pending event or a cached statement
BINDING_PER_ROUND = 3  # what PySide6 6.11 keeps for what a round builds (measured 1–3)
# a round's typical rise: 1–3 on a quiet machine, up to 11 on a loaded one (a timer or the search
# index landing in another round); what a leak of built widgets adds is ~35 a round, chips ~3,200
ROUND_RISE = 15
# once: what a slow machine first shows or builds in a later round instead of the warm-up (a
# reused progress dialog, the search index): measured up to 353 in a loaded CI run
FIRST_SHOW = 400


def accept_imports(monkeypatch) -> None:
    monkeypatch.setattr(
        ImportPreviewDialog,
        "ask",
        classmethod(
            lambda cls, parent, parse: ImportChoice(parse, list(range(len(parse["plans"]))))
        ),
    )


def export_to(monkeypatch, folder: Path) -> list[Path]:
    targets: list[Path] = []

    def ask(cls, parent, plan):
        targets.append(folder / f"分解表{len(targets)}.xlsx")
        return ExportRequest("plan", ExportOptions(), targets[-1], open_after=False)

    monkeypatch.setattr(ExportDialog, "ask", classmethod(ask))
    return targets


def retype(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    commit_text(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def steady_round(qtbot, window, plan_id: int, number: int) -> None:
    """Selections, edits, searches, undo and redo: no widget is built or destroyed."""
    window.select_plan(plan_id)
    plan = next(item for item in window.model.plan_items() if item.id == plan_id)
    tasks = [
        node for node in plan.walk() if isinstance(node, NodeItem) and node.record.kind == "task"
    ]
    for task in tasks[:6]:  # selections and edits
        window.select_node(task.id)
        retype(qtbot, window.editor.task_title, f"{task.title}（第{number}轮）")
        window.editor.task_goal.setFocus()
        commit_text(window.editor.task_goal, "按期完成。")
        window.tree.setFocus()  # the goal box commits on leaving
    for text in ("监督", "zxm", "没有这样的任务", ""):  # searches
        window.search.setText(text)
        QCoreApplication.processEvents()
    window.select_plan(plan_id)
    for _ in range(4):
        window.actions.undo.trigger()
    for _ in range(4):
        window.actions.redo.trigger()
    window.undo_stack.clear()  # a day's history is not what is measured


def one_round(qtbot, window, number: int) -> None:
    window.open_sample()  # import (parse and save in workers)
    plan_id = window.model.plan_items()[-1].id
    steady_round(qtbot, window, plan_id, number)
    window.actions.export_table.trigger()  # export (in a worker)
    window.run(DeletePlanCommand(window.hub, plan_id))  # as 删除方案 does, without asking
    window.undo_stack.clear()


BACKGROUND = ("ledger-worker", "search-index", "auto-backup")  # the program's own threads


def settle(qtbot) -> None:
    """The program's background threads (a worker finishing, the search index being built, a
    backup) have ended before None is counted: a thread holds None in its frames while it
    runs (measured in a loaded run: +100 in one round, -98 in the next)."""

    def running() -> list[str]:
        return [t.name for t in threading.enumerate() if t.name in BACKGROUND and t.is_alive()]

    qtbot.waitUntil(lambda: not running(), timeout=60_000)
    QCoreApplication.processEvents()  # what they hand back to the window is taken


def none_references() -> int:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return sys.getrefcount(None)


def python_objects() -> int:
    gc.collect()
    return len(gc.get_objects())


@in_fresh_process
def test_edits_selections_searches_and_undo_end_where_they_began(qtbot, make_window, monkeypatch):
    """The everyday part of a session builds no widget, so None's count ends exactly where it
    began (PySide6 6.11 keeps None referenced only for objects it destroys, see
    tests/ui/test_none_per_object.py; the name pickers reuse their chips for that)."""
    accept_imports(monkeypatch)
    window = make_window()
    window.open_sample()
    plan_id = window.model.plan_items()[-1].id
    steady_round(qtbot, window, plan_id, 0)  # warm-up: caches, fonts, lazily built widgets
    settle(qtbot)
    before = none_references()
    for number in range(1, 2 * ROUNDS + 1):
        steady_round(qtbot, window, plan_id, number)
    settle(qtbot)
    after = none_references()
    print(f"None references {before} → {after} after {2 * ROUNDS} everyday rounds")
    assert abs(after - before) <= NONE_NOISE


@in_fresh_process
def test_a_long_session_keeps_none_references_and_objects_steady(
    qtbot, make_window, monkeypatch, tmp_path
):
    """With imports and exports too: None's count never falls (the fatal failure), and rises
    only by what the binding keeps for the little each import and export still builds (the
    export message): a few a round, measured 1–3, not an amount that grows with the session;
    the workers reuse their progress dialogs and event loops.  No Python objects pile up."""
    accept_imports(monkeypatch)
    targets = export_to(monkeypatch, tmp_path)
    window = make_window()
    one_round(qtbot, window, 0)  # warm-up: caches, fonts, lazily built widgets
    settle(qtbot)
    counts, objects_before = [none_references()], python_objects()
    for number in range(1, max(ROUNDS, 3) + 1):
        one_round(qtbot, window, number)
        settle(qtbot)
        counts.append(none_references())
    objects_after = python_objects()
    rounds = len(counts) - 1
    assert all(path.exists() for path in targets) and len(targets) == rounds + 1
    assert load_plans() == []
    steps = [later - earlier for earlier, later in zip(counts, counts[1:], strict=False)]
    print(
        f"None references {counts[0]} → {counts[-1]} (per round {steps[:10]}), "
        f"Python objects {objects_before} → {objects_after} after {rounds} rounds"
    )
    # a binding that loses references ends thousands below; a cache letting go of an
    # object that held None gives back one or two (measured: -1 once in 3 rounds)
    assert min(steps) >= -BINDING_PER_ROUND
    assert max(steps) <= FIRST_SHOW  # chips rebuilt: ~3,200 a round; workers' own dialogs: ~35
    assert sorted(steps)[len(steps) // 2] <= ROUND_RISE
    assert objects_after - objects_before <= OBJECT_DRIFT


@pytest.mark.skipif(ISOLATED, reason="this is the fresh process")
def test_the_session_measured_in_a_fresh_process():
    """Runs the two measurements above with nothing else in the process."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", __file__],
        cwd=root,
        env={**os.environ, "LEDGER_SESSION_ISOLATED": "1"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    print("\n".join(line for line in done.stdout.splitlines() if "None references" in line))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 passed, 1 skipped" in done.stdout
