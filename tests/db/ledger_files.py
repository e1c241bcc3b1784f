"""Ledger files made directly with sqlite3 for storage tests: with rows, or damaged."""

from __future__ import annotations

import sqlite3

from db.database import close_database, open_database

PAGE = 4096


def ledger_with_rows(path, rows: int = 400) -> None:
    open_database(path)
    close_database()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO plan (title, issuer, kind, notes, position, created_at, updated_at) "
            "VALUES ('甲方案', '', '', '', 0, '2024-01-01', '2024-01-01')"
        )
        connection.executemany(
            "INSERT INTO node (plan_id, position, kind, title, text, problem, goal, "
            "deadline_text, status, closed_by, remarks, created_at, updated_at) "
            "VALUES (1, ?, 'task', ?, ?, '', '', '', 'not_started', '', '', '2024', '2024')",
            [(i, f"任务{i}", "加强组织领导，完善工作机制。" * 10) for i in range(rows)],
        )
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode = delete")
    connection.close()


def damage_a_page(path) -> None:
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    assert pages > 10
    start = (pages // 2) * PAGE
    data[start : start + 64] = b"\xff" * 64  # the b-tree page header becomes nonsense
    path.write_bytes(bytes(data))
