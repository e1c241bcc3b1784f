from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from db.database import DatabaseInUse, DatabaseOpenError, close_database, open_database
from db.instance_lock import InstanceLock, is_in_use, lock_path, read_holder
from db.models import Plan

HOLD = """
import sys, time
sys.path.insert(0, sys.argv[2])
from db.database import open_database
open_database(sys.argv[1], single_window=True)
print("open", flush=True)
time.sleep(60)
"""


@pytest.fixture
def other_window(db_path):
    """Another program instance with the ledger open in a window."""
    root = str(Path(__file__).resolve().parents[2])
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db_path), root], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "open"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()
    process.stdout.close()


def test_second_window_is_told_who_holds_the_ledger(db_path, other_window):
    with pytest.raises(DatabaseInUse) as caught:
        open_database(db_path, single_window=True)
    message = str(caught.value)
    assert "ledger.db" in message and "已由本机上的另一个程序窗口" in message
    assert f"进程 {other_window.pid}" in message
    assert isinstance(caught.value, DatabaseOpenError)
    assert caught.value.holder.host == socket.gethostname()
    assert is_in_use(db_path)


def test_command_line_still_writes_while_a_window_is_open(db_path, other_window):
    open_database(db_path)
    try:
        with Plan._meta.database.atomic():
            Plan.create(title="命令行导入")
        assert Plan.select().count() == 1
    finally:
        close_database()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX; Windows drops locks too")
def test_lock_of_a_killed_window_does_not_block(db_path, other_window):
    os.kill(other_window.pid, signal.SIGKILL)
    other_window.wait()
    assert lock_path(db_path).exists()  # the stale file stays, but no lock on it
    assert not is_in_use(db_path)
    open_database(db_path, single_window=True)
    try:
        assert read_holder(db_path).pid == os.getpid()
    finally:
        close_database()
    assert not is_in_use(db_path)


def test_two_windows_in_one_process_exclude_each_other_and_close_releases(db_path):
    first = InstanceLock(db_path)
    first.acquire()
    try:
        with pytest.raises(Exception, match="已由"):
            InstanceLock(db_path).acquire()
    finally:
        first.release()
    with InstanceLock(db_path) as again:
        assert again.held


def test_failed_open_releases_the_lock(db_path):
    db_path.write_bytes(b"not sqlite" * 1000)
    with pytest.raises(DatabaseOpenError):
        open_database(db_path, single_window=True)
    assert not is_in_use(db_path)


def test_ledger_held_by_another_window_can_be_read_but_not_written(db_path, other_window):
    import peewee

    from db.errors import storage_message

    db = open_database(db_path, read_only=True)
    try:
        assert Plan.select().count() == 0
        with pytest.raises(peewee.OperationalError) as caught:
            with db.atomic():
                Plan.create(title="不应写入")
        assert storage_message(caught.value) == "数据库文件是只读的，没有写入权限"
    finally:
        close_database()
    assert is_in_use(db_path)  # reading took no lock from the other window


def test_a_file_system_without_locks_opens_unguarded(db_path, monkeypatch):
    import errno

    from db import instance_lock

    def no_locks(fd):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(instance_lock, "_try_lock", no_locks)
    open_database(db_path, single_window=True)
    try:
        assert Plan.select().count() == 0
        assert not is_in_use(db_path)
    finally:
        close_database()
