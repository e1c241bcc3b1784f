"""The command line: `python -m desktop [--db PATH] [SUBCOMMAND ...]` (see ../shared/CLI.md).

With no subcommand the window opens.  Subcommands work headless and never import Qt.
Bad input a user can cause exits 2 with one Chinese line on stderr, never a traceback;
argparse's own usage, help and errors are Chinese too (desktop/cli_argparse.py).
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from pathlib import Path

from db.location import Location, ServerLocation
from desktop import APP_NAME, __version__
from desktop.cli_argparse import ChineseArgumentParser, SubcommandParser, add_db_option
from desktop.paths import default_database_path

EXIT_USER_ERROR = 2
EXIT_BROKEN_PIPE = 1  # as the Python docs' "Note on SIGPIPE" does
EXIT_INTERRUPTED = 130


class UserError(Exception):
    """Bad input a user can cause; its message is one Chinese line."""


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def check_input_file(path: Path) -> None:
    """Refuse, before anything opens it, an input that is not a regular file.

    A FIFO would block the read forever and /dev/zero would never end; a folder or a
    missing file gets a line naming it."""
    from db.errors import os_message

    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        if path.parent != path and not path.parent.is_dir():
            raise UserError(f"文件夹“{path.parent}”不存在") from None
        raise UserError(f"文件“{path}”不存在") from None
    except OSError as error:
        raise UserError(f"无法读取“{path}”：{os_message(error)}") from None
    if stat.S_ISDIR(mode):
        raise UserError(f"“{path}”是文件夹，不是文件")
    if not stat.S_ISREG(mode):
        raise UserError(f"“{path}”不是普通文件（管道、设备等），无法读取")


def open_ledger(location: Location) -> None:
    """Open the ledger (a SQLite file or a server) for a subcommand; failures become a
    UserError.

    The default database's folder is created on first use; a folder named with `--db`
    must exist (a mistyped path should not silently make a new, empty ledger)."""
    if isinstance(location, ServerLocation):
        _open_server_ledger(location)
        return
    from db.database import DatabaseOpenError, open_database
    from db.errors import os_message, storage_message

    db_path = location
    if db_path != default_database_path():
        if not db_path.parent.is_dir():
            raise UserError(f"数据库所在的文件夹“{db_path.parent}”不存在")
        if db_path.exists() and not db_path.is_dir() and not db_path.is_file():
            raise UserError(f"“{db_path}”不是数据库文件")
    try:
        open_database(db_path)
    except DatabaseOpenError as error:
        cause = error.__cause__
        if isinstance(cause, OSError) and "Errno" in str(error):  # never "[Errno 2] …"
            raise UserError(f"无法打开数据库“{db_path}”：{os_message(cause)}") from error
        raise UserError(str(error)) from error
    except OSError as error:
        raise UserError(f"无法打开数据库“{db_path}”：{os_message(error)}") from error
    except Exception as error:
        message = storage_message(error)
        if message is None:
            raise
        raise UserError(f"无法打开数据库“{db_path}”：{message}") from error


def _open_server_ledger(location: ServerLocation) -> None:
    """Connect; the password comes from the address, PGPASSWORD, the .pgpass file, or is
    asked for at the terminal."""
    from desktop.cli_server import connect

    connect(location)


def require_file(location: Location, action: str) -> Path:
    """The SQLite file a file-only subcommand (backup, restore, check) works on."""
    if isinstance(location, ServerLocation):
        raise UserError(
            f"{action}只适用于 SQLite 数据库文件；服务器数据库由管理员用 pg_dump 备份、"
            "pg_restore 恢复，见 README.md“服务器版（给管理员）”一节的“7. 备份与恢复”"
        )
    return location


def program_name() -> str:
    """How the user started us, for usage lines: the executable's name when frozen."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).name
    return "python -m desktop"


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog=program_name(),
        description=f"{APP_NAME}：整改方案分解、分解表打印与整改落实跟踪。不带子命令时打开窗口。",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出"
    )
    add_db_option(parser, default_database_path())
    # Every subcommand's parser is a SubcommandParser, so `--db PATH` also works after it.
    subparsers = parser.add_subparsers(
        dest="command", metavar="子命令", title="子命令", parser_class=SubcommandParser
    )
    from desktop import cli_backup, cli_export, cli_import, cli_ledger

    cli_import.add_commands(subparsers)
    cli_export.add_commands(subparsers)
    cli_ledger.add_commands(subparsers)
    cli_backup.add_commands(subparsers)
    from desktop import cli_feedback  # noqa: I001

    cli_feedback.add_commands(subparsers)
    from desktop import cli_copy, cli_server  # noqa: I001

    cli_copy.add_commands(subparsers)
    cli_server.add_commands(subparsers)
    return parser


def database_location(option: str | None) -> Location:
    """The SQLite file or server address `--db` names, else the default file."""
    from db.location import LocationError, parse_location

    if option is None:
        return default_database_path()
    if not option.strip():
        raise UserError("--db 没有给出数据库文件或服务器地址")
    try:
        return parse_location(option)
    except LocationError as error:
        raise UserError(str(error)) from None


def _quiet_broken_pipe() -> int:
    """The reader of our output went away (`… | head`): no traceback, no further writes.

    Python's docs ("Note on SIGPIPE"): point stdout at devnull so that the flush at exit
    does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return EXIT_BROKEN_PIPE


def _run(args: argparse.Namespace, db_path: Location) -> int:
    if args.command is None:
        from desktop.app import run_window

        return run_window(db_path, follow_last=getattr(args, "db", None) is None)
    try:
        code: int = args.handler(args, db_path)
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            raise
        from db.errors import os_message

        raise UserError(os_message(error)) from error
    except UserError:
        raise
    except Exception as error:
        from db.errors import storage_message

        message = storage_message(error)
        if message is None:
            raise
        raise UserError(message) from error
    sys.stdout.flush()
    return code


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit:
            sys.stdout.flush()  # --help into a closed pipe fails here, not at exit
            raise
        return _run(args, database_location(getattr(args, "db", None)))
    except UserError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as error:
        # A closed pipe: BrokenPipeError on POSIX, EINVAL when Windows flushes into it.
        windows_pipe = sys.platform == "win32" and error.errno == errno.EINVAL
        if isinstance(error, BrokenPipeError) or windows_pipe:
            return _quiet_broken_pipe()
        raise
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return EXIT_INTERRUPTED
