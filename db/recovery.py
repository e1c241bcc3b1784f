"""What to do with a damaged ledger: never write to it, keep it, offer a backup, salvage.

The window (or `check`) that met DatabaseDamaged offers `newest_sound_backup()`; taking it
runs `recover_from_backup()`, which puts the damaged file aside under a new name first.
`salvage()` copies whatever rows can still be read into a new, sound file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from db import integrity, schema
from db.backup import BackupError, BackupInfo, list_backups, restore_backup
from db.errors import os_message
from db.instance_lock import is_in_use

# Parents before children, so foreign keys find their rows.
TABLES = ("plan", "node", "unit", "unit_alias", "person", "task_leader", "task_unit", "progress")
_WINDOW = 200


@dataclass
class SalvageReport:
    target: Path
    copied: dict[str, int] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)  # rows unreadable or left orphaned

    @property
    def complete(self) -> bool:
        return not any(self.lost.values())


def newest_sound_backup(db_path: Path, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup that passes the quick check, or None."""
    for info in list_backups(db_path, folder):
        if not integrity.check_file(info.path, full=False):
            return info
    return None


def set_aside(db_path: Path, label: str = "damaged") -> Path:
    """Rename the ledger (with its -wal and -shm) to `<stem>-<label>-<time>.db`; returns it."""
    db_path = Path(db_path)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}-{label}-{stamp}{db_path.suffix}")
    try:
        for suffix in ("-wal", "-shm"):
            companion = db_path.with_name(db_path.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
        os.replace(db_path, aside)
    except OSError as error:
        raise BackupError(f"无法把“{db_path.name}”另存：{os_message(error)}") from error
    return aside


def recover_from_backup(db_path: Path, backup: Path) -> Path:
    """Put the damaged ledger aside and the verified backup in its place; returns the aside."""
    db_path, backup = Path(db_path), Path(backup)
    if integrity.check_file(backup, full=True):
        raise BackupError(f"备份文件“{backup.name}”也已损坏，未恢复")
    temp = db_path.with_name(f".{db_path.name}.{os.getpid()}.restore-tmp")
    try:
        shutil.copyfile(backup, temp)
        aside = set_aside(db_path) if db_path.exists() else db_path
        os.replace(temp, db_path)
    except OSError as error:
        raise BackupError(f"恢复未完成：{os_message(error)}") from error
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return aside


def restore(backup: Path, db_path: Path) -> Path:
    """Restore `backup` over the ledger, whether the ledger is sound or damaged; returns
    where its previous contents went (a backup, or the damaged file under a new name)."""
    db_path = Path(db_path)
    if db_path.is_file() and integrity.check_file(db_path, full=False):
        if is_in_use(db_path):
            raise BackupError(f"数据库“{db_path.name}”正在程序窗口中打开，请先关闭窗口再恢复备份")
        return recover_from_backup(db_path, backup)
    return restore_backup(backup, db_path)


def salvage(damaged: Path, target: Path) -> SalvageReport:
    """Copy every readable row of `damaged` into a new ledger file at `target`."""
    damaged, target = Path(damaged), Path(target)
    if target.exists():
        raise BackupError(f"“{target}”已存在；请给出新的文件名")
    source = sqlite3.connect(damaged.resolve().as_uri() + "?mode=ro", uri=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.salvage-tmp")
    report = SalvageReport(target)
    try:
        version = _readable_version(source)
        out = sqlite3.connect(temp, isolation_level=None)
        try:
            out.execute("BEGIN")
            for statement in schema.statements(schema.FROZEN_SCHEMAS[version]):
                out.execute(statement)
            out.execute(f"PRAGMA user_version = {version}")
            for table in TABLES:
                copied, lost = _copy_table(source, out, table)
                report.copied[table], report.lost[table] = copied, lost
            out.execute("COMMIT")
            _drop_orphans(out, report)
            problems = integrity.run_check(out, full=True)
        finally:
            out.close()
        if problems:
            raise BackupError("抢救出的文件未通过完整性检查，已放弃")
        os.replace(temp, target)
    except sqlite3.Error as error:
        raise BackupError(f"无法从“{damaged.name}”读出数据") from error
    except OSError as error:
        raise BackupError(f"抢救未完成：{os_message(error)}") from error
    finally:
        source.close()
        with contextlib.suppress(OSError):
            temp.unlink()
    return report


def _readable_version(source: sqlite3.Connection) -> int:
    try:
        version = source.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError:
        version = schema.CURRENT_VERSION
    return version if version in schema.FROZEN_SCHEMAS else schema.CURRENT_VERSION


def _copy_table(source: sqlite3.Connection, out: sqlite3.Connection, table: str) -> tuple[int, int]:
    """Rows are read in rowid windows; a window that fails is read row by row."""
    columns = [row[1] for row in out.execute(f'PRAGMA table_info("{table}")')]
    names = ", ".join(f'"{c}"' for c in columns)
    insert = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    select = f'SELECT {names} FROM "{table}" WHERE rowid BETWEEN ? AND ?'
    try:
        highest = source.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
    except sqlite3.DatabaseError:
        highest = _probe_highest(source, table)
    copied = lost = 0
    for start in range(1, highest + 1, _WINDOW):
        end = min(start + _WINDOW - 1, highest)
        try:
            rows = source.execute(select, (start, end)).fetchall()
        except sqlite3.DatabaseError:
            rows = []
            for rowid in range(start, end + 1):
                try:
                    rows.extend(source.execute(select, (rowid, rowid)).fetchall())
                except sqlite3.DatabaseError:
                    lost += 1
        for row in rows:
            try:
                out.execute(insert, row)
                copied += 1
            except sqlite3.DatabaseError:
                lost += 1
    return copied, lost


def _probe_highest(source: sqlite3.Connection, table: str, limit: int = 1 << 20) -> int:
    """The largest rowid that can be read, when max(rowid) itself fails (bounded)."""
    highest, rowid = 0, 1
    while rowid <= limit:
        try:
            source.execute(f'SELECT 1 FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()
            highest = rowid
        except sqlite3.DatabaseError:
            pass
        rowid *= 2
    return min(highest * 2, limit)


def _drop_orphans(out: sqlite3.Connection, report: SalvageReport) -> None:
    """Rows whose parent was lost cannot stay (foreign keys); count them as lost."""
    for _ in range(10):  # a dropped parent can orphan its children: repeat until none
        violations = out.execute("PRAGMA foreign_key_check").fetchall()
        if not violations:
            return
        out.execute("BEGIN")
        for table, rowid in {(row[0], row[1]) for row in violations}:
            out.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
            report.copied[table] -= 1
            report.lost[table] = report.lost.get(table, 0) + 1
        out.execute("COMMIT")
