"""Every Qt-free module imports, and the command line works, where PySide6 cannot be imported.

tests/test_layers.py reads the source for `import PySide6`; this runs the code, so an
indirect import (a Qt-free module importing one that imports Qt) is caught as well.  A fresh
interpreter gets a meta-path finder that refuses PySide6 and shiboken6 before anything of
ours is imported, as on a server or a build machine without Qt.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.cli import build_parser
from desktop.cli_argparse import subcommand_names
from desktop.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent

QT_FREE_PACKAGES = ["db", "desktop/importing", "desktop/exporting", "desktop/ledger"]
QT_FREE_MODULES = [
    "desktop",
    "desktop.__main__",
    "desktop.paths",
    "desktop.qt_safety",
    "desktop.resources",
    "desktop.operations.import_plans",  # what `import` saves with
]

BLOCKER = """
import importlib.abc, sys

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"PySide6", "shiboken6"}:
            raise ImportError(f"Qt is not available here: {name}")
        return None

sys.meta_path.insert(0, NoQt())
"""


def qt_free_modules() -> list[str]:
    """The dotted names of every Qt-free module, found on disk (new modules included)."""
    names = list(QT_FREE_MODULES)
    for package in QT_FREE_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    names += [f"desktop.{path.stem}" for path in sorted((ROOT / "desktop").glob("cli*.py"))]
    return names


def run_without_qt(script: str, *args: str) -> dict:
    """Run BLOCKER + script in a fresh interpreter; the script prints one JSON object."""
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER + textwrap.dedent(script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_blocker_blocks():
    report = run_without_qt(
        """
        import json
        try:
            import PySide6.QtCore
        except ImportError as error:
            print(json.dumps({"refused": str(error)}))
        """
    )
    assert report == {"refused": "Qt is not available here: PySide6"}


def test_every_qt_free_module_imports_without_pyside6():
    modules = qt_free_modules()
    assert {"db.models", "desktop.importing.parser", "desktop.cli_import"} <= set(modules)
    report = run_without_qt(
        """
        import importlib, json, sys, traceback
        failed = {}
        for name in sys.argv[1:]:
            try:
                importlib.import_module(name)
            except Exception:
                failed[name] = traceback.format_exc(limit=-3)
        qt = sorted(m for m in sys.modules if m.split(".")[0] in {"PySide6", "shiboken6"})
        print(json.dumps({"failed": failed, "qt": qt}))
        """,
        *modules,
    )
    assert report == {"failed": {}, "qt": []}


def test_the_command_line_works_without_pyside6(tmp_path):
    names = subcommand_names(build_parser())
    assert {"parse", "import", "plans", "export"} <= set(names)
    sample = resource_path("sample_plan.txt")
    database = tmp_path / "ledger.db"
    workbook = tmp_path / "分解表.xlsx"
    report = run_without_qt(
        """
        import contextlib, io, json, sys
        from desktop.cli import main

        def run(*args):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exit:
                    code = exit.code
            return code, out.getvalue(), err.getvalue()

        names, sample, database, workbook = json.loads(sys.argv[1])
        helps = {name: run(name, "--help") for name in names}
        helps["(main)"] = run("--help")
        print(json.dumps({
            "helps": {name: [code, "用法：" in out, err] for name, (code, out, err)
                      in helps.items()},
            "version": run("--version")[:2],
            "parse": run("parse", sample)[0],
            "import": run("import", sample, "--db", database),
            "plans": run("plans", "--json", "--db", database),
            "export": run("export", "--plan", "1", "--out", workbook, "--db", database),
        }))
        """,
        json.dumps([names, str(sample), str(database), str(workbook)]),
    )
    assert report["helps"] == {name: [0, True, ""] for name in [*names, "(main)"]}
    assert report["version"][0] == 0 and "整改台账" in report["version"][1]
    assert report["parse"] == 0
    code, out, err = report["import"]
    assert (code, err) == (0, "") and out.startswith("plan 1: ")
    code, out, err = report["plans"]
    assert (code, err) == (0, "") and json.loads(out)["plans"][0]["id"] == 1
    code, out, err = report["export"]
    assert (code, out.strip(), err) == (0, str(workbook), "")
    assert workbook.is_file()
