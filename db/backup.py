"""Backups with SQLite's online backup API: consistent copies of a ledger in use.

A backup is written under a temporary name in its target folder, checked with
`PRAGMA integrity_check`, and only then renamed to its final name, so a backup file that
exists is a sound one.  Automatic backups live in `backups/` beside the database (the data
folder for the default database) as `<stem>-YYYYMMDD-HHMMSS.db`, thinned to the newest of
each of the last 7 days, 4 weeks and 12 months.  A restore copies a verified backup into
the live file through the same API (so other connections see a consistent change) after the
current contents have been put aside in `backups/`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from db import integrity, schema
from db.engine import busy_timeout_ms
from db.errors import os_message, storage_message
from db.instance_lock import is_in_use

_log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (pages copied, pages in all)

BACKUP_FOLDER = "backups"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_STAMP = "%Y%m%d-%H%M%S"
_TEMP_SUFFIX = ".backup-tmp"
TEMP_SUFFIXES = (_TEMP_SUFFIX, ".restore-tmp", ".salvage-tmp")  # db/recovery.py writes the others


class BackupError(Exception):
    """A backup or restore that could not be done; str() is one Chinese line."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int
    tasks: int | None  # None when the file cannot be read


def backup_folder(db_path: Path, folder: Path | None = None) -> Path:
    """Where automatic backups go: `folder` when the user chose one (a USB stick, a share),
    else `backups/` beside the database."""
    return Path(folder) if folder is not None else Path(db_path).parent / BACKUP_FOLDER


def backup_file(db_path: Path, target: Path, progress: Progress | None = None) -> Path:
    """Copy the ledger at `db_path` to `target` (a file name), verified; returns `target`.

    `progress(done, total)` is called after each step of 4096 pages; an exception raised in
    it (the user pressed 取消) ends the backup, leaving no file behind, and propagates.
    """
    db_path, target = Path(db_path), Path(target)
    if not db_path.is_file():
        raise BackupError(f"数据库文件“{db_path}”不存在")
    if target.exists() and target.is_dir():
        raise BackupError(f"“{target}”是一个文件夹；请给出备份文件名")
    if target.resolve() == db_path.resolve():
        raise BackupError("备份文件不能与数据库是同一个文件")
    try:
        source = sqlite3.connect(db_path, timeout=busy_timeout_ms() / 1000)
    except sqlite3.Error as error:
        raise BackupError(_cause("无法读取数据库", db_path, error)) from error
    try:
        return _copy_verified(source, target, progress)
    finally:
        source.close()


def backup_connection(
    connection: sqlite3.Connection, target: Path, progress: Progress | None = None
) -> Path:
    """Copy the database of an open connection (the window's) to `target`, verified."""
    return _copy_verified(connection, Path(target), progress)


def new_backup_path(
    db_path: Path, when: datetime | None = None, label: str = "", folder: Path | None = None
) -> Path:
    """A backup file name that is not taken yet: two backups within one second get
    consecutive stamps instead of one overwriting the other."""
    when = (when or datetime.now()).replace(microsecond=0)
    middle = f"-{label}" if label else ""
    base = backup_folder(db_path, folder)
    while True:
        path = base / f"{Path(db_path).stem}{middle}-{when.strftime(_STAMP)}.db"
        if not path.exists():
            return path
        when += timedelta(seconds=1)


def backup_now(
    db_path: Path, label: str = "", progress: Progress | None = None, folder: Path | None = None
) -> Path:
    """A new backup in the backups folder; labelled ones (before-upgrade …) are never thinned."""
    target = new_backup_path(db_path, label=label, folder=folder)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"无法建立备份文件夹“{target.parent}”：{os_message(error)}") from error
    return backup_file(db_path, target, progress)


def daily_backup(
    db_path: Path, today: date | None = None, folder: Path | None = None
) -> Path | None:
    """On the first start of a day, back up and thin the old backups; None when not due."""
    db_path = Path(db_path)
    today = today or date.today()
    _remove_stale_temp_files(backup_folder(db_path, folder))
    _remove_stale_temp_files(db_path.parent)
    dated = _dated(db_path, folder)
    if not db_path.is_file() or any(info.created.date() == today for info in dated):
        return None
    made = backup_now(db_path, folder=folder)
    thin_backups(db_path, today, folder)
    return made


def backup_if_changed(
    db_path: Path, min_interval: timedelta = timedelta(minutes=30), folder: Path | None = None
) -> Path | None:
    """Back up when the ledger changed since the newest automatic backup and that backup is
    at least `min_interval` old (the window: every 30 minutes, and with 0 on exit)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    dated = _dated(db_path, folder)
    if dated:
        newest = max(info.created for info in dated)
        if datetime.now() - newest < min_interval:
            return None
        if _last_change(db_path) <= newest.timestamp():
            return None
    made = backup_now(db_path, folder=folder)
    thin_backups(db_path, folder=folder)
    return made


def start_daily_backup(db_path: Path, folder: Path | None = None) -> threading.Thread:
    """daily_backup() in a background thread (3 s for a 50,000-task file); a failure is
    logged, never raised: the window starts regardless."""

    def run() -> None:
        try:
            made = daily_backup(db_path, folder=folder)
        except BackupError as error:
            _log.warning("自动备份未完成：%s", error)
        except Exception:  # a bug must not take the window down with it
            _log.exception("automatic backup failed")
        else:
            if made is not None:
                _log.info("automatic backup written: %s", made)

    thread = threading.Thread(target=run, name="daily-backup", daemon=True)
    thread.start()
    return thread


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """Every backup in the backups folder, newest first, with its task count."""
    folder = backup_folder(Path(db_path), folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{Path(db_path).stem}*.db"):
        created = _created(path)
        if created is not None:
            found.append(BackupInfo(path, created, path.stat().st_size, _task_count(path)))
    return sorted(found, key=lambda info: info.created, reverse=True)


def backups_to_keep(days: list[date], today: date) -> set[date]:
    """Of the days that have a backup, those kept: the newest of each of the last
    KEEP_DAILY days, KEEP_WEEKLY weeks and KEEP_MONTHLY months (a day after `today`, from a
    clock set wrong, is kept)."""
    past = sorted({day for day in days if day <= today}, reverse=True)
    keep = {day for day in days if day > today}
    rules: tuple[tuple[int, Callable[[date], object]], ...] = (
        (KEEP_DAILY, lambda day: day),
        (KEEP_WEEKLY, lambda day: day.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda day: (day.year, day.month)),
    )
    for count, period in rules:
        newest: dict[object, date] = {}
        for day in past:
            newest.setdefault(period(day), day)
        keep.update(sorted(newest.values(), reverse=True)[:count])
    return keep


def thin_backups(
    db_path: Path, today: date | None = None, folder: Path | None = None
) -> list[Path]:
    """Delete automatic backups the retention rule no longer keeps; returns them."""
    today = today or date.today()
    dated = _dated(Path(db_path), folder)
    newest_per_day: dict[date, BackupInfo] = {}
    for info in sorted(dated, key=lambda i: i.created):
        newest_per_day[info.created.date()] = info
    keep_days = backups_to_keep(list(newest_per_day), today)
    removed = []
    for info in dated:
        day = info.created.date()
        if day in keep_days and newest_per_day[day] is info:
            continue
        with contextlib.suppress(OSError):
            info.path.unlink()
            removed.append(info.path)
    return removed


def restore_backup(backup: Path, db_path: Path) -> Path:
    """Replace the contents of the ledger with `backup`; returns where the old ones went.

    Refused while a window has the ledger open; the backup is verified first and the
    current contents are backed up (label `before-restore`, never thinned).
    """
    backup, db_path = Path(backup), Path(db_path)
    if not backup.is_file():
        raise BackupError(f"备份文件“{backup}”不存在")
    if is_in_use(db_path):
        raise BackupError(f"数据库“{db_path.name}”正在程序窗口中打开，请先关闭窗口再恢复备份")
    problems = integrity.check_file(backup, full=True)
    if problems:
        raise BackupError(f"备份文件“{backup.name}”已损坏或不是数据库文件，未恢复")
    version = _version(backup)
    if not 1 <= version <= schema.CURRENT_VERSION:
        raise BackupError(f"“{backup.name}”不是本程序能读取的台账备份（数据版本 {version}）")
    aside = backup_now(db_path, label="before-restore") if db_path.is_file() else None
    source = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
    live = sqlite3.connect(db_path, timeout=busy_timeout_ms() / 1000)
    try:
        source.backup(live, pages=4096, progress=_Steps(None), sleep=0.05)
    except sqlite3.Error as error:
        raise BackupError(_cause("恢复未完成，数据库保持原样", db_path, error)) from error
    finally:
        source.close()
        live.close()
    return aside if aside is not None else db_path


def _copy_verified(source: sqlite3.Connection, target: Path, progress: Progress | None) -> Path:
    temp = target.with_name(f".{target.name}.{os.getpid()}{_TEMP_SUFFIX}")
    try:
        destination = sqlite3.connect(temp)
        try:
            source.backup(destination, pages=4096, progress=_Steps(progress), sleep=0.05)
            destination.execute("PRAGMA journal_mode = delete")  # a backup is one file
            problems = integrity.run_check(destination, full=True)
        finally:
            destination.close()
        if problems:
            raise BackupError(
                "数据库文件已损坏（完整性检查未通过），备份未完成；请从较早的备份恢复"
            )
        os.replace(temp, target)
    except sqlite3.Error as error:
        raise BackupError(_cause("备份未完成", target, error)) from error
    except OSError as error:
        raise BackupError(f"备份未完成：{os_message(error)}") from error
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return target


class _Steps:
    """The backup's progress callback: reports pages, and gives up on a lock held too long.

    Python's backup() retries a busy database forever; raising here ends it cleanly.
    """

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.busy_since: float | None = None

    def __call__(self, status: int, remaining: int, total: int) -> None:
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            now = time.monotonic()
            self.busy_since = self.busy_since or now
            if now - self.busy_since > busy_timeout_ms() / 1000:
                raise sqlite3.OperationalError("database is locked")
            return
        self.busy_since = None
        if self.progress is not None:
            self.progress(total - remaining, total)


def _cause(what: str, path: Path, error: Exception) -> str:
    cause = storage_message(error) or "数据库出错"
    return f"{what}（“{path.name}”）：{cause}"


def _created(path: Path) -> datetime | None:
    match = re.search(r"(\d{8}-\d{6})\.db$", path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None


def _dated(db_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The automatic (unlabelled) backups of the ledger at `db_path`."""
    folder = backup_folder(db_path, folder)
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(db_path.stem) + r"-\d{8}-\d{6}\.db$")
    found = []
    for path in folder.iterdir():
        created = _created(path) if pattern.fullmatch(path.name) else None
        if created is not None:
            found.append(BackupInfo(path, created, 0, None))
    return found


def _last_change(db_path: Path) -> float:
    """When the ledger was last written: its own time, or its -wal's when that holds
    commits (an empty -wal is only a connection opening it)."""
    times = [db_path.stat().st_mtime]
    wal = db_path.with_name(db_path.name + "-wal")
    with contextlib.suppress(OSError):
        stat = wal.stat()
        if stat.st_size > 0:
            times.append(stat.st_mtime)
    return max(times)


def _task_count(path: Path) -> int | None:
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return connection.execute("SELECT count(*) FROM node WHERE kind = 'task'").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def _version(path: Path) -> int:
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def _remove_stale_temp_files(folder: Path) -> None:
    """Temp files of a backup, restore or salvage that was interrupted (killed, power lost),
    an hour old or more: a running one keeps its file fresh."""
    if not folder.is_dir():
        return
    for suffix in TEMP_SUFFIXES:
        for path in folder.glob(f".*{suffix}"):
            with contextlib.suppress(OSError):
                if datetime.now().timestamp() - path.stat().st_mtime > 3600:
                    path.unlink()
