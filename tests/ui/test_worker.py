"""Long work in a worker thread: progress reaches the window, 取消 stops the work, the database
is left as it was, and the window keeps processing events meanwhile."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from db.queries import load_plan, plan_summaries
from desktop.exporting import export as export_module
from desktop.exporting.export import ExportCancelled, ExportOptions, export_plan
from desktop.importing import parse_text
from desktop.operations import import_plans as import_module
from desktop.operations.commands import ImportPlansCommand
from desktop.ui import worker as worker_module
from desktop.ui.command_runner import CommandRunner
from desktop.ui.worker import Cancelled, Worker
from tests.helpers.builders import build_plan
from tests.helpers.plan_parse import section, task

WAIT_SECONDS = 10


def parse_of(tasks: int) -> dict:
    nodes = [
        section(
            "一、",
            "整改内容",
            *(
                task(
                    f"{n}.",
                    f"任务{n}",
                    leaders=[f"领导{n % 7}"],
                    lead_units=[f"单位{n % 11}"],
                    deadline_text="2014年12月底前",
                )
                for n in range(1, tasks + 1)
            ),
        )
    ]
    plan = {"title": "大方案", "year": 2014, "nodes": nodes}
    return {"schema": "plan-parse/1", "source": "测试", "plans": [plan], "warnings": []}


def test_the_result_comes_back_and_progress_arrives_in_the_gui_thread(qtbot):
    seen, threads = [], []

    def work(worker):
        threads.append(threading.current_thread())
        for done in range(1, 6):
            worker.report(done, 5)
        return "完成"

    worker = Worker(None, "测试", "正在处理…", work)
    worker.progressed.connect(
        lambda done, total: seen.append((done, total, threading.current_thread()))
    )
    assert worker.run() == "完成"
    assert threads[0] is not threading.main_thread()
    assert [(d, t) for d, t, _ in seen] == [(i, 5) for i in range(1, 6)]
    assert all(thread is threading.main_thread() for _, _, thread in seen)


def test_an_error_in_the_work_is_raised_in_the_gui_thread(qtbot):
    def work(_worker):
        raise ValueError("坏数据")

    with pytest.raises(ValueError, match="坏数据"):
        Worker(None, "测试", "正在处理…", work).run()


def test_the_window_keeps_processing_events_while_the_work_runs(qtbot):
    release = threading.Event()
    ticks = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: (ticks.append(1), len(ticks) >= 5 and release.set()))
    timer.start()

    def work(_worker):
        assert release.wait(WAIT_SECONDS), "the GUI thread was blocked"
        return len(ticks)

    assert Worker(None, "测试", "正在处理…", work).run() >= 5
    timer.stop()


def test_export_progress_arrives_and_cancel_writes_nothing(qtbot, database, tmp_path, monkeypatch):
    monkeypatch.setattr(export_module, "PROGRESS_STEP", 2)
    plan = load_plan(build_plan(sections=2, tasks_per_section=4))
    seen = []
    folder = tmp_path / "导出"
    folder.mkdir()
    target = folder / "分解表.xlsx"

    def export(worker):
        return export_plan(plan, target, ExportOptions(), worker.report)

    worker = Worker(None, "导出分解表", "正在导出…", export)
    worker.progressed.connect(lambda done, total: seen.append((done, total)))
    assert worker.run() == target and target.exists()
    assert len(seen) >= 3 and seen[0][0] == 2 and seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    target.unlink()

    cancelling = Worker(
        None,
        "导出分解表",
        "正在导出…",
        export,
        cancel_error=lambda: ExportCancelled("已取消导出"),
    )
    # 取消 pressed at the first progress report (in the worker's thread: deterministic)
    cancelling.progressed.connect(cancelling.cancel, Qt.ConnectionType.DirectConnection)
    with pytest.raises(ExportCancelled):
        cancelling.run()
    assert not target.exists() and list(folder.iterdir()) == []


def press_cancel_when_shown(qtbot, ready=lambda: True):
    """Click 取消 on the progress dialog once it shows and `ready()` says so."""

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QProgressDialog) and dialog.isVisible() and ready():
            qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
            return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def test_cancelling_an_import_rolls_it_back_whole(qtbot, database, monkeypatch):
    monkeypatch.setattr(worker_module, "SQLITE_CHECK_EVERY", 10)
    monkeypatch.setattr(worker_module, "SHOW_AFTER_MS", 0)
    original = import_module._Saver.write
    state = {}

    def write_after_cancel(saver):
        """Hold the transaction open (plan row written) until the user presses 取消."""
        state["nodes_written"] = saver.tasks
        assert state["worker"].wait_cancelled(WAIT_SECONDS)
        original(saver)

    monkeypatch.setattr(import_module._Saver, "write", write_after_cancel)
    runner = CommandRunner()
    warnings = []
    runner.warn = lambda parent, title, text: warnings.append(text)
    runner.bug = lambda parent, title, text: pytest.fail(f"{title}: {text}")
    created = []
    real_init = Worker.__init__

    def remember(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        state["worker"] = self
        created.append(self)

    monkeypatch.setattr(Worker, "__init__", remember)
    press_cancel_when_shown(qtbot, lambda: "nodes_written" in state)
    command = ImportPlansCommand(runner.hub, parse_of(60), [0], "")
    assert runner.run_in_worker(command, "正在保存导入的方案…") is False
    assert state["nodes_written"] == 60 and created[0].cancelled
    assert plan_summaries() == [] and runner.stack.count() == 0 and warnings == []

    monkeypatch.setattr(import_module._Saver, "write", original)
    monkeypatch.setattr(worker_module, "SQLITE_CHECK_EVERY", 2000)
    again = ImportPlansCommand(runner.hub, parse_of(60), [0], "")
    assert runner.run_in_worker(again, "正在保存导入的方案…")
    assert [s.tasks for s in plan_summaries()] == [60] and runner.stack.count() == 1


def test_parsing_is_abandoned_at_once_on_cancel(qtbot):
    release = threading.Event()

    def slow_parse(_worker):
        release.wait(WAIT_SECONDS)
        return parse_text("一、整改内容\n1.任务一\n", source="测试")

    worker = Worker(None, "导入方案", "正在读取…", slow_parse, abandon_on_cancel=True)
    QTimer.singleShot(10, worker.cancel)
    with pytest.raises(Cancelled):
        worker.run()
    release.set()
    assert worker.wait(WAIT_SECONDS)


def test_the_window_exports_in_a_worker_thread(qtbot, make_window, monkeypatch, tmp_path):
    from desktop.exporting import export as exporting
    from desktop.ui import export_dialog
    from desktop.ui.export_dialog import ExportDialog, ExportRequest

    plan_id = build_plan(sections=1, tasks_per_section=3)
    target = tmp_path / "导出" / "分解表.xlsx"
    target.parent.mkdir()
    request = ExportRequest("plan", ExportOptions(), target, open_after=False)
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, parent, plan: request))
    threads = []
    real = exporting.export_plan

    def export_and_note(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(export_dialog, "export_plan", export_and_note)
    window = make_window()
    window.select_plan(plan_id)
    window.actions.export_table.trigger()
    assert target.exists()
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


def test_an_import_while_another_program_holds_the_write_lock_says_what_was_not_saved(
    qtbot, database, db_path, monkeypatch
):
    """The worker's own connection meets the lock: one Chinese message naming the action,
    the views told to reload, nothing saved, nothing on the undo stack."""
    import sqlite3

    pragmas = dict(database._pragmas)
    pragmas["busy_timeout"] = 50
    monkeypatch.setattr(database, "_pragmas", list(pragmas.items()))
    monkeypatch.setattr(database, "_timeout", 0.05)
    runner = CommandRunner()
    warnings, reloads = [], []
    runner.warn = lambda parent, title, text: warnings.append(text)
    runner.retry = lambda parent, title, text: warnings.append(text) and False  # 取消
    runner.bug = lambda parent, title, text: pytest.fail(f"{title}: {text}")
    runner.hub.changed.connect(lambda change: reloads.append(change.reload))
    other = sqlite3.connect(db_path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        command = ImportPlansCommand(runner.hub, parse_of(5), [0], "")
        assert runner.run_in_worker(command, "正在保存导入的方案…") is False
    finally:
        other.rollback()
        other.close()
    assert len(warnings) == 1 and warnings[0].startswith(
        "无法保存“导入方案”：数据库正被其他程序占用"
    )
    assert reloads == [True]
    assert plan_summaries() == [] and runner.stack.count() == 0


def test_an_import_that_met_the_write_lock_is_saved_on_retry(qtbot, database, db_path, monkeypatch):
    """重试 after the other program let go: the same import is saved once, undoable."""
    import sqlite3

    pragmas = dict(database._pragmas)
    pragmas["busy_timeout"] = 50
    monkeypatch.setattr(database, "_pragmas", list(pragmas.items()))
    monkeypatch.setattr(database, "_timeout", 0.05)
    runner = CommandRunner()
    asked = []
    other = sqlite3.connect(db_path, timeout=0)
    other.execute("BEGIN IMMEDIATE")

    def retry_after_release(parent, title, text):
        asked.append(text)
        other.rollback()  # the other program finishes; the user presses 重试
        return True

    runner.retry = retry_after_release
    runner.bug = lambda parent, title, text: pytest.fail(f"{title}: {text}")
    try:
        command = ImportPlansCommand(runner.hub, parse_of(5), [0], "")
        assert runner.run_in_worker(command, "正在保存导入的方案…") is True
    finally:
        other.close()
    assert len(asked) == 1 and "数据库正被其他程序占用" in asked[0] and "重试" in asked[0]
    assert len(plan_summaries()) == 1 and runner.stack.count() == 1


def test_workers_reuse_one_progress_dialog_and_build_no_qobject(qtbot):
    """Each new QObject Qt calls back into keeps None referenced for good in PySide6 6.11
    (tests/ui/test_none_per_object.py): workers share the host's dialog and event loop."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    dialogs = []

    def work(worker):
        worker.report(1, 2)
        return worker.dialog

    for _ in range(3):
        worker = Worker(parent, "测试", "正在处理…", work)
        assert not isinstance(worker, QObject)
        dialogs.append(worker.run())
    assert dialogs[0] is not None and all(dialog is dialogs[0] for dialog in dialogs)
    assert len(parent.findChildren(QProgressDialog)) == 1
    assert not dialogs[0].isVisible() and not dialogs[0].wasCanceled()
