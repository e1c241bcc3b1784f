"""The 台账 menu: 销号…, 撤销销号…, 添加进展…, 申请延期…, 评议…, 台账一览, 经办人….  The main
window installs it with `install_ledger_menu(window)` after its own menus exist, and sends
every status change (状态 menu, the editor's status box) to `LedgerMenu.set_status`, so each
is kept with date and clerk; `ask_clerk_if_needed(window)` asks the clerk's name once on the
first interactive start.

The window is expected to offer: menuBar(), hub, run(command), current_item(),
current_plan_id(), select_node(id), editor.flush().
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QVBoxLayout,
)

from db.ledger_queries import latest_progress_texts, task_facts
from db.queries import load_directory
from db.records import NodeRecord
from desktop.ledger.clerk import current_clerk, needs_asking
from desktop.ledger.status import label
from desktop.operations import OperationError
from desktop.operations.ledger_commands import (
    AddProgressCommand,
    CloseOutCommand,
    EvaluationCommand,
    ExtensionCommand,
    ReopenCommand,
    SetStatusCommand,
)
from desktop.operations.ledger_ops import set_clerk
from desktop.ui import read_only
from desktop.ui.tree_items import ItemKind, NodeItem

NO_TASK = "请先在左侧选中一项整改任务。"


def install_ledger_menu(window) -> LedgerMenu:
    """Add the ledger actions to the window's 台账 menu (created if missing); once."""
    menu = getattr(window, "ledger_menu", None)
    if not isinstance(menu, LedgerMenu):
        menu = LedgerMenu(window)
        window.ledger_menu = menu
    return menu


def interactive() -> bool:
    """Whether someone can answer a dialog: not a scripted start (LEDGER_QUIT_AFTER_MS) and
    not a screen-less platform (offscreen, minimal: tests, smoke runs)."""
    from PySide6.QtGui import QGuiApplication

    from desktop.smoke import quit_after_from_environment

    platform = QGuiApplication.platformName()
    return quit_after_from_environment() is None and platform not in ("offscreen", "minimal")


def ask_clerk_if_needed(window, ask: bool | None = None) -> bool:
    """On the first interactive start: ask who keeps the ledger (the OS user name offered)
    and keep the answer.  Nothing is asked when a name is kept already or nobody can answer
    (`ask` None: see interactive()); records then carry the OS user name.  True if asked."""
    if not needs_asking() or not (interactive() if ask is None else ask):
        return False
    from desktop.ui.ledger_dialogs import ClerkDialog  # not at every start: only when asking

    name = ClerkDialog.ask(window, current_clerk())
    set_clerk(name or current_clerk() or "经办人")
    return True


class LedgerWindow(QDialog):
    """台账一览: the ledger view in a window of its own, beside the main window."""

    def __init__(self, parent=None, today: date | None = None) -> None:
        from desktop.ui.ledger_view import LedgerView  # loaded on first use: start-up stays light

        super().__init__(parent)
        self.setWindowTitle("台账一览")
        self.resize(1100, 640)
        self.view = LedgerView(today=today, parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)


class DashboardWindow(QDialog):
    """统计与回头看: the dashboard in a window of its own."""

    def __init__(self, parent=None, today: date | None = None) -> None:
        from desktop.ui.ledger_dashboard import LedgerDashboard  # QtCharts on first use

        super().__init__(parent)
        self.setWindowTitle("统计与回头看")
        self.resize(1100, 720)
        self.board = LedgerDashboard(today=today, parent=self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.board)


class LedgerMenu(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.today = date.today
        self.ledger_window: LedgerWindow | None = None
        self.dashboard_window: DashboardWindow | None = None
        self.menu = self._find_menu() or window.menuBar().addMenu("台账(&L)")
        make = self._make
        self.close_out = make("销号…", self.ask_close_out)
        self.reopen = make("撤销销号…", self.ask_reopen)
        self.add_progress = make("添加进展…", self.ask_progress)
        self.extension = make("延期申请…", self.ask_extension)
        self.plan_evaluation = make("方案评议…", self.ask_plan_evaluation)
        self.leader_evaluation = make("领导评议…", self.ask_leader_evaluation)
        self.overview = make("台账一览", self.show_ledger, "Ctrl+L")
        self.statistics = make("统计与回头看", self.show_dashboard)
        self.bulletin = make("导出通报…", self.ask_bulletin)
        self.reminders = make("生成催办单…", self.ask_reminders)
        self.clerk = make("经办人…", self.ask_clerk)
        self.menu.addActions([self.close_out, self.reopen, self.add_progress, self.extension])
        self.menu.addSeparator()
        self.menu.addActions([self.plan_evaluation, self.leader_evaluation])
        self.menu.addSeparator()
        self.menu.addActions([self.overview, self.statistics])
        self.menu.addActions([self.bulletin, self.reminders])
        self.menu.addSeparator()
        self.menu.addAction(self.clerk)
        self.menu.aboutToShow.connect(self.update_enabled)
        window.hub.changed.connect(self._on_change)

    def _find_menu(self) -> QMenu | None:
        for action in self.window.menuBar().actions():
            if action.menu() is not None and action.text().startswith("台账"):
                return action.menu()
        return None

    def _make(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # ----- the selected task -------------------------------------------------------------
    def current_task(self) -> NodeRecord | None:
        item = self.window.current_item()
        if isinstance(item, NodeItem) and item.kind == ItemKind.TASK:
            return item.record
        return None

    def _task_or_warn(self) -> NodeRecord | None:
        self.window.editor.flush()
        task = self.current_task()
        if task is None:
            QMessageBox.information(self.window, "台账", NO_TASK)
        return task

    def update_enabled(self) -> None:
        task = self.current_task()
        status = task.status if task else ""
        self.close_out.setEnabled(status == "done")
        self.reopen.setEnabled(status == "closed")
        self.add_progress.setEnabled(task is not None)
        self.extension.setEnabled(task is not None and status not in ("done", "closed"))
        self.plan_evaluation.setEnabled(self.window.current_plan_id() is not None)
        read_only.disable_editing(self.window)  # 只读打开: nothing that writes

    # ----- actions -----------------------------------------------------------------------
    def set_status(self, status: str) -> None:
        """The selected task's status: a recorded SetStatusCommand through the window's
        runner; 已销号 opens the 销号 dialog (refused with a hint unless the task is done);
        leaving 已销号 asks for the reason (撤销销号)."""
        task = self._task_or_warn()
        if task is None or task.status == status:
            return
        if status == "closed":
            self.ask_close_out()
        elif task.status == "closed":
            self.ask_reopen(status)
        else:
            command = SetStatusCommand(self.window.hub, task.id, status, current_clerk(),
                                       version=task.version, seen=task.status)  # fmt: skip
            self.window.run(command)

    def ask_close_out(self) -> None:
        from desktop.ui.ledger_dialogs import CloseOutDialog

        task = self._task_or_warn()
        if task is None:
            return
        if task.status != "done":
            QMessageBox.information(
                self.window,
                "销号",
                f"只有“已完成”的任务才能销号，该任务当前为“{label(task.status)}”。",
            )
            return
        values = CloseOutDialog.ask(self.window, task.title, current_clerk(), self.today())
        if values is not None:
            self.window.run(
                CloseOutCommand(self.window.hub, task.id, values.verifier, current_clerk(),
                                values.date, values.note, values.evidence)
            )  # fmt: skip

    def ask_reopen(self, status: str | None = None) -> None:
        from desktop.ui.ledger_dialogs import ReopenDialog

        task = self._task_or_warn()
        if task is None or task.status != "closed":
            return
        values = ReopenDialog.ask(self.window, task.title, self.today())
        if values is not None:
            to = status or values.status
            self.window.run(
                ReopenCommand(self.window.hub, task.id, values.reason, current_clerk(),
                              values.date, to)
            )  # fmt: skip

    def ask_progress(self) -> None:
        from desktop.ui.ledger_dialogs import ProgressDialog

        task = self._task_or_warn()
        if task is None:
            return
        units = [unit.name for unit in task.lead_units]
        units += [u.name for u in load_directory().units if u.name not in units]
        values = ProgressDialog.ask(self.window, task.title, units, self.today())
        if values is not None:
            self.window.run(
                AddProgressCommand(self.window.hub, task.id, values.text, current_clerk(),
                                   values.date, values.unit)
            )  # fmt: skip

    def ask_extension(self) -> None:
        from desktop.ui.ledger_dialogs import ExtensionDialog

        task = self._task_or_warn()
        if task is None:
            return
        values = ExtensionDialog.ask(
            self.window, task.title, task.due_date, task.deadline_text, self.today()
        )
        if values is not None:
            self.window.run(
                ExtensionCommand(self.window.hub, task.id, values.new_due, values.reason,
                                 current_clerk(), values.approver, values.date)
            )  # fmt: skip

    def ask_plan_evaluation(self) -> None:
        from desktop.ui.ledger_dialogs import EvaluationDialog

        plan_id = self.window.current_plan_id()
        if plan_id is None:
            QMessageBox.information(self.window, "评议", "请先在左侧选中一个方案。")
            return
        item = self.window.current_item()
        title = item.plan_item().title if isinstance(item, NodeItem) else item.title
        values = EvaluationDialog.ask(self.window, title, self.today())
        if values is not None:
            self.window.run(
                EvaluationCommand(self.window.hub, values.votes, current_clerk(), values.date,
                                  plan_id=plan_id, note=values.note)
            )  # fmt: skip

    def ask_leader_evaluation(self) -> None:
        from desktop.ui.ledger_dialogs import EvaluationDialog

        names = [person.name for person in load_directory().people]
        if not names:
            QMessageBox.information(self.window, "评议", "人员名录中还没有领导。")
            return
        task = self.current_task()
        first = names.index(task.leaders[0]) if task and task.leaders else 0
        leader, ok = QInputDialog.getItem(self.window, "领导评议", "评议对象", names, first, False)
        if not ok:
            return
        values = EvaluationDialog.ask(self.window, leader, self.today())
        if values is not None:
            self.window.run(
                EvaluationCommand(self.window.hub, values.votes, current_clerk(), values.date,
                                  leader=leader, note=values.note)
            )  # fmt: skip

    def ask_clerk(self) -> None:
        from desktop.ui.ledger_dialogs import ClerkDialog

        name = ClerkDialog.ask(self.window, current_clerk())
        if name:
            try:
                set_clerk(name)
            except OperationError as error:
                QMessageBox.warning(self.window, "经办人", str(error))

    def ask_bulletin(self) -> Path | None:
        """导出通报: the summary as of today (or as the open dashboard shows it)."""
        from desktop.exporting.safe_write import ExportError
        from desktop.ledger.bulletin import chinese_date, write_bulletin_docx, write_bulletin_xlsx
        from desktop.ledger.report import dashboard

        board = self.dashboard_window.board if self.dashboard_window is not None else None
        data = board.data if board is not None and board.data is not None else dashboard(
            today=self.today()
        )  # fmt: skip
        name = f"整改任务落实情况通报（截至{chinese_date(data.summary.as_of)}）.xlsx"
        path, _filter = QFileDialog.getSaveFileName(
            self.window, "导出通报", name, "Excel 工作簿 (*.xlsx);;Word 文档 (*.docx)"
        )
        if not path:
            return None
        target = Path(path)
        write = write_bulletin_docx if target.suffix.lower() == ".docx" else write_bulletin_xlsx
        if target.suffix.lower() not in (".xlsx", ".docx"):
            target = target.with_suffix(".xlsx")
        try:
            written = write(data, target)
        except ExportError as error:
            QMessageBox.warning(self.window, "导出通报", str(error))
            return None
        self.window.statusBar().showMessage(f"已导出通报：{written}", 8000)
        return written

    def ask_reminders(self) -> list[Path]:
        """生成催办单: one workbook per lead unit with overdue or due-soon tasks."""
        from desktop.exporting.safe_write import ExportError
        from desktop.ledger.bulletin import reminder_rows, write_reminders
        from desktop.ledger.table import make_rows

        folder = QFileDialog.getExistingDirectory(self.window, "催办单保存到")
        if not folder:
            return []
        today = self.today()
        rows = make_rows(task_facts(), today, progress=latest_progress_texts())
        if not reminder_rows(rows):
            QMessageBox.information(
                self.window, "催办单", "目前没有超期或即将到期的任务，无需催办。"
            )
            return []
        try:
            written = write_reminders(rows, today, Path(folder))
        except ExportError as error:
            QMessageBox.warning(self.window, "催办单", str(error))
            return []
        QMessageBox.information(
            self.window, "催办单", f"已在“{folder}”生成 {len(written)} 份催办单。"
        )
        return written

    def show_ledger(self) -> LedgerWindow:
        if self.ledger_window is None:
            self.ledger_window = LedgerWindow(self.window)
            self.ledger_window.view.task_activated.connect(self._open_task)
        self.ledger_window.view.reload()
        self.ledger_window.show()
        self.ledger_window.raise_()
        return self.ledger_window

    def show_dashboard(self) -> DashboardWindow:
        if self.dashboard_window is None:
            self.dashboard_window = DashboardWindow(self.window)
            self.dashboard_window.board.task_activated.connect(self._open_task)
        self.dashboard_window.board.refresh()
        self.dashboard_window.show()
        self.dashboard_window.raise_()
        return self.dashboard_window

    def _open_task(self, task_id: int) -> None:
        self.window.select_node(task_id)
        self.window.raise_()
        self.window.activateWindow()

    def _on_change(self, change) -> None:
        if self.ledger_window is not None and self.ledger_window.isVisible():
            self.ledger_window.view.apply_change(change)
        if self.dashboard_window is not None and self.dashboard_window.isVisible():
            self.dashboard_window.board.refresh()
