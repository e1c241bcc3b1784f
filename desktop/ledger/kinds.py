"""Node kinds and task statuses: the values the database stores, with labels and behaviour.

The stored values are the ones `db.models.NODE_KINDS` and `db.models.STATUSES` allow; a test
keeps the two in step (db/ may not import desktop/).
"""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    """部分 · 任务 · 措施: what a node of a plan tree is."""

    SECTION = "section"
    TASK = "task"
    MEASURE = "measure"

    @property
    def label(self) -> str:
        """部分, 任务 or 措施."""
        return _KIND_LABELS[self]

    @property
    def title_label(self) -> str:
        """What the node's title is called: a task's 名称, a section's or measure's 标题."""
        return "名称" if self is NodeKind.TASK else "标题"

    @property
    def has_responsibility(self) -> bool:
        """Whether leaders, units, deadline and status belong to it (only tasks)."""
        return self is NodeKind.TASK

    @property
    def is_numbered(self) -> bool:
        """Whether the tree and the tables give it a number (一、（一）1.（1）①)."""
        return True

    @property
    def counts_as_measure(self) -> bool:
        """Whether it is a step of its task (the 整改措施 column lists it)."""
        return self is NodeKind.MEASURE

    @property
    def child_kind(self) -> NodeKind:
        """The kind 新增下级 creates under it."""
        return NodeKind.TASK if self is NodeKind.SECTION else NodeKind.MEASURE

    @classmethod
    def of(cls, value: str | NodeKind) -> NodeKind:
        """The kind of a stored value; ValueError for anything else."""
        return cls(value)


_KIND_LABELS = {NodeKind.SECTION: "部分", NodeKind.TASK: "任务", NodeKind.MEASURE: "措施"}


class Status(StrEnum):
    """未启动 · 推进中 · 已完成 · 已销号 · 长期坚持: where a task stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CLOSED = "closed"
    ONGOING = "ongoing"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still to be done by a date: it can become overdue."""
        return self in (Status.NOT_STARTED, Status.IN_PROGRESS)

    @property
    def is_finished(self) -> bool:
        """Done, or done and closed out (销号)."""
        return self in (Status.DONE, Status.CLOSED)

    @property
    def needs_deadline(self) -> bool:
        """Whether the 四有 rule asks for a deadline (a standing task has none)."""
        return self is not Status.ONGOING

    @classmethod
    def from_label(cls, label: str) -> Status | None:
        """The status shown as `label` (未启动 …), or None."""
        label = label.strip()
        return next((status for status in cls if status.label == label), None)


_STATUS_LABELS = {
    Status.NOT_STARTED: "未启动",
    Status.IN_PROGRESS: "推进中",
    Status.DONE: "已完成",
    Status.CLOSED: "已销号",
    Status.ONGOING: "长期坚持",
}

KIND_LABELS: dict[str, str] = {kind.value: kind.label for kind in NodeKind}
STATUS_LABELS: dict[str, str] = {status.value: status.label for status in Status}
