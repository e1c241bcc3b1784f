from __future__ import annotations

import errno
import sqlite3

import peewee

from db.errors import os_message, storage_message


def test_sqlite_conditions_become_chinese_causes():
    assert "占用" in storage_message(sqlite3.OperationalError("database is locked"))
    assert "磁盘已满" in storage_message(peewee.OperationalError("database or disk is full"))
    assert "只读" in storage_message(
        sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert "损坏" in storage_message(sqlite3.DatabaseError("database disk image is malformed"))
    assert "磁盘" in storage_message(peewee.OperationalError("disk I/O error"))


def test_bugs_are_not_storage_conditions():
    assert storage_message(peewee.IntegrityError("UNIQUE constraint failed")) is None
    assert storage_message(sqlite3.OperationalError("no such column: x")) is None
    assert storage_message(ValueError("x")) is None


def test_os_errors_name_the_file_in_chinese():
    error = FileExistsError(errno.EEXIST, "File exists", "/tmp/分解表.xlsx")
    assert storage_message(error) == "文件已存在：/tmp/分解表.xlsx"
    assert os_message(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
