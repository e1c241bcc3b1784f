"""台账 view: every task across plans in a sortable table with lights and filters (plan,
lead unit, leader, status, deadline window, text with pinyin initials).  Double-click opens
the task in the tree (`task_activated`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.ledger_queries import latest_progress_texts, task_facts
from desktop.ledger.overdue import DEFAULT_BUCKETS, Buckets
from desktop.ledger.status import STATUS_LABELS
from desktop.ledger.table import WINDOWS, LedgerFilter, choices, make_rows
from desktop.operations import Change
from desktop.ui.ledger_model import (
    DAYS,
    DEADLINE,
    ID,
    LEADERS,
    PLAN,
    STATUS,
    TASK_ID_ROLE,
    TITLE,
    UNITS,
    LedgerTableModel,
)

ALL = "（全部）"


class LedgerView(QWidget):
    task_activated = Signal(int)  # a task id, on double-click or Enter

    def __init__(
        self, today: date | None = None, buckets: Buckets = DEFAULT_BUCKETS, parent=None
    ) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.buckets = buckets
        self.model = LedgerTableModel(self)
        self._filling = False
        self._build_layout()
        self._connect_callbacks()

    def _build_layout(self) -> None:
        self.plan_box, self.unit_box, self.leader_box = QComboBox(), QComboBox(), QComboBox()
        self.status_box, self.window_box = QComboBox(), QComboBox()
        for box in (self.plan_box, self.unit_box, self.leader_box):
            box.setMinimumContentsLength(8)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.status_box.addItem(ALL, "")
        for key, name in STATUS_LABELS.items():
            self.status_box.addItem(name, key)
        for key, name in WINDOWS.items():
            self.window_box.addItem(name, key)
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索任务、领导、单位、进展（可用拼音首字母）")
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()

        filters = QHBoxLayout()
        for caption, widget in (
            ("方案", self.plan_box), ("牵头单位", self.unit_box), ("牵头领导", self.leader_box),
            ("状态", self.status_box), ("期限", self.window_box),
        ):  # fmt: skip
            filters.addWidget(QLabel(caption))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((ID, 56), (PLAN, 150), (TITLE, 220), (LEADERS, 110),
                              (UNITS, 150), (DEADLINE, 120), (DAYS, 90), (STATUS, 96)):  # fmt: skip
            self.table.setColumnWidth(column, width)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def _connect_callbacks(self) -> None:
        for box in (self.plan_box, self.unit_box, self.leader_box, self.status_box,
                    self.window_box):  # fmt: skip
            box.currentIndexChanged.connect(self._apply_filter)
        self.search.textChanged.connect(self._apply_filter)
        self.table.doubleClicked.connect(self._on_activated)

    # ----- contents ----------------------------------------------------------------------
    def reload(self) -> None:
        """Read every task again (on opening, after an import or a change of plans)."""
        rows = make_rows(task_facts(), self.today, self.buckets, latest_progress_texts())
        self.model.set_rows(rows)
        self._fill_choices()
        self._show_count()

    def apply_change(self, change: Change) -> None:
        """Follow what an operation changed: plans reload, single tasks are replaced."""
        if change.plans:
            self.reload()
            return
        if not change.nodes:
            return
        facts = task_facts(node_ids=change.nodes)
        present = {task.id for task in facts}
        texts = latest_progress_texts(change.nodes)
        rows = make_rows(facts, self.today, self.buckets, texts)
        self.model.replace_rows(rows, removed=set(change.nodes) - present)
        if change.directory:
            self._fill_choices()
        self._show_count()

    def select_task(self, task_id: int) -> bool:
        row = self.model.row_of_task(task_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def current_task_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.data(index, TASK_ID_ROLE) if index.isValid() else None

    # ----- filters -----------------------------------------------------------------------
    def current_filter(self) -> LedgerFilter:
        return LedgerFilter(
            plan_id=self.plan_box.currentData(),
            unit=self.unit_box.currentData() or "",
            leader=self.leader_box.currentData() or "",
            status=self.status_box.currentData() or "",
            window=self.window_box.currentData() or "all",
            text=self.search.text(),
        )

    def _fill_choices(self) -> None:
        offered = choices(self.model.all_rows())
        self._filling = True
        try:
            for box, items in (
                (self.plan_box, [(title, plan_id) for plan_id, title in offered.plans]),
                (self.unit_box, [(name, name) for name in offered.units]),
                (self.leader_box, [(name, name) for name in offered.leaders]),
            ):
                chosen = box.currentData()
                box.clear()
                box.addItem(ALL, None)
                for text, data in items:
                    box.addItem(text, data)
                position = box.findData(chosen) if chosen is not None else 0
                box.setCurrentIndex(max(position, 0))
        finally:
            self._filling = False
        self._apply_filter()

    def _apply_filter(self, *_args) -> None:
        if self._filling:
            return
        self.model.set_filter(self.current_filter())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.all_rows())
        self.count_label.setText(
            f"共 {total} 项任务" if shown == total else f"显示 {shown} / {total} 项任务"
        )

    def _on_activated(self, index: QModelIndex) -> None:
        task_id = self.model.data(index, TASK_ID_ROLE)
        if task_id is not None:
            self.task_activated.emit(task_id)
