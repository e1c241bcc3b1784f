"""Who may do what on a server ledger, enforced by PostgreSQL itself (the 网络版).

Three group roles per ledger, named with a prefix (default `ledger_`; one cluster can keep
several ledgers, and the tests give each scratch schema its own):

- `<prefix>reader`  只读: SELECT on every table.  Every write is refused by the server.
- `<prefix>editor`  编辑: SELECT, INSERT, UPDATE, DELETE on the task and ledger tables; on
  "plan" SELECT, INSERT, UPDATE but not DELETE (an editor adds plans and edits them, but
  deleting a plan, with every task in it, is the administrator's); USAGE on the sequences.
- `<prefix>admin`   管理: every privilege WITH GRANT OPTION, CREATEROLE to manage logins,
  ADMIN OPTION on the reader and editor groups; owns the tables when `setup` runs as a
  superuser, so that any administrator can later upgrade the schema.

Logins are ordinary PostgreSQL roles, each a member of one group; an administrator's login
gets CREATEROLE itself (PostgreSQL does not pass role attributes on through membership).
Passwords are encrypted on the client (libpq's PQencryptPasswordConn, as psql's \\password
does), so neither the server's log nor ours ever holds one in clear.

`setup()` records the prefix in a comment on the "ledger_schema" table, so the `server user`
commands find the groups without being told again; a comment is no row of the ledger, so
`copy` neither carries nor hashes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import peewee

from db.schema_postgres import TABLES

DEFAULT_PREFIX = "ledger_"
ROLE_KEYS = ("reader", "editor", "admin")
ROLE_LABELS = {"reader": "只读", "editor": "编辑", "admin": "管理"}
_ROLE_NAMES = {
    **{key: key for key in ROLE_KEYS},
    **{label: key for key, label in ROLE_LABELS.items()},
    "只读用户": "reader",
    "编辑用户": "editor",
    "管理员": "admin",
}
_COMMENT = "rectification-ledger roles prefix="
_PREFIX_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_LOGIN_PATTERN = re.compile(r"^[\w.\-]+$")
NO_DELETE = ("plan",)  # editors may not delete rows of these tables
READ_ONLY_FOR_EDITORS = ("ledger_schema",)


class RolesError(Exception):
    """A role or login cannot be set up or changed; str() is one Chinese line."""


@dataclass(frozen=True)
class Login:
    name: str
    role: str  # a ROLE_KEYS entry

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.role]


def role_key(text: str) -> str:
    """`只读`/`reader`, `编辑`/`editor`, `管理`/`admin` → the role's key."""
    key = _ROLE_NAMES.get(text.strip().lower()) or _ROLE_NAMES.get(text.strip())
    if key is None:
        raise RolesError(f"角色“{text}”无法识别：请用 只读、编辑 或 管理（reader、editor、admin）")
    return key


def group_name(prefix: str, role: str) -> str:
    return f"{prefix}{role}"


def check_prefix(prefix: str) -> str:
    if not _PREFIX_PATTERN.match(prefix):
        raise RolesError(
            f"角色名前缀“{prefix}”无效：只能由小写字母、数字和下划线组成，"
            "以字母开头，不超过 40 个字符"
        )
    return prefix


def check_login_name(name: str) -> str:
    if not name or not _LOGIN_PATTERN.match(name) or len(name.encode("utf-8")) > 63:
        raise RolesError(
            f"登录名“{name}”无效：只能由字母、数字、下划线、点和减号组成，不超过 63 个字节"
        )
    return name


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A quoted SQL string literal (standard_conforming_strings, on since PostgreSQL 9.1)."""
    return "'" + text.replace("'", "''") + "'"


# -- the statements --------------------------------------------------------------------------


def grant_statements(prefix: str, schema: str, dbname: str, as_admin: bool = False) -> list[str]:
    """The grants of the three groups on the ledger in `schema` (idempotent).

    `as_admin`: run by a member of the admin group (an administrator's login running setup
    again, after an upgrade): the admin group's own rights and the database's CONNECT were
    given by the first run, and a member cannot grant them to its own group again."""
    reader, editor, admin = (ident(group_name(prefix, key)) for key in ROLE_KEYS)
    s = ident(schema)
    editable = [t for t in TABLES if t not in NO_DELETE]
    statements = [
        f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {s} TO {reader}, {editor}",
        # readers: look at everything, change nothing
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {reader}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {reader}",
        # editors: the tasks and the ledger; plans added and edited, never deleted
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {editor}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {editor}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON "
        + ", ".join(f"{s}.{ident(t)}" for t in editable)
        + f" TO {editor}",
        "GRANT SELECT, INSERT, UPDATE ON "
        + ", ".join(f"{s}.{ident(t)}" for t in NO_DELETE)
        + f" TO {editor}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {s} TO {editor}",
    ]
    if as_admin:
        return statements
    return [
        f"GRANT CONNECT ON DATABASE {ident(dbname)} TO {reader}, {editor}, {admin}",
        *statements,
        # administrators: everything, and they may pass it on
        f"GRANT USAGE, CREATE ON SCHEMA {s} TO {admin} WITH GRANT OPTION",
        f"GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA {s} TO {admin} WITH GRANT OPTION",
        f"GRANT ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA {s} TO {admin} WITH GRANT OPTION",
        f"GRANT {reader}, {editor} TO {admin} WITH ADMIN OPTION",
    ]


def ownership_statements(prefix: str, schema: str) -> list[str]:
    """Hand the tables and the trigger function to the admin group (run by a superuser)."""
    admin = ident(group_name(prefix, "admin"))
    s = ident(schema)
    tables = [*TABLES, "ledger_schema"]
    return [f"ALTER TABLE {s}.{ident(t)} OWNER TO {admin}" for t in tables] + [
        f'ALTER FUNCTION {s}."ledger_notify"() OWNER TO {admin}'
    ]


# -- on the server ---------------------------------------------------------------------------


def _run(db: peewee.Database, statement: str, params: tuple = ()) -> list[tuple]:
    """Run one statement without logging it (it may carry an encrypted password)."""
    cursor = db.cursor()
    try:
        cursor.execute(statement, params or None)
        return cursor.fetchall() if cursor.description else []
    except Exception as error:
        raise _failure(error) from error
    finally:
        cursor.close()


def _failure(error: Exception) -> Exception:
    from db.errors import storage_message

    if isinstance(error, RolesError):
        return error
    code = getattr(error, "sqlstate", None) or ""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if code == "42710":
        return RolesError("服务器上已有同名的登录名或角色，请换一个名称")
    if code == "2BP01":
        return RolesError(f"这个登录名还拥有数据库对象或权限，不能删除：{text}")
    if code == "42704":
        return RolesError("服务器上没有这个登录名或角色")
    cause = storage_message(error)
    if cause is not None:
        return RolesError(cause)
    return RolesError(f"服务器拒绝了这项操作：{text}")


def current_schema(db: peewee.Database) -> str:
    return _run(db, "SELECT current_schema()")[0][0] or "public"


def stored_prefix(db: peewee.Database) -> str | None:
    """The prefix `setup` recorded for this ledger, or None before setup."""
    rows = _run(db, "SELECT obj_description(to_regclass('ledger_schema'), 'pg_class')")
    comment = rows[0][0] if rows else None
    if comment and comment.startswith(_COMMENT):
        return comment[len(_COMMENT) :]
    return None


def _role_exists(db: peewee.Database, name: str) -> bool:
    return bool(_run(db, "SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)))


def _may_manage_roles(db: peewee.Database) -> tuple[bool, bool]:
    """(superuser, may create roles) for the current login."""
    rows = _run(db, "SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user")
    superuser, createrole = rows[0] if rows else (False, False)
    return bool(superuser), bool(superuser or createrole)


@dataclass
class SetupReport:
    prefix: str
    created: list[str]  # the groups created now (none when run again)
    owner: str  # who owns the tables: the admin group, or the login that created them


def setup(db: peewee.Database, prefix: str = DEFAULT_PREFIX) -> SetupReport:
    """Create the three groups (if missing) and grant them their rights on the ledger that
    `db` is connected to; record the prefix.  Idempotent; one transaction."""
    check_prefix(prefix)
    superuser, may_create = _may_manage_roles(db)
    if not may_create:
        raise RolesError(
            "当前登录不能建立角色：请用数据库超级用户（如 postgres）"
            "或有 CREATEROLE 权限的登录名运行"
        )
    created = []
    with db.atomic():
        for key in ROLE_KEYS:
            name = group_name(prefix, key)
            if not _role_exists(db, name):
                extra = " CREATEROLE" if key == "admin" else ""
                _run(db, f"CREATE ROLE {ident(name)} NOLOGIN{extra}")
                created.append(name)
            elif key == "admin":
                _run(db, f"ALTER ROLE {ident(name)} CREATEROLE")
        schema = current_schema(db)
        dbname = _run(db, "SELECT current_database()")[0][0]
        admin = group_name(prefix, "admin")
        as_admin = not superuser and bool(
            _run(db, "SELECT pg_has_role(current_user, %s, 'MEMBER')", (admin,))[0][0]
        )
        if superuser:
            for statement in ownership_statements(prefix, schema):
                _run(db, statement)
        for statement in grant_statements(prefix, schema, dbname, as_admin):
            _run(db, statement)
        _run(db, f'COMMENT ON TABLE "ledger_schema" IS {literal(_COMMENT + prefix)}')
        owner = _run(
            db,
            "SELECT tableowner FROM pg_tables "
            "WHERE schemaname = current_schema() AND tablename = 'plan'",
        )[0][0]
    return SetupReport(prefix, created, owner)


def ledger_prefix(db: peewee.Database, prefix: str | None = None) -> str:
    """The prefix to use: the one given, else the one `setup` recorded; the groups must exist."""
    prefix = prefix or stored_prefix(db)
    if prefix is None:
        raise RolesError("这个服务器台账还没有设置角色：请管理员先运行 server setup")
    check_prefix(prefix)
    if not _role_exists(db, group_name(prefix, "admin")):
        raise RolesError(
            f"服务器上没有角色“{group_name(prefix, 'admin')}”：请管理员先运行 server setup"
        )
    return prefix


def list_logins(db: peewee.Database, prefix: str) -> list[Login]:
    """The logins that belong to this ledger's groups, by name, each with its highest role."""
    groups = [group_name(prefix, key) for key in ROLE_KEYS]
    rows = _run(
        db,
        "SELECT member.rolname, grp.rolname FROM pg_auth_members m "
        "JOIN pg_roles member ON member.oid = m.member "
        "JOIN pg_roles grp ON grp.oid = m.roleid "
        "WHERE grp.rolname = ANY(%s) AND member.rolcanlogin",
        (groups,),
    )
    best: dict[str, str] = {}
    for name, group in rows:
        key = ROLE_KEYS[groups.index(group)]
        if ROLE_KEYS.index(key) >= ROLE_KEYS.index(best.get(name, "reader")):
            best[name] = key
    return [Login(name, best[name]) for name in sorted(best)]


def _login(db: peewee.Database, prefix: str, name: str) -> Login:
    for login in list_logins(db, prefix):
        if login.name == name:
            return login
    raise RolesError(f"“{name}”不是这个台账的登录名（用 server user list 查看）")


def encrypt_password(db: peewee.Database, name: str, password: str) -> str:
    """The password as the server stores it (SCRAM), computed here, never sent in clear."""
    connection = db.connection()
    encrypted = connection.pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8"))
    return encrypted.decode("ascii")


def add_login(db: peewee.Database, prefix: str, name: str, role: str, password: str) -> Login:
    check_login_name(name)
    if not password:
        raise RolesError("密码不能为空")
    if _role_exists(db, name):
        raise RolesError(f"服务器上已有登录名或角色“{name}”，请换一个名称")
    secret = encrypt_password(db, name, password)
    createrole = " CREATEROLE" if role == "admin" else ""
    with db.atomic():
        _run(db, f"CREATE ROLE {ident(name)} LOGIN{createrole} PASSWORD {literal(secret)}")
        _grant_group(db, prefix, name, role)
    return Login(name, role)


def _grant_group(db: peewee.Database, prefix: str, name: str, role: str) -> None:
    group = ident(group_name(prefix, role))
    if role == "admin":
        # administrators may take on further administrators (ADMIN OPTION, PostgreSQL 16+)
        _run(db, f"GRANT {group} TO {ident(name)} WITH ADMIN OPTION")
    else:
        _run(db, f"GRANT {group} TO {ident(name)}")


def remove_login(db: peewee.Database, prefix: str, name: str) -> None:
    _login(db, prefix, name)
    if name == _run(db, "SELECT current_user")[0][0]:
        raise RolesError(f"不能删除正在使用的登录名“{name}”，请用另一个管理员登录名操作")
    with db.atomic():
        _run(db, f"DROP ROLE {ident(name)}")


def set_role(db: peewee.Database, prefix: str, name: str, role: str) -> Login:
    login = _login(db, prefix, name)
    if name == _run(db, "SELECT current_user")[0][0] and role != login.role:
        raise RolesError(f"不能改变正在使用的登录名“{name}”自己的角色，请用另一个管理员登录名操作")
    with db.atomic():
        for key in ROLE_KEYS:
            if key != role:
                _run(db, f"REVOKE {ident(group_name(prefix, key))} FROM {ident(name)}")
        _grant_group(db, prefix, name, role)
        attribute = "CREATEROLE" if role == "admin" else "NOCREATEROLE"
        _run(db, f"ALTER ROLE {ident(name)} {attribute}")
    return Login(name, role)
