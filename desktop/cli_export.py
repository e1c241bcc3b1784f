"""The `plans` and `export` subcommands (see ../shared/CLI.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.location import Location


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `plans [--json]` and `export --plan ID --out PATH …`."""
    _add_plans_command(subparsers)
    _add_export_command(subparsers)


def _add_plans_command(subparsers: argparse._SubParsersAction) -> None:
    plans = subparsers.add_parser("plans", help="列出方案：编号、标题、任务数")
    plans.add_argument("--json", action="store_true", help="以 JSON 输出")
    plans.set_defaults(handler=_run_plans)


def _run_plans(args: argparse.Namespace, location: Location) -> int:
    import json

    from db.queries import plan_summaries
    from desktop.cli import open_ledger

    open_ledger(location)
    summaries = plan_summaries()
    if args.json:
        rows = [{"id": s.id, "title": s.title, "tasks": s.tasks} for s in summaries]
        print(json.dumps({"plans": rows}, ensure_ascii=False))
    else:
        for summary in summaries:
            print(f"plan {summary.id}: {summary.title} ({summary.tasks} tasks)")
    return 0


def _add_export_command(subparsers: argparse._SubParsersAction) -> None:
    export = subparsers.add_parser("export", help="导出重点整改任务分解表（.xlsx）")
    export.add_argument("--plan", type=int, required=True, help="方案编号（见 plans 子命令）")
    export.add_argument("--out", type=Path, required=True, help=".xlsx 文件或文件夹")
    export.add_argument("--by", choices=("plan", "unit", "leader"), default="plan")
    kind = export.add_mutually_exclusive_group()
    kind.add_argument("--ledger", action="store_true", help="台账：加上状态、最新进展、是否超期")
    kind.add_argument(
        "--public",
        action="store_true",
        help="公开版：整改内容、目标、时限、责任单位和进展，不含人名",
    )
    export.add_argument("--columns", help="列及其顺序，逗号分隔（中文列名或英文键）")
    export.add_argument(
        "--unit-header", choices=("牵头单位", "责任单位"), default="牵头单位", help="单位列的表头"
    )
    export.add_argument(
        "--keep-empty-columns", action="store_true", help="保留所有任务都为空的列（默认不打印）"
    )
    export.add_argument(
        "--running-numbers",
        action="store_true",
        help="序号按 1、2、3 顺序排列（默认：方案的任务连续编号时用方案原编号）",
    )
    export.set_defaults(handler=_run_export)


def _run_export(args: argparse.Namespace, location: Location) -> int:
    from db.queries import NotFound, load_plan
    from desktop.cli import UserError, open_ledger
    from desktop.exporting import (
        ExportError,
        ExportOptions,
        UnknownColumn,
        export_by_leader,
        export_by_unit,
        export_plan,
        resolve_columns,
    )

    columns = None
    if args.columns is not None:
        names = [name for name in args.columns.replace("，", ",").split(",") if name.strip()]
        try:
            columns = [column.key for column in resolve_columns(names)]
        except UnknownColumn as error:
            raise UserError(str(error)) from error
        if not columns:
            raise UserError("--columns 没有给出任何列")
    pdf = args.out.suffix.lower() == ".pdf"
    if args.by == "plan" and args.out.suffix.lower() != ".xlsx" and not pdf:
        raise UserError(
            f"“{args.out}”不是 .xlsx 或 .pdf 文件名；按方案导出时 --out 须以 .xlsx 或 .pdf 结尾"
        )
    open_ledger(location)
    try:
        plan = load_plan(args.plan)
    except NotFound as error:
        raise UserError(str(error)) from error
    options = ExportOptions(
        columns=columns,
        ledger=args.ledger,
        keep_empty_columns=args.keep_empty_columns,
        public=args.public,
        unit_header=args.unit_header,
        published_numbers=not args.running_numbers,
    )
    export = {"plan": export_plan, "unit": export_by_unit, "leader": export_by_leader}[args.by]
    if pdf:
        export = _pdf_exporter(args.by)
    try:
        written = export(plan, args.out, options)
    except ExportError as error:
        raise UserError(str(error)) from error
    for path in written if isinstance(written, list) else [written]:
        print(path)
    return 0


def _pdf_exporter(by: str):
    """The program's own PDF (Qt draws it; loaded only when a .pdf is asked for)."""

    def export(plan, out: Path, options) -> Path:
        from desktop.exporting.export import sheet_specs
        from desktop.ui.print_pages import write_pdf_headless

        return write_pdf_headless(sheet_specs(plan, by, options), out)

    return export
