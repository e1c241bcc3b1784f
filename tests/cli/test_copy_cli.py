"""`python -m desktop copy --db SOURCE --to TARGET` (desktop/cli_copy.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.database import close_database, open_location
from db.models import Plan
from desktop import cli_copy, cli_server
from desktop.cli import main
from tests.helpers.cli import run_cli
from tests.helpers.full_ledger import fill_ledger


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.db"
    open_location(path)
    fill_ledger()
    close_database()
    return path


def test_copy_to_a_new_file_prints_the_counts_and_the_hash(tmp_path, source):
    target = tmp_path / "target.db"

    result = run_cli("copy", "--db", str(source), "--to", str(target))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"已把“{source}”复制到“{target}”")
    assert lines[1].startswith("核对一致：方案 2 条、单位 2 条")
    assert lines[2].startswith("内容散列值（SHA-256）：") and len(lines[2].split("：")[1]) == 64
    assert result.stderr == ""
    open_location(target)
    try:
        assert Plan.select().count() == 2
    finally:
        close_database()


def test_an_existing_target_is_refused_with_one_line_and_replace_keeps_it_aside(
    tmp_path, source, capsys
):
    target = tmp_path / "target.db"
    target.write_bytes(b"not a ledger at all")

    assert main(["copy", "--db", str(source), "--to", str(target)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "已存在" in error and "--replace" in error
    assert target.read_bytes() == b"not a ledger at all"

    assert main(["copy", "--db", str(source), "--to", str(target), "--replace"]) == 0
    out = capsys.readouterr().out
    (aside,) = [line.split("：", 1)[1] for line in out.splitlines() if "另存为" in line]
    assert Path(aside).read_bytes() == b"not a ledger at all"


def test_copy_to_a_server_and_back_shows_progress_for_a_big_ledger(
    tmp_path, source, server_location, capsys, monkeypatch
):
    monkeypatch.setattr(cli_copy, "PROGRESS_FROM_ROWS", 1)
    url = server_location.url(with_password=True)

    assert main(["copy", "--db", str(source), "--to", url]) == 0
    to_server = capsys.readouterr()
    assert main(["copy", "--db", url, "--to", str(tmp_path / "back.db")]) == 0
    back = capsys.readouterr()

    assert "正在复制方案" in to_server.err and "（100%）" in to_server.err
    assert server_location.display() in to_server.out and "ci-secret" not in to_server.out
    hashes = [o.out.splitlines()[2] for o in (to_server, back)]
    assert hashes[0] == hashes[1]


def test_the_targets_password_is_asked_at_the_terminal(
    tmp_path, source, server_location, capsys, monkeypatch
):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    url = server_location.with_password(None).url()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    assert main(["copy", "--db", str(source), "--to", url]) == 2
    assert "PGPASSWORD" in capsys.readouterr().err

    asked: list[str] = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(
        cli_server, "ask_password", lambda prompt: asked.append(prompt) or server_location.password
    )
    assert main(["copy", "--db", str(source), "--to", url]) == 0
    assert asked == [f"请输入服务器登录“{server_location.user}”的密码："]


def test_a_server_that_holds_a_ledger_is_refused(tmp_path, source, server_location, capsys):
    url = server_location.url(with_password=True)
    assert main(["copy", "--db", str(source), "--to", url]) == 0
    capsys.readouterr()

    assert main(["copy", "--db", str(source), "--to", url, "--replace"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("错误：目标服务器数据库") and "pg_dump" in error
    assert "ci-secret" not in error


def test_copy_without_to_is_a_chinese_usage_error(source):
    result = run_cli("copy", "--db", str(source))
    assert result.returncode == 2
    assert "缺少必需的参数：--to" in result.stderr
