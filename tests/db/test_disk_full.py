"""A full disk during a transaction: the cause is reported, in Chinese, and nothing is half
written.  No "cannot rollback" / "no such savepoint" error hides it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess

import peewee
import pytest

from db.database import close_database, open_database
from db.errors import storage_message
from db.models import Node, Plan


def _fill(db, nested: bool) -> None:
    with db.atomic():
        plan = Plan.create(title="写满磁盘的方案")
        block = db.atomic() if nested else contextlib.nullcontext()
        with block:
            for position in range(5000):
                Node.create(plan=plan, kind="task", title="任务" * 300, position=position)


def _assert_clean_failure(db, caught: pytest.ExceptionInfo) -> None:
    error = caught.value
    assert storage_message(error) == "磁盘已满，无法写入数据库"
    for linked in (error.__context__, error.__cause__):
        assert "rollback" not in str(linked) and "savepoint" not in str(linked)
    assert [plan.title for plan in Plan.select()] == ["之前的方案"]
    assert Node.select().count() == 0
    assert not db.in_transaction()


@pytest.mark.parametrize("nested", [False, True], ids=["transaction", "savepoint"])
def test_database_full_keeps_the_original_error_and_rolls_back(db_path, nested):
    db = open_database(db_path)
    try:
        Plan.create(title="之前的方案")
        pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
        db.execute_sql(f"PRAGMA max_page_count = {pages + 4}")  # SQLITE_FULL, as a full disk
        with pytest.raises(peewee.OperationalError) as caught:
            _fill(db, nested)
        _assert_clean_failure(db, caught)
    finally:
        close_database()


@pytest.fixture
def small_disk(tmp_path):
    """A 512 KB tmpfs: a really full disk (needs root and mount, else the test is skipped)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a real full disk needs root to mount a small tmpfs")
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("mount is not permitted here")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_really_full_disk_keeps_the_original_error_and_the_ledger_stays_usable(small_disk):
    db = open_database(small_disk / "ledger.db")
    try:
        Plan.create(title="之前的方案")
        with pytest.raises(peewee.OperationalError) as caught:
            _fill(db, nested=True)
        _assert_clean_failure(db, caught)
    finally:
        close_database()
