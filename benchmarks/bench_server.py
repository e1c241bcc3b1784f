"""The window on a server ledger over loopback (issue 21), beside the same ledger in a file.

    python benchmarks/bench_server.py [--db postgresql://user:pw@host:port/db] [--tasks N]
                                      [--small] [--keep]

One plan of N tasks (default 10,000; the synthetic city of benchmarks/city.py, a third of the
tasks with a progress report) is imported into a SQLite file and into a fresh schema on the
server; each ledger is then opened by the real window in a child process of its own, which
measures what a clerk waits for: the first tree paint, selecting a task until the editor is
filled, adding a task and undoing it, one search keystroke.  Beside each time stands the
number of SQL statements it ran (every statement is a round trip to the server): a figure that
grows with the ledger is a query per row.  Without --db a throw-away cluster is started with
.ci/pg-cluster (Debian's postgresql package) and stopped at the end.  Times are wall clock
with this process's CPU time in brackets; nothing asserts a time.  `--small` runs at 120 tasks,
so the test suite keeps the script working.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any heavy import: start-up is counted from here
STARTED_CPU = time.process_time()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import uuid  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from bench_window import SEARCH_WORDS, report, rss_mb, wait_for_paint, worst  # noqa: E402

FIGURES = (  # key, label, target (benchmarks/results-issue20.md)
    ("ready", "window ready (first tree paint)", "bare + 0.5 s"),
    ("select", "select a task until the editor is filled", "≤ 30 ms"),
    ("add", "add a task", "≤ 50 ms"),
    ("undo", "undo", "≤ 50 ms"),
    ("type", "one character typed in the search box", "≤ 50 ms"),
    ("clear", "clearing the search (Backspace to empty)", "≤ 50 ms"),
    ("poll", "the poll for other clerks' changes", "—"),
    ("rss", "peak RSS (MB)", "≤ 300 MB"),
)
CHILD_TIMEOUT = 600
PROGRESS_EVERY = 3  # one task in three has a progress report


# ----- counting statements -----------------------------------------------------------------
class StatementCounter:
    """Counts every statement the open ledger's database runs (peewee's execute_sql, which
    every query and the poll go through), and the time spent in them: on the server the
    round trip and the server's work (psycopg fetches the rows there too), on a file the
    first step only (sqlite3 steps on while the rows are read)."""

    def __init__(self, db) -> None:
        self.count = 0
        self.seconds = 0.0
        original = db.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            self.count += 1
            start = time.perf_counter()
            try:
                return original(sql, params, *args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        db.execute_sql = counting


# ----- the window, in a child process --------------------------------------------------------
def open_ledger(text: str):
    """Open the ledger `--db` names (a path or a postgresql:// address); its location."""
    from db.database import open_location
    from db.location import parse_location

    location = parse_location(text)
    open_location(location)
    return location


def window_for(location, settings):
    """The main window over the open ledger.  A window that takes only a file path is given
    a stand-in path for a server (it reads everything through the bound models)."""
    import inspect

    from db.location import ServerLocation
    from desktop.ui.main_window import MainWindow

    if isinstance(location, ServerLocation):
        annotation = str(inspect.signature(MainWindow).parameters["db_path"].annotation)
        if "Location" not in annotation:
            location = Path(tempfile.mkdtemp()) / "server-ledger.db"
    return MainWindow(location, settings=settings)


def child_window(text: str) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from db.models import database
    from desktop.app import create_application
    from desktop.operations.ledger_version import seen_version

    app = create_application()
    location = open_ledger(text)
    counter = StatementCounter(database.obj)
    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    window = window_for(location, QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.show()
    wait_for_paint(app, window.tree.viewport())
    wall, cpu = time.perf_counter() - STARTED, time.process_time() - STARTED_CPU
    report("ready", [wall, cpu, counter.count, counter.seconds])
    # a big ledger reads its plans after the first paint, and the search keys after them
    # (issue 20's lazy start-up): measure the steps below on the whole tree, as bench_window
    painted = time.perf_counter()
    keys_ready = getattr(window.proxy, "keys_ready", None)
    while keys_ready is not None and not keys_ready() and time.perf_counter() < painted + 60:
        app.processEvents()
        time.sleep(0.01)

    def timed(action) -> list[float]:
        count, in_sql = counter.count, counter.seconds
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        app.processEvents()
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        return [wall, cpu, counter.count - count, counter.seconds - in_sql]

    plan = window.model.plan_items()[-1]
    middle = plan.children[len(plan.children) // 2]
    tasks = [t for t in middle.children if t.kind == 3][:5] or list(middle.children)[:5]

    def view_index(item):
        if hasattr(window, "view_index"):  # the whole tree on the model itself (issue 20)
            return window.view_index(item)
        return window.proxy.mapFromSource(window.model.index_for_item(item))

    selects = []
    for task in tasks:
        parent = view_index(task.parent)
        window.tree.expand(parent)
        window.tree.expand(parent.parent())
        app.processEvents()
        index = view_index(task)
        selects.append(timed(lambda index=index: window.tree.setCurrentIndex(index)))
    report("select", worst(selects))

    adds, undos = [], []
    for _ in range(3):
        window.select_item(window.model.node_item(tasks[0].id))
        app.processEvents()
        adds.append(timed(window.editing.add_sibling))
        undos.append(timed(window.editing.undo))
    report("add", worst(adds))
    report("undo", worst(undos))

    until = time.perf_counter() + 0.8  # the user pauses before clicking into the search box
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.02)
    window.search.setFocus()
    typing, clearing = [], []
    for word in SEARCH_WORDS:
        for char in word:
            if char.isascii():
                typing.append(timed(lambda c=char: QTest.keyClick(window.search, c)))
            else:
                typing.append(timed(lambda c=char: window.search.insert(c)))
        for _ in word:
            clearing.append(timed(lambda: QTest.keyClick(window.search, Qt.Key.Key_Backspace)))
    report("type", worst(typing))
    report("clear", worst(clearing))
    report("poll", worst([timed(seen_version) for _ in range(5)]))
    report("rss", rss_mb())
    window.close()


def run_child(db_text: str, timeout: int) -> dict:
    """This script as a child on one ledger; its figures, one JSON object a line."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child-window", db_text]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    figures: dict = {}
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=env
        )
        output = done.stdout
        if done.returncode != 0:
            sys.stderr.write(done.stderr[-3000:])
    except subprocess.TimeoutExpired as expired:
        raw = expired.stdout or b""
        output = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        figures["timeout"] = timeout
    for line in output.splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    return figures


def child_bare() -> None:
    from bench_window import child_bare as bare

    bare()


# ----- the ledgers -------------------------------------------------------------------------
def build_ledger(location, tasks: int) -> tuple[float, int]:
    """Import a plan of `tasks` tasks into the ledger at `location` (created), and give one
    task in three a progress report; (seconds the import took, its statements)."""
    from city import TEXT, plan_parse

    from db.database import close_database, open_location
    from db.models import Node, Progress, database
    from desktop.operations.import_plans import import_plans
    from desktop.operations.import_rows import insert_rows

    parse = plan_parse(tasks)
    open_location(location)
    counter = StatementCounter(database.obj)
    start = time.perf_counter()
    import_plans(parse)
    took, statements = time.perf_counter() - start, counter.count  # COPY: not counted
    task_ids = [row[0] for row in Node.select(Node.id).where(Node.kind == "task").tuples()]
    rows = [
        (node_id, "2014-10-08", TEXT[:40], "2014-10-08 09:00:00", "")
        for node_id in task_ids[::PROGRESS_EVERY]
    ]
    with database.atomic():
        insert_rows(Progress, ("node", "date", "text", "recorded_at", "recorded_by"), rows)
    close_database()
    return took, statements


@contextmanager
def server_url(url: str | None):
    """The server's address: the one given, or a throw-away cluster's (stopped after)."""
    if url:
        yield url
        return
    folder = Path(tempfile.mkdtemp(prefix="ledger-bench-pg-"))
    folder.chmod(0o755)  # run as root, the cluster belongs to the `postgres` user
    cluster = ROOT / ".ci" / "pg-cluster"
    started = subprocess.run(
        ["bash", str(cluster), "start", str(folder / "pg")],
        capture_output=True,
        text=True,
        check=False,
    )
    if started.returncode != 0:
        raise SystemExit(f"cannot start a PostgreSQL cluster: {started.stderr.strip()}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(cluster), "stop", str(folder / "pg")], check=False)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def keep_or_remove(folder: Path, keep: bool):
    """The folder of the SQLite ledger, removed after unless `keep`."""
    try:
        yield folder
    finally:
        if keep:
            print(f"SQLite ledger kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def bench_schema(url: str, keep: bool):
    """A new schema on the server for the benchmark's ledger (dropped after unless `keep`)."""
    from dataclasses import replace

    import psycopg

    from db.location import parse_server_address

    base = parse_server_address(url)
    name = f"bench_{uuid.uuid4().hex[:12]}"
    params = dict(base.connect_params(), dbname=base.dbname)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield replace(base, schema=name)
    finally:
        if not keep:
            with psycopg.connect(**params, autocommit=True) as admin:
                admin.execute(f'DROP SCHEMA "{name}" CASCADE')


# ----- the table ---------------------------------------------------------------------------
def seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.1f} ms"


def cell(value, key: str) -> str:
    """Wall time (CPU time), and the statements with the time spent in them."""
    if value is None:
        return "—"
    if key == "rss":
        return f"{value:.0f} MB"
    wall, cpu, count, in_sql = value
    text = seconds(wall) + (f" ({seconds(cpu)} CPU)" if cpu is not None else "")
    return text + (f"; {count} SQL in {seconds(in_sql)}" if count is not None else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a postgresql:// address (default: a throw-away cluster)")
    parser.add_argument("--tasks", type=int, help="tasks in the plan (default 10,000)")
    parser.add_argument("--small", action="store_true", help="120 tasks (for the tests)")
    parser.add_argument("--keep", action="store_true", help="keep both ledgers")
    parser.add_argument("--timeout", type=int, default=CHILD_TIMEOUT)
    parser.add_argument("--child-window", help=argparse.SUPPRESS)
    parser.add_argument("--child-bare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_bare:
        child_bare()
        return 0
    if args.child_window:
        child_window(args.child_window)
        return 0

    from db.location import ServerLocation

    tasks = args.tasks or (120 if args.small else 10_000)
    work = Path(tempfile.mkdtemp(prefix="ledger-bench-server-"))
    with (
        server_url(args.db) as url,
        bench_schema(url, args.keep) as server,
        keep_or_remove(work, args.keep),
    ):
        ledgers: dict[str, Path | ServerLocation] = {
            "SQLite file": work / "ledger.db",
            "server (loopback)": server,
        }
        imports, results = {}, {}
        for name, location in ledgers.items():
            imports[name] = build_ledger(location, tasks)
            print(f"{name}: {tasks} tasks imported in {seconds(imports[name][0])}", flush=True)
        bare = run_child_bare(args.timeout)
        for name, location in ledgers.items():
            text = location.url(with_password=True) if name != "SQLite file" else str(location)
            results[name] = run_child(text, args.timeout)

    names = list(ledgers)
    lines = [["figure", "bare", *(f"{name}, {tasks} tasks" for name in names), "target"]]
    for key, label, target in FIGURES:
        row = [label, cell(bare.get(key), key) if key in ("ready", "rss") else "—"]
        for name in names:
            value = results[name].get(key)
            text = cell(value, key)
            if key == "ready" and value is not None and bare.get("ready") is not None:
                text += f", bare +{value[0] - bare['ready'][0]:.2f} s"
            if value is None and "timeout" in results[name]:
                text = f"> {results[name]['timeout']} s timeout"
            row.append(text)
        lines.append([*row, target])
    lines.append(
        [f"import of {tasks} tasks", "—"]
        + [f"{seconds(imports[name][0])}, {imports[name][1]} SQL" for name in names]
        + ["—"]
    )
    widths = [max(len(row[k]) for row in lines) for k in range(len(lines[0]))]
    for row in lines:
        print(" | ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)))
    return 0


def run_child_bare(timeout: int) -> dict:
    """A bare Qt window of the same layout (bench_window's), its start-up as the baseline."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child-bare"]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=env
    )
    figures: dict = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    if "ready" in figures:
        figures["ready"] = [*figures["ready"], None, None]
    return figures


if __name__ == "__main__":
    sys.exit(main())
