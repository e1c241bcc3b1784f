"""The undo command of a feedback import: every answer of the previewed workbooks in one
transaction, undone as one step (import keys forgotten, so the files can be read again)."""

from __future__ import annotations

from datetime import date

from desktop.operations import Change
from desktop.operations.feedback import (
    FeedbackPreview,
    FeedbackRecorded,
    apply_preview,
    revert_applied,
)
from desktop.operations.undo import ChangeHub, OperationCommand


class FeedbackImportCommand(OperationCommand):
    def __init__(
        self, hub: ChangeHub, preview: FeedbackPreview, who: str, on: date | None = None
    ) -> None:
        files = len(preview.workbooks)
        super().__init__(hub, f"导入反馈表（{files} 个文件）" if files > 1 else "导入反馈表")
        self._preview = preview
        self._who = who
        self._on = on
        self.recorded: FeedbackRecorded | None = None

    def do(self) -> Change:
        self.recorded, change = apply_preview(self._preview, self._who, self._on)
        return change

    def revert(self) -> Change:
        assert self.recorded is not None
        return revert_applied(self.recorded)
