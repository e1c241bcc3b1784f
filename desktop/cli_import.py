"""The `parse` and `import` subcommands (see ../shared/CLI.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from db.location import Location


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `parse FILE` and `import FILE [--year Y] [--json]`."""
    parse = subparsers.add_parser(
        "parse", help="把方案文件解析为 plan-parse/1 JSON 并打印（不写数据库）"
    )
    parse.add_argument(
        "file", type=Path, metavar="FILE", help="方案文件（.txt、.docx、.doc、.wps、.pdf 或 .ofd）"
    )
    parse.set_defaults(handler=run_parse)

    save = subparsers.add_parser("import", help="解析方案文件并把其中每个方案存入数据库")
    save.add_argument(
        "file", type=Path, metavar="FILE", help="方案文件（.txt、.docx、.doc、.wps、.pdf 或 .ofd）"
    )
    save.add_argument("--year", type=int, default=None, help="方案年度（覆盖文件中的年份）")
    save.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    save.set_defaults(handler=run_import)


def run_parse(args: argparse.Namespace, location: Location) -> int:
    """Print the plan-parse/1 JSON of FILE; touches no database."""
    from desktop.cli import UserError, check_input_file
    from desktop.importing import ImportFailure, parse_file

    check_input_file(args.file)
    try:
        result = parse_file(args.file)
    except ImportFailure as failure:
        raise UserError(str(failure)) from None
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
    sys.stdout.write("\n")
    return 0


def run_import(args: argparse.Namespace, location: Location) -> int:
    """Parse FILE and save every plan in it in one transaction."""
    from desktop.cli import UserError, check_input_file, open_ledger
    from desktop.importing import ImportFailure, parse_file

    if args.year is not None and not 1900 <= args.year <= 2200:
        raise UserError(f"年度“{args.year}”无效")
    check_input_file(args.file)
    open_ledger(location)
    from desktop.operations import OperationError
    from desktop.operations.import_plans import import_plans, known_units

    try:
        result = parse_file(args.file, year=args.year, known_units=known_units())
        saved, _ = import_plans(result, year=args.year, fallback_title=args.file.stem)
    except ImportFailure as failure:
        raise UserError(str(failure)) from None
    except OperationError as error:
        raise UserError(f"“{args.file.name}”未导入：{error}") from None
    if args.json:
        plans = [{"id": p.id, "title": p.title, "tasks": p.tasks} for p in saved]
        print(json.dumps({"plans": plans}, ensure_ascii=False))
    else:
        for plan in saved:
            print(f"plan {plan.id}: {plan.title} ({plan.tasks} tasks)")
    return 0
