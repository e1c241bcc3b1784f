"""Where a ledger lives: a SQLite file or a PostgreSQL server (the 网络版).

`--db` and the window take either a path or a `postgresql://user@host:port/name` address.
The password is never part of what is shown or logged: `ServerLocation.display()` leaves
it out, and it is passed to the driver separately (asked for, or from the credential
store; a password written into the address is accepted for scripts and tests).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlsplit

DEFAULT_PORT = 5432
SCHEMES = ("postgresql", "postgres")


class LocationError(ValueError):
    """The address cannot be read; str() is one Chinese line."""


@dataclass(frozen=True)
class ServerLocation:
    """A ledger on a PostgreSQL server.  `schema` picks a schema other than `public`
    (one server keeping several ledgers; the tests give each test its own)."""

    host: str
    dbname: str
    user: str
    port: int = DEFAULT_PORT
    schema: str = ""
    password: str | None = field(default=None, repr=False, compare=False)

    def display(self) -> str:
        """The address without the password: for titles, logs and messages."""
        return self.url()

    def url(self, with_password: bool = False) -> str:
        """The address as `--db` takes it; the password only when asked for (scripts)."""
        user = quote(self.user, safe="")
        if with_password and self.password is not None:
            user += ":" + quote(self.password, safe="")
        user = f"{user}@" if user else ""
        query = f"?schema={quote(self.schema, safe='')}" if self.schema else ""
        return f"postgresql://{user}{self.host}:{self.port}/{quote(self.dbname, safe='')}{query}"

    def with_password(self, password: str | None) -> ServerLocation:
        return replace(self, password=password)

    def connect_params(self) -> dict[str, object]:
        """Keyword arguments for psycopg.connect (via peewee)."""
        params: dict[str, object] = {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "application_name": "rectification-ledger",
        }
        if self.password is not None:
            params["password"] = self.password
        if self.schema:
            params["options"] = f"-c search_path={self.schema}"
        return params

    def __str__(self) -> str:
        return self.display()


Location = Path | ServerLocation


def is_server_address(text: str) -> bool:
    return text.strip().lower().startswith(tuple(f"{scheme}://" for scheme in SCHEMES))


def parse_location(text: str) -> Location:
    """A path, or a ServerLocation for a `postgresql://` address."""
    if is_server_address(text):
        return parse_server_address(text)
    if "://" in text:
        scheme = text.split("://", 1)[0]
        raise LocationError(
            f"不支持的数据库地址“{scheme}://…”：请给出 SQLite 数据库文件的路径，"
            "或 postgresql://用户名@服务器:端口/数据库名"
        )
    if not text.strip():
        raise LocationError("没有给出数据库文件或服务器地址")
    return Path(text)


def parse_server_address(text: str) -> ServerLocation:
    """`postgresql://user[:password]@host[:port]/name[?schema=…]` → ServerLocation."""
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError as error:
        raise LocationError(f"服务器地址“{_hide_password(text)}”的端口号无效") from error
    if parts.scheme.lower() not in SCHEMES:
        raise LocationError(f"“{_hide_password(text)}”不是 postgresql:// 地址")
    host = parts.hostname or ""
    if not host:
        raise LocationError(f"服务器地址“{_hide_password(text)}”没有写服务器名或 IP 地址")
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname or "/" in dbname:
        raise LocationError(f"服务器地址“{_hide_password(text)}”没有写数据库名（…/数据库名）")
    user = unquote(parts.username or "")
    if not user:
        raise LocationError(
            f"服务器地址“{_hide_password(text)}”没有写登录名（postgresql://登录名@服务器/…）"
        )
    query = dict(parse_qsl(parts.query))
    schema = query.pop("schema", "")
    if query:
        names = "、".join(sorted(query))
        raise LocationError(f"服务器地址中的参数“{names}”无法识别（只支持 schema）")
    if schema and not schema.replace("_", "").isalnum():
        raise LocationError(f"模式名“{schema}”只能由字母、数字和下划线组成")
    password = unquote(parts.password) if parts.password is not None else None
    return ServerLocation(
        host=host,
        dbname=dbname,
        user=user,
        port=port or DEFAULT_PORT,
        schema=schema,
        password=password,
    )


def _hide_password(text: str) -> str:
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return text.strip()
    if parts.password is None:
        return text.strip()
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def describe(location: Location) -> str:
    """How to name the ledger to the user."""
    return location.display() if isinstance(location, ServerLocation) else str(location)
