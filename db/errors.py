"""Storage failures a user can meet, as one Chinese sentence each.

The window's command runner and the command line both ask `storage_message()`: a database
that is busy, locked, read-only, full or damaged, or a disk that fails, is not a bug in the
program but a condition to tell the user about (qutebrowser's `misc/sql.py` KnownError,
Anki's `errors.py`).  Anything else is a bug: it goes to the log.
"""

from __future__ import annotations

import errno
import sqlite3

import peewee

# Matched against the lower-cased SQLite message (extended codes are not always exposed).
_STORAGE_CAUSES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("database is locked", "table is locked", "busy"), "数据库正被其他程序占用，请稍后再试"),
    (("readonly", "read-only", "attempt to write a readonly"), "数据库文件是只读的，没有写入权限"),
    (("database or disk is full", "disk is full"), "磁盘已满，无法写入数据库"),
    (("malformed", "not a database", "file is encrypted", "corrupt"), "数据库文件已损坏"),
    (("disk i/o error", "i/o error"), "读写磁盘出错（磁盘故障、U 盘被拔出或网络盘断开）"),
    (("unable to open database", "cannot open"), "无法打开数据库文件"),
)  # fmt: skip

_OS_CAUSES = {
    errno.ENOSPC: "磁盘已满",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘是只读的",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EEXIST: "文件已存在",
    errno.EIO: "读写磁盘出错",
    errno.ENOTDIR: "路径中有一项是文件而不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENAMETOOLONG: "路径太长",
    errno.EBUSY: "文件正被其他程序占用",
}


# PostgreSQL (the 网络版): SQLSTATE classes and codes a user can meet.
LOST_CONNECTION = "与服务器的连接已断开（服务器重启或网络中断），恢复后可重试"
_SERVER_CODES = {
    "42501": "当前登录没有这项操作的权限（权限由服务器管理员分配）",
    "25006": "数据库以只读方式打开，不能修改",
    "40001": "其他人正在同时修改同一内容，请重试",
    "40P01": "其他人正在同时修改同一内容，请重试",
    "55P03": "数据正被其他人占用，请稍后再试",
    "57014": "数据正被其他人占用，请稍后再试",
    "53100": "服务器磁盘已满，无法写入",
    "53200": "服务器内存不足",
    "53300": "服务器连接数已满，请稍后再试",
    "57P01": LOST_CONNECTION,
    "57P02": LOST_CONNECTION,
    "57P03": "服务器正在启动或关闭，请稍后再试",
}
_LOST_CONNECTION_TEXTS = (
    "connection is lost",
    "connection is closed",
    "the connection is closed",
    "server closed the connection",
    "terminating connection",
    "consuming input failed",
    "connection refused",
    "could not receive data",
    "could not send data",
    "ssl connection has been closed",
    "connection timed out",
)


def server_message(error: BaseException) -> str | None:
    """The Chinese cause of a PostgreSQL failure a user can meet, else None."""
    cause = _driver_error(error)
    code = getattr(cause, "sqlstate", None) or ""
    if code in _SERVER_CODES:
        return _SERVER_CODES[code]
    if code.startswith("08"):
        return LOST_CONNECTION
    module = type(cause).__module__ or ""
    if module.startswith("psycopg"):
        text = str(cause).lower()
        if any(needle in text for needle in _LOST_CONNECTION_TEXTS):
            return LOST_CONNECTION
    return None


def _driver_error(error: BaseException) -> BaseException:
    """The driver's own exception behind peewee's wrapper (its first argument)."""
    for candidate in (error.__cause__, error.args[0] if error.args else None, error.__context__):
        if isinstance(candidate, BaseException):
            return candidate
    return error


def storage_message(error: BaseException) -> str | None:
    """The Chinese cause when `error` is a storage condition, else None (a bug)."""
    server = server_message(error)
    if server is not None:
        return server
    if isinstance(
        error,
        (
            sqlite3.OperationalError,
            sqlite3.DatabaseError,
            peewee.OperationalError,
            peewee.DatabaseError,
        ),
    ):
        if isinstance(error, (sqlite3.IntegrityError, peewee.IntegrityError)):
            return None
        text = str(error).lower()
        for needles, message in _STORAGE_CAUSES:
            if any(needle in text for needle in needles):
                return message
        return None
    if isinstance(error, OSError) and error.errno in _OS_CAUSES:
        return os_message(error)
    return None


def os_message(error: OSError) -> str:
    """An OSError in Chinese, naming the file: never “[Errno 17] File exists”."""
    cause = _OS_CAUSES.get(error.errno or 0, "系统错误")
    name = error.filename if error.filename is not None else ""
    return f"{cause}：{name}" if name else cause
