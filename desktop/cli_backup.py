"""The `backup`, `restore` and `check` subcommands (see ../shared/CLI.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from db.location import Location


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `backup [--out FILE | --dir DIR] [--list]`, `restore BACKUP` and
    `check [--quick]`."""
    backup = subparsers.add_parser("backup", help="备份数据库（经完整性检查的一致副本）")
    backup.add_argument(
        "--out",
        "--to",
        dest="out",
        type=Path,
        default=None,
        metavar="FILE",
        help="备份文件名（默认：数据库旁 backups 文件夹中按时间命名）",
    )
    backup.add_argument(
        "--dir",
        dest="folder",
        type=Path,
        default=None,
        metavar="DIR",
        help="备份文件夹（如 U 盘、共享文件夹；默认：数据库旁的 backups 文件夹）",
    )
    backup.add_argument("--list", action="store_true", help="列出备份文件夹中的备份")
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser("restore", help="用备份替换数据库内容（当前内容先另存）")
    restore.add_argument("backup", type=Path, metavar="BACKUP", help="备份文件")
    restore.set_defaults(handler=run_restore)

    check = subparsers.add_parser("check", help="检查数据库是否完好；完好时退出码为 0")
    check.add_argument("--quick", action="store_true", help="只做快速检查")
    check.add_argument(
        "--salvage",
        type=Path,
        default=None,
        metavar="FILE",
        help="数据库损坏时，把仍能读出的内容抢救到这个新文件",
    )
    check.set_defaults(handler=run_check)


def run_backup(args: argparse.Namespace, location: Location) -> int:
    from db.backup import BackupError, backup_file, backup_now, list_backups
    from desktop.cli import UserError, require_file

    db_path = require_file(location, "备份")
    if args.out is not None and args.folder is not None:
        raise UserError("--out 与 --dir 只能选一个：--out 指定备份文件，--dir 指定备份文件夹")
    if args.folder is not None and args.folder.exists() and not args.folder.is_dir():
        raise UserError(f"“{args.folder}”不是文件夹")
    if args.list:
        for info in list_backups(db_path, args.folder):
            tasks = "无法读取" if info.tasks is None else f"{info.tasks} 项任务"
            print(f"{info.created:%Y-%m-%d %H:%M:%S}  {tasks}  {info.path}")
        return 0
    try:
        if args.out is None:
            written = backup_now(db_path, folder=args.folder)
        else:
            written = backup_file(db_path, args.out)
    except BackupError as error:
        raise UserError(str(error)) from None
    print(written)
    return 0


def run_restore(args: argparse.Namespace, location: Location) -> int:
    from db.backup import BackupError
    from db.recovery import restore
    from desktop.cli import UserError, require_file

    db_path = require_file(location, "恢复备份")
    try:
        aside = restore(args.backup, db_path)
    except BackupError as error:
        raise UserError(str(error)) from None
    print(f"已从“{args.backup}”恢复；原有内容另存为：{aside}")
    return 0


def run_check(args: argparse.Namespace, location: Location) -> int:
    from db.integrity import check_file, file_version
    from db.schema import CURRENT_VERSION
    from desktop.cli import UserError, require_file

    db_path = require_file(location, "完整性检查")
    if not db_path.is_file():
        raise UserError(f"数据库文件“{db_path}”不存在")
    problems = check_file(db_path, full=not args.quick)
    if problems and args.salvage is not None:
        _salvage(db_path, args.salvage)
    if problems:
        raise UserError(
            f"数据库“{db_path.name}”已损坏（完整性检查发现 {len(problems)} 处问题），请从备份恢复"
        )
    version = file_version(db_path)
    if version > CURRENT_VERSION:
        raise UserError(f"数据库“{db_path.name}”来自更新版本的程序（数据版本 {version}）")
    print(f"数据库“{db_path.name}”完好（数据版本 {version}）")
    return 0


def _salvage(db_path: Path, target: Path) -> None:
    from db.backup import BackupError
    from db.recovery import salvage
    from desktop.cli import UserError

    try:
        report = salvage(db_path, target)
    except BackupError as error:
        raise UserError(str(error)) from None
    lost = sum(report.lost.values())
    print(
        f"已抢救到“{target}”：任务等节点 {report.copied['node']} 条，"
        f"进展 {report.copied['progress']} 条；无法读出或已失去上级的记录 {lost} 条"
    )
