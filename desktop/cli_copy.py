"""The `copy` subcommand: the whole ledger to another database, verified (db/copying.py).

    python -m desktop copy --db ledger.db --to postgresql://admin@server/ledger
    python -m desktop copy --db postgresql://admin@server/ledger --to copy.db

Progress goes to stderr for a big ledger; the result (counts and the content hash both
sides agree on) to stdout.
"""

from __future__ import annotations

import argparse
import sys

from db.location import Location

# Below this many rows a copy takes a moment: no progress lines.
PROGRESS_FROM_ROWS = 5000


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `copy --to TARGET [--replace]`."""
    copy = subparsers.add_parser(
        "copy",
        help="把整个台账复制到另一个数据库（SQLite 文件或服务器），并核对",
        description=(
            "把 --db 指定的台账（SQLite 文件或 postgresql:// 服务器地址）整个复制到 --to，"
            "编号不变，复制后逐表核对行数和内容散列值。目标应是新文件或服务器上的空台账。"
        ),
    )
    copy.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="TARGET",
        help="目标：新的数据库文件路径，或 postgresql://登录名@服务器:端口/数据库名",
    )
    copy.add_argument(
        "--replace",
        action="store_true",
        help="目标文件已存在时用复制的内容替换它（原文件改名保留）；对服务器不适用",
    )
    copy.set_defaults(handler=run_copy)


def run_copy(args: argparse.Namespace, source: Location) -> int:
    from db.copying import CopyError, copy_ledger
    from desktop.cli import UserError, database_location
    from desktop.cli_server import connect

    if not args.target.strip():
        raise UserError("--to 没有给出目标数据库文件或服务器地址")
    target = database_location(args.target)
    try:
        report = copy_ledger(
            source, target, replace=args.replace, progress=_Progress(), connect=connect
        )
    except CopyError as error:
        raise UserError(str(error)) from None
    digest = report.digest
    from db.copying import TABLE_LABELS

    counts = "、".join(
        f"{TABLE_LABELS[name]} {rows} 条" for name, rows in digest.counts().items() if rows
    )
    print(f"已把“{report.source}”复制到“{report.target}”（用时 {report.seconds:.1f} 秒）")
    print(f"核对一致：{counts or '台账是空的'}")
    print(f"内容散列值（SHA-256）：{digest.sha256}")
    if report.aside is not None:
        print(f"目标原有的文件已另存为：{report.aside}")
    return 0


class _Progress:
    """Lines on stderr while a big ledger is copied: at each new table and every tenth."""

    def __init__(self) -> None:
        self.table = ""
        self.tenth = -1

    def __call__(self, table: str, done: int, total: int) -> None:
        from db.copying import TABLE_LABELS

        if total < PROGRESS_FROM_ROWS:
            return
        tenth = done * 10 // total
        if table == self.table and tenth == self.tenth:
            return
        self.table, self.tenth = table, tenth
        print(
            f"正在复制{TABLE_LABELS.get(table, table)}……已完成 {done}/{total} 条（{tenth * 10}%）",
            file=sys.stderr,
            flush=True,
        )
