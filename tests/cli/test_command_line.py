"""The command line as a whole: `--db` in either position, Chinese argparse texts, plain
Chinese lines for missing folders and files, non-regular inputs refused, BrokenPipe.

Argument handling does not depend on where the ledger lives: these tests run on a SQLite
file, except where a subcommand meets the ledger (`database`: each backend); the import,
export and ledger subcommands run on both backends in their own test modules."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import peewee
import pytest

from desktop.cli import build_parser, main
from desktop.cli_argparse import subcommand_names
from tests.helpers.cli import run_cli, run_main

PLAN = "某局整改方案\n1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n"
ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "error:", "[Errno")


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return path


def one_chinese_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "Errno" not in stderr
    return lines[0]


def test_every_subcommand_accepts_db_before_and_after():
    parser = build_parser()
    names = subcommand_names(parser)
    assert {"parse", "import", "plans", "export"} <= set(names)
    for name in names:
        subparser = subcommand_parsers(parser)[name]
        option = subparser._option_string_actions.get("--db")
        assert option is not None and option.default == argparse.SUPPRESS, name
    before = parser.parse_args(["--db", "a.db", "plans"])
    after = parser.parse_args(["plans", "--db", "b.db"])
    both = parser.parse_args(["--db", "a.db", "plans", "--db", "b.db"])
    assert (before.db, after.db, both.db) == ("a.db", "b.db", "b.db")
    assert not hasattr(parser.parse_args(["plans"]), "db")


def subcommand_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(action.choices)


@pytest.mark.parametrize("position", ["before", "after"])
def test_import_plans_export_with_db_in_either_position(tmp_path, plan_file, position):
    db = str(tmp_path / "ledger.db")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        order = ["--db", db, *args] if position == "before" else [*args, "--db", db]
        return run_cli(*order)

    assert run("import", str(plan_file)).stdout == "plan 1: 某局整改方案 (1 tasks)\n"
    assert run("plans").stdout == "plan 1: 某局整改方案 (1 tasks)\n"
    out = tmp_path / "分解表.xlsx"
    result = run("export", "--plan", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.is_file()


def test_plans_json_is_utf8_with_stable_fields(tmp_path, plan_file):
    db = str(tmp_path / "ledger.db")
    assert json.loads(run_cli("plans", "--json", "--db", db).stdout) == {"plans": []}
    assert run_cli("import", str(plan_file), "--db", db).returncode == 0
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "plans", "--json", "--db", db],
        capture_output=True,
        check=False,
        env=dict(os.environ, PYTHONIOENCODING="gbk"),  # a GBK console still gets UTF-8
    )
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert "某局整改方案" in text  # not \\u escapes
    assert json.loads(text) == {"plans": [{"id": 1, "title": "某局整改方案", "tasks": 1}]}


@pytest.mark.parametrize("command", ["", "parse", "import", "plans", "export"])
def test_help_is_chinese(command):
    result = run_cli(*[command, "--help"] if command else ["--help"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("用法：python -m desktop")
    assert "选项：" in result.stdout and "显示本帮助并退出" in result.stdout
    assert "--db PATH" in result.stdout
    assert not [word for word in ENGLISH if word in result.stdout]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export"], "缺少必需的参数：--plan, --out"),
        (["bogus"], "无效的选项“bogus”"),
        (["export", "--plan", "x", "--out", "a.xlsx"], "参数 --plan：“x”不是有效的整数"),
        (["plans", "--bogus"], "无法识别的参数：--bogus"),
        (["export", "--plan"], "参数 --plan：需要一个值"),
    ],
)
def test_argument_errors_are_chinese(args, expected):
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("用法：")
    assert expected in result.stderr and "：错误：" in result.stderr
    assert not [word for word in ENGLISH if word in result.stderr]


def test_argparse_of_other_programs_keeps_its_english():
    build_parser().format_help()
    assert "usage:" in argparse.ArgumentParser(prog="x").format_help()


@pytest.mark.parametrize(
    ("db", "expected"),
    [
        ("postgresql://ledger@nosuchhost.invalid:5432/ledger", "找不到服务器“nosuchhost.invalid”"),
        ("postgresql://ledger@127.0.0.1:1/ledger", "无法连接服务器 127.0.0.1:1"),
        ("postgresql://127.0.0.1/ledger", "没有写登录名"),
        ("mysql://root@host/ledger", "不支持的数据库地址“mysql://…”"),
        ("", "--db 没有给出数据库文件"),
    ],
)
def test_db_that_cannot_be_opened_is_named(db, expected):
    result = run_cli("plans", "--db", db)
    assert result.returncode == 2
    assert expected in one_chinese_line(result.stderr)


def test_missing_database_folder_is_one_line_and_not_created(tmp_path):
    folder = tmp_path / "没有的文件夹"
    result = run_cli("plans", "--db", str(folder / "ledger.db"))
    assert result.returncode == 2
    assert one_chinese_line(result.stderr) == f"错误：数据库所在的文件夹“{folder}”不存在"
    assert not folder.exists()


@pytest.mark.parametrize("command", ["parse", "import"])
def test_missing_input_folder_and_file(tmp_path, command):
    db = str(tmp_path / "ledger.db")
    result = run_cli(command, str(tmp_path / "nowhere" / "plan.txt"), "--db", db)
    assert result.returncode == 2
    assert one_chinese_line(result.stderr) == f"错误：文件夹“{tmp_path / 'nowhere'}”不存在"
    result = run_cli(command, str(tmp_path / "plan.txt"), "--db", db)
    assert result.returncode == 2
    assert "plan.txt" in one_chinese_line(result.stderr)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run_cli(command, str(tmp_path / "file" / "plan.txt"), "--db", db)
    assert one_chinese_line(result.stderr) == f"错误：文件夹“{tmp_path / 'file'}”不存在"


def non_regular_inputs(tmp_path: Path) -> list[Path]:
    inputs = [tmp_path]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "plan.txt")
        inputs.append(tmp_path / "plan.txt")
    if Path("/dev/zero").exists():
        inputs.append(Path("/dev/zero"))
    return inputs


@pytest.mark.parametrize("command", ["parse", "import"])
def test_non_regular_inputs_are_refused_at_once(tmp_path, command):
    inputs = non_regular_inputs(tmp_path)
    db = tmp_path / "ledger.db"
    for path in inputs:
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "desktop", command, str(path), "--db", str(db)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=30,  # a FIFO read would block forever, /dev/zero would fill memory
            check=False,
        )
        print(f"{command} {path.name or path}: {time.monotonic() - started:.2f} s")
        assert result.returncode == 2
        line = one_chinese_line(result.stderr)
        assert str(path) in line and ("文件夹" in line or "不是普通文件" in line)
    assert not db.exists()


def test_unreadable_file_names_the_cause(capsys, tmp_path, plan_file, monkeypatch):
    import desktop.importing

    def refuse(path, **_):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(desktop.importing, "parse_file", refuse)
    assert main(["parse", str(plan_file)]) == 2
    err = capsys.readouterr().err
    assert one_chinese_line(err) == f"错误：没有权限：{plan_file}"


def test_storage_condition_in_a_subcommand_is_one_line(
    capsys, database, db_arg, plan_file, monkeypatch
):
    import desktop.operations.import_plans as import_plans

    def locked(*_args, **_kwargs):
        raise peewee.OperationalError("database is locked")

    monkeypatch.setattr(import_plans, "import_plans", locked)
    assert run_main("import", str(plan_file), "--db", db_arg) == 2
    assert one_chinese_line(capsys.readouterr().err) == "错误：数据库正被其他程序占用，请稍后再试"


def test_interrupt_is_one_line(capsys, plan_file, monkeypatch):
    import desktop.importing

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(desktop.importing, "parse_file", interrupted)
    assert main(["parse", str(plan_file)]) == 130
    assert one_chinese_line(capsys.readouterr().err) == "已中断"


def test_output_into_a_closed_pipe_exits_quietly(tmp_path, plan_file):
    db = str(tmp_path / "ledger.db")
    assert run_cli("import", str(plan_file), "--db", db).returncode == 0
    for args in (["plans"], ["parse", str(plan_file)], ["--help"]):
        reader, writer = os.pipe()
        os.close(reader)  # like `| head -0`: nobody reads
        try:
            result = subprocess.run(
                [sys.executable, "-m", "desktop", *args, "--db", db],
                stdout=writer,
                stderr=subprocess.PIPE,
                timeout=60,
                check=False,
            )
        finally:
            os.close(writer)
        assert result.stderr.decode("utf-8") == "", args
        assert result.returncode in (0, 1), args  # 0 when --help exits before flushing


@pytest.mark.skipif(sys.platform == "win32", reason="the data folder comes from APPDATA there")
def test_default_database_folder_that_cannot_be_made_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "plans"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ, XDG_DATA_HOME=str(blocker / "data")),
        check=False,
    )
    assert result.returncode == 2
    line = one_chinese_line(result.stderr)
    assert line.startswith("错误：无法") and "数据库" in line and str(blocker) in line
    assert "系统错误" not in line and "Errno" not in line
