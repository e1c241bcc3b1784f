"""Status rules of the ledger: which changes are allowed, and what close-out (销号) and
reopening need.  Statuses are the keys of db.models.STATUSES."""

from __future__ import annotations

from datetime import date

STATUS_LABELS = {
    "not_started": "未启动",
    "in_progress": "推进中",
    "done": "已完成",
    "closed": "已销号",
    "ongoing": "长期坚持",
}
STATUSES = tuple(STATUS_LABELS)
OPEN_STATUSES = ("not_started", "in_progress")
FINISHED_STATUSES = ("done", "closed")
NEVER_OVERDUE = ("done", "closed", "ongoing")
REOPEN_TARGETS = ("in_progress", "done", "not_started", "ongoing")


class LedgerRuleError(ValueError):
    """A ledger action the rules refuse; str() is one Chinese sentence."""


def label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def status_from_text(text: str) -> str | None:
    """A status key from its key or Chinese label (推进中 → in_progress); None if unknown."""
    text = text.strip()
    if text in STATUS_LABELS:
        return text
    return next((key for key, name in STATUS_LABELS.items() if name == text), None)


def is_finished(status: str) -> bool:
    return status in FINISHED_STATUSES


def check_status_change(old: str, new: str) -> None:
    """Raise LedgerRuleError unless a plain status change from `old` to `new` is allowed:
    销号 goes through close-out, and a closed task is reopened with a reason first."""
    if new not in STATUS_LABELS:
        raise LedgerRuleError(f"未知的状态“{new}”，应为：{'、'.join(STATUS_LABELS.values())}")
    if new == old:
        raise LedgerRuleError(f"该任务已是“{label(new)}”状态")
    if new == "closed":
        raise LedgerRuleError("销号须通过“销号…”办理，并记录核验人和销号日期")
    if old == "closed":
        raise LedgerRuleError("该任务已销号，须先撤销销号并说明原因，才能改变状态")


def check_close_out(status: str, verifier: str, on: date | None, today: date) -> None:
    """Close-out needs a done task, who verified it, and a date not in the future."""
    if status == "closed":
        raise LedgerRuleError("该任务已经销号")
    if status != "done":
        raise LedgerRuleError(f"只有“已完成”的任务才能销号，该任务当前为“{label(status)}”")
    if not verifier.strip():
        raise LedgerRuleError("销号须填写核验人")
    if on is None:
        raise LedgerRuleError("销号须填写销号日期")
    if on > today:
        raise LedgerRuleError(f"销号日期 {on.isoformat()} 晚于今天，请核对")


def check_reopen(status: str, reason: str, to: str) -> None:
    """Reopening a closed task needs a reason; it returns to an unclosed status."""
    if status != "closed":
        raise LedgerRuleError(f"只有已销号的任务才能撤销销号，该任务当前为“{label(status)}”")
    if not reason.strip():
        raise LedgerRuleError("撤销销号须说明原因")
    if to not in REOPEN_TARGETS:
        raise LedgerRuleError(f"撤销销号后的状态不能是“{label(to)}”")
