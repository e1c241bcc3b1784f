"""Frozen smoke test in Python, for Windows (and any system): run a built folder as a user
would and check the main paths.

    python .ci/frozen_smoke.py dist/rectification-ledger

The bash `.ci/frozen-smoke` builds and checks on Linux with a bare environment; this one
takes a folder already built by `pyinstaller build.spec` and needs only Python and openpyxl
(the CI's, not the bundle's).  Command-line steps use `rectification-ledger-cli.exe` when
the folder has it (Windows: the windowed .exe cannot print), else the single executable.

Steps: --version, --help in Chinese, the window's first start offscreen (quits by itself,
saves a screenshot, creates the database in a fresh data folder), parse the shipped sample,
import it, plans --json, export the breakdown table to a folder and file with Chinese names
and open it with openpyxl, and a missing file refused with one Chinese line.  Every step runs
even when an earlier one failed; each failure prints one line starting with FAIL; the exit
status is 1 if any failed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"
TIMEOUT = 120  # seconds; a window that does not quit is killed


def project() -> tuple[str, str]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        metadata = tomllib.load(file)["project"]
    return metadata["name"], metadata["version"]


def executable(bundle: Path, name: str) -> Path | None:
    path = bundle / (f"{name}.exe" if WINDOWS else name)
    return path if path.is_file() else None


class Smoke:
    def __init__(self, bundle: Path, scratch: Path) -> None:
        name, self.expected_version = project()
        program = executable(bundle, name)
        if program is None:
            raise SystemExit(f"FAIL: no executable {name} in {bundle}")
        self.program = program
        self.cli = executable(bundle, f"{name}-cli") or program
        self.sample = bundle / "_internal" / "resources" / "sample_plan.txt"
        self.cwd = scratch / "工作目录"
        self.home = scratch / "用户"
        self.cwd.mkdir()
        self.home.mkdir()
        self.env = self.bare_environment()
        self.failures: list[str] = []
        self.timings: list[tuple[str, float]] = []

    def bare_environment(self) -> dict[str, str]:
        """The CI's environment without anything that points at Python or the source, with
        a fresh, Chinese-named user data folder."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.upper().startswith(("PYTHON", "VIRTUAL_ENV", "QT_", "LEDGER_"))
        }
        env["QT_QPA_PLATFORM"] = "offscreen"
        if WINDOWS:  # desktop/paths.py reads APPDATA; the rest of the profile stays
            env["APPDATA"] = str(self.home / "AppData" / "Roaming")
        else:
            env.update(HOME=str(self.home), XDG_DATA_HOME=str(self.home / ".local" / "share"))
            env["LANG"] = "C.UTF-8"
        return env

    def data_dir(self) -> Path:
        if WINDOWS:
            return self.home / "AppData" / "Roaming" / "zhenggai" / "ledger"
        return self.home / ".local" / "share" / "zhenggai" / "ledger"

    def run(
        self, label: str, program: Path, *args: str, **extra_env: str
    ) -> subprocess.CompletedProcess[bytes] | None:
        started = time.monotonic()
        try:
            result = subprocess.run(
                [str(program), *args],
                cwd=self.cwd,
                env={**self.env, **extra_env},
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            self.fail(label, f"could not run {program.name} {' '.join(args)}: {error}")
            return None
        self.timings.append((label, time.monotonic() - started))
        return result

    def fail(self, label: str, message: str) -> None:
        print(f"FAIL: {label}: {message}")
        self.failures.append(label)

    def text(self, label: str, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            self.fail(label, f"output is not UTF-8 ({error})")
            return data.decode("utf-8", "replace")

    def expect_success(self, label: str, program: Path, *args: str, **extra_env: str) -> str | None:
        result = self.run(label, program, *args, **extra_env)
        if result is None:
            return None
        stdout, stderr = self.text(label, result.stdout), self.text(label, result.stderr)
        if result.returncode != 0:
            self.fail(label, f"exit {result.returncode} from {program.name} {' '.join(args)}")
            print("    " + stderr.strip().replace("\n", "\n    ")[-2000:])
            return None
        if stderr.strip():
            print(f"   ({label} wrote to stderr: {stderr.strip()[:500]})")
        return stdout

    def check(self, label: str, condition: bool, message: str) -> None:
        if not condition:
            self.fail(label, message)

    # --- the steps ---------------------------------------------------------------------

    def version(self) -> None:
        out = self.expect_success("--version", self.cli, "--version")
        if out is not None:
            print(f"   {out.strip()}")
            self.check("--version", self.expected_version in out, f"printed {out.strip()!r}")

    def help(self) -> None:
        out = self.expect_success("--help", self.cli, "--help")
        if out is not None:
            self.check("--help", out.startswith("用法："), f"usage not in Chinese: {out[:80]!r}")
            self.check("--help", "usage:" not in out, "English argparse texts in the help")

    def window(self) -> None:
        screenshot = self.cwd / "窗口.png"
        out = self.expect_success(
            "window start",
            self.program,
            LEDGER_QUIT_AFTER_MS="0",
            LEDGER_SCREENSHOT=str(screenshot),
        )
        if out is None:
            return
        self.check("window start", screenshot.is_file(), "no screenshot of the window was saved")
        database = self.data_dir() / "ledger.db"
        self.check("first run", database.is_file(), f"no database created at {database}")

    def parse(self) -> None:
        if not self.sample.is_file():
            self.fail("parse", f"the sample plan is not shipped at {self.sample}")
            return
        out = self.expect_success("parse", self.cli, "parse", str(self.sample))
        if out is None:
            return
        try:
            document = json.loads(out)
        except json.JSONDecodeError as error:
            self.fail("parse", f"output is not JSON: {error}")
            return

        def tasks(nodes: list[dict]) -> int:
            return sum((node["kind"] == "task") + tasks(node["children"]) for node in nodes)

        found = sum(tasks(plan["nodes"]) for plan in document.get("plans", []))
        self.check("parse", document.get("schema") == "plan-parse/1", "not plan-parse/1")
        self.check("parse", found > 0, "no tasks found")
        print(f"   {len(document.get('plans', []))} plan(s), {found} tasks")

    def import_export(self) -> None:
        database = self.cwd / "台账.db"
        out = self.expect_success(
            "import", self.cli, "--db", str(database), "import", str(self.sample)
        )
        if out is None:
            return
        print(f"   {out.strip()}")
        self.check("import", out.startswith("plan 1: "), "expected a line 'plan 1: …'")
        out = self.expect_success(
            "plans --json", self.cli, "plans", "--json", "--db", str(database)
        )
        if out is not None:
            plans = json.loads(out)["plans"]
            self.check("plans --json", [p["id"] for p in plans] == [1], f"plans: {plans}")
        folder = self.cwd / "导出文件夹"
        folder.mkdir()
        workbook = folder / "分解表.xlsx"
        out = self.expect_success(
            "export",
            self.cli,
            "export",
            "--plan",
            "1",
            "--out",
            str(workbook),
            "--db",
            str(database),
        )
        if out is None:
            return
        self.check("export", out.strip() == str(workbook), f"printed {out.strip()!r}")
        self.open_workbook(workbook)

    def open_workbook(self, workbook: Path) -> None:
        import openpyxl

        try:
            book = openpyxl.load_workbook(workbook)
        except Exception as error:  # any failure to read it is the finding
            self.fail("export", f"{workbook} is not a readable workbook: {error}")
            return
        sheet = book.worksheets[0]
        text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
        self.check("export", sheet.max_row > 2, f"only {sheet.max_row} rows")
        self.check("export", "食品安全" in text, "the sample's tasks are not in the table")
        print(f"   {len(book.worksheets)} sheet(s), {sheet.max_row} rows in '{sheet.title}'")

    def refusal(self) -> None:
        missing = self.cwd / "没有这个文件.txt"
        result = self.run("missing file", self.cli, "parse", str(missing))
        if result is None:
            return
        stderr = self.text("missing file", result.stderr).strip()
        self.check("missing file", result.returncode == 2, f"exit {result.returncode}")
        self.check(
            "missing file",
            len(stderr.splitlines()) == 1 and "没有这个文件.txt" in stderr,
            f"expected one Chinese line naming the file, got {stderr!r}",
        )
        self.check("missing file", "Traceback" not in stderr, "printed a traceback")

    def all(self) -> int:
        steps: list[Callable[[], None]] = [
            self.version,
            self.help,
            self.window,
            self.parse,
            self.import_export,
            self.refusal,
        ]
        for step in steps:
            print(f"== {step.__name__}")
            step()
        print("\n== frozen smoke timings")
        for label, seconds in self.timings:
            print(f"{label:<16} {seconds * 1000:8.0f} ms")
        if self.failures:
            print(f"frozen smoke: {len(self.failures)} step(s) FAILED", file=sys.stderr)
            return 1
        print("frozen smoke: all steps passed")
        return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    bundle = Path(argv[0]).resolve()
    with tempfile.TemporaryDirectory(prefix="frozen-smoke-") as scratch:
        return Smoke(bundle, Path(scratch)).all()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
