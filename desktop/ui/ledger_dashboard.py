"""统计: counts and completion rates by plan, lead unit or leader as of a date, compared with
an earlier date (回头看), a stacked bar chart and the overdue list.  Computed by
desktop.ledger.report.dashboard, the same function behind `report --json`."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db.ledger_queries import evaluations, plan_titles
from desktop.ledger.evaluation import evaluation_lines, format_rate
from desktop.ledger.report import GROUPINGS, Dashboard, dashboard
from desktop.ledger.statistics import Difference
from desktop.ledger.status import label
from desktop.ui.ledger_dialogs import date_edit

CHART_GROUPS = 12
COLOURS = {"finished": "#2e9d4a", "open": "#9aa5b1", "overdue": "#d0312d"}


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


class GroupTableModel(QAbstractTableModel):
    """One row per plan, unit or leader: tasks, done, closed, overdue, completion rate, and
    with an earlier date its rate then and what changed."""

    BASE = ("名称", "任务", "已完成", "已销号", "超期", "完成率")
    COMPARED = ("对比日完成率", "新完成", "超期增减")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: list[Difference] = []
        self._compared = False

    def set_groups(self, groups: list[Difference], compared: bool) -> None:
        self.beginResetModel()
        self._groups, self._compared = list(groups), compared
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._groups)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid():
            return 0
        return len(self.BASE) + (len(self.COMPARED) if self._compared else 0)

    def _values(self, group: Difference) -> list:
        now = group.later
        values = [
            group.name,
            now.tasks,
            now.done,
            now.closed,
            now.overdue,
            format_rate(now.completion_rate),
        ]
        if self._compared:
            values += [
                format_rate(group.earlier.completion_rate),
                _signed(group.newly_finished),
                _signed(group.overdue_change),
            ]
        return values

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._groups):
            return None
        value = self._values(self._groups[index.row()])[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4 and value:
            return QColor(COLOURS["overdue"])
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = self.BASE + (self.COMPARED if self._compared else ())
        return headers[section] if 0 <= section < len(headers) else None


class LedgerDashboard(QWidget):
    task_activated = Signal(int)

    def __init__(self, today: date | None = None, parent=None) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.data: Dashboard | None = None
        self.groups = GroupTableModel(self)
        self._build_layout()
        self._connect_callbacks()

    def _build_layout(self) -> None:
        self.as_of = date_edit(self.today)
        self.compare = QCheckBox("对比")
        self.earlier = date_edit(self.today - timedelta(days=30))
        self.earlier.setEnabled(False)
        self.grouping = QComboBox()
        for key, caption in GROUPINGS.items():
            self.grouping.addItem(caption, key)
        self.grouping.setCurrentIndex(self.grouping.findData("unit"))
        controls = QHBoxLayout()
        for widget in (QLabel("截至"), self.as_of, self.compare, self.earlier, self.grouping):
            controls.addWidget(widget)
        controls.addStretch(1)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.groups)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.chart = QChart()
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumSize(460, 300)
        self.overdue = QTableWidget(0, 5)
        self.overdue.setHorizontalHeaderLabels(["编号", "整改任务", "牵头单位", "完成时限", "超期"])
        self.overdue.verticalHeader().setVisible(False)
        self.overdue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdue.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.overdue.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        row_height = self.fontMetrics().height() + 10
        for table in (self.table, self.overdue):
            table.verticalHeader().setDefaultSectionSize(row_height)
        self.overdue_caption = QLabel()

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.overdue_caption)
        lower_layout.addWidget(self.overdue, 3)
        self.evaluations = QTableWidget(0, 8)
        self.evaluations.setHorizontalHeaderLabels(
            ["评议对象", "日期", "好", "较好", "一般", "差", "好与较好率", "是否达到 80%"]
        )
        self.evaluations.verticalHeader().setVisible(False)
        self.evaluations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        eval_header = self.evaluations.horizontalHeader()
        eval_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        eval_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.evaluations_caption = QLabel("评议")
        lower_layout.addWidget(self.evaluations_caption)
        lower_layout.addWidget(self.evaluations, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.table)
        top.addWidget(self.chart_view)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 1)
        splitter.addWidget(top)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def _connect_callbacks(self) -> None:
        self.as_of.dateChanged.connect(self.refresh)
        self.earlier.dateChanged.connect(self.refresh)
        self.compare.toggled.connect(self.earlier.setEnabled)
        self.compare.toggled.connect(self.refresh)
        self.grouping.currentIndexChanged.connect(self.refresh)
        self.overdue.cellDoubleClicked.connect(self._on_overdue_activated)

    # ----- contents ----------------------------------------------------------------------
    def refresh(self, *_args) -> Dashboard:
        earlier = self.earlier.date().toPython() if self.compare.isChecked() else None
        self.data = dashboard(
            self.as_of.date().toPython(), earlier, self.grouping.currentData(), today=self.today
        )
        self._show(self.data)
        return self.data

    def _show(self, data: Dashboard) -> None:
        summary = data.summary
        counts = " · ".join(f"{label(key)} {n}" for key, n in summary.by_status.items())
        text = (
            f"截至 {chinese_date(summary.as_of)}：共 {summary.total.tasks} 项任务，{counts}；"
            f"超期 {len(summary.overdue)} 项；完成率 {format_rate(summary.total.completion_rate)}"
        )
        if data.earlier is not None:
            before = data.earlier
            text += (
                f"。对比 {chinese_date(before.as_of)}：完成率 "
                f"{format_rate(before.total.completion_rate)}，超期 {len(before.overdue)} 项"
            )
        self.summary.setText(text)
        self.groups.set_groups(data.groups, data.earlier is not None)
        self._show_chart(data)
        self._show_overdue(data)
        self._show_evaluations(data)

    def _show_chart(self, data: Dashboard) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        groups = sorted(data.groups, key=lambda g: -g.later.tasks)[:CHART_GROUPS][::-1]
        sets = {
            key: QBarSet(name)
            for key, name in (
                ("finished", "已完成（含销号）"),
                ("open", "未完成"),
                ("overdue", "超期"),
            )
        }
        for key, bar_set in sets.items():
            bar_set.setColor(QColor(COLOURS[key]))
        for group in groups:
            tally = group.later
            finished = tally.done + tally.closed
            sets["finished"].append(finished)
            sets["open"].append(tally.tasks - finished - tally.overdue)
            sets["overdue"].append(tally.overdue)
        series = QHorizontalStackedBarSeries()
        for bar_set in sets.values():
            series.append(bar_set)
        self.chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([g.name[:14] for g in groups])
        names.setTruncateLabels(False)
        counts = QValueAxis()
        counts.setLabelFormat("%d")
        most = max([g.later.tasks for g in groups] or [1])
        counts.setRange(0, most)
        if most <= 10:
            counts.setTickCount(most + 1)
        else:
            counts.applyNiceNumbers()
        self.chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(counts, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        series.attachAxis(counts)
        self.chart.setTitle(f"{GROUPINGS[data.by]}完成情况")

    def _show_overdue(self, data: Dashboard) -> None:
        self.overdue_caption.setText(f"超期任务（{len(data.overdue)} 项，按超期天数排列）")
        self.overdue.setRowCount(len(data.overdue))
        for row, item in enumerate(data.overdue):
            task = item.task
            values = (
                str(task.id),
                task.title,
                "、".join(task.lead_units),
                task.deadline_text or task.due_date.isoformat(),
                f"{item.days_over} 天",
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, task.id)
                self.overdue.setItem(row, column, cell)

    def _show_evaluations(self, data: Dashboard) -> None:
        lines = evaluation_lines(evaluations(), plan_titles())
        flagged = sum(1 for line in lines if line.votes.flagged)
        self.evaluations_caption.setText(
            f"评议（{len(lines)} 次" + (f"，{flagged} 次低于 80%）" if flagged else "）")
        )
        self.evaluations.setRowCount(len(lines))
        for row, line in enumerate(lines):
            votes = line.votes
            values = (line.subject, line.date.isoformat(), votes.good, votes.fairly_good,
                      votes.average, votes.poor, format_rate(votes.rate),
                      "未达到" if votes.flagged else "达到")  # fmt: skip
            for column, value in enumerate(values):
                cell = QTableWidgetItem(str(value))
                if votes.flagged and column >= 6:
                    cell.setForeground(QColor(COLOURS["overdue"]))
                self.evaluations.setItem(row, column, cell)

    def _on_overdue_activated(self, row: int, _column: int) -> None:
        cell = self.overdue.item(row, 0)
        if cell is not None:
            self.task_activated.emit(cell.data(Qt.ItemDataRole.UserRole))
