"""The ledger table model: every task across plans, with lights, filtered and sorted in
the model itself over precomputed keys (no per-row Python callbacks from a proxy)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.ledger.overdue import URGENCY_LABELS
from desktop.ledger.status import label
from desktop.ledger.table import LedgerFilter, LedgerRow, filter_rows, normalized
from desktop.ui.icons import icon

TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("编号", "方案", "整改任务", "牵头领导", "牵头单位", "完成时限", "剩余天数", "状态",
           "最新进展")  # fmt: skip
ID, PLAN, TITLE, LEADERS, UNITS, DEADLINE, DAYS, STATUS, PROGRESS = range(len(COLUMNS))
OVERDUE_COLOUR = QColor("#b3261e")
FAR_AWAY = 10**6


def _display(row: LedgerRow, column: int) -> str:
    task = row.task
    if column == ID:
        return str(task.id)
    if column == PLAN:
        return task.plan_title
    if column == TITLE:
        return task.title
    if column == LEADERS:
        return "、".join(task.leaders)
    if column == UNITS:
        return "、".join(task.lead_units)
    if column == DEADLINE:
        return task.deadline_text or (task.due_date.isoformat() if task.due_date else "")
    if column == DAYS:
        if row.days_left is None or row.urgency in ("finished", "no_deadline"):
            return ""
        return f"超期 {-row.days_left} 天" if row.days_left < 0 else f"{row.days_left} 天"
    if column == STATUS:
        return label(task.status)
    return row.latest_progress.replace("\n", " ")


def _sort_key(row: LedgerRow, column: int):
    task = row.task
    if column == ID:
        return task.id
    if column == DEADLINE:
        return (task.due_date is None, task.due_date.toordinal() if task.due_date else 0)
    if column == DAYS:
        finished = row.urgency in ("finished", "no_deadline") or row.days_left is None
        return FAR_AWAY if finished else row.days_left
    if column == STATUS:
        return ("not_started", "in_progress", "ongoing", "done", "closed").index(task.status)
    return _display(row, column)


class LedgerTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[LedgerRow] = []
        self._keys: list[str] = []  # the rows' search keys, side by side for speed
        self._order: list[int] = []  # every position in _rows, in the order of the sort
        self._visible: list[int] = []  # positions in _rows that pass the filter, in order
        self._filter = LedgerFilter()
        self._sort: tuple[int, Qt.SortOrder] = (ID, Qt.SortOrder.AscendingOrder)

    # ----- contents ----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[LedgerRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._keys = [row.search_key for row in self._rows]
        self._order = self._ordered(range(len(self._rows)))
        self._visible = filter_rows(self._rows, self._filter, self._order, self._keys)
        self.endResetModel()

    def replace_rows(self, rows: Sequence[LedgerRow], removed: set[int] = frozenset()) -> None:
        """Put changed rows in place (by task id), add new ones, drop `removed` ids."""
        by_id = {row.id: row for row in rows}
        kept = [by_id.pop(row.id, row) for row in self._rows if row.id not in removed]
        self.set_rows([*kept, *by_id.values()])

    def set_filter(self, wanted: LedgerFilter) -> None:
        if wanted == self._filter:
            return
        old, typed = self._filter, normalized(wanted.text)
        narrowing = replace(old, text="") == replace(wanted, text="") and typed.startswith(
            normalized(old.text)
        )
        among = self._visible if narrowing else self._order  # a longer text: search within
        self.beginResetModel()
        self._filter = wanted
        self._visible = filter_rows(self._rows, wanted, among, self._keys)
        self.endResetModel()

    def current_filter(self) -> LedgerFilter:
        return self._filter

    def filter_text(self, text: str) -> None:
        self.set_filter(replace(self._filter, text=text))

    def row_at(self, row: int) -> LedgerRow | None:
        return self._rows[self._visible[row]] if 0 <= row < len(self._visible) else None

    def all_rows(self) -> list[LedgerRow]:
        return list(self._rows)

    def visible_ids(self) -> list[int]:
        return [self._rows[position].id for position in self._visible]

    def row_of_task(self, task_id: int) -> int:
        return next((n for n, p in enumerate(self._visible) if self._rows[p].id == task_id), -1)

    def _ordered(self, positions) -> list[int]:
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(
            positions, key=lambda p: (_sort_key(self._rows[p], column), self._rows[p].id),
            reverse=descending,
        )  # fmt: skip

    # ----- Qt overrides ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS and row.light:
            return icon(f"light_{row.light}")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATUS:
                return URGENCY_LABELS.get(row.urgency, "")
            if column == PROGRESS:
                return row.latest_progress or None
            return _display(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == DAYS and row.urgency == "overdue":
            return QBrush(OVERDUE_COLOUR)
        if role == TASK_ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return _sort_key(row, column)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[self._visible[i.row()]].id for i in persistent]
        self._sort = (column, order)
        self._order = self._ordered(range(len(self._rows)))
        self._visible = filter_rows(self._rows, self._filter, self._order, self._keys)
        rows = {self._rows[p].id: n for n, p in enumerate(self._visible)}
        self.changePersistentIndexList(
            persistent,
            [self.index(rows[i], old.column()) for i, old in zip(ids, persistent, strict=True)],
        )
        self.layoutChanged.emit()
