"""peewee is imported without psycopg (db/__init__.py) and gets the driver when a server ledger
is first opened (db/postgres.py load_server_driver): a start on a file never loads psycopg,
and once the driver is handed over peewee is in the state its own import would have left."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

# Which of peewee's module names and class attributes are None (the driver-dependent ones are
# None, or missing, when peewee was imported without a driver).
FINGERPRINT = """
import json, sys
{setup}
import peewee
state = {{}}
for name, value in vars(peewee).items():
    state[name] = value is None
    if isinstance(value, type) and value.__module__ == "peewee":
        for attribute, member in vars(value).items():
            state[f"{{name}}.{{attribute}}"] = member is None
print(json.dumps({{"state": state, "psycopg": "psycopg" in sys.modules}}))
"""
PLAIN = ""  # peewee's own import, which finds psycopg
OURS = "import db"
OURS_WITH_DRIVER = "import db\nfrom db.postgres import load_server_driver\nload_server_driver()"


def fingerprint(setup: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", FINGERPRINT.format(setup=setup)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ},
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_after_db_peewee_is_imported_without_psycopg():
    ours = fingerprint(OURS)
    assert ours["psycopg"] is False
    assert ours["state"]["psycopg"] is True  # peewee knows no driver yet


def run(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_command_line_parser_imports_no_peewee():
    assert run("import sys, db.location, desktop.cli; print('peewee' in sys.modules)") == ["False"]


def test_peewee_imported_without_psycopg_keeps_its_source_for_tools():
    code = (
        "import inspect, sys, db, peewee\n"
        "print(type(peewee.__loader__).__name__, 'class Model' in inspect.getsource(peewee))"
    )
    assert run(code) == ["_HidingLoader", "True"]


def test_loading_the_driver_leaves_peewee_as_its_own_import_would():
    plain, ours, loaded = fingerprint(PLAIN), fingerprint(OURS), fingerprint(OURS_WITH_DRIVER)
    assert plain["psycopg"] and loaded["psycopg"]
    assert ours["state"] != plain["state"]  # the fingerprint sees the missing driver …
    assert loaded["state"] == plain["state"]  # … and nothing of it is missing once loaded


def test_peewee_imported_after_psycopg_keeps_the_driver():
    done = fingerprint("import psycopg\nimport db\nfrom db.postgres import load_server_driver")
    assert done["state"] == fingerprint(PLAIN)["state"]


def test_without_psycopg_a_server_cannot_be_opened_and_the_user_is_told_why():
    code = (
        "import sys\n"
        "sys.modules['psycopg'] = None  # as if the driver were not installed\n"
        "from db.location import ServerLocation\n"
        "from db.postgres import ServerOpenError, load_server_driver, open_server_database\n"
        "print(load_server_driver())\n"
        "try:\n"
        "    open_server_database(ServerLocation('127.0.0.1', 'ledger', 'clerk'))\n"
        "except ServerOpenError as error:\n"
        "    print(error)\n"
    )
    refused, *words = run(code)
    message = " ".join(words)
    assert refused == "False"
    assert "psycopg" in message and "重新安装" in message
