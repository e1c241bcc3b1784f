"""`python -m desktop server setup|user …` (desktop/cli_server.py) on the test server."""

from __future__ import annotations

from dataclasses import replace

import pytest

from db.database import close_database
from db.models import Plan
from db.postgres import ServerOpenError, open_server_database
from desktop import cli_server
from desktop.cli import main
from tests.helpers.cli import run_cli
from tests.helpers.roles import drop_roles


@pytest.fixture
def prefix(server_location):
    name = f"{server_location.schema}_"
    yield name
    close_database()
    drop_roles(server_location, name)


@pytest.fixture
def url(server_location) -> str:
    return server_location.url(with_password=True)


def lines(capsys) -> tuple[list[str], str]:
    captured = capsys.readouterr()
    return captured.out.splitlines(), captured.err


def test_setup_then_add_list_change_and_remove_logins(server_location, prefix, url, capsys):
    assert main(["server", "setup", "--db", url, "--prefix", prefix]) == 0
    out, _ = lines(capsys)
    assert out[0].startswith(f"服务器台账“{server_location.display()}”已就绪")
    assert f"{prefix}reader（只读）" in out[0]
    assert not any(line.startswith("提示") for line in out)  # the admin group owns the tables
    assert main(["server", "setup", "--db", url]) == 0  # again: the recorded prefix, no new role
    out, _ = lines(capsys)
    assert f"{prefix}editor（编辑）" in out[0] and not any("新建的角色" in o for o in out)

    clerk = f"{prefix}wang"
    assert (
        main(["server", "user", "add", clerk, "--role", "只读", "--password", "pw-1", "--db", url])
        == 0
    )
    assert lines(capsys)[0] == [f"已建立登录名“{clerk}”，角色：只读"]
    assert main(["server", "user", "role", clerk, "编辑", "--db", url]) == 0
    assert lines(capsys)[0] == [f"登录名“{clerk}”的角色已改为：编辑"]
    assert main(["server", "user", "list", "--db", url]) == 0
    assert lines(capsys)[0] == [f"{clerk}\t编辑"]

    open_server_database(replace(server_location, user=clerk, password="pw-1"))
    Plan.create(title="编辑新建的方案")
    close_database()

    assert main(["server", "user", "remove", clerk, "--db", url]) == 0
    assert lines(capsys)[0] == [f"已删除登录名“{clerk}”"]
    with pytest.raises(ServerOpenError):
        open_server_database(replace(server_location, user=clerk, password="pw-1"))


def test_the_new_logins_password_is_asked_twice_at_the_terminal(
    server_location, prefix, url, capsys, monkeypatch
):
    assert main(["server", "setup", "--db", url, "--prefix", prefix]) == 0
    capsys.readouterr()
    clerk = f"{prefix}li"
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["server", "user", "add", clerk, "--role", "reader", "--db", url]) == 2
    assert "--password" in lines(capsys)[1]

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    answers = iter(["one", "two"])
    monkeypatch.setattr(cli_server, "ask_password", lambda prompt: next(answers))
    assert main(["server", "user", "add", clerk, "--role", "reader", "--db", url]) == 2
    assert "两次输入的密码不一致" in lines(capsys)[1]

    prompts: list[str] = []
    monkeypatch.setattr(
        cli_server, "ask_password", lambda prompt: prompts.append(prompt) or "li-secret"
    )
    assert main(["server", "user", "add", clerk, "--role", "reader", "--db", url]) == 0
    assert prompts == [f"请输入新登录名“{clerk}”的密码：", "请再输入一次："]
    open_server_database(replace(server_location, user=clerk, password="li-secret"))


def test_failures_are_one_chinese_line(server_location, prefix, url, capsys, tmp_path):
    assert main(["server", "user", "list", "--db", url, "--prefix", prefix]) == 2
    assert "请管理员先运行 server setup" in lines(capsys)[1]
    assert main(["server", "setup", "--db", url, "--prefix", prefix]) == 0
    capsys.readouterr()
    clerk = f"{prefix}li"
    assert (
        main(["server", "user", "add", clerk, "--role", "boss", "--password", "x", "--db", url])
        == 2
    )
    assert "角色“boss”无法识别" in lines(capsys)[1]
    main(["server", "user", "add", clerk, "--role", "reader", "--password", "x", "--db", url])
    capsys.readouterr()
    assert (
        main(["server", "user", "add", clerk, "--role", "reader", "--password", "x", "--db", url])
        == 2
    )
    assert "已有登录名或角色" in lines(capsys)[1]

    reader_url = replace(server_location, user=clerk, password="x").url(with_password=True)
    assert (
        main(
            [
                "server",
                "user",
                "add",
                f"{prefix}x",
                "--role",
                "reader",
                "--password",
                "x",
                "--db",
                reader_url,
            ]
        )
        == 2
    )
    assert "没有这项操作的权限" in lines(capsys)[1]
    assert main(["server", "user", "remove", "ledger_ci", "--db", url]) == 2
    assert "不是这个台账的登录名" in lines(capsys)[1]

    result = run_cli("server", "user", "list", "--db", str(tmp_path / "ledger.db"))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "错误：server 命令只适用于服务器数据库：请用 --db postgresql://登录名@服务器:端口/数据库名"
    )
    result = run_cli("server", "--db", str(tmp_path / "ledger.db"))
    assert result.returncode == 2 and "请给出要执行的操作" in result.stderr


@pytest.mark.parametrize("command", [["backup"], ["restore", "b.db"], ["check"]])
def test_file_only_commands_on_a_server_point_at_the_readme_section(command, capsys):
    from tests.conftest import REPO_ROOT

    assert main([*command, "--db", "postgresql://admin@127.0.0.1:1/zhenggai"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "pg_dump" in error and "pg_restore" in error
    section, step = "服务器版（给管理员）", "7. 备份与恢复"
    assert f"README.md“{section}”一节的“{step}”" in error
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"## {section}\n" in readme and f"### {step}：pg_dump / pg_restore\n" in readme
    assert "pg_dump -h localhost -U postgres -F c -f" in readme
    assert "pg_restore -h localhost -U postgres -d" in readme


def test_the_help_texts_default_prefix_is_the_roles_default():
    from db.roles import DEFAULT_PREFIX

    assert cli_server.DEFAULT_PREFIX == DEFAULT_PREFIX
