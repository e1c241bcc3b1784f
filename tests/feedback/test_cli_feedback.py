"""`feedback export` and `feedback import [--dry-run]` on the command line."""

from __future__ import annotations

from pathlib import Path

from db.database import close_database, open_location
from db.ledger_queries import progress_entries
from db.location import Location
from db.models import Node
from desktop.cli import main
from tests.feedback.helpers import fill, ids_of
from tests.helpers.builders import build_plan
from tests.helpers.cli import db_argument


def _plan(location: Location) -> int:
    open_location(location)
    plan_id = build_plan()
    close_database()
    return plan_id


def _run(location: Location, capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db_argument(location), *args])
    close_database()
    out, err = capsys.readouterr()
    return code, out, err


def test_export_then_dry_run_then_import(tmp_path, capsys, ledger_location):
    location = ledger_location
    plan_id = _plan(location)
    out_dir = tmp_path / "反馈表"
    code, out, err = _run(
        location, capsys, "feedback", "export", "--plan", str(plan_id), "--out", str(out_dir)
    )
    assert code == 0, err
    written = [Path(line) for line in out.splitlines()]
    assert len(written) == 4 and all(path.exists() for path in written)
    task_id = ids_of(written[0])[0]
    fill(written[0], {task_id: ("命令行反馈", "推进中", "2014年10月31日")})

    code, out, err = _run(location, capsys, "feedback", "import", str(out_dir), "--dry-run")
    assert code == 0, err
    assert "命令行反馈" in out and "推进中" in out and "未保存" in out
    open_location(location)
    assert progress_entries(task_id) == []
    close_database()

    code, out, err = _run(location, capsys, "feedback", "import", str(written[0]), "--by", "王五")
    assert code == 0, err
    assert "已导入 1 项反馈" in out
    open_location(location)
    [entry] = progress_entries(task_id)
    assert entry.recorded_by == "王五" and Node.get_by_id(task_id).status == "in_progress"
    close_database()

    code, out, err = _run(location, capsys, "feedback", "import", str(written[0]))
    assert code == 0 and "没有新的反馈" in out


def test_bad_input_is_one_chinese_line(tmp_path, capsys, ledger_location):
    location = ledger_location
    _plan(location)
    code, _out, err = _run(
        location, capsys, "feedback", "export", "--plan", "99", "--out", str(tmp_path / "x")
    )
    assert code == 2 and err.startswith("错误：") and "Traceback" not in err
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    code, out, err = _run(location, capsys, "feedback", "import", str(broken))
    assert code == 2 and "坏.xlsx" in err and "Traceback" not in err
    code, _out, err = _run(location, capsys, "feedback", "import", str(tmp_path / "无.xlsx"))
    assert code == 2 and "不存在" in err
