"""文件 → 导出分解表…: variant, columns (remembered), filters, title, destination, progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db.records import PlanRecord
from desktop.exporting import (
    CATALOGUE,
    ExportCancelled,
    ExportError,
    ExportOptions,
    default_columns,
    export_by_leader,
    export_by_unit,
    export_plan,
)
from desktop.exporting.export import Progress, sheet_specs
from desktop.exporting.variants import default_title, file_name
from desktop.ledger.rules import STATUS_LABELS

VARIANTS = (
    ("plan", "按方案"),
    ("unit_sheets", "按牵头单位分表"),
    ("unit_files", "按牵头单位分文件"),
    ("leader", "按牵头领导"),
)
VARIANT_BY = {"plan": "plan", "unit_sheets": "unit", "unit_files": "unit", "leader": "leader"}
SETTINGS_COLUMNS = "export/columns"
SETTINGS_FOLDER = "export/last_folder"
SETTINGS_OPEN = "export/open_after"
SELECTABLE = [column for column in CATALOGUE if column.key not in {"role", "units_public"}]


@dataclass
class ExportRequest:
    """What the user chose: the variant, the options and where to write."""

    variant: str
    options: ExportOptions
    target: Path
    open_after: bool


class ExportDialog(QDialog):
    def __init__(self, plan: PlanRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle("导出分解表")
        self._settings = QSettings()
        self._build()
        self._load_settings()
        self._connect_callbacks()
        self._variant_changed()

    # layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.variant = QComboBox()
        for key, label in VARIANTS:
            self.variant.addItem(label, key)
        self.ledger = QCheckBox("台账（加上状态、最新进展、是否超期）")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(default_title(self.plan))
        form = QFormLayout()
        form.addRow("导出方式", self.variant)
        form.addRow("", self.ledger)
        self.public = QCheckBox("公开版（整改内容、目标、时限、责任单位和进展，不含人名和联系人）")
        form.addRow("", self.public)
        form.addRow("表格标题", self.title_edit)
        self.unit_header = QComboBox()
        self.unit_header.addItems(["牵头单位", "责任单位"])
        form.addRow("单位列表头", self.unit_header)
        self.published_numbers = QCheckBox("序号用方案原编号（方案的任务连续编号时）")
        self.published_numbers.setChecked(True)
        self.published_numbers.setToolTip(
            "勾选时，任务在方案中连续编号（如 4. 5. 6.）则按原编号打印，便于与印发的方案对照；"
            "否则按 1、2、3 顺序编号"
        )
        form.addRow("", self.published_numbers)

        self.columns = QListWidget()
        self.columns.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.columns.setMinimumHeight(220)
        self.up_button, self.down_button = QPushButton("上移"), QPushButton("下移")
        self.reset_button = QPushButton("恢复默认")
        buttons = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch()
        column_box = QGroupBox("列（勾选要打印的列，拖动或上移下移调整顺序）")
        column_layout = QHBoxLayout(column_box)
        column_layout.addWidget(self.columns, 1)
        column_layout.addLayout(buttons)
        self.keep_empty = QCheckBox("保留空白列")
        self.keep_empty.setToolTip("不勾选时，所有任务都没有填写内容的列不打印，以节省纸张")
        buttons.addWidget(self.keep_empty)

        filter_box = QGroupBox("筛选")
        filter_layout = QVBoxLayout(filter_box)
        status_row = QHBoxLayout()
        self.status_boxes: dict[str, QCheckBox] = {}
        for key, label in STATUS_LABELS.items():
            box = QCheckBox(label)
            box.setChecked(True)
            self.status_boxes[key] = box
            status_row.addWidget(box)
        status_row.addStretch()
        self.overdue_only = QCheckBox("仅超期任务")
        self.due_before_box = QCheckBox("完成时限早于")
        self.due_before = QDateEdit(QDate.currentDate().addMonths(1))
        self.due_before.setCalendarPopup(True)
        self.due_before.setDisplayFormat("yyyy年M月d日")
        due_row = QHBoxLayout()
        for widget in (self.overdue_only, self.due_before_box, self.due_before):
            due_row.addWidget(widget)
        due_row.addStretch()
        filter_layout.addLayout(status_row)
        filter_layout.addLayout(due_row)

        self.target = QLineEdit()
        self.browse_button = QPushButton("浏览…")
        target_row = QHBoxLayout()
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.browse_button)
        self.open_after = QCheckBox("导出后打开")
        self.preview_button = QPushButton("打印预览…")
        self.preview_button.setToolTip("按导出的分页预览，并可直接打印")
        destination = QFormLayout()
        destination.addRow("保存到", target_row)
        destination.addRow("", self.open_after)
        destination.addRow("", self.preview_button)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(column_box, 1)
        layout.addWidget(filter_box)
        layout.addLayout(destination)
        layout.addWidget(self.buttons)
        self.resize(560, 640)

    def _connect_callbacks(self) -> None:
        self.preview_button.clicked.connect(self._preview)
        self.public.toggled.connect(self._public_toggled)
        self.variant.currentIndexChanged.connect(self._variant_changed)
        self.ledger.toggled.connect(self._ledger_toggled)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.reset_button.clicked.connect(lambda: self._fill_columns(None))
        self.due_before_box.toggled.connect(self.due_before.setEnabled)
        self.browse_button.clicked.connect(self._browse)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    # columns --------------------------------------------------------------------------
    def _fill_columns(self, saved: list[str] | None) -> None:
        """Fill the list from saved `key:1`/`key:0` entries in order, or from the defaults."""
        chosen = {c.key for c in default_columns(self.ledger.isChecked())}
        order = [(c.key, c.key in chosen) for c in SELECTABLE]
        if saved:
            known = {c.key for c in SELECTABLE}
            entries = [e.split(":") for e in saved if e.count(":") == 1]
            remembered = [(k, v == "1") for k, v in entries if k in known]
            seen = {k for k, _ in remembered}
            order = remembered + [(k, on) for k, on in order if k not in seen]
        self.columns.clear()
        headers = {c.key: c.header for c in SELECTABLE}
        for key, on in order:
            item = QListWidgetItem(headers[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.columns.addItem(item)

    def _column_entries(self) -> list[tuple[str, bool]]:
        return [
            (
                self.columns.item(i).data(Qt.ItemDataRole.UserRole),
                self.columns.item(i).checkState() == Qt.CheckState.Checked,
            )
            for i in range(self.columns.count())
        ]

    def chosen_columns(self) -> list[str]:
        return [key for key, on in self._column_entries() if on]

    def set_columns(self, keys: list[str]) -> None:
        """Check exactly `keys`, in that order, before the unchecked rest."""
        rest = [c.key for c in SELECTABLE if c.key not in keys]
        self._fill_columns([f"{k}:1" for k in keys] + [f"{k}:0" for k in rest])

    def _move(self, step: int) -> None:
        row = self.columns.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.columns.count():
            return
        item = self.columns.takeItem(row)
        self.columns.insertItem(target, item)
        self.columns.setCurrentRow(target)

    def _ledger_toggled(self, on: bool) -> None:
        ledger_keys = {"status", "progress", "overdue"}
        for i in range(self.columns.count()):
            item = self.columns.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in ledger_keys:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.title_edit.setPlaceholderText(default_title(self.plan, on))

    # destination ----------------------------------------------------------------------
    def _per_file(self) -> bool:
        return self.variant.currentData() == "unit_files"

    def _variant_changed(self) -> None:
        folder = Path(self._settings.value(SETTINGS_FOLDER, str(Path.home())))
        current = self.target.text().strip()
        if current:
            folder = (
                Path(current)
                if self._per_file() and not current.endswith(".xlsx")
                else (Path(current).parent)
            )
        if self._per_file():
            self.target.setText(str(folder / file_name(default_title(self.plan), set())[:-5]))
        else:
            self.target.setText(str(folder / file_name(default_title(self.plan), set())))

    def _browse(self) -> None:
        current = self.target.text().strip()
        if self._per_file():
            chosen = QFileDialog.getExistingDirectory(self, "选择保存各单位分解表的文件夹", current)
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "保存分解表", current, "Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)"
            )
            if chosen and not chosen.lower().endswith((".xlsx", ".pdf")):
                chosen += ".xlsx"
        if chosen:
            self.target.setText(chosen)

    # result ---------------------------------------------------------------------------
    def request(self) -> ExportRequest:
        statuses = frozenset(k for k, box in self.status_boxes.items() if box.isChecked())
        due = self.due_before.date() if self.due_before_box.isChecked() else None
        options = ExportOptions(
            columns=self.chosen_columns(),
            ledger=self.ledger.isChecked(),
            title=self.title_edit.text().strip(),
            statuses=None if len(statuses) == len(self.status_boxes) else statuses,
            overdue_only=self.overdue_only.isChecked(),
            due_before=date(due.year(), due.month(), due.day()) if due else None,
            keep_empty_columns=self.keep_empty.isChecked(),
            public=self.public.isChecked(),
            unit_header=self.unit_header.currentText(),
            published_numbers=self.published_numbers.isChecked(),
        )
        return ExportRequest(
            self.variant.currentData(), options, Path(self.target.text().strip()),
            self.open_after.isChecked(),
        )  # fmt: skip

    def _public_toggled(self, on: bool) -> None:
        """The public summary has fixed columns and no names: the column choice rests."""
        if on:
            self.ledger.setChecked(False)
        for widget in (self.ledger, self.columns, self.up_button, self.down_button,
                       self.reset_button, self.unit_header):  # fmt: skip
            widget.setEnabled(not on)

    def _preview(self) -> None:
        from desktop.ui.print_pages import preview

        if not self.chosen_columns():
            QMessageBox.warning(self, "打印预览", "请至少勾选一列。")
            return
        request = self.request()
        try:
            specs = sheet_specs(self.plan, VARIANT_BY[request.variant], request.options)
        except ExportError as error:
            QMessageBox.warning(self, "打印预览", str(error))
            return
        preview(self, specs)

    def _accept(self) -> None:
        problem = self._problem()
        if problem:
            QMessageBox.warning(self, "导出分解表", problem)
            return
        self._save_settings()
        self.accept()

    def _problem(self) -> str:
        if not self.chosen_columns():
            return "请至少勾选一列。"
        if not any(box.isChecked() for box in self.status_boxes.values()):
            return "请至少勾选一种状态。"
        text = self.target.text().strip()
        if not text:
            return "请选择保存位置。"
        if not self._per_file() and not text.lower().endswith((".xlsx", ".pdf")):
            return f"“{Path(text).name}”不是 .xlsx 或 .pdf 文件名。"
        return ""

    def _load_settings(self) -> None:
        saved = self._settings.value(SETTINGS_COLUMNS, [])
        self._fill_columns(list(saved) if isinstance(saved, list) else [str(saved)])
        self.open_after.setChecked(self._settings.value(SETTINGS_OPEN, False, type=bool))
        self.due_before.setEnabled(False)

    def _save_settings(self) -> None:
        entries = [f"{key}:{int(on)}" for key, on in self._column_entries()]
        self._settings.setValue(SETTINGS_COLUMNS, entries)
        target = Path(self.target.text().strip())
        folder = target if self._per_file() else target.parent
        self._settings.setValue(SETTINGS_FOLDER, str(folder))
        self._settings.setValue(SETTINGS_OPEN, self.open_after.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, plan: PlanRecord) -> ExportRequest | None:
        """Show the dialog; the user's choices, or None when cancelled."""
        dialog = cls(plan, parent)
        try:
            return dialog.request() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def run_export(
    parent: QWidget | None,
    plan: PlanRecord,
    request: ExportRequest,
    background: Callable[[Callable[[Progress], object]], object] | None = None,
) -> list[Path]:
    """Write what `request` asks for behind a progress dialog; [] when it failed or was
    cancelled (a Chinese message box says why).  `background(write)` runs `write(report)`
    off the GUI thread with its own progress dialog (the window's worker)."""
    if background is not None:
        progress = None
    else:
        progress = QProgressDialog("正在导出分解表…", "取消", 0, 100, parent)
        progress.setWindowTitle("导出分解表")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)

    def report(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(done)
        if progress.wasCanceled():
            raise ExportCancelled("已取消导出")

    if request.variant != "unit_files" and request.target.suffix.lower() == ".pdf":
        return _run_pdf(parent, plan, request)
    exporters = {
        "plan": export_plan,
        "unit_sheets": export_by_unit,
        "unit_files": export_by_unit,
        "leader": export_by_leader,
    }

    def write(callback: Progress) -> object:
        return exporters[request.variant](plan, request.target, request.options, callback)

    try:
        written = write(report) if background is None else background(write)
    except ExportCancelled:
        return []
    except ExportError as error:
        QMessageBox.warning(parent, "导出分解表", str(error))
        return []
    finally:
        if progress is not None:
            progress.close()
    paths = written if isinstance(written, list) else [written]
    if request.open_after and paths:
        opened = paths[0] if len(paths) == 1 else paths[0].parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(opened)))
    return paths


def _run_pdf(parent: QWidget | None, plan: PlanRecord, request: ExportRequest) -> list[Path]:
    """导出 PDF: the same pages as the workbook, drawn by the program itself."""
    from desktop.ui.print_pages import write_pdf

    try:
        specs = sheet_specs(plan, VARIANT_BY[request.variant], request.options)
        path = write_pdf(specs, request.target)
    except ExportError as error:
        QMessageBox.warning(parent, "导出分解表", str(error))
        return []
    if request.open_after:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    return [path]


def export_plan_interactively(parent: QWidget | None, plan_id: int, background=None) -> list[Path]:
    """文件 → 导出分解表… for the plan `plan_id`: ask, export, report."""
    from db.queries import NotFound, load_plan

    try:
        plan = load_plan(plan_id)
    except NotFound as error:
        QMessageBox.warning(parent, "导出分解表", str(error))
        return []
    request = ExportDialog.ask(parent, plan)
    if request is None:
        return []
    return run_export(parent, plan, request, background)
