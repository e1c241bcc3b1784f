"""Copying a whole ledger between a file and a server (db/copying.py)."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from db import copying
from db.copying import CopyError, copy_ledger, ledger_digest
from db.database import close_database, open_location
from db.ledger_digest import chunk_bytes
from db.location import Location
from db.models import Node, Plan
from db.models import database as proxy
from tests.helpers.full_ledger import fill_ledger


def make_source(path: Path) -> dict[str, int]:
    open_location(path)
    try:
        return fill_ledger()
    finally:
        close_database()


def digest_of(location: Location) -> copying.LedgerDigest:
    db = open_location(location)
    try:
        return ledger_digest(db)
    finally:
        close_database()


def files(folder: Path) -> list[str]:
    """The folder's files, without the -wal and -shm a read-only look at a file leaves."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


def test_file_to_file_copies_every_row_of_every_table_with_its_id(tmp_path):
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    ids = make_source(source)

    report = copy_ledger(source, target)

    assert all(report.digest.counts().values()), report.digest.counts()
    assert report.aside is None
    assert digest_of(target).sha256 == digest_of(source).sha256 == report.digest.sha256
    open_location(target)
    try:
        task = Node.get_by_id(ids["task"])
        assert task.parent_id == ids["section"] > ids["task"]
        assert task.closed_at.microsecond == 123456
        assert task.version == 3
    finally:
        close_database()
    assert files(tmp_path) == ["source.db", "target.db"]


def test_round_trip_through_a_server_gives_the_same_hash(tmp_path, server_location):
    source, back = tmp_path / "source.db", tmp_path / "back.db"
    ids = make_source(source)

    to_server = copy_ledger(source, server_location)
    from_server = copy_ledger(server_location, back)

    assert to_server.digest.counts() == from_server.digest.counts()
    assert to_server.digest.sha256 == from_server.digest.sha256 == digest_of(back).sha256
    assert digest_of(server_location).sha256 == to_server.digest.sha256
    open_location(server_location)
    try:  # the sequences were moved past the copied ids: a new plan gets a new id
        assert Plan.get_by_id(ids["plan"]).title == "关于巡视反馈意见的整改方案"
        assert Plan.create(title="新方案").id > max(
            p.id for p in Plan.select() if p.title != "新方案"
        )
        assert Node.create(plan=ids["plan"], kind="task").id > ids["section"]
    finally:
        close_database()


def test_server_to_server_copy_is_verified(tmp_path, server_location, postgres_url):
    from tests.helpers.postgres import scratch_schema

    make_source(tmp_path / "source.db")
    copy_ledger(tmp_path / "source.db", server_location)
    with scratch_schema(postgres_url) as other:
        report = copy_ledger(server_location, other)
        assert digest_of(other).sha256 == report.digest.sha256 == digest_of(server_location).sha256


def test_an_existing_target_file_is_refused_and_left_unchanged(tmp_path):
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    make_source(source)
    make_source(target)
    before = target.read_bytes()

    with pytest.raises(CopyError, match="已存在.*--replace"):
        copy_ledger(source, target)

    assert target.read_bytes() == before
    assert files(tmp_path) == ["source.db", "target.db"]


def test_replace_keeps_the_old_file_aside(tmp_path):
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    make_source(source)
    open_location(target)
    Plan.create(title="旧台账的方案")
    close_database()

    report = copy_ledger(source, target, replace=True)

    assert report.aside is not None and report.aside.name.startswith("target-before-copy-")
    assert digest_of(target).sha256 == report.digest.sha256
    open_location(report.aside)
    try:
        assert [p.title for p in Plan.select()] == ["旧台账的方案"]
    finally:
        close_database()


def test_a_server_ledger_with_contents_is_refused_even_with_replace(tmp_path, server_location):
    make_source(tmp_path / "source.db")
    open_location(server_location)
    Plan.create(title="服务器上已有的方案")
    close_database()
    before = digest_of(server_location)

    with pytest.raises(CopyError, match="已有台账内容"):
        copy_ledger(tmp_path / "source.db", server_location)
    with pytest.raises(CopyError, match="pg_dump"):
        copy_ledger(tmp_path / "source.db", server_location, replace=True)

    assert digest_of(server_location).sha256 == before.sha256


def _fail_verification(monkeypatch):
    real = copying.ledger_digest

    def one_row_short(db):
        digest = real(db)
        node = digest.tables["node"]
        digest.tables["node"] = copying.TableDigest(node.rows - 1, node.sha256)
        return digest

    monkeypatch.setattr(copying, "ledger_digest", one_row_short)


def test_a_mismatch_leaves_no_target_file(tmp_path, monkeypatch):
    source, target = tmp_path / "source.db", tmp_path / "target.db"
    make_source(source)
    _fail_verification(monkeypatch)

    with pytest.raises(CopyError, match="核对不一致（任务等节点：源 3 行，目标 2 行）"):
        copy_ledger(source, target)

    assert files(tmp_path) == ["source.db"]


def test_a_mismatch_on_a_server_rolls_everything_back(tmp_path, server_location, monkeypatch):
    make_source(tmp_path / "source.db")
    _fail_verification(monkeypatch)

    with pytest.raises(CopyError, match="已撤销"):
        copy_ledger(tmp_path / "source.db", server_location)

    monkeypatch.undo()
    assert digest_of(server_location).total_rows() == 0


def test_a_row_the_server_refuses_rolls_the_copy_back(tmp_path, server_location):
    source = tmp_path / "source.db"
    make_source(source)
    connection = sqlite3.connect(source)
    with connection:  # SQLite keeps a NUL character in text; PostgreSQL refuses it
        connection.execute("UPDATE node SET remarks = 'a' || char(0) || 'b' WHERE kind = 'measure'")
    connection.close()

    with pytest.raises(
        CopyError, match="写入目标数据库的任务等节点时出错，已撤销全部复制：含有服务器不接受的字符"
    ):
        copy_ledger(source, server_location)

    assert digest_of(server_location).total_rows() == 0


def test_the_same_ledger_is_not_copied_onto_itself(tmp_path, server_location):
    make_source(tmp_path / "a.db")
    with pytest.raises(CopyError, match="同一个"):
        copy_ledger(tmp_path / "a.db", tmp_path / "." / "a.db")
    with pytest.raises(CopyError, match="同一个"):
        copy_ledger(server_location, server_location.with_password("x"))


def test_a_missing_source_is_named(tmp_path):
    with pytest.raises(CopyError, match="无法读取源数据库.*不存在"):
        copy_ledger(tmp_path / "missing.db", tmp_path / "target.db")
    assert not (tmp_path / "target.db").exists()


def test_progress_counts_rows_up_to_the_total(tmp_path):
    source = tmp_path / "source.db"
    make_source(source)
    seen: list[tuple[str, int, int]] = []

    report = copy_ledger(source, tmp_path / "target.db", progress=lambda *a: seen.append(a))

    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
    assert seen[-1][1] == seen[-1][2] == report.digest.total_rows()
    assert {table for table, _, _ in seen} == set(report.digest.counts())


def test_the_callers_open_ledger_stays_bound(tmp_path, database):
    source = tmp_path / "source.db"
    make_source(source)
    proxy.initialize(database)
    Plan.create(title="窗口里打开的台账")

    copy_ledger(source, tmp_path / "target.db")

    assert proxy.obj is database
    assert [p.title for p in Plan.select()] == ["窗口里打开的台账"]


def test_the_hash_tells_types_apart():
    rows = [(1, "2014-01-01", None), (1, "", "1")]
    other = [(1, date(2014, 1, 1), ""), (1, None, 1)]
    assert chunk_bytes(rows) != chunk_bytes(other)


def test_an_existing_target_file_is_refused_before_the_source_is_opened(tmp_path):
    from db.location import ServerLocation

    target = tmp_path / "target.db"
    target.write_bytes(b"x")
    nowhere = ServerLocation(host="127.0.0.1", port=1, dbname="ledger", user="nobody")

    with pytest.raises(CopyError, match="已存在"):
        copy_ledger(nowhere, target)


def test_dates_written_as_other_programs_write_them_hash_as_the_same_dates(tmp_path):
    source = tmp_path / "source.db"
    make_source(source)
    before = digest_of(source)
    connection = sqlite3.connect(source)
    with connection:  # ISO 8601 with a "T", as another program might write them
        connection.execute("UPDATE plan SET created_at = replace(created_at, ' ', 'T')")
        connection.execute("UPDATE progress SET date = date || ' 00:00:00'")
    connection.close()

    assert digest_of(source).sha256 == before.sha256
    report = copy_ledger(source, tmp_path / "target.db")
    assert report.digest.sha256 == before.sha256 == digest_of(tmp_path / "target.db").sha256
