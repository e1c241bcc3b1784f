"""The task editor's 进展情况 and 修改记录 tabs: what was recorded about one task, newest first.

`TaskLedgerPanel.show_task(task_id)` fills both tabs; the lead adds the panel (or its two
tables) to the node editor and calls `show_task` when the selection or the task changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.ledger_queries import task_history
from db.ledger_records import TaskHistory
from desktop.ledger.history import IMPORT_FIELD
from desktop.ledger.status import label

FIELD_LABELS = {
    "title": "任务名称", "text": "整改措施", "problem": "存在问题", "goal": "整改目标",
    "deadline_text": "完成时限", "due_date": "完成日期", "status": "状态", "remarks": "备注",
    "leaders": "牵头领导", "lead_units": "牵头单位", "support_units": "配合单位",
    "kind": "类型", "closed_by": "销号人", "closed_at": "销号时间",
}  # fmt: skip


def _table(headers: list[str], stretch: tuple[int, ...]) -> QTableWidget:
    """A read-only table; the `stretch` columns (long texts) share the width and wrap, the
    others fit their contents, so 经办人 stays in view beside a long 新内容."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


def progress_rows(history: TaskHistory) -> list[tuple[str, ...]]:
    """Progress reports, newest first: 日期 · 报送单位 · 进展情况 · 经办人."""
    return [(p.date.isoformat(), p.unit, p.text, p.recorded_by) for p in reversed(history.progress)]


def _stamp(value) -> str:
    return value.isoformat(" ") if value is not None else ""


def change_rows(history: TaskHistory) -> list[tuple[str, ...]]:
    """Every recorded change, newest first: 日期 · 事项 · 原内容 · 新内容 · 经办人 (field
    edits, status changes, extensions, close-outs and reopenings in one list), ordered by the
    date of the event, then by when it was entered."""
    rows: list[tuple[tuple[str, str], tuple[str, ...]]] = []
    worded = {c.changed_at for c in history.field_changes if c.field == "deadline_text"}
    for c in history.field_changes:
        if c.field == "due_date" and c.changed_at in worded:
            continue  # the date follows the wording, shown once
        day = _stamp(c.changed_at)[:10]
        if c.field == IMPORT_FIELD:
            rows.append(((day, _stamp(c.changed_at)), (day, "导入", "", c.new_value, c.who)))
            continue
        name = FIELD_LABELS.get(c.field, c.field)
        rows.append(((day, _stamp(c.changed_at)),
                     (day, f"修改{name}", c.old_value, c.new_value, c.who)))  # fmt: skip
    for s in history.status_changes:
        if "closed" in (s.from_status, s.to_status):
            continue  # shown by its close-out or reopening below
        what = "设置状态" + (f"（{s.note}）" if s.note else "")
        day = s.date.isoformat()
        rows.append(((day, _stamp(s.recorded_at)),
                     (day, what, label(s.from_status), label(s.to_status), s.who)))  # fmt: skip
    for e in history.extensions:
        what = f"延期申请：{e.reason}" + (f"（批准人：{e.approver}）" if e.approver else "")
        old = e.old_deadline_text or (e.old_due_date.isoformat() if e.old_due_date else "")
        day = e.date.isoformat()
        rows.append(((day, _stamp(e.recorded_at)),
                     (day, what, old, e.new_deadline_text, e.who)))  # fmt: skip
    for o in history.close_outs:
        detail = "；".join(x for x in (o.note, o.evidence and f"佐证：{o.evidence}") if x)
        what = f"销号（核验人：{o.verifier}）" + (f"：{detail}" if detail else "")
        day = o.date.isoformat()
        rows.append(((day, _stamp(o.recorded_at)), (day, what, "已完成", "已销号", o.who)))
        if o.reopened_on:
            day = o.reopened_on.isoformat()
            what = f"撤销销号：{o.reopen_reason}"
            rows.append(((day, "~"), (day, what, "已销号", "", o.reopened_by)))
    order = sorted(range(len(rows)), key=lambda n: (rows[n][0], n), reverse=True)
    return [rows[n][1] for n in order]


class TaskLedgerPanel(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = _table(["日期", "报送单位", "进展情况", "经办人"], stretch=(2,))
        self.changes = _table(["日期", "事项", "原内容", "新内容", "经办人"], stretch=(1, 2, 3))
        for table, caption in ((self.progress, "进展情况"), (self.changes, "修改记录")):
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 4, 0, 0)
            layout.addWidget(table)
            self.addTab(page, caption)
        self.task_id: int | None = None

    def show_task(self, task_id: int | None) -> None:
        self.task_id = task_id
        history = task_history(task_id) if task_id is not None else TaskHistory()
        _fill(self.progress, progress_rows(history))
        _fill(self.changes, change_rows(history))
