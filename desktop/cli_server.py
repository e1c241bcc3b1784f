"""The `server` subcommands: the administrator's tools for a ledger on a server (db/roles.py).

    python -m desktop server setup --db postgresql://admin@server/ledger
    python -m desktop server user add zhangsan --role 编辑 --db …
    python -m desktop server user list | remove NAME | role NAME ROLE --db …

`connect()` is how the command line reaches a server besides `--db`: the password comes
from the address, PGPASSWORD, the .pgpass file, or is asked for at the terminal.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from db.location import Location, ServerLocation

if TYPE_CHECKING:
    import peewee


def connect(location: ServerLocation, read_only: bool = False) -> peewee.Database:
    """Open the server ledger at `location`, asking for the password at the terminal when
    the server wants one and none was given; failures become a UserError."""
    from db.postgres import PasswordRequired, ServerOpenError, open_server_database
    from desktop.cli import UserError

    try:
        return open_server_database(location, read_only=read_only)
    except PasswordRequired as error:
        if not sys.stdin.isatty():
            raise UserError(f"{error}（可设置环境变量 PGPASSWORD）") from error
    except ServerOpenError as error:
        raise UserError(str(error)) from error
    password = ask_password(f"请输入服务器登录“{location.user}”的密码：")
    try:
        return open_server_database(location.with_password(password), read_only=read_only)
    except ServerOpenError as error:
        raise UserError(str(error)) from error


def ask_password(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


ROLE_CHOICES = "只读、编辑 或 管理（reader、editor、admin）"
# db.roles.DEFAULT_PREFIX, written out: importing db/ for a help text would slow every start
DEFAULT_PREFIX = "ledger_"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Register `server setup` and `server user add|list|remove|role`."""
    from desktop.cli_argparse import SubcommandParser

    server = subparsers.add_parser(
        "server", help="服务器版管理：建立台账和角色，管理登录名（由管理员使用）"
    )
    actions = server.add_subparsers(
        dest="server_command", metavar="操作", title="操作", parser_class=SubcommandParser
    )
    setup = actions.add_parser(
        "setup", help="在服务器数据库上建立台账和只读、编辑、管理三个角色（可重复运行）"
    )
    _add_prefix(setup, f"角色名前缀（默认 {DEFAULT_PREFIX}；同一服务器上有多个台账时各用各的）")
    setup.set_defaults(handler=run_setup)

    user = actions.add_parser("user", help="管理登录名：add、list、remove、role")
    users = user.add_subparsers(
        dest="user_command", metavar="操作", title="操作", parser_class=SubcommandParser
    )
    add = users.add_parser("add", help="新建登录名并指定角色")
    add.add_argument("name", metavar="NAME", help="登录名")
    add.add_argument("--role", required=True, metavar="ROLE", help=f"角色：{ROLE_CHOICES}")
    add.add_argument(
        "--password", default=None, metavar="PASSWORD", help="密码（不给出时在终端上输入）"
    )
    _add_prefix(add)
    add.set_defaults(handler=run_user_add)

    listing = users.add_parser("list", help="列出这个台账的登录名和角色")
    _add_prefix(listing)
    listing.set_defaults(handler=run_user_list)

    remove = users.add_parser("remove", help="删除登录名（此后不能再连接）")
    remove.add_argument("name", metavar="NAME", help="登录名")
    _add_prefix(remove)
    remove.set_defaults(handler=run_user_remove)

    role = users.add_parser("role", help="改变登录名的角色")
    role.add_argument("name", metavar="NAME", help="登录名")
    role.add_argument("role", metavar="ROLE", help=f"新角色：{ROLE_CHOICES}")
    _add_prefix(role)
    role.set_defaults(handler=run_user_role)

    for parser in (server, user):
        parser.set_defaults(handler=_missing_action(parser))


def _add_prefix(parser: argparse.ArgumentParser, text: str | None = None) -> None:
    parser.add_argument(
        "--prefix",
        default=None,
        metavar="PREFIX",
        help=text or "角色名前缀（默认：server setup 时记下的前缀）",
    )


def _missing_action(parser: argparse.ArgumentParser):
    def run(args: argparse.Namespace, location: Location) -> int:
        from desktop.cli import UserError

        parser.print_usage(sys.stderr)
        raise UserError("请给出要执行的操作（见 --help）")

    return run


def _open(location: Location) -> peewee.Database:
    return connect(require_server(location))


def _roles_call(function, *args):
    from db.roles import RolesError
    from desktop.cli import UserError

    try:
        return function(*args)
    except RolesError as error:
        raise UserError(str(error)) from None


def run_setup(args: argparse.Namespace, location: Location) -> int:
    from db import roles

    server = require_server(location)
    db = _open(server)
    try:
        prefix = args.prefix or roles.stored_prefix(db) or roles.DEFAULT_PREFIX
        report = _roles_call(roles.setup, db, prefix)
    finally:
        db.close()
    groups = "、".join(
        f"{roles.group_name(prefix, key)}（{label}）" for key, label in roles.ROLE_LABELS.items()
    )
    print(f"服务器台账“{server.display()}”已就绪；角色：{groups}")
    if report.created:
        print(f"新建的角色：{'、'.join(report.created)}")
    if report.owner != roles.group_name(prefix, "admin"):
        print(
            f"提示：数据表归登录名“{report.owner}”所有（用超级用户运行 setup 时会交给管理角色）；"
            "程序升级后第一次连接请用该登录名"
        )
    print("下一步：用 server user add 为每位工作人员建立登录名")
    return 0


def run_user_add(args: argparse.Namespace, location: Location) -> int:
    from db import roles
    from desktop.cli import UserError

    role = _roles_call(roles.role_key, args.role)
    _roles_call(roles.check_login_name, args.name)
    db = _open(location)
    try:
        prefix = _roles_call(roles.ledger_prefix, db, args.prefix)
        password = args.password
        if password is None:
            if not sys.stdin.isatty():
                raise UserError("请用 --password 给出新登录名的密码，或在终端上运行以输入密码")
            password = ask_password(f"请输入新登录名“{args.name}”的密码：")
            if password != ask_password("请再输入一次："):
                raise UserError("两次输入的密码不一致，未建立登录名")
        login = _roles_call(roles.add_login, db, prefix, args.name, role, password)
    finally:
        db.close()
    print(f"已建立登录名“{login.name}”，角色：{login.label}")
    return 0


def run_user_list(args: argparse.Namespace, location: Location) -> int:
    from db import roles

    db = _open(location)
    try:
        prefix = _roles_call(roles.ledger_prefix, db, args.prefix)
        logins = _roles_call(roles.list_logins, db, prefix)
    finally:
        db.close()
    if not logins:
        print("还没有登录名；用 server user add 建立")
    for login in logins:
        print(f"{login.name}\t{login.label}")
    return 0


def run_user_remove(args: argparse.Namespace, location: Location) -> int:
    from db import roles

    db = _open(location)
    try:
        prefix = _roles_call(roles.ledger_prefix, db, args.prefix)
        _roles_call(roles.remove_login, db, prefix, args.name)
    finally:
        db.close()
    print(f"已删除登录名“{args.name}”")
    return 0


def run_user_role(args: argparse.Namespace, location: Location) -> int:
    from db import roles

    role = _roles_call(roles.role_key, args.role)
    db = _open(location)
    try:
        prefix = _roles_call(roles.ledger_prefix, db, args.prefix)
        login = _roles_call(roles.set_role, db, prefix, args.name, role)
    finally:
        db.close()
    print(f"登录名“{login.name}”的角色已改为：{login.label}")
    return 0


def require_server(location: Location) -> ServerLocation:
    from desktop.cli import UserError

    if not isinstance(location, ServerLocation):
        raise UserError(
            "server 命令只适用于服务器数据库：请用 --db postgresql://登录名@服务器:端口/数据库名"
        )
    return location
