"""kill -9 during a 1,000-task import: the file stays sound and the plan is whole or absent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from db.integrity import check_file

ROOT = Path(__file__).resolve().parents[2]
TASKS = 1000

IMPORT = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from db.database import open_database
from desktop.importing import parse_file
from desktop.operations.import_plans import import_plans, known_units
open_database(Path(sys.argv[1]))
result = parse_file(Path(sys.argv[2]), known_units=known_units())
print("saving", flush=True)
import_plans(result, fallback_title="方案")
print("saved", flush=True)
"""


def write_plan(path: Path, tasks: int = TASKS) -> None:
    lines = ["关于整改工作的实施方案", "一、整改任务"]
    lines += [
        f"{i}. 加强第{i}项工作的组织领导，完善工作机制。牵头领导：张三；牵头单位：市政府办；"
        "完成时限：2024年12月底前。"
        for i in range(1, tasks + 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def import_and_kill(db_path: Path, plan: Path, delay: float) -> bool:
    """Start an import, kill -9 it `delay` s into its transaction; True if it finished first."""
    process = subprocess.Popen(
        [sys.executable, "-c", IMPORT, str(db_path), str(plan), str(ROOT)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "saving"
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
        process.stdout.close()
    return finished


def plans_and_tasks(db_path: Path) -> list[tuple[int, int]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "SELECT plan.id, count(node.id) FROM plan LEFT JOIN node "
            "ON node.plan_id = plan.id AND node.kind = 'task' GROUP BY plan.id"
        ).fetchall()
    finally:
        connection.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
@pytest.mark.parametrize("delay", [0.0, 0.15, 0.4, 0.9])
def test_import_killed_at_any_moment_leaves_the_plan_whole_or_absent(tmp_path, delay):
    db_path, plan = tmp_path / "ledger.db", tmp_path / "方案.txt"
    write_plan(plan)
    import_and_kill(db_path, plan, delay)
    assert check_file(db_path) == []
    rows = plans_and_tasks(db_path)
    assert rows == [] or (len(rows) == 1 and rows[0][1] >= TASKS - 1)
