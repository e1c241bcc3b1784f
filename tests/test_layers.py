"""The layering of ARCHITECTURE.md, checked on the source: imports point downwards only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = [
    "db",
    "desktop/importing",
    "desktop/exporting",
    "desktop/ledger",
    "desktop/cli*.py",
    "desktop/paths.py",
    "desktop/qt_safety.py",
    "desktop/resources.py",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(relative: str) -> list[Path]:
    if "*" in relative:
        return sorted(ROOT.glob(relative))
    target = ROOT / relative
    if target.is_file():
        return [target]
    return sorted(target.rglob("*.py")) if target.is_dir() else []


@pytest.mark.parametrize("relative", QT_FREE)
def test_qt_free_layers_do_not_import_qt(relative):
    files = python_files(relative)
    assert files, relative
    offenders = {
        str(path.relative_to(ROOT)): sorted(m for m in imported_modules(path) if "PySide6" in m)
        for path in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_widgets_do_not_touch_models_or_sql():
    offenders = {}
    for path in python_files("desktop/ui"):
        bad = sorted(
            m for m in imported_modules(path) if m == "peewee" or m.startswith("db.models")
        )
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert offenders == {}


def test_db_does_not_import_desktop():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in imported_modules(path) if m.split(".")[0] == "desktop"
        )
        for path in python_files("db")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


SQL_STARTS = ("PRAGMA ", "SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "ALTER ", "DROP ")


def sql_in(path: Path) -> list[str]:
    """Calls of execute_sql/execute and SQL text literals in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("execute_sql", "executescript"):
                found.append(f"line {node.lineno}: .{node.func.attr}()")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.lstrip().startswith(SQL_STARTS):
                found.append(f"line {node.lineno}: {node.value.strip()[:40]!r}")
    return found


def test_no_sql_outside_db():
    """SQL (SQLite's or any other) lives in db/ only: the program runs unchanged on a
    PostgreSQL server, and widgets and operations speak peewee."""
    offenders = {
        str(path.relative_to(ROOT)): sql_in(path)
        for path in sorted((ROOT / "desktop").rglob("*.py"))
        if sql_in(path)
    }
    assert offenders == {}
