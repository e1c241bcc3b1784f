"""The import preview: the parsed tree with every field, the warnings with their lines, the
plan year, which plans to keep, and an editor for one node, before anything is saved."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.importing.units import split_list, split_people
from desktop.ledger.deadlines import due_date as wording_due_date
from desktop.ledger.fields import node_field
from desktop.ledger.kinds import KIND_LABELS

COLUMNS = (
    "编号",
    node_field("kind").label,
    "标题",
    *(node_field(key).label for key in ("leaders", "lead_units", "support_units")),
    *(node_field(key).label for key in ("deadline_text", "due_date")),
)
NO_YEAR = 1989  # the spin box minimum, shown as 未定
_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class ImportChoice:
    """What the user chose: the (edited) parse and the indexes of the plans to save."""

    parse: dict
    chosen: list[int] = field(default_factory=list)


def units_text(units: list[dict]) -> str:
    """办公室（李红）、研究室 — how a unit list is shown and edited."""
    return "、".join(
        f"{u['name']}（{u['contact']}）" if u.get("contact") else u["name"] for u in units
    )


def parse_units_text(text: str) -> list[dict]:
    units = []
    for item in split_list(text):
        found = re.fullmatch(r"(.+?)\s*[（(]\s*(.+?)\s*[)）]", item)
        name, contact = (found.group(1), found.group(2)) if found else (item, None)
        if all(u["name"] != name for u in units):
            units.append({"name": name, "contact": contact})
    return units


def parse_people_text(text: str) -> list[str]:
    return split_people(text)


def plain_copy(value):
    """A deep copy of a plan-parse document: its dicts and lists are new, its strings and
    numbers (immutable) shared — what copy.deepcopy gives, several times faster."""
    kind = type(value)
    if kind is dict:
        return {
            key: plain_copy(item) if type(item) in _CONTAINERS else item
            for key, item in value.items()
        }
    if kind is list:
        return [plain_copy(item) if type(item) in _CONTAINERS else item for item in value]
    return copy.deepcopy(value)


_CONTAINERS = (dict, list)


def node_texts(node: dict) -> list[str]:
    """A node's row in the preview, column by column (COLUMNS)."""
    title = node.get("title") or ""
    if not title:
        title = "（无标题）" + (node.get("text") or "")[:30]
    return [
        node.get("number", ""),
        KIND_LABELS.get(node.get("kind"), ""),
        title,
        "、".join(node.get("leaders", [])),
        units_text(node.get("lead_units", [])),
        units_text(node.get("support_units", [])),
        node.get("deadline_text", ""),
        node.get("due_date") or "",
    ]


class ImportPreviewDialog(QDialog):
    """Shows a plan-parse/1 result; OK returns the user's choice, 取消 returns nothing."""

    def __init__(self, parse: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parse = plain_copy(parse)
        self._loading = False
        self._current: QTreeWidgetItem | None = None
        self.setWindowTitle("导入方案 — 预览")
        self.resize(1180, 760)
        self._build()
        self._fill()
        self._connect_callbacks()
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        source = self.parse.get("source") or "粘贴的文字"
        plans = len(self.parse.get("plans", []))
        tasks = sum(1 for _ in self._all_tasks())
        self.summary = QLabel(
            f"来源：{source}　共 {plans} 个方案、{tasks} 项任务。"
            "勾选要导入的方案；点选一项可在右侧修改后再导入。"
        )
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        for column, width in enumerate((118, 44, 280, 110, 170, 120, 120, 90)):
            self.tree.setColumnWidth(column, width)

        self.editor = QGroupBox("所选项目")
        form = QFormLayout(self.editor)
        self.kind_box = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind_box.addItem(label, kind)
        self.title_edit = QLineEdit()
        self.year_spin = QSpinBox()
        self.year_spin.setRange(NO_YEAR, 2100)
        self.year_spin.setSpecialValueText("未定")
        self.text_edit = QPlainTextEdit()
        self.problem_edit = QPlainTextEdit()
        self.goal_edit = QPlainTextEdit()
        for edit in (self.text_edit, self.problem_edit, self.goal_edit):
            edit.setTabChangesFocus(True)
        self.leaders_edit = QLineEdit()
        self.leaders_edit.setPlaceholderText("多人用“、”分隔")
        self.lead_edit = QLineEdit()
        self.lead_edit.setPlaceholderText("如：办公室（李红）、研究室")
        self.support_edit = QLineEdit()
        self.deadline_edit = QLineEdit()
        self.due_edit = QLineEdit()
        self.due_edit.setPlaceholderText("年-月-日，如 2014-12-31")
        form.addRow("类型", self.kind_box)
        form.addRow("标题", self.title_edit)
        form.addRow("方案年度", self.year_spin)
        form.addRow("整改措施", self.text_edit)
        form.addRow("存在问题", self.problem_edit)
        form.addRow("整改目标", self.goal_edit)
        form.addRow("牵头领导", self.leaders_edit)
        form.addRow("牵头单位", self.lead_edit)
        form.addRow("配合单位", self.support_edit)
        form.addRow("完成时限", self.deadline_edit)
        form.addRow("完成日期", self.due_edit)
        self._form = form

        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        warnings_box = QGroupBox(f"未能识别的内容（{len(self.parse.get('warnings', []))} 处）")
        QVBoxLayout(warnings_box).addWidget(self.warnings)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.tree)
        top.addWidget(self.editor)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top)
        main.addWidget(warnings_box)
        main.setStretchFactor(0, 4)
        main.setStretchFactor(1, 1)

        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(main, 1)
        layout.addWidget(self.buttons)

    def _connect_callbacks(self) -> None:
        self.tree.currentItemChanged.connect(self._show_item)
        self.tree.itemChanged.connect(self._check_changed)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.warnings.itemActivated.connect(self._warning_activated)
        self.kind_box.currentIndexChanged.connect(self._edited)
        for edit in (
            self.title_edit,
            self.leaders_edit,
            self.lead_edit,
            self.support_edit,
            self.deadline_edit,
            self.due_edit,
        ):
            edit.textChanged.connect(self._edited)
        for edit in (self.text_edit, self.problem_edit, self.goal_edit):
            edit.textChanged.connect(self._edited)
        self.year_spin.valueChanged.connect(self._year_changed)

    # -- content -----------------------------------------------------------------------
    def _fill(self) -> None:
        self._loading = True
        for index, plan in enumerate(self.parse.get("plans", [])):
            item = QTreeWidgetItem(self.tree)
            item.setData(0, _ROLE, ("plan", index))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            self._show_plan_row(item, plan)
            self._add_nodes(item, plan.get("nodes", []))
            item.setExpanded(True)
        for warning in self.parse.get("warnings", []):
            entry = QListWidgetItem(f"第{warning['line']}行　{warning['message']}")
            entry.setData(_ROLE, warning["line"])
            self.warnings.addItem(entry)
        self._loading = False

    def _add_nodes(self, parent: QTreeWidgetItem, nodes: list[dict]) -> None:
        """The rows of `nodes` and their children: each row made with its texts in one call
        and added with its siblings in one call (10,000 tasks in a fraction of a second)."""
        items = []
        opened = []
        for node in nodes:
            item = QTreeWidgetItem(node_texts(node))
            item.setData(0, _ROLE, ("node", node))
            item.setToolTip(2, "\n".join(filter(None, (node.get("title"), node.get("text")))))
            children = node.get("children")
            if children:
                self._add_nodes(item, children)
                if node.get("kind") != "task":
                    opened.append(item)
            items.append(item)
        parent.addChildren(items)
        for item in opened:
            item.setExpanded(True)

    def _show_plan_row(self, item: QTreeWidgetItem, plan: dict) -> None:
        year = plan.get("year")
        item.setText(1, "方案")
        item.setText(2, plan.get("title") or "（未命名方案，请填写标题）")
        item.setText(6, f"{year}年度" if year else "年度未定")
        font = item.font(2)
        font.setBold(True)
        item.setFont(2, font)

    def _show_node_row(self, item: QTreeWidgetItem, node: dict) -> None:
        for column, text in enumerate(node_texts(node)):
            item.setText(column, text)
        item.setToolTip(2, "\n".join(filter(None, (node.get("title"), node.get("text")))))

    def _all_tasks(self):
        stack = [n for plan in self.parse.get("plans", []) for n in plan.get("nodes", [])]
        while stack:
            node = stack.pop()
            if node.get("kind") == "task":
                yield node
            stack.extend(node.get("children", []))

    # -- editing -----------------------------------------------------------------------
    def _show_item(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        self._current = item
        self._loading = True
        data = item.data(0, _ROLE) if item is not None else None
        is_plan = bool(data) and data[0] == "plan"
        node_only = (
            self.kind_box,
            self.text_edit,
            self.problem_edit,
            self.goal_edit,
            self.leaders_edit,
            self.lead_edit,
            self.support_edit,
            self.deadline_edit,
            self.due_edit,
        )
        for widget in node_only:
            widget.setEnabled(bool(data) and not is_plan)
            self._form.setRowVisible(widget, not is_plan)
        self.year_spin.setEnabled(is_plan)
        self._form.setRowVisible(self.year_spin, is_plan)
        self.title_edit.setEnabled(bool(data))
        if is_plan:
            plan = self.parse["plans"][data[1]]
            self.editor.setTitle("所选方案")
            self.title_edit.setText(plan.get("title") or "")
            self.year_spin.setValue(plan.get("year") or NO_YEAR)
        elif data:
            node = data[1]
            self.editor.setTitle("所选" + KIND_LABELS.get(node.get("kind"), "项目"))
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(node.get("kind"))))
            self.title_edit.setText(node.get("title", ""))
            self.text_edit.setPlainText(node.get("text", ""))
            self.problem_edit.setPlainText(node.get("problem", ""))
            self.goal_edit.setPlainText(node.get("goal", ""))
            self.leaders_edit.setText("、".join(node.get("leaders", [])))
            self.lead_edit.setText(units_text(node.get("lead_units", [])))
            self.support_edit.setText(units_text(node.get("support_units", [])))
            self.deadline_edit.setText(node.get("deadline_text", ""))
            self.due_edit.setText(node.get("due_date") or "")
        self._loading = False

    def _edited(self, *_args) -> None:
        if self._loading or self._current is None:
            return
        kind, target = self._current.data(0, _ROLE)
        if kind == "plan":
            self.parse["plans"][target]["title"] = self.title_edit.text().strip()
            self._show_plan_row(self._current, self.parse["plans"][target])
            return
        target["kind"] = self.kind_box.currentData()
        target["title"] = self.title_edit.text().strip()
        target["text"] = self.text_edit.toPlainText()
        target["problem"] = self.problem_edit.toPlainText()
        target["goal"] = self.goal_edit.toPlainText()
        target["leaders"] = parse_people_text(self.leaders_edit.text())
        target["lead_units"] = parse_units_text(self.lead_edit.text())
        target["support_units"] = parse_units_text(self.support_edit.text())
        deadline = self.deadline_edit.text().strip()
        if deadline != target.get("deadline_text", ""):  # the same rule as saving uses
            target["due_date"] = wording_due_date(deadline, self._plan_year(self._current))
            self._loading = True
            self.due_edit.setText(target["due_date"] or "")
            self._loading = False
        else:
            target["due_date"] = self.due_edit.text().strip() or None
        target["deadline_text"] = deadline
        self._show_node_row(self._current, target)

    def _plan_year(self, item: QTreeWidgetItem) -> int | None:
        while item.parent() is not None:
            item = item.parent()
        return self.parse["plans"][item.data(0, _ROLE)[1]].get("year")

    def _year_changed(self, value: int) -> None:
        if self._loading or self._current is None:
            return
        kind, index = self._current.data(0, _ROLE)
        if kind != "plan":
            return
        plan = self.parse["plans"][index]
        plan["year"] = None if value == NO_YEAR else value
        self._reread_deadlines(self._current, plan["year"])
        self._show_plan_row(self._current, plan)

    def _reread_deadlines(self, item: QTreeWidgetItem, year: int | None) -> None:
        for row in range(item.childCount()):
            child = item.child(row)
            node = child.data(0, _ROLE)[1]
            if node.get("deadline_text"):
                node["due_date"] = wording_due_date(node["deadline_text"], year)
                self._show_node_row(child, node)
            self._reread_deadlines(child, year)

    def _check_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._loading and column == 0 and item.parent() is None:
            self.ok_button.setEnabled(bool(self.chosen()))

    def _warning_activated(self, entry: QListWidgetItem) -> None:
        line = entry.data(_ROLE)
        QMessageBox.information(self, "未能识别的内容", f"源文件第{line}行：\n{entry.text()}")

    # -- result ------------------------------------------------------------------------
    def chosen(self) -> list[int]:
        return [
            index
            for index in range(self.tree.topLevelItemCount())
            if self.tree.topLevelItem(index).checkState(0) == Qt.CheckState.Checked
        ]

    def problems(self) -> list[str]:
        """What must be fixed before saving, in Chinese (empty when the choice can be saved)."""
        found = []
        if not self.chosen():
            found.append("没有勾选要导入的方案")
        for index in self.chosen():
            plan = self.parse["plans"][index]
            if not (plan.get("title") or "").strip():
                found.append(f"第{index + 1}个方案没有标题")
            stack = list(plan.get("nodes", []))
            while stack:
                node = stack.pop()
                stack.extend(node.get("children", []))
                value = node.get("due_date")
                if value:
                    try:
                        date.fromisoformat(value)
                    except ValueError:
                        found.append(
                            f"“{node.get('title') or '无标题任务'}”的完成日期“{value}”无效"
                        )
        return found

    def choice(self) -> ImportChoice:
        return ImportChoice(parse=plain_copy(self.parse), chosen=self.chosen())

    def _accept(self) -> None:
        problems = self.problems()
        if problems:
            QMessageBox.warning(self, "请先修改", "\n".join(problems))
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, parse: dict) -> ImportChoice | None:
        """Show the preview modally; the choice on 导入, None on 取消."""
        dialog = cls(parse, parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.choice()
            return None
        finally:
            dialog.deleteLater()
