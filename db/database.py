"""Opening a database file: pragmas, journal mode, schema version, refusal of newer files."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path

import peewee
from peewee import SqliteDatabase

from db import integrity, schema
from db.backup import BackupError, backup_now
from db.engine import LedgerDatabase, busy_timeout_ms
from db.errors import os_message, storage_message
from db.instance_lock import InstanceLock, LedgerInUse
from db.location import Location, ServerLocation
from db.models import database
from db.postgres import LedgerPostgres, is_server, open_server_database, server_schema_version

_instance_lock: InstanceLock | None = None
_log = logging.getLogger(__name__)

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "davfs"}


class DatabaseOpenError(Exception):
    """The file cannot be used as a ledger database; str() is one Chinese line."""


class DatabaseInUse(DatabaseOpenError):
    """Another window holds the ledger (db/instance_lock.py); `holder` says who."""

    def __init__(self, error: LedgerInUse):
        super().__init__(str(error))
        self.holder = error.holder


class DatabaseDamaged(DatabaseOpenError):
    """The integrity check failed: the file was left exactly as it was found."""

    def __init__(self, path: Path, problems: list[str]):
        from db.recovery import newest_sound_backup

        self.path = path
        self.problems = problems
        self.backup = newest_sound_backup(path)  # what to offer, or None
        if self.backup is None:
            advice = "备份文件夹中没有完好的备份"
        else:
            tasks = "" if self.backup.tasks is None else f"，{self.backup.tasks} 项任务"
            advice = (
                f"最近一个完好的备份是“{self.backup.path.name}”"
                f"（{self.backup.created:%Y-%m-%d %H:%M}{tasks}），可用它恢复"
            )
        super().__init__(
            f"数据库文件“{path.name}”已损坏（完整性检查未通过），为防止损坏扩大，"
            f"程序未向其写入任何内容；{advice}"
        )


def is_network_path(path: Path) -> bool:
    """True when `path` lives on a network share, where WAL must not be used."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":
        import ctypes

        drive = os.path.splitdrive(str(path.resolve()))[0]
        drive_remote = 4
        return bool(drive) and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote
    return _mount_type(path) in NETWORK_FILESYSTEMS


def _mount_type(path: Path) -> str:
    mounts = Path("/proc/mounts")
    if not mounts.is_file():
        return ""
    target = str(path.resolve())
    best, best_type = "", ""
    for line in mounts.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def open_database(
    path: Path,
    busy_timeout: int | None = None,
    single_window: bool = False,
    read_only: bool = False,
) -> SqliteDatabase:
    """Open (creating if needed) the ledger at `path`, migrate it, bind the models to it.

    `busy_timeout` (ms, default busy_timeout_ms()) is how long a write waits while another
    program holds the write lock; then it fails with “database is locked”.
    `single_window`: the window's open — hold the instance lock until close_database(), and
    raise DatabaseInUse when another window holds it.  The command line does not lock.
    `read_only`: look without changing anything (the ledger another window holds, a copy on
    a CD): no lock, no upgrade; every write fails with “attempt to write a readonly
    database”, which storage_message() calls read-only.
    """
    path = Path(path)
    timeout = busy_timeout_ms() if busy_timeout is None else busy_timeout
    if path.exists() and path.is_dir():
        raise DatabaseOpenError(f"“{path}”是一个文件夹，不是数据库文件")
    if read_only:
        return _open_read_only(path, timeout)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseOpenError(
            f"无法创建数据库所在的文件夹“{path.parent}”：{os_message(error)}"
        ) from error
    if single_window:
        _lock_instance(path)
    journal = "delete" if is_network_path(path) else "wal"
    db = LedgerDatabase(
        str(path),
        timeout=timeout / 1000,
        pragmas={
            "foreign_keys": 1,
            "busy_timeout": timeout,
            "synchronous": "normal" if journal == "wal" else "full",
        },
    )
    database.initialize(db)
    try:
        db.connect()
        _check_version(db, path)
        _check_integrity(db, path)
        db.execute_sql(f"PRAGMA journal_mode = {journal}")
        _migrate(db, path)
    except (sqlite3.DatabaseError, peewee.DatabaseError, DatabaseOpenError) as error:
        _release_instance()
        failure = _open_failed(db, path, error)
        if failure is error:
            raise
        raise failure from error
    return db


def _open_read_only(path: Path, timeout: int) -> SqliteDatabase:
    if not path.is_file():
        raise DatabaseOpenError(f"数据库文件“{path}”不存在")
    db = LedgerDatabase(
        path.resolve().as_uri() + "?mode=ro",
        uri=True,
        timeout=timeout / 1000,
        pragmas={"foreign_keys": 1, "busy_timeout": timeout, "query_only": 1},
    )
    database.initialize(db)
    try:
        db.connect()
        _check_version(db, path)
        _check_integrity(db, path)
        version = schema_version(db)
        if version != schema.CURRENT_VERSION:
            raise DatabaseOpenError(
                f"数据库“{path.name}”的数据版本是 {version}，需要先升级，不能以只读方式打开"
            )
    except (sqlite3.DatabaseError, peewee.DatabaseError, DatabaseOpenError) as error:
        failure = _open_failed(db, path, error)
        if failure is error:
            raise
        raise failure from error
    return db


def _open_failed(db: SqliteDatabase, path: Path, error: Exception) -> DatabaseOpenError:
    """Close what was opened; the error to raise, in Chinese."""
    db.close()
    database.initialize(None)
    if isinstance(error, DatabaseOpenError):
        return error
    if _is_damage(error):
        return DatabaseDamaged(path, [str(error)])
    return DatabaseOpenError(_describe(path, error))


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()
    _release_instance()


def _lock_instance(path: Path) -> None:
    global _instance_lock
    _release_instance()
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except LedgerInUse as error:
        raise DatabaseInUse(error) from None
    except OSError:
        # A read-only folder or a share without locks: open unguarded rather than not at all.
        _log.warning("cannot lock %s; another window would not be detected", path, exc_info=True)
        return
    _instance_lock = lock


def _release_instance() -> None:
    global _instance_lock
    if _instance_lock is not None:
        _instance_lock.release()
        _instance_lock = None


def open_location(
    location: Location, single_window: bool = False, read_only: bool = False
) -> peewee.Database:
    """Open a SQLite file (open_database) or a server ledger (db/postgres.py).

    `single_window` only concerns a file: on a server several clerks work at once."""
    if isinstance(location, ServerLocation):
        return open_server_database(location, read_only=read_only)
    return open_database(location, single_window=single_window, read_only=read_only)


def data_version(db: peewee.Database) -> int:
    """A number that changes when another connection (a CLI import, another program,
    another clerk on the server) commits to the database; our own commits leave it alone.
    Poll it to refresh views."""
    if isinstance(db, LedgerPostgres):
        return db.change_count()
    return db.execute_sql("PRAGMA data_version").fetchone()[0]


def schema_version(db: peewee.Database) -> int:
    if is_server(db):
        return server_schema_version(db)
    return db.execute_sql("PRAGMA user_version").fetchone()[0]


def _check_version(db: SqliteDatabase, path: Path) -> None:
    """Refuse, before anything is written, a file made by a newer or another program."""
    version = schema_version(db)
    if version == 0 and db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise DatabaseOpenError(
            f"“{path.name}”是其他程序的 SQLite 数据库，不是台账数据库，未作任何改动"
        )
    if version > schema.CURRENT_VERSION:
        raise DatabaseOpenError(
            f"数据库“{path.name}”由更新版本的程序创建（数据版本 {version}，本程序支持 "
            f"{schema.CURRENT_VERSION}），为防止损坏数据，未作任何改动。请升级程序后再打开。"
        )


def _check_integrity(db: SqliteDatabase, path: Path) -> None:
    """Quick check before anything is written (see db/integrity.py for when and its cost)."""
    if not integrity.check_due(path):
        return
    problems = integrity.run_check(db.connection())
    if problems:
        raise DatabaseDamaged(path, problems)
    integrity.mark_checked(path)


def _is_damage(error: Exception) -> bool:
    message = str(error).lower()
    return "malformed" in message or "corrupt" in message


def _migrate(db: SqliteDatabase, path: Path) -> None:
    """Create a new file at the current version, or back up an older one and bring it
    forward (the backup keeps its version: `before-upgrade-v1-…` in backups/)."""
    version = schema_version(db)
    if version == 0:
        with db.atomic():
            schema.create_schema(db)
    elif version < schema.CURRENT_VERSION:
        try:
            backup_now(path, label=f"before-upgrade-v{version}")
        except BackupError as error:
            raise DatabaseOpenError(f"升级数据库前未能备份，数据库未作改动：{error}") from error
        schema.upgrade(db, version)


def _describe(path: Path, error: Exception) -> str:
    message = str(error)
    if "not a database" in message or "malformed" in message:
        return f"“{path.name}”不是有效的台账数据库文件，或文件已损坏"
    if "locked" in message or "busy" in message:
        return f"数据库“{path.name}”正被其他程序占用，请稍后再试"
    if "readonly" in message or "unable to open" in message:
        return f"无法打开数据库“{path}”：没有读写权限或路径无效"
    cause = storage_message(error)
    return f"无法打开数据库“{path.name}”：{cause}" if cause else f"无法打开数据库“{path.name}”"
