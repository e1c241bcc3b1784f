"""The ledger subcommands `status`, `progress` and `report` (see ../shared/CLI.md)."""

from __future__ import annotations

import argparse
from datetime import date

from db.location import Location


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `status TASK_ID STATUS`, `progress TASK_ID TEXT` and `report`."""
    status = subparsers.add_parser(
        "status", help="设置任务状态：not_started、in_progress、done、closed、ongoing"
    )
    status.add_argument("task_id", type=int, metavar="TASK_ID", help="任务编号")
    status.add_argument("status", metavar="STATUS", help="状态（英文键或中文，如 推进中）")
    status.add_argument("--by", help="经办人；销号时为核验人（默认：本机设置的经办人）")
    status.add_argument("--date", help="日期 YYYY-MM-DD（默认：今天）")
    status.add_argument("--note", default="", help="说明；撤销销号时为原因（必填）")
    status.set_defaults(handler=_run_status)

    progress = subparsers.add_parser("progress", help="登记任务的进展情况")
    progress.add_argument("task_id", type=int, metavar="TASK_ID", help="任务编号")
    progress.add_argument("text", metavar="TEXT", help="进展情况")
    progress.add_argument("--date", help="日期 YYYY-MM-DD（默认：今天）")
    progress.add_argument("--unit", default="", help="报送单位")
    progress.add_argument("--by", help="经办人（默认：本机设置的经办人）")
    progress.set_defaults(handler=_run_progress)

    report = subparsers.add_parser("report", help="台账汇总：按状态、牵头单位、牵头领导统计")
    report.add_argument("--as-of", dest="as_of", help="截至日期 YYYY-MM-DD（默认：今天）")
    report.add_argument("--json", action="store_true", help="以 JSON 输出")
    report.set_defaults(handler=_run_report)


def parse_date(text: str | None, option: str) -> date | None:
    from desktop.cli import UserError

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise UserError(f"{option} 的日期“{text}”无效，应写作 YYYY-MM-DD，如 2014-11-01") from error


def _open(location: Location) -> None:
    from desktop.cli import open_ledger

    open_ledger(location)


def _who(args: argparse.Namespace) -> str:
    from desktop.ledger.clerk import current_clerk

    return (args.by or "").strip() or current_clerk()


def _run_status(args: argparse.Namespace, location: Location) -> int:
    from db.queries import load_nodes
    from desktop.cli import UserError
    from desktop.ledger.status import STATUS_LABELS, label, status_from_text
    from desktop.operations import OperationError
    from desktop.operations.ledger_ops import close_out, reopen, set_status

    status = status_from_text(args.status)
    if status is None:
        known = "、".join(f"{key}（{name}）" for key, name in STATUS_LABELS.items())
        raise UserError(f"未知的状态“{args.status}”，应为：{known}")
    on = parse_date(args.date, "--date")
    _open(location)
    who = _who(args)
    node = load_nodes([args.task_id]).get(args.task_id)
    try:
        if node is not None and status == "closed":
            close_out(args.task_id, who, who, on, note=args.note)
        elif node is not None and node.status == "closed":
            reopen(args.task_id, args.note, who, on, to=status)
        else:
            set_status(args.task_id, status, who, on, args.note)
    except OperationError as error:
        raise UserError(f"任务 {args.task_id}：{error}") from error
    print(f"task {args.task_id}: {label(status)} ({status})")
    return 0


def _run_progress(args: argparse.Namespace, location: Location) -> int:
    from desktop.cli import UserError
    from desktop.operations import OperationError
    from desktop.operations.ledger_ops import add_progress

    on = parse_date(args.date, "--date")
    _open(location)
    try:
        recorded, _ = add_progress(args.task_id, args.text, _who(args), on, args.unit)
    except OperationError as error:
        raise UserError(f"任务 {args.task_id}：{error}") from error
    print(f"task {args.task_id}: progress {recorded.id_of('progress')}")
    return 0


def _run_report(args: argparse.Namespace, location: Location) -> int:
    import json

    from desktop.ledger.report import ledger_summary

    as_of = parse_date(args.as_of, "--as-of")
    _open(location)
    summary = ledger_summary(as_of)
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False))
    else:
        print("\n".join(report_lines(summary)))
    return 0


def report_lines(summary) -> list[str]:
    """The summary as plain text for the terminal."""
    from desktop.ledger.evaluation import format_rate
    from desktop.ledger.status import label

    lines = [
        f"台账汇总（截至 {summary.as_of.isoformat()}）：共 {summary.total.tasks} 项任务，"
        f"完成率 {format_rate(summary.total.completion_rate)}",
        "  " + " · ".join(f"{label(key)} {n}" for key, n in summary.by_status.items()),
        f"  超期 {len(summary.overdue)} 项"
        + (f"：{'、'.join(str(i) for i in summary.overdue)}" if summary.overdue else ""),
    ]
    groups = (
        ("按方案", {summary.plan_titles[k]: v for k, v in summary.by_plan.items()}),
        ("按牵头单位", summary.by_unit),
        ("按牵头领导", summary.by_leader),
    )
    for heading, tallies in groups:
        lines.append(f"{heading}：")
        for name, tally in tallies.items():
            lines.append(
                f"  {name}：任务 {tally.tasks}，已完成 {tally.done}，已销号 {tally.closed}，"
                f"超期 {tally.overdue}，完成率 {format_rate(tally.completion_rate)}"
            )
    return lines
