"""Feedback workbooks (反馈表) against the database: the database's stable id and signing
secret, exporting a plan's workbooks, checking returned workbooks into a preview, and
applying a preview in one transaction (undone as one step).

Reading a file is desktop.importing.feedback (no database); this module judges what was read
against the ledger: the same database and plan, a valid signature, units that lead or support
each task, tasks deleted since the export.  Every row's answer gets an import key
(ledger_setting "feedback_import:<hash>"), so reading the same workbook twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from db.ledger_models import FieldChange, LedgerSetting
from db.ledger_queries import put_setting
from db.models import Node, TaskUnit, Unit, database
from db.queries import load_plan
from desktop.exporting import feedback_format as fmt
from desktop.exporting.feedback import FeedbackKeys, export_feedback
from desktop.exporting.text import chinese_date
from desktop.importing.feedback import FeedbackError, ReturnedRow, ReturnedWorkbook, read_returned
from desktop.ledger.status import label
from desktop.operations import Change, OperationError, ledger_ops
from desktop.operations.ledger_ops import Recorded

EXPECTED_FIELD = "预计完成时间"


def feedback_keys() -> FeedbackKeys:
    """The database's id and signing secret, created (once, in one transaction) if missing."""
    with database.atomic():
        found = dict(
            LedgerSetting.select(LedgerSetting.key, LedgerSetting.value)
            .where(LedgerSetting.key.in_([fmt.DATABASE_ID_KEY, fmt.SECRET_KEY]))
            .tuples()
        )
        for key, make in (
            (fmt.DATABASE_ID_KEY, lambda: str(uuid.uuid4())),
            (fmt.SECRET_KEY, lambda: secrets.token_hex(32)),
        ):
            if not found.get(key):
                found[key] = make()
                put_setting(key, found[key])
    return FeedbackKeys(found[fmt.DATABASE_ID_KEY], found[fmt.SECRET_KEY])


def stored_keys() -> FeedbackKeys:
    """The keys as stored, without creating any: empty when this database never exported a
    feedback workbook (so every workbook is from another database)."""
    found = dict(
        LedgerSetting.select(LedgerSetting.key, LedgerSetting.value)
        .where(LedgerSetting.key.in_([fmt.DATABASE_ID_KEY, fmt.SECRET_KEY]))
        .tuples()
    )
    return FeedbackKeys(found.get(fmt.DATABASE_ID_KEY, ""), found.get(fmt.SECRET_KEY, ""))


def export_plan_feedback(
    plan_id: int,
    folder: Path,
    include_support: bool = False,
    exported_at: datetime | None = None,
) -> list[Path]:
    """One feedback workbook per lead unit (per unit with `include_support`) of the plan."""
    keys = feedback_keys()
    plan = load_plan(plan_id)
    return export_feedback(plan, Path(folder), keys, include_support, exported_at)


# ---------------------------------------------------------------- preview


@dataclass
class TaskAnswer:
    """What one returned row would change on one task."""

    task_id: int
    task_title: str
    unit: str
    cell: str  # where the answer stands, for messages: 本期进展 cell
    progress: str = ""
    status: str | None = None  # new status key, None: unchanged
    old_status: str = ""
    expected: date | None = None
    import_key: str = ""
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        parts = []
        if self.progress:
            parts.append(f"新增进展：{self.progress}")
        if self.status:
            parts.append(f"状态：{label(self.old_status)} → {label(self.status)}")
        if self.expected:
            parts.append(f"预计完成时间：{chinese_date(self.expected)}")
        return "；".join(parts + self.notes)


@dataclass
class WorkbookPreview:
    """One returned workbook as judged: its answers and what was noticed."""

    path: Path
    unit: str
    plan_id: int
    plan_title: str
    exported_at: str
    answers: list[TaskAnswer] = field(default_factory=list)
    already: int = 0  # answers read before (nothing to add)
    unanswered: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class FeedbackPreview:
    workbooks: list[WorkbookPreview] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # refused files, one sentence each

    @property
    def answers(self) -> list[TaskAnswer]:
        return [answer for workbook in self.workbooks for answer in workbook.answers]

    def is_empty(self) -> bool:
        return not self.answers

    def summary_lines(self) -> list[str]:
        lines = []
        for workbook in self.workbooks:
            lines.append(
                f"{workbook.path.name}（{workbook.unit}）：{len(workbook.answers)} 项新反馈"
                + (f"，{workbook.already} 项此前已导入" if workbook.already else "")
                + (f"，{workbook.unanswered} 项未填写" if workbook.unanswered else "")
            )
            for answer in workbook.answers:
                lines.append(f"  任务 {answer.task_id}《{answer.task_title}》：{answer.describe()}")
            lines.extend(f"  注意：{warning}" for warning in workbook.warnings)
        lines.extend(f"未导入：{error}" for error in self.errors)
        return lines


def preview_files(paths: list[Path], on: date | None = None) -> FeedbackPreview:
    """Read and judge each returned workbook; refused files are listed in `errors`."""
    keys = stored_keys()
    preview = FeedbackPreview()
    seen: set[str] = set()
    for path in expand(paths):
        try:
            returned = read_returned(path)
            workbook = judge(returned, keys, seen)
        except FeedbackError as error:
            preview.errors.append(str(error))
            continue
        preview.workbooks.append(workbook)
    return preview


def expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the .xlsx/.xls files directly in it."""
    result: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            result.extend(
                sorted(
                    child
                    for child in path.iterdir()
                    if child.suffix.lower() in (".xlsx", ".xls")
                    and not child.name.startswith(("~$", ".~lock", "."))
                )
            )
        else:
            result.append(path)
    return result


def judge(returned: ReturnedWorkbook, keys: FeedbackKeys, seen: set[str]) -> WorkbookPreview:
    """Check `returned` against the database and turn its rows into answers."""
    name = returned.path.name
    meta = returned.meta
    if not keys.database_id or meta.get("database_id") != keys.database_id:
        raise FeedbackError(f"“{name}”是从另一个数据库导出的反馈表，不能导入本数据库")
    if not fmt.verify(meta, keys.secret):
        raise FeedbackError(
            f"“{name}”的隐藏信息（任务编号、单位或方案）被改动过，签名不符，不能导入"
        )
    plan_id = int(meta["plan_id"])
    if not _plan_exists(plan_id):
        raise FeedbackError(f"“{name}”所属的方案（编号 {plan_id}）已不存在")
    signed_ids = fmt.parse_ids(meta.get("ids", "")) or []
    unit = meta.get("unit", "")
    preview = WorkbookPreview(
        returned.path, unit, plan_id, meta.get("plan_title", ""), meta.get("exported_at", "")
    )
    for row in returned.rows:
        if row.task_id not in signed_ids:
            raise FeedbackError(
                f"“{name}”第 {row.row} 行（单元格 {row.id_cell}）的任务编号被改动过，不能导入"
            )
    nodes = {
        node.id: node
        for node in Node.select(Node.id, Node.plan, Node.title, Node.status, Node.kind).where(
            Node.id.in_(signed_ids)
        )
    }
    roles = _unit_tasks(unit)
    reported = _progress_texts(list(nodes))  # one read per workbook, not one per row
    answers: list[TaskAnswer] = []
    for row in returned.rows:
        node = nodes.get(row.task_id)
        if node is None or node.kind != "task":
            if row.has_answer():
                preview.warnings.append(
                    f"任务 {row.task_id}（第 {row.row} 行）导出后已被删除，其反馈未导入"
                )
            continue
        if node.plan_id != plan_id:
            raise FeedbackError(f"“{name}”第 {row.row} 行的任务不属于方案（编号 {plan_id}）")
        if row.task_id not in roles:
            raise FeedbackError(
                f"“{name}”的填报单位“{unit}”既不牵头也不配合第 {row.row} 行的任务"
                f"（编号 {row.task_id}），不能导入"
            )
        if not row.has_answer():
            preview.unanswered += 1
            continue
        answer = _answer(row, node, unit, meta.get(fmt.SIGNATURE, ""), reported.get(node.id, []))
        if answer is None:
            preview.already += 1
            continue
        answers.append(answer)
    imported = _imported_keys([answer.import_key for answer in answers])
    for answer in answers:
        if answer.import_key in seen or answer.import_key in imported:
            preview.already += 1
            continue
        seen.add(answer.import_key)
        preview.answers.append(answer)
    present = {row.task_id for row in returned.rows}
    missing = [task_id for task_id in signed_ids if task_id not in present]
    if missing:
        preview.warnings.append(
            f"表中删去了 {len(missing)} 行任务（编号 {fmt.ids_text(missing)}），这些任务未反馈"
        )
    preview.warnings.extend(returned.warnings)
    return preview


def _plan_exists(plan_id: int) -> bool:
    from db.models import Plan

    return Plan.select().where(Plan.id == plan_id).exists()


def _unit_tasks(unit: str) -> set[int]:
    """Ids of the tasks the unit (by name) leads or supports."""
    query = TaskUnit.select(TaskUnit.node).join(Unit).where(Unit.name == unit).tuples()
    return {node_id for (node_id,) in query}


def _answer(
    row: ReturnedRow, node: Node, unit: str, signature: str, reported: list[str]
) -> TaskAnswer | None:
    """The row's answer; None when it says nothing new.  `reported`: the task's progress
    texts so far, casefolded."""
    answer = TaskAnswer(node.id, node.title, unit, row.progress_cell)
    answer.progress = row.progress
    typed = row.progress.casefold()
    if typed and any(text.startswith(typed) for text in reported):
        answer.progress = ""  # the same words from an earlier export's workbook
        answer.notes.append("该进展此前已登记，未重复添加")
    if row.status and row.status != node.status:
        if node.status == "closed":
            answer.notes.append("该任务已销号，完成情况未改动")
        else:
            answer.status, answer.old_status = row.status, node.status
    answer.expected = row.expected
    if not (answer.progress or answer.status or answer.expected):
        return None
    basis = json.dumps(
        [
            signature,
            node.id,
            row.progress,
            row.status or "",
            row.expected.isoformat() if row.expected else "",
        ],
        ensure_ascii=False,
    )
    answer.import_key = fmt.IMPORT_KEY_PREFIX + hashlib.sha256(basis.encode("utf-8")).hexdigest()
    return answer


def _progress_texts(node_ids: list[int]) -> dict[int, list[str]]:
    """Task id → its progress texts, casefolded (a text that starts with what a row says,
    in any case, was reported before: what the words of an earlier export look like)."""
    from db.ledger_models import ProgressEntry

    texts: dict[int, list[str]] = {}
    for start in range(0, len(node_ids), 10_000):
        part = node_ids[start : start + 10_000]
        query = ProgressEntry.select(ProgressEntry.node, ProgressEntry.text).where(
            ProgressEntry.node.in_(part)
        )
        for node_id, text in query.tuples():
            texts.setdefault(node_id, []).append(text.casefold())
    return texts


def _imported_keys(keys: list[str]) -> set[str]:
    """Which of `keys` were imported before."""
    found: set[str] = set()
    for start in range(0, len(keys), 10_000):
        query = LedgerSetting.select(LedgerSetting.key).where(
            LedgerSetting.key.in_(keys[start : start + 10_000])
        )
        found.update(key for (key,) in query.tuples())
    return found


def _imported(key: str) -> bool:
    return LedgerSetting.select().where(LedgerSetting.key == key).exists()


# ---------------------------------------------------------------- apply


@dataclass(frozen=True)
class FeedbackRecorded:
    """What applying a preview wrote: the ledger actions and the import keys."""

    actions: tuple[Recorded, ...]
    keys: tuple[str, ...]
    field_changes: tuple[int, ...] = ()


def apply_preview(
    preview: FeedbackPreview, who: str, on: date | None = None
) -> tuple[FeedbackRecorded, Change]:
    """Write every answer of `preview` in one transaction: a progress entry by the unit,
    the status change, the expected date in the task's 修改记录; remember each import key."""
    on = on or date.today()
    actions: list[Recorded] = []
    keys: list[str] = []
    history: list[int] = []
    nodes: set[int] = set()
    with database.atomic():
        for answer in preview.answers:
            if _imported(answer.import_key):
                continue
            nodes.add(answer.task_id)
            text = answer.progress
            if answer.expected:
                tail = f"（预计完成时间：{chinese_date(answer.expected)}）"
                text = f"{text}{tail}" if text else tail.strip("（）")
            if text:
                recorded, _ = ledger_ops.add_progress(answer.task_id, text, who, on, answer.unit)
                actions.append(recorded)
            if answer.status:
                node = Node.get_by_id(answer.task_id)
                if node.status != answer.status and node.status != "closed":
                    recorded, _ = ledger_ops.set_status(
                        answer.task_id, answer.status, who, on, f"{answer.unit}反馈表"
                    )
                    actions.append(recorded)
            if answer.expected:
                history.append(_expected_row(answer, who))
            LedgerSetting.insert(key=answer.import_key, value=on.isoformat()).execute()
            keys.append(answer.import_key)
    if not keys:
        raise OperationError("没有可导入的新反馈（这些反馈表此前已导入，或未填写）")
    change = Change(nodes=frozenset(nodes), directory=True)
    return FeedbackRecorded(tuple(actions), tuple(keys), tuple(history)), change


def _expected_row(answer: TaskAnswer, who: str) -> int:
    previous = (
        FieldChange.select(FieldChange.new_value)
        .where((FieldChange.node == answer.task_id) & (FieldChange.field == EXPECTED_FIELD))
        .order_by(FieldChange.id.desc())
        .scalar()
    )
    row = FieldChange.create(
        node=answer.task_id,
        field=EXPECTED_FIELD,
        old_value=previous or "",
        new_value=answer.expected.isoformat() if answer.expected else "",
        who=who,
    )
    return row.id


def revert_applied(recorded: FeedbackRecorded) -> Change:
    """Undo of apply_preview, in one transaction: the import keys are forgotten too."""
    nodes = {action.node_id for action in recorded.actions if action.node_id is not None}
    with database.atomic():
        for action in reversed(recorded.actions):
            ledger_ops.revert(action)
        if recorded.field_changes:
            FieldChange.delete().where(FieldChange.id.in_(list(recorded.field_changes))).execute()
        if recorded.keys:
            LedgerSetting.delete().where(LedgerSetting.key.in_(list(recorded.keys))).execute()
    return Change(nodes=frozenset(nodes))
