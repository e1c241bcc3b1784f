"""Undo commands for the ledger actions: each runs an action of ledger_ops once and undoes it
with ledger_ops.revert; redo runs the action again.  Texts are Chinese for the 编辑 menu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.ledger.evaluation import Votes
from desktop.ledger.status import label
from desktop.operations import Change, ledger_ops
from desktop.operations.conflicts import Guard, Saved
from desktop.operations.ledger_ops import Recorded
from desktop.operations.undo import ChangeHub, OperationCommand


class LedgerCommand(OperationCommand):
    def __init__(
        self, hub: ChangeHub, text: str, action: Callable[[], tuple[Recorded, Change]]
    ) -> None:
        super().__init__(hub, text)
        self._action = action
        self.recorded: Recorded | None = None

    def do(self) -> Change:
        self.recorded, change = self._action()
        return change

    def revert(self) -> Change:
        return ledger_ops.revert(self.recorded)


class SetStatusCommand(LedgerCommand):
    """A status change from the window: with the row `version` and the status the user saw
    (`seen`), its first run is refused over another clerk's newer status (conflicts.py);
    redo runs it again unchecked (the ledger's rules check the stored status)."""

    def __init__(
        self, hub, node_id: int, status: str, who: str, on=None, note="", version=None, seen=None
    ) -> None:
        super().__init__(hub, f"设为{label(status)}", self._set)
        self._args = (node_id, status, who, on, note)
        self.guard: Guard | None = None
        if version is not None:
            self.guard = Guard(version, {"status": seen} if seen is not None else None)

    def _set(self) -> tuple[Recorded, Change]:
        guard, self.guard = self.guard, None
        try:
            return ledger_ops.set_status(*self._args, guard=guard)
        except Exception:
            self.guard = guard  # a failed first run is still a first run
            raise

    def rebase(self, theirs: Saved) -> None:
        """保留我的修改: the next run goes over `theirs`, which the user has now seen."""
        self.guard = Guard(theirs.version, dict(theirs.values))


class CloseOutCommand(LedgerCommand):
    def __init__(
        self, hub, node_id: int, verifier: str, who: str, on=None, note="", evidence=""
    ) -> None:
        super().__init__(
            hub,
            "销号",
            lambda: ledger_ops.close_out(node_id, verifier, who, on, note, evidence),
        )


class ReopenCommand(LedgerCommand):
    def __init__(self, hub, node_id: int, reason: str, who: str, on=None, to="in_progress"):
        super().__init__(hub, "撤销销号", lambda: ledger_ops.reopen(node_id, reason, who, on, to))


class AddProgressCommand(LedgerCommand):
    def __init__(self, hub, node_id: int, text: str, who: str, on=None, unit="") -> None:
        super().__init__(
            hub, "添加进展", lambda: ledger_ops.add_progress(node_id, text, who, on, unit)
        )


class ExtensionCommand(LedgerCommand):
    def __init__(
        self,
        hub,
        node_id: int,
        new_due: date,
        reason: str,
        who: str,
        approver: str = "",
        on=None,
        new_deadline_text: str | None = None,
    ) -> None:
        super().__init__(
            hub,
            "延期申请",
            lambda: ledger_ops.request_extension(
                node_id, new_due, reason, who, approver, on, new_deadline_text
            ),
        )


class EvaluationCommand(LedgerCommand):
    def __init__(
        self, hub, votes: Votes, who: str, on=None, plan_id=None, leader="", note=""
    ) -> None:
        super().__init__(
            hub,
            "登记评议",
            lambda: ledger_ops.record_evaluation(votes, who, on, plan_id, leader, note),
        )
