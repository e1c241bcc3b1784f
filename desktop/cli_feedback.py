"""The `feedback` subcommands (see ../shared/CLI.md): `feedback export --plan ID --out DIR`
writes one feedback workbook per lead unit; `feedback import FILE… [--dry-run]` reads returned
workbooks (or folders of them) and prints what changed, or with --dry-run what would."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.location import Location


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    from desktop.cli_argparse import SubcommandParser

    feedback = subparsers.add_parser("feedback", help="反馈表：导出给责任单位填报，导入其反馈")
    actions = feedback.add_subparsers(
        dest="feedback_command", metavar="操作", title="操作", parser_class=SubcommandParser
    )
    actions.required = True
    export = actions.add_parser("export", help="每个牵头单位一个反馈表（.xlsx）")
    export.add_argument("--plan", type=int, required=True, help="方案编号（见 plans 子命令）")
    export.add_argument("--out", type=Path, required=True, help="保存反馈表的文件夹")
    export.add_argument("--support", action="store_true", help="配合单位也各导出一个反馈表")
    export.set_defaults(handler=_run_export)
    read = actions.add_parser("import", help="导入责任单位交回的反馈表")
    read.add_argument("files", nargs="+", type=Path, metavar="FILE", help="反馈表或其所在文件夹")
    read.add_argument("--dry-run", action="store_true", help="只显示将导入的内容，不保存")
    read.add_argument("--by", help="经办人（默认：本机设置的经办人）")
    read.set_defaults(handler=_run_import)


def _run_export(args: argparse.Namespace, location: Location) -> int:
    from db.queries import NotFound
    from desktop.cli import UserError, open_ledger
    from desktop.exporting import ExportError
    from desktop.operations.feedback import export_plan_feedback

    if args.out.suffix.lower() in (".xlsx", ".xls"):
        raise UserError(f"--out 应为文件夹（每个单位一个反馈表），而“{args.out}”像是文件名")
    open_ledger(location)
    try:
        written = export_plan_feedback(args.plan, args.out, include_support=args.support)
    except NotFound as error:
        raise UserError(str(error)) from error
    except ExportError as error:
        raise UserError(str(error)) from error
    for path in written:
        print(path)
    return 0


def _run_import(args: argparse.Namespace, location: Location) -> int:
    import sys

    from desktop.cli import UserError, open_ledger
    from desktop.ledger.clerk import current_clerk
    from desktop.operations import OperationError
    from desktop.operations.feedback import apply_preview, preview_files

    for path in args.files:
        if not path.exists():
            raise UserError(f"文件“{path}”不存在")
    open_ledger(location)
    preview = preview_files(list(args.files))
    for line in preview.summary_lines():
        print(line)
    if preview.errors and not preview.workbooks:
        raise UserError(preview.errors[0] if len(preview.errors) == 1 else "所有反馈表均未导入")
    if args.dry_run:
        print(f"（试读）将导入 {len(preview.answers)} 项反馈，未保存")
        return 0
    if preview.is_empty():
        print("没有新的反馈需要导入")
        return 0
    who = (args.by or "").strip() or current_clerk()
    try:
        apply_preview(preview, who)
    except OperationError as error:
        raise UserError(str(error)) from error
    print(f"已导入 {len(preview.answers)} 项反馈")
    if preview.errors:
        print(f"{len(preview.errors)} 个文件未导入，见上", file=sys.stderr)
        return 2
    return 0
