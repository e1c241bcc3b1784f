"""The editor beside the tree: a plan's properties, a section's text, or every field of a task.

Each edit is saved at once as an undo command: line edits when editing finishes, text boxes
when they lose focus, combos when they change.  The editor never reads the database itself;
the window hands it the selected item and calls `show_item` again after every change.  A
task's status goes through the ledger (`request_status`, set by the window): a dated status
change with the clerk, 已销号 only through the 销号 dialog.  A task's page has the tabs
进展情况 and 修改记录 beside its fields (the ledger's TaskLedgerPanel); 进展情况 has its own
添加进展… button (`request_progress`, set by the window to the 台账 menu's action).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from db.records import Directory
from desktop.ledger.clerk import current_clerk
from desktop.ledger.deadlines import deadline_date, is_ongoing
from desktop.ledger.fields import Field, edit_text, fields_for, plan_field
from desktop.ledger.kinds import NodeKind, Status
from desktop.ledger.rules import missing_four_haves
from desktop.operations.commands import (
    EditPlanCommand,
    SetLeadersCommand,
    SetUnitsCommand,
    UpdateNodeCommand,
)
from desktop.operations.ledger_commands import AddProgressCommand, SetStatusCommand
from desktop.operations.nodes import affected_fields
from desktop.operations.undo import ChangeHub, OperationCommand
from desktop.ui.fields import CommitTextEdit
from desktop.ui.form_pages import form_layout, header_label, scroll_page
from desktop.ui.ledger_history import TaskLedgerPanel
from desktop.ui.name_picker import NamePicker
from desktop.ui.tree_items import ItemKind, NodeItem, PlanItem, TreeItem

Runner = Callable[[OperationCommand], bool]
READ_ONLY_TIP = "只读打开：不能修改"
WARM_CHIPS = 4  # spare chips each name picker makes while warming up, before the first select


class NodeEditor(QWidget):
    """Shows and edits the selected plan, section, task or measure."""

    def __init__(self, hub: ChangeHub, run: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hub, self._run = hub, run
        self._item: TreeItem | None = None
        self._loading = False
        self._same = False
        self._keep = False
        self.alive: Callable[[TreeItem], bool] = lambda item: True  # set by the window
        # the window's recorded status change (销号 and 撤销销号 with their dialogs)
        self.request_status: Callable[[str], None] = self._plain_status
        # the window's 添加进展… (the 台账 menu's dialog and command)
        self.request_progress: Callable[[], None] = self._plain_progress
        self._directory = Directory()
        self._read_only = False
        self.pages = QStackedWidget(self)
        self._build_empty_page()
        self._build_plan_page()
        self._build_section_page()
        self._build_task_page()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._connect_callbacks()

    # ----- layout ------------------------------------------------------------------------
    def _build_empty_page(self) -> None:
        self.empty_page = QLabel("请在左侧选择方案、部分或任务")
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setEnabled(False)
        self.pages.addWidget(self.empty_page)

    def _build_plan_page(self) -> None:
        self.plan_header = header_label()
        self.plan_title = QLineEdit()
        self.plan_issuer = QLineEdit()
        self.plan_issuer.setPlaceholderText(plan_field("issuer").placeholder)
        self.plan_year = QSpinBox()
        self.plan_year.setRange(0, 2100)
        self.plan_year.setSpecialValueText("未填")
        self.plan_year.setMaximumWidth(110)
        self.plan_notes = CommitTextEdit(4)
        self.plan_summary = QLabel()
        form = form_layout()
        for key, widget in (
            ("title", self.plan_title),
            ("issuer", self.plan_issuer),
            ("year", self.plan_year),
            ("notes", self.plan_notes),
        ):
            form.addRow(plan_field(key).label, widget)
        form.addRow("", self.plan_summary)
        self.plan_page = scroll_page(self.plan_header, None, form)
        self.pages.addWidget(self.plan_page)

    def _kind_combo(self) -> QComboBox:
        combo = QComboBox()
        for kind in NodeKind:
            combo.addItem(kind.label, kind.value)
        combo.setToolTip("类型：" + "、".join(kind.label for kind in NodeKind))
        return combo

    def _field_widget(self, field: Field, kind: NodeKind) -> QWidget:
        """The widget the registry names for `field` on the page of `kind`."""
        if field.editor == "text":
            lines = field.lines if kind.has_responsibility else max(field.lines, 8)
            return CommitTextEdit(lines)
        if field.editor in ("people", "units"):
            return NamePicker("person" if field.editor == "people" else "unit", True, self)
        if field.editor == "status":
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(160)
            for status in Status:
                combo.addItem(status.label, status.value)
            return combo
        edit = QLineEdit()
        edit.setPlaceholderText(field.placeholder)
        return edit

    def _fields_form(self, kind: NodeKind) -> tuple[QFormLayout, dict[str, QWidget]]:
        """A form with one row per field of `kind` that the user edits, in registry order."""
        form = form_layout()
        widgets: dict[str, QWidget] = {}
        for field in fields_for(kind):
            if field.editor in ("", "kind"):
                continue
            widget = self._field_widget(field, kind)
            widgets[field.key] = widget
            row: QWidget | QHBoxLayout = widget
            if field.key == "deadline_text":
                row = self._deadline_row(widget)
            elif field.editor == "status":
                row = QHBoxLayout()
                row.addWidget(widget)
                row.addStretch(1)
            form.addRow(field.label_for(kind), row)
        return form, widgets

    def _deadline_row(self, edit: QWidget) -> QHBoxLayout:
        self.task_due = QLabel()
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(edit, 3)
        row.addWidget(self.task_due, 2)
        return row

    def _build_section_page(self) -> None:
        self.section_header = header_label()
        self.section_kind = self._kind_combo()
        form, self.section_fields = self._fields_form(NodeKind.SECTION)
        self.section_title = self.section_fields["title"]
        self.section_text = self.section_fields["text"]
        self.section_page = scroll_page(self.section_header, self.section_kind, form)
        self.pages.addWidget(self.section_page)

    def _build_task_page(self) -> None:
        self.task_header = header_label()
        self.task_kind = self._kind_combo()
        form, self.task_fields = self._fields_form(NodeKind.TASK)
        fields = self.task_fields
        self.task_title, self.task_problem = fields["title"], fields["problem"]
        self.task_goal, self.task_text = fields["goal"], fields["text"]
        self.task_leaders = fields["leaders"]
        self.task_lead_units = fields["lead_units"]
        self.task_support_units = fields["support_units"]
        self.task_deadline, self.task_status = fields["deadline_text"], fields["status"]
        self.task_remarks = fields["remarks"]
        self.task_missing = QLabel()
        self.task_missing.setStyleSheet("color: #9a6700;")
        self.task_missing.setWordWrap(True)
        form.addRow("", self.task_missing)
        self.task_form = scroll_page(self.task_header, self.task_kind, form)
        self.task_page = self.task_ledger = TaskLedgerPanel()  # 进展情况 · 修改记录
        self.task_ledger.insertTab(0, self.task_form, "任务内容")
        self.task_ledger.setCurrentIndex(0)
        self.task_ledger.setDocumentMode(True)
        self._add_progress_bar()
        self.pages.addWidget(self.task_page)

    def _add_progress_bar(self) -> None:
        """添加进展… above the 进展情况 table."""
        self.add_progress_button = QPushButton("添加进展…")
        self.add_progress_button.setToolTip("登记本任务的一次进展报送（同“台账 → 添加进展…”）")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.add_progress_button)
        bar.addStretch(1)
        page = self.task_ledger.progress.parentWidget()
        layout = page.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(0, bar)

    def _connect_callbacks(self) -> None:
        self.plan_title.editingFinished.connect(lambda: self._commit_plan("title"))
        self.plan_issuer.editingFinished.connect(lambda: self._commit_plan("issuer"))
        self.plan_year.editingFinished.connect(lambda: self._commit_plan("year"))
        self.plan_notes.editing_finished.connect(lambda: self._commit_plan("notes"))
        self.section_kind.currentIndexChanged.connect(lambda: self._commit_node("kind"))
        self.task_kind.currentIndexChanged.connect(lambda: self._commit_node("kind"))
        for widgets in (self.section_fields, self.task_fields):
            for key, widget in widgets.items():
                commit = lambda _value=None, key=key: self._commit_node(key)  # noqa: E731
                if isinstance(widget, QLineEdit):
                    widget.editingFinished.connect(commit)
                elif isinstance(widget, CommitTextEdit):
                    widget.editing_finished.connect(commit)
                elif isinstance(widget, QComboBox):
                    widget.currentIndexChanged.connect(commit)
        self.task_deadline.textEdited.connect(self._preview_due)
        self.task_leaders.changed.connect(self._commit_leaders)
        self.task_lead_units.changed.connect(lambda: self._commit_units("lead"))
        self.task_support_units.changed.connect(lambda: self._commit_units("support"))
        self.task_ledger.currentChanged.connect(lambda _index: self._show_ledger())
        self.add_progress_button.clicked.connect(lambda _checked=False: self._progress_clicked())

    def set_read_only(self, read_only: bool) -> None:
        """Show everything, change nothing (a ledger another computer is editing): text can
        be read, selected and copied; boxes, pickers and 添加进展… do nothing."""
        self._read_only = read_only
        texts = [self.plan_title, self.plan_issuer, self.plan_notes]
        choices: list[QWidget] = [self.plan_year, self.section_kind, self.task_kind]
        for widgets in (self.section_fields, self.task_fields):
            for widget in widgets.values():
                if isinstance(widget, QLineEdit | CommitTextEdit):
                    texts.append(widget)
                elif isinstance(widget, NamePicker):
                    widget.set_read_only(read_only)
                else:
                    choices.append(widget)
        for text in texts:
            text.setReadOnly(read_only)
            # a read-only line still takes an input method's text sent to it: refuse that too
            if read_only:
                text.installEventFilter(self)
            else:
                text.removeEventFilter(self)
        for choice in choices:
            choice.setEnabled(not read_only)
        self.add_progress_button.setEnabled(not read_only)
        self.add_progress_button.setToolTip(
            READ_ONLY_TIP if read_only else "登记本任务的一次进展报送（同“台账 → 添加进展…”）"
        )

    def is_read_only(self) -> bool:
        return self._read_only

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if self._read_only and event.type() == QEvent.Type.InputMethod:
            return True
        return super().eventFilter(watched, event)

    # ----- showing -----------------------------------------------------------------------
    def current_item(self) -> TreeItem | None:
        return self._item

    def set_directory(self, directory: Directory) -> None:
        self._directory = directory
        for picker in (self.task_leaders, self.task_lead_units, self.task_support_units):
            picker.set_directory(directory)

    def show_item(self, item: TreeItem | None, own_edit: bool = False) -> None:
        """Show `item` (or nothing); called again with the same item after each change.
        After the editor's own edit (`own_edit`) the fields keep what the user has typed;
        only what follows from them (number, due date, the 四有 note) is shown again.
        Pending edits were saved by the window's runner before the item changed."""
        self._same = item is self._item
        self._keep = own_edit and self._same and self._page_for(item) is self.pages.currentWidget()
        self._item = item
        self._loading = True
        try:
            if isinstance(item, PlanItem):
                self._show_plan(item)
            elif isinstance(item, NodeItem) and item.kind == ItemKind.TASK:
                self._show_task(item)
            elif isinstance(item, NodeItem):
                self._show_section(item)
            else:
                self.pages.setCurrentWidget(self.empty_page)
        finally:
            self._loading = False

    def warm_up(self, task: NodeItem) -> None:
        """Show `task` once where nobody sees it: laid out and painted into a pixmap, never on
        screen, with spare chips in the name pickers.  The first task the user selects then
        costs what the next ones do (the widgets polished, the style sheets matched, the glyphs
        cached).  Afterwards what was shown is shown again."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            return  # the user is typing here: nothing is swapped under their hands
        shown = self._item
        for picker in (self.task_leaders, self.task_lead_units, self.task_support_units):
            picker.reserve_chips(WARM_CHIPS)
        self.show_item(task)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.render(QPixmap(self.size()))
        self.show_item(shown)

    def _page_for(self, item: TreeItem | None) -> QWidget:
        if isinstance(item, PlanItem):
            return self.plan_page
        if isinstance(item, NodeItem):
            return self.task_page if item.kind == ItemKind.TASK else self.section_page
        return self.empty_page

    def _put(self, widget: QLineEdit | CommitTextEdit, value: str) -> None:
        """Show `value`, except in the field the user is typing in while the same item is
        refreshed: their text stays and is saved when they leave the field."""
        if self._keep:  # after the editor's own edit: what is stored is what was typed
            if isinstance(widget, CommitTextEdit):
                widget.set_original(value)
            else:
                widget.setModified(False)
            return
        if isinstance(widget, QLineEdit):
            if self._same and widget.hasFocus() and widget.isModified():
                return
            widget.setText(value)
        elif self._same and widget.hasFocus() and widget.value() != widget.original():
            widget.set_original(value)
        else:
            widget.set_value(value)

    def _show_plan(self, item: PlanItem) -> None:
        record = item.record
        self.plan_header.setText(f"方案　{record.title}")
        self._put(self.plan_title, record.title)
        self._put(self.plan_issuer, record.issuer)
        self.plan_year.setValue(record.year or 0)
        self._put(self.plan_notes, record.notes)
        nodes = list(item.walk())
        tasks = sum(1 for node in nodes if node.kind == ItemKind.TASK)
        sections = sum(1 for node in nodes if node.kind == ItemKind.SECTION)
        self.plan_summary.setText(f"共 {sections} 个部分、{tasks} 项任务")
        self.pages.setCurrentWidget(self.plan_page)

    def _show_section(self, item: NodeItem) -> None:
        record = item.record
        label = NodeKind(record.kind).label
        self.section_header.setText(f"{label}　{item.number} {record.title}".strip())
        self.section_kind.setCurrentIndex(self.section_kind.findData(record.kind))
        self._show_fields(self.section_fields, record)
        self.pages.setCurrentWidget(self.section_page)

    def _show_task(self, item: NodeItem) -> None:
        record = item.record
        self.task_header.setText(f"任务　{self._full_number(item)} {record.title}".strip())
        self.task_kind.setCurrentIndex(self.task_kind.findData(record.kind))
        self._show_fields(self.task_fields, record)
        self._show_due(record.deadline_text, record.due_date)
        missing = missing_four_haves(record)
        self.task_missing.setText(
            "⚠ 不符合“四有”要求，缺少：" + "、".join(missing) if missing else ""
        )
        self.pages.setCurrentWidget(self.task_page)
        self._show_ledger()

    def _show_ledger(self) -> None:
        """Fill 进展情况 / 修改记录 when one of them is open (read only when looked at)."""
        item = self._item
        if self.task_ledger.currentIndex() > 0 and isinstance(item, NodeItem):
            self.task_ledger.show_task(item.id)

    def _show_fields(self, widgets: dict[str, QWidget], record) -> None:
        for key, widget in widgets.items():
            value = getattr(record, key)
            if isinstance(widget, QLineEdit | CommitTextEdit):
                self._put(widget, value)
            elif isinstance(widget, NamePicker):
                if not self._keep:  # after the editor's own edit the chips are what is stored
                    widget.set_entries(list(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(widget.findData(value))

    def _show_due(self, text: str, due) -> None:
        """The date the wording means; a note when wording names no date a clerk would see
        as one (长期坚持 is fine: it has no fixed date on purpose)."""
        unreadable = bool(text.strip()) and due is None and not is_ongoing(text)
        if due is not None:
            self.task_due.setText(f"→ {due.isoformat()}")
        elif unreadable:
            self.task_due.setText("⚠ 未能识别出日期，不计超期")
        elif text.strip():
            self.task_due.setText("→ 无固定日期")
        else:
            self.task_due.setText("")
        self.task_due.setStyleSheet("color: #9a6700;" if unreadable else "")
        self.task_due.setToolTip(
            "请写明日期，如“2014年9月底前”“三季度”“年底前”；长期任务写“长期坚持”"
            if unreadable
            else ""
        )

    def _preview_due(self, text: str) -> None:
        """While typing: the date the wording will be read as."""
        item = self._item
        if isinstance(item, NodeItem):
            self._show_due(text, deadline_date(text, item.plan_item().record.year))

    @staticmethod
    def _full_number(item: NodeItem) -> str:
        """（一）4. : the numbers of the ancestors below the top level, then the item's own."""
        numbers = []
        current = item
        while isinstance(current, NodeItem) and current.parent_node_id() is not None:
            numbers.append(current.number)
            current = current.parent
        if isinstance(current, NodeItem) and not numbers:
            numbers.append(current.number)
        return "".join(reversed(numbers))

    def focus_title(self) -> None:
        """Put the cursor in the title field of the current page, its text selected."""
        page = self.pages.currentWidget()
        field = {
            self.plan_page: self.plan_title,
            self.section_page: self.section_title,
            self.task_page: self.task_title,
        }.get(page)
        if field is not None:
            if field is self.task_title:
                self.task_ledger.setCurrentIndex(0)
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.selectAll()

    # ----- saving ------------------------------------------------------------------------
    def flush(self) -> None:
        """Save what the user typed but has not yet left (before an action elsewhere)."""
        if self._read_only or self._item is None or not self.alive(self._item):
            return
        if isinstance(self._item, PlanItem):
            for field in ("title", "issuer", "year", "notes"):
                self._commit_plan(field)
        elif isinstance(self._item, NodeItem) and self._item.kind == ItemKind.TASK:
            self._flush_fields(self.task_fields)
        elif isinstance(self._item, NodeItem):
            self._flush_fields(self.section_fields)

    def _flush_fields(self, widgets: dict[str, QWidget]) -> None:
        for key, widget in widgets.items():
            if isinstance(widget, QLineEdit | CommitTextEdit):
                self._commit_node(key)
        for widget in widgets.values():
            if isinstance(widget, NamePicker) and self._item is not None:
                widget.commit_pending()

    def _plan_value(self, field: str):
        if field == "title":
            return self.plan_title.text().strip()
        if field == "issuer":
            return self.plan_issuer.text().strip()
        if field == "year":
            return self.plan_year.value() or None
        return self.plan_notes.value()

    def _commit_plan(self, field: str) -> None:
        item = self._item
        if self._loading or self._read_only or not isinstance(item, PlanItem):
            return
        old, new = getattr(item.record, field), self._plan_value(field)
        if new == old:
            return
        if field == "title" and not new:
            self.plan_title.setText(old)  # a plan keeps a name
            return
        self._run(EditPlanCommand(self._hub, item.id, {field: old}, {field: new}))

    def _node_value(self, field: str):
        task = self._item.kind == ItemKind.TASK
        if field == "kind":
            return (self.task_kind if task else self.section_kind).currentData()
        widget = (self.task_fields if task else self.section_fields)[field]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        return widget.text().strip() if isinstance(widget, QLineEdit) else widget.value()

    def _commit_node(self, field: str) -> None:
        item = self._item
        if self._loading or self._read_only or not isinstance(item, NodeItem):
            return
        record = item.record
        new = self._node_value(field)
        old = getattr(record, field)
        if new == old or new is None:
            return
        if field == "status":
            self._status_chosen(new)
            return
        # the operation derives what follows (the due date); undo restores those too
        old_fields = {key: getattr(record, key) for key in affected_fields({field: new})}
        new_fields = {field: new}
        text = edit_text(record.kind, field)
        version = record.version
        self._run(UpdateNodeCommand(self._hub, record.id, old_fields, new_fields, text, version))

    def _status_chosen(self, status: str) -> None:
        """The status box changed: the ledger decides (it may ask, or refuse); the box then
        shows what is stored, so a cancelled 销号 leaves the old status visible."""
        self.request_status(status)
        item = self._item
        if isinstance(item, NodeItem) and item.kind == ItemKind.TASK:
            self._loading = True
            try:
                self.task_status.setCurrentIndex(self.task_status.findData(item.record.status))
            finally:
                self._loading = False

    def _plain_status(self, status: str) -> None:
        """Without a window: a recorded status change; 销号 and 撤销销号 need the 台账 menu."""
        item = self._item
        if not isinstance(item, NodeItem):
            return
        if Status.CLOSED in (status, item.record.status):
            QMessageBox.information(
                self, "状态", "销号和撤销销号须核验登记，请使用“台账 → 销号…/撤销销号…”。"
            )
            return
        self._run(SetStatusCommand(self._hub, item.id, status, current_clerk()))

    def _progress_clicked(self) -> None:
        item = self._item
        if not self._read_only and isinstance(item, NodeItem) and item.kind == ItemKind.TASK:
            self.request_progress()

    def _plain_progress(self) -> None:
        """Without a window: the 台账 menu's dialog, recorded with the clerk's name."""
        from desktop.ui.ledger_dialogs import ProgressDialog

        self.flush()
        item = self._item
        if not isinstance(item, NodeItem):
            return
        units = [unit.name for unit in item.record.lead_units]
        units += [u.name for u in self._directory.units if u.name not in units]
        values = ProgressDialog.ask(self, item.record.title, units, date.today())
        if values is not None:
            self._run(
                AddProgressCommand(self._hub, item.id, values.text, current_clerk(),
                                   values.date, values.unit)
            )  # fmt: skip

    def _commit_leaders(self) -> None:
        item = self._item
        if self._loading or self._read_only or not isinstance(item, NodeItem):
            return
        new = list(self.task_leaders.entries())
        if new != item.record.leaders:
            old, version = item.record.leaders, item.record.version
            self._run(SetLeadersCommand(self._hub, item.id, old, new, version))

    def _commit_units(self, role: str) -> None:
        item = self._item
        if self._loading or self._read_only or not isinstance(item, NodeItem):
            return
        picker = self.task_lead_units if role == "lead" else self.task_support_units
        old = item.record.lead_units if role == "lead" else item.record.support_units
        new = list(picker.entries())
        if new != old:
            version = item.record.version
            self._run(SetUnitsCommand(self._hub, item.id, role, old, new, version))
