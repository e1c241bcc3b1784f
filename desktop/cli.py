"""The command line: `python -m desktop [--db PATH] [SUBCOMMAND ...]` (see ../shared/CLI.md).

With no subcommand the window opens.  Subcommands work headless and never import Qt.
Bad input a user can cause exits 2 with one Chinese line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.paths import default_database_path


class UserError(Exception):
    """Bad input a user can cause; its message is one Chinese line."""


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def open_ledger(db_path: Path) -> None:
    """Open the ledger database for a subcommand; a bad file becomes a UserError."""
    from db.database import DatabaseOpenError, open_database

    try:
        open_database(db_path)
    except DatabaseOpenError as error:
        raise UserError(str(error)) from error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m desktop",
        description=f"{APP_NAME}：整改方案分解、分解表打印与整改落实跟踪。不带子命令时打开窗口。",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db", type=Path, default=None, help=f"数据库文件（默认：{default_database_path()}）"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="子命令")
    from desktop import cli_export, cli_import, cli_ledger

    cli_import.add_commands(subparsers)
    cli_export.add_commands(subparsers)
    cli_ledger.add_commands(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    db_path: Path = args.db or default_database_path()
    try:
        if args.command is None:
            from desktop.app import run_window

            return run_window(db_path)
        return args.handler(args, db_path)
    except UserError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 2
