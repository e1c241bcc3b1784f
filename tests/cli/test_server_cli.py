"""The command line on a server ledger: the subcommands only a SQLite file has say so in one
line (the other subcommands run on both backends in test_export_cli, test_import_cli and
tests/ledger, tests/feedback)."""

from __future__ import annotations

import pytest

from desktop.cli import main
from tests.helpers.cli import db_argument


@pytest.mark.parametrize(
    ("args", "action"),
    [(["backup"], "备份"), (["restore", "x.db"], "恢复备份"), (["check"], "完整性检查")],
)
def test_file_only_subcommands_name_pg_dump_instead(capsys, server_location, args, action):
    code = main(["--db", db_argument(server_location), *args])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert f"{action}只适用于 SQLite 数据库文件" in err and "pg_dump" in err
    assert not server_location.password or server_location.password not in err
