"""The `parse` and `import` subcommands (see ../shared/CLI.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `parse FILE` and `import FILE [--year Y] [--json]`."""
    parse = subparsers.add_parser(
        "parse", help="把方案文件解析为 plan-parse/1 JSON 并打印（不写数据库）"
    )
    parse.add_argument("file", type=Path, metavar="FILE", help="方案文件（.txt 或 .docx）")
    parse.set_defaults(handler=run_parse)


def run_parse(args: argparse.Namespace, db_path: Path) -> int:
    """Print the plan-parse/1 JSON of FILE; touches no database."""
    from desktop.cli import UserError
    from desktop.importing import ImportFailure, parse_file

    try:
        result = parse_file(args.file)
    except ImportFailure as failure:
        raise UserError(str(failure)) from None
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1))
    sys.stdout.write("\n")
    return 0
