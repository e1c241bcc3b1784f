"""`backup`, `restore` and `check` on the command line: exit 0, or 2 with one Chinese line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.cli import main
from tests.db.ledger_files import damage_a_page, ledger_with_rows


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_into_the_backups_folder_and_to_a_named_file(db_path, tmp_path, capsys):
    ledger_with_rows(db_path, rows=3)
    code, out, err = _run(capsys, "--db", str(db_path), "backup")
    assert code == 0 and err == ""
    written = Path(out.strip())
    assert written.is_file()
    target = tmp_path / "U盘" / "台账备份.db"
    target.parent.mkdir()
    code, out, _ = _run(capsys, "--db", str(db_path), "backup", "--to", str(target))
    assert code == 0 and out.strip() == str(target) and target.is_file()
    code, out, _ = _run(capsys, "--db", str(db_path), "backup", "--list")
    assert code == 0 and "3 项任务" in out and str(written) in out


def test_check_exits_0_when_sound_and_2_with_one_line_when_damaged(db_path, capsys):
    ledger_with_rows(db_path)
    code, out, _ = _run(capsys, "--db", str(db_path), "check")
    assert code == 0 and "完好" in out
    damage_a_page(db_path)
    code, out, err = _run(capsys, "--db", str(db_path), "check")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "已损坏" in err and "Page" not in err


def test_restore_while_another_program_holds_the_lock_exits_2(
    db_path, tmp_path, capsys, monkeypatch
):
    ledger_with_rows(db_path, rows=3)
    saved = tmp_path / "saved.db"
    assert _run(capsys, "--db", str(db_path), "backup", "--out", str(saved))[0] == 0
    monkeypatch.setenv("LEDGER_BUSY_TIMEOUT_MS", "100")
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = _run(capsys, "--db", str(db_path), "restore", str(saved))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert err.count("\n") == 1 and "占用" in err and "Traceback" not in err
    code, out, _ = _run(capsys, "--db", str(db_path), "restore", str(saved))
    assert code == 0 and "已从" in out


def test_backup_of_a_missing_database_exits_2(tmp_path, capsys):
    code, _, err = _run(capsys, "--db", str(tmp_path / "无.db"), "backup")
    assert code == 2 and "不存在" in err


def test_check_salvages_a_damaged_ledger_and_restore_replaces_it(db_path, tmp_path, capsys):
    ledger_with_rows(db_path)
    code, out, _ = _run(capsys, "--db", str(db_path), "backup")
    saved = Path(out.strip())
    damage_a_page(db_path)
    rescued = tmp_path / "抢救.db"
    code, out, err = _run(capsys, "--db", str(db_path), "check", "--salvage", str(rescued))
    assert code == 2 and "已损坏" in err
    assert "已抢救到" in out and rescued.is_file()
    code, out, _ = _run(capsys, "--db", str(db_path), "restore", str(saved))
    assert code == 0 and "ledger-damaged-" in out
    assert _run(capsys, "--db", str(db_path), "check")[0] == 0


def test_backup_into_a_chosen_folder_and_list_it(db_path, tmp_path, capsys):
    ledger_with_rows(db_path, rows=4)
    stick = tmp_path / "U盘" / "台账备份"
    code, out, err = _run(capsys, "--db", str(db_path), "backup", "--dir", str(stick))
    assert code == 0 and err == ""
    written = Path(out.strip())
    assert written.parent == stick and written.is_file()
    assert not (db_path.parent / "backups").exists()  # nothing went to the default folder
    check = sqlite3.connect(written)
    try:
        assert check.execute("SELECT count(*) FROM node").fetchone()[0] == 4
    finally:
        check.close()
    code, out, _ = _run(capsys, "--db", str(db_path), "backup", "--list", "--dir", str(stick))
    assert code == 0 and str(written) in out and "项任务" in out
    code, out, _ = _run(capsys, "--db", str(db_path), "backup", "--list")
    assert code == 0 and out == ""  # the default folder has none


def test_backup_dir_that_is_a_file_or_with_out_is_one_chinese_line(db_path, tmp_path, capsys):
    ledger_with_rows(db_path, rows=1)
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x", encoding="utf-8")
    code, out, err = _run(capsys, "--db", str(db_path), "backup", "--dir", str(a_file))
    assert code == 2 and out == "" and err.count("\n") == 1 and "不是文件夹" in err
    code, _, err = _run(
        capsys, "--db", str(db_path), "backup", "--dir", str(tmp_path), "--out", str(a_file)
    )
    assert code == 2 and "只能选一个" in err
