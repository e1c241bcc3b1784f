"""Dialogs of the 台账 menu: 添加进展…, 销号…, 撤销销号…, 申请延期…, 评议…, 经办人….

Each dialog is laid out only; `values()` returns what was entered as a plain object and the
static `ask(…)` shows it and returns the values, or None when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.ledger.evaluation import Votes, format_rate
from desktop.ledger.status import REOPEN_TARGETS, label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date_edit(day: date, maximum: date | None = None, minimum: date | None = None) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日")
    if maximum is not None:
        edit.setMaximumDate(_qdate(maximum))
    if minimum is not None:
        edit.setMinimumDate(_qdate(minimum))
    return edit


def text_box(placeholder: str = "", height: int = 90) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class LedgerDialog(QDialog):
    """A titled form with 确定 / 取消; 确定 is enabled while `complete()` holds."""

    def __init__(self, title: str, task_title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if task_title:
            heading = QLabel(f"任务：{task_title}")
            heading.setWordWrap(True)
            layout.addWidget(heading)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def complete(self) -> bool:
        return True

    def update_ok(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.complete())


@dataclass(frozen=True)
class ProgressInput:
    date: date
    unit: str
    text: str


class ProgressDialog(LedgerDialog):
    def __init__(self, task_title: str, units: list[str], today: date, parent=None) -> None:
        super().__init__("登记进展", task_title, parent)
        self.date = date_edit(today, maximum=today)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(units)
        self.text = text_box("本期工作进展、取得的成效和下一步打算")
        self.form.addRow("报送日期", self.date)
        self.form.addRow("报送单位", self.unit)
        self.form.addRow("进展情况", self.text)
        self.text.textChanged.connect(self.update_ok)
        self.update_ok()

    def complete(self) -> bool:
        return bool(self.text.toPlainText().strip())

    def values(self) -> ProgressInput:
        return ProgressInput(
            self.date.date().toPython(), self.unit.currentText().strip(),
            self.text.toPlainText().strip(),
        )  # fmt: skip

    @staticmethod
    def ask(parent, task_title: str, units: list[str], today: date) -> ProgressInput | None:
        dialog = ProgressDialog(task_title, units, today, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class CloseOutInput:
    verifier: str
    date: date
    note: str
    evidence: str


class CloseOutDialog(LedgerDialog):
    def __init__(self, task_title: str, verifier: str, today: date, parent=None) -> None:
        super().__init__("销号", task_title, parent)
        self.verifier = QLineEdit(verifier)
        self.verifier.setPlaceholderText("核验整改成效的人员")
        self.date = date_edit(today, maximum=today)
        self.note = text_box("核验情况说明（可不填）", 70)
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText("佐证材料，如文件编号、会议纪要（可不填）")
        self.form.addRow("核验人", self.verifier)
        self.form.addRow("销号日期", self.date)
        self.form.addRow("核验说明", self.note)
        self.form.addRow("佐证材料", self.evidence)
        self.verifier.textChanged.connect(self.update_ok)
        self.update_ok()

    def complete(self) -> bool:
        return bool(self.verifier.text().strip())

    def values(self) -> CloseOutInput:
        return CloseOutInput(
            self.verifier.text().strip(), self.date.date().toPython(),
            self.note.toPlainText().strip(), self.evidence.text().strip(),
        )  # fmt: skip

    @staticmethod
    def ask(parent, task_title: str, verifier: str, today: date) -> CloseOutInput | None:
        dialog = CloseOutDialog(task_title, verifier, today, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class ReopenInput:
    reason: str
    status: str
    date: date


class ReopenDialog(LedgerDialog):
    def __init__(self, task_title: str, today: date, parent=None) -> None:
        super().__init__("撤销销号", task_title, parent)
        self.reason = text_box("为什么撤销销号，如复查发现问题反弹")
        self.status = QComboBox()
        for key in REOPEN_TARGETS:
            self.status.addItem(label(key), key)
        self.date = date_edit(today, maximum=today)
        self.form.addRow("撤销原因", self.reason)
        self.form.addRow("改为状态", self.status)
        self.form.addRow("日期", self.date)
        self.reason.textChanged.connect(self.update_ok)
        self.update_ok()

    def complete(self) -> bool:
        return bool(self.reason.toPlainText().strip())

    def values(self) -> ReopenInput:
        return ReopenInput(
            self.reason.toPlainText().strip(), self.status.currentData(),
            self.date.date().toPython(),
        )  # fmt: skip

    @staticmethod
    def ask(parent, task_title: str, today: date) -> ReopenInput | None:
        dialog = ReopenDialog(task_title, today, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class ExtensionInput:
    new_due: date
    reason: str
    approver: str
    date: date


class ExtensionDialog(LedgerDialog):
    def __init__(self, task_title: str, current: date | None, wording: str, today: date,
                 parent=None) -> None:  # fmt: skip
        super().__init__("申请延期", task_title, parent)
        earliest = (current or today) + timedelta(days=1)
        self.new_due = date_edit(max(earliest, today), minimum=earliest)
        self.reason = text_box("延期理由")
        self.approver = QLineEdit()
        self.approver.setPlaceholderText("批准延期的领导（可不填）")
        self.date = date_edit(today, maximum=today)
        shown = wording or (current.isoformat() if current else "未定")
        self.form.addRow("原完成时限", QLabel(shown))
        self.form.addRow("新完成时限", self.new_due)
        self.form.addRow("延期理由", self.reason)
        self.form.addRow("批准人", self.approver)
        self.form.addRow("申请日期", self.date)
        self.reason.textChanged.connect(self.update_ok)
        self.update_ok()

    def complete(self) -> bool:
        return bool(self.reason.toPlainText().strip())

    def values(self) -> ExtensionInput:
        return ExtensionInput(
            self.new_due.date().toPython(), self.reason.toPlainText().strip(),
            self.approver.text().strip(), self.date.date().toPython(),
        )  # fmt: skip

    @staticmethod
    def ask(parent, task_title: str, current: date | None, wording: str,
            today: date) -> ExtensionInput | None:  # fmt: skip
        dialog = ExtensionDialog(task_title, current, wording, today, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class EvaluationInput:
    votes: Votes
    date: date
    note: str


class EvaluationDialog(LedgerDialog):
    def __init__(self, subject: str, today: date, parent=None) -> None:
        super().__init__("评议", "", parent)
        self.form.addRow("评议对象", QLabel(subject))
        self.date = date_edit(today, maximum=today)
        self.form.addRow("评议日期", self.date)
        self.counts: dict[str, QSpinBox] = {}
        for key, caption in (("good", "好"), ("fairly_good", "较好"), ("average", "一般"),
                             ("poor", "差")):  # fmt: skip
            box = QSpinBox()
            box.setRange(0, 1_000_000)
            box.setSuffix(" 票")
            box.valueChanged.connect(self.update_ok)
            self.counts[key] = box
            self.form.addRow(caption, box)
        self.rate = QLabel()
        self.form.addRow("好与较好率", self.rate)
        self.note = QLineEdit()
        self.note.setPlaceholderText("测评范围、方式等（可不填）")
        self.form.addRow("说明", self.note)
        self.update_ok()

    def votes(self) -> Votes:
        return Votes(**{key: box.value() for key, box in self.counts.items()})

    def complete(self) -> bool:
        return self.votes().total > 0

    def update_ok(self, *_args) -> None:
        super().update_ok()
        votes = self.votes()
        self.rate.setText(
            f"{format_rate(votes.rate)}（共 {votes.total} 票）"
            + ("，低于 80%，整改未获认可" if votes.flagged else "")
        )
        self.rate.setStyleSheet("color: #b3261e;" if votes.flagged else "")

    def values(self) -> EvaluationInput:
        return EvaluationInput(self.votes(), self.date.date().toPython(), self.note.text().strip())

    @staticmethod
    def ask(parent, subject: str, today: date) -> EvaluationInput | None:
        dialog = EvaluationDialog(subject, today, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ClerkDialog(LedgerDialog):
    """经办人: asked once on first start; every ledger record carries this name."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__("经办人", "", parent)
        hint = QLabel("台账的每一条记录（状态变更、进展、销号、修改）都会记下经办人姓名。")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.name = QLineEdit(name)
        self.form.addRow("经办人姓名", self.name)
        self.name.textChanged.connect(self.update_ok)
        self.update_ok()

    def complete(self) -> bool:
        return bool(self.name.text().strip())

    def values(self) -> str:
        return " ".join(self.name.text().split())

    @staticmethod
    def ask(parent, name: str) -> str | None:
        dialog = ClerkDialog(name, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
