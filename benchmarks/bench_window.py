"""The window at city scale (issue 20): every figure beside its bare baseline and its target.

    python benchmarks/bench_window.py [--small] [--cache FOLDER] [--only city,one,five]

Figures are wall-clock times and, in brackets, this process's CPU time (a shared machine
inflates the first; the second is the program's own work).  An action the user repeats (select,
add, undo, a keystroke) is timed several times: its figure is the median of those samples, read
against the target, with the slowest sample beside it.  The machines this runs on are shared and
their speed drifts from minute to minute (by up to 2× on the 2-core machine the targets were set
on, and in the CPU time too), so one slow sample says more about the machine than the program;
the worst stays in the table so a real hitch is seen.  Start-up is timed the same way, over
START_RUNS fresh processes of each kind.  Three databases come from the synthetic city
generator (benchmarks/city.py), cached under the temp folder: 50 plans × 200 tasks, one plan of
10,000, five plans of 10,000.  Each database is measured in a fresh child process (start-up and
memory need one), beside a bare Qt window in its own process.  Import and export are measured
against bare sqlite3 and bare openpyxl in pairs run back to back: their ratio is the median of
the pairs' ratios, which a drift of the machine's speed between pairs leaves alone.  `--small`
runs everything at a tiny size, so the test suite keeps the script working; nothing asserts a
time.

The child processes (the bare window and the real ones alike) run with bytecode, as an
installed or frozen program does: this environment sets PYTHONDONTWRITEBYTECODE, under which
every child compiled every module of the program from source again (about 0.2 s of each
start-up figure).  So the children drop that variable and keep their bytecode in a folder of
their own (PYTHONPYCACHEPREFIX, under the temp folder, never beside the sources), and one
unmeasured process fills it before the first measured child: every module of the program, and
the packages a child loads (Qt, peewee, pypinyin, openpyxl, the standard library's).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any heavy import: start-up is counted from here
STARTED_CPU = time.process_time()

import argparse  # noqa: E402
import copy  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(Path(__file__).resolve().parent))

SIZES = {  # name: (plans, tasks per plan), full and small
    "city": ((50, 200), (3, 20)),
    "one": ((1, 10_000), (1, 120)),
    "five": ((5, 10_000), (2, 60)),
}
IMPORT_TASKS = (10_000, 120)
SEARCH_WORDS = ("环境整治", "hj")  # typed one character at a time, then erased
FIGURES = (  # key, label, target
    ("ready", "window ready, first tree paint (median)", "bare + 0.5 s (+1 s at 50k)"),
    ("keys", "search keys ready, after the paint (background)", "—"),
    ("select", "select a task until the editor is filled (median)", "≤ 30 ms"),
    ("add", "add a task (median)", "≤ 50 ms"),
    ("undo", "undo (median)", "≤ 50 ms"),
    ("type", "one character typed in the search box (median)", "≤ 50 ms"),
    ("clear", "clearing the search, one Backspace (median)", "≤ 50 ms"),
    ("expand", "expand all", "—"),
    ("type_expanded", "search keystroke, tree fully expanded (median)", "≤ 50 ms"),
    ("clear_expanded", "one Backspace, tree fully expanded (median)", "≤ 50 ms"),
    ("rss", "peak RSS (MB)", "≤ 300 MB (≤ 400 MB at 50k)"),
)
CHILD_TIMEOUT = 900
SELECTS = 9  # tasks selected one after another
START_RUNS = 3  # fresh processes timed to the first paint, per database and bare
ROUNDS = 3  # import and export: pairs of ours and bare, run back to back
EDIT_ROUNDS = 7  # adds, each undone
PREVIEW_TASKS = os.environ.get("BENCH_PREVIEW_TASKS", "")  # set by main() for the bare child


def rss_mb() -> float | None:
    """The peak resident set size of this process in MB (None where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def report(key: str, value) -> None:
    print(json.dumps({key: value}), flush=True)


# ----- child processes ---------------------------------------------------------------------
def wait_for_paint(app, viewport) -> None:
    from PySide6.QtCore import QEvent, QObject

    painted = []

    class Watch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                painted.append(1)
            return False

    watch = Watch()
    viewport.installEventFilter(watch)
    deadline = time.perf_counter() + 60
    while not painted and time.perf_counter() < deadline:
        app.processEvents()
    viewport.removeEventFilter(watch)


def child_bare(ready_only: bool = False) -> None:
    """A bare Qt window of the same layout: the start-up and memory baseline."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QSplitter, QTreeView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    splitter = QSplitter(Qt.Orientation.Horizontal)
    tree = QTreeView()
    model = QStandardItemModel()
    model.appendRow(QStandardItem("方案"))
    tree.setModel(model)
    splitter.addWidget(tree)
    splitter.addWidget(QLineEdit())
    window.setCentralWidget(splitter)
    window.resize(1280, 800)
    window.show()
    wait_for_paint(app, tree.viewport())
    report("ready", [time.perf_counter() - STARTED, time.process_time() - STARTED_CPU])
    if ready_only:
        return
    report("rss", rss_mb())
    if PREVIEW_TASKS:
        report("preview", preview_time(app, int(PREVIEW_TASKS)))


def preview_time(app, tasks: int) -> list[float]:
    """The import preview of a `tasks`-task document, from its construction to its paint."""
    from city import plan_parse

    from desktop.ui.import_preview import ImportPreviewDialog

    parse = {**plan_parse(tasks), "source": "benchmark", "warnings": []}
    start, start_cpu = time.perf_counter(), time.process_time()
    dialog = ImportPreviewDialog(parse)
    dialog.show()
    wait_for_paint(app, dialog.tree.viewport())
    return [time.perf_counter() - start, time.process_time() - start_cpu]


def child_window(db_path: Path, ready_only: bool = False) -> None:
    """The real window on `db_path`, driven through each figure."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.app import create_application

    app = create_application()
    from db.database import open_database
    from desktop.ui.main_window import MainWindow

    open_database(db_path)
    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    from PySide6.QtCore import QSettings

    window = MainWindow(db_path, settings=QSettings(str(settings_file), QSettings.Format.IniFormat))
    window.show()
    wait_for_paint(app, window.tree.viewport())
    report("ready", [time.perf_counter() - STARTED, time.process_time() - STARTED_CPU])
    if ready_only:
        window.close()
        return
    painted = time.perf_counter()
    keys_ready = getattr(window.proxy, "keys_ready", None)
    if keys_ready is not None:  # search keys are prepared in the background after the paint
        while not keys_ready() and time.perf_counter() < painted + 60:
            app.processEvents()
            time.sleep(0.01)
        report("keys", [time.perf_counter() - painted, None])

    def timed(action) -> list[float]:
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        app.processEvents()
        return [time.perf_counter() - start, time.process_time() - start_cpu]

    # tasks from the middle of the last plan
    plan = window.model.plan_items()[-1]
    sections = plan.children
    middle = sections[len(sections) // 2]
    tasks = [t for t in middle.children if t.kind == 3][:SELECTS] or list(middle.children)[:SELECTS]

    def view_index(item):
        if hasattr(window, "view_index"):  # the whole tree on the model itself (third pass)
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
    report("select", spread(selects))

    adds, undos = [], []
    for _ in range(EDIT_ROUNDS):
        window.select_item(window.model.node_item(tasks[0].id))
        app.processEvents()
        adds.append(timed(window.editing.add_sibling))
        undos.append(timed(window.editing.undo))
    report("add", spread(adds))
    report("undo", spread(undos))

    def search_figures(suffix: str) -> None:
        typing, clearing = [], []
        for word in SEARCH_WORDS:
            for char in word:
                if char.isascii():
                    typing.append(timed(lambda c=char: QTest.keyClick(window.search, c)))
                else:
                    typing.append(timed(lambda c=char: window.search.insert(c)))
            for _ in word:
                clearing.append(timed(lambda: QTest.keyClick(window.search, Qt.Key.Key_Backspace)))
        report("type" + suffix, spread(typing))
        report("clear" + suffix, spread(clearing))

    def idle(seconds: float) -> None:
        """The user pauses, as between an edit and a click into the search box."""
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.02)

    idle(0.8)
    window.search.setFocus()
    search_figures("")
    report("expand", timed(window.tree.expandAll))
    idle(0.8)
    window.search.setFocus()
    search_figures("_expanded")
    report("rss", rss_mb())
    window.close()


BYTECODE = Path(tempfile.gettempdir()) / "ledger-bench-bytecode"
COMPILE = """
import compileall, sys
from pathlib import Path

root = Path(sys.argv[1])
sys.path[:0] = [str(root), str(root / "benchmarks")]
for folder in ("db", "desktop", "benchmarks"):
    compileall.compile_dir(root / folder, quiet=2)
import bench_window, bench_export, city  # what the children load, and all it imports
import PySide6.QtTest, PySide6.QtWidgets, openpyxl, pypinyin
import db.database, desktop.app, desktop.ui.main_window, desktop.ui.import_preview
import desktop.operations.import_plans, desktop.exporting

packages = set()  # whole packages: their submodules may load later in a child
for module in list(sys.modules.values()):
    file = getattr(module, "__file__", None)
    name = getattr(module, "__name__", "")
    if file and file.endswith(".py") and "." not in name and Path(file).name == "__init__.py":
        packages.add(Path(file).parent)
for folder in sorted(packages):
    compileall.compile_dir(folder, quiet=2)
"""
_compiled = False


def child_environment() -> dict[str, str]:
    """The children's environment: offscreen Qt, and bytecode kept in BYTECODE."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(BYTECODE)
    return env


def compile_once(env: dict[str, str]) -> None:
    """Fill BYTECODE before the first measured child, so that no measured child compiles."""
    global _compiled
    if _compiled:
        return
    _compiled = True
    done = subprocess.run(
        [sys.executable, "-c", COMPILE, str(ROOT)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=CHILD_TIMEOUT,
    )  # fmt: skip
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])


def checkpoint(path: Path) -> None:
    """Fold what earlier runs left in the write-ahead log into the file, so every run starts
    from the same state (else SQLite's automatic checkpoint, once the log reaches 4 MB, lands
    on one edit of some later run)."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def run_child(args: list[str], timeout: int) -> dict:
    """Run this script as a child; its figures (one JSON object a line), even if it times out."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    env = child_environment()
    compile_once(env)
    figures: dict = {}
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, encoding="utf-8", timeout=timeout, env=env
        )
        output, failed = done.stdout, done.returncode != 0
        if failed:
            sys.stderr.write(done.stderr[-3000:])
    except subprocess.TimeoutExpired as expired:
        raw = expired.stdout or b""
        output = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        figures["timeout"] = timeout
    for line in output.splitlines():
        if line.startswith("{"):
            figures.update(json.loads(line))
    return figures


# ----- import and export in this process ---------------------------------------------------
def import_figures(folder: Path, tasks: int) -> tuple[list[float], list[float]]:
    """(ours, bare): import_plans of a `tasks`-task plan vs a bare sqlite3 insert of its rows,
    ROUNDS pairs run back to back, each into new files."""
    from city import plan_parse

    from db.database import close_database, open_database
    from desktop.operations.import_plans import import_plans

    parse = plan_parse(tasks)
    ours, bare = [], []
    for round_ in range(ROUNDS):
        ours_path, bare_path = (
            folder / f"import-ours-{round_}.db",
            folder / f"import-bare-{round_}.db",
        )
        for path in (ours_path, bare_path):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        open_database(bare_path)
        close_database()
        bare.append(bare_insert(bare_path, copy.deepcopy(parse)))
        open_database(ours_path)
        plans = copy.deepcopy(parse)
        start = time.process_time()
        import_plans(plans)
        ours.append(time.process_time() - start)
        close_database()
    return ours, bare


def bare_insert(path: Path, parse: dict) -> float:
    """The same rows written by hand: directory, plan, nodes, links; one transaction."""
    start = time.process_time()
    connection = sqlite3.connect(path)
    people: dict[str, int] = {}
    units: dict[str, int] = {}
    nodes, leaders, links = [], [], []
    next_id = [1]

    def walk(items, parent):
        for position, item in enumerate(items):
            node_id = next_id[0]
            next_id[0] += 1
            nodes.append(
                (node_id, parent, position, item["kind"], item.get("title", ""),
                 item.get("text", ""), item.get("problem", ""), item.get("goal", ""),
                 item.get("deadline_text", ""), item.get("due_date"))
            )  # fmt: skip
            for k, name in enumerate(item.get("leaders", [])):
                leaders.append((node_id, people.setdefault(name, len(people) + 1), k))
            for role in ("lead", "support"):
                for k, unit in enumerate(item.get(f"{role}_units", [])):
                    unit_id = units.setdefault(unit["name"], len(units) + 1)
                    links.append((node_id, unit_id, role, unit.get("contact", ""), k))
            walk(item.get("children", []), node_id)

    (plan,) = parse["plans"]
    walk(plan["nodes"], None)
    with connection:
        connection.execute("INSERT INTO plan (id, title, year, position, issuer, kind, notes,"
                           " created_at, updated_at) VALUES (1, ?, 2014, 1, '', '', '', "
                           "datetime('now'), datetime('now'))", (plan["title"],))  # fmt: skip
        connection.executemany(
            "INSERT INTO person (id, name, post) VALUES (?, ?, '')",
            [(i, n) for n, i in people.items()],
        )
        connection.executemany(
            "INSERT INTO unit (id, name) VALUES (?, ?)", [(i, n) for n, i in units.items()]
        )
        connection.executemany(
            "INSERT INTO node (id, plan_id, parent_id, position, kind, title, text, problem, goal,"
            " deadline_text, due_date, status, closed_by, remarks, created_at, updated_at)"
            " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'not_started', '', '', datetime('now'),"
            " datetime('now'))",
            nodes,
        )
        connection.executemany(
            "INSERT INTO task_leader (node_id, person_id, position) VALUES (?, ?, ?)", leaders
        )
        connection.executemany(
            "INSERT INTO task_unit (node_id, unit_id, role, contact, position)"
            " VALUES (?, ?, ?, ?, ?)",
            links,
        )
    connection.close()
    return time.process_time() - start


def export_figures(folder: Path, db_path: Path) -> tuple[list[float], list[float]]:
    """(ours, bare): the ledger export of the biggest plan vs bare openpyxl, same cells,
    ROUNDS pairs run back to back."""
    from bench_export import AS_OF, bare_openpyxl

    from db.database import close_database, open_database
    from db.queries import load_plan, plan_summaries
    from desktop.exporting import ExportOptions, export_plan, layout

    open_database(db_path)
    biggest = max(plan_summaries(), key=lambda summary: summary.tasks)
    plan = load_plan(biggest.id)
    options = ExportOptions(ledger=True, as_of=AS_OF)
    ours, bare = [], []
    for _round in range(ROUNDS):
        layout.wrapped.cache_clear()  # each export as the first of a session
        start = time.process_time()
        export_plan(plan, folder / "ours.xlsx", options)
        ours.append(time.process_time() - start)
        start = time.process_time()
        bare_openpyxl(plan, options.resolved_columns(), folder / "bare.xlsx")
        bare.append(time.process_time() - start)
    close_database()
    return ours, bare


def paired(ours: list[float], bare: list[float]) -> tuple[float, float, float]:
    """Medians of ours and of bare, and the median of ours / bare pair by pair: the two of a
    pair run back to back, so the machine's speed drifting between pairs cancels out (one
    export ratio went from 1.02 to 1.28 between two runs of the same code, taken whole)."""
    ratios = [mine / theirs for mine, theirs in zip(ours, bare, strict=True)]
    return statistics.median(ours), statistics.median(bare), statistics.median(ratios)


# ----- the table ---------------------------------------------------------------------------
def seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def cell(value, key: str) -> str:
    """A figure: MB, or wall time with the CPU time in brackets."""
    if value is None:
        return "—"
    if key == "rss":
        return f"{value:.0f} MB"
    if isinstance(value, dict):  # repeated samples: the median, and the slowest beside it
        median, slowest = value["median"], value["worst"]
        return f"{cell(median, key)}, worst {seconds(slowest[0])} of {value['n']}"
    wall, cpu = value if isinstance(value, list) else (value, None)
    return seconds(wall) + (f" ({seconds(cpu)} CPU)" if cpu is not None else "")


def spread(samples: list[list[float]]) -> dict:
    """The median sample (the upper one of an even count) and the slowest, by wall time, each
    with its CPU time."""
    ordered = sorted(samples, key=lambda sample: sample[0])
    return {"median": ordered[len(ordered) // 2], "worst": ordered[-1], "n": len(ordered)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="tiny databases (for the tests)")
    parser.add_argument("--cache", type=Path, help="folder for the generated databases")
    parser.add_argument("--only", default="city,one,five", help="databases to measure")
    parser.add_argument("--timeout", type=int, help="seconds allowed for each window process")
    parser.add_argument("--child-window", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--ready-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_bare:
        child_bare(args.ready_only)
        return 0
    if args.child_window:
        child_window(args.child_window, args.ready_only)
        return 0

    from city import cached_city

    size = 1 if args.small else 0
    cache = args.cache or Path(tempfile.gettempdir()) / "ledger-bench"
    timeout = args.timeout or (120 if args.small else CHILD_TIMEOUT)
    names = [name for name in args.only.split(",") if name in SIZES]
    paths = {}
    for name in names:
        plans, tasks = SIZES[name][size]
        start = time.perf_counter()
        paths[name] = cached_city(cache, plans, tasks)
        print(
            f"database {name}: {plans} plans × {tasks} tasks ({time.perf_counter() - start:.1f} s)"
        )

    os.environ["BENCH_PREVIEW_TASKS"] = str(IMPORT_TASKS[size])
    bare = run_child(["--child-bare"], timeout)
    results = {}
    for name in names:
        checkpoint(paths[name])
        results[name] = run_child(["--child-window", str(paths[name])], timeout)
    starts = {None: [bare], **{name: [results[name]] for name in names}}
    for _ in range(START_RUNS - 1):  # start-up again in fresh processes, interleaved
        starts[None].append(run_child(["--child-bare", "--ready-only"], timeout))
        for name in names:
            checkpoint(paths[name])
            args = ["--child-window", str(paths[name]), "--ready-only"]
            starts[name].append(run_child(args, timeout))
    for name, runs in starts.items():
        samples = [run["ready"] for run in runs if run.get("ready") is not None]
        if samples:
            (bare if name is None else results[name])["ready"] = spread(samples)

    header = ["figure", "bare", *(f"{n} {SIZES[n][size][0]}×{SIZES[n][size][1]}" for n in names)]
    lines = [header]
    order = {key: number for number, (key, _label, _target) in enumerate(FIGURES)}
    reached = {  # the last figure each window process reported before any timeout
        name: max((order[key] for key in results[name] if key in order), default=-1)
        for name in names
    }
    for key, label, target in FIGURES:
        row = [label, cell(bare.get(key), key) if key in ("ready", "rss") else "—"]
        for name in names:
            value = results[name].get(key)
            text = cell(value, key)
            if key == "ready" and value is not None and bare.get("ready") is not None:
                text += f", bare +{value['median'][0] - bare['ready']['median'][0]:.2f} s"
            if value is None and "timeout" in results[name] and order[key] > reached[name]:
                text = f"> {results[name]['timeout']} s timeout"
            row.append(text)
        lines.append([*row, target])
    lines[0].append("target")

    work = cache / "work"
    work.mkdir(parents=True, exist_ok=True)
    tasks = IMPORT_TASKS[size]
    ours, bare_time, ratio = paired(*import_figures(work, tasks))
    lines.append(
        [f"import of {tasks} tasks (CPU)", seconds(bare_time), f"{seconds(ours)} "
         f"= {ratio:.1f}× bare sqlite3", *[""] * (len(names) - 1), "≤ 3×"]
    )  # fmt: skip
    if bare.get("preview") is not None:
        lines.append(
            [f"import preview of {tasks} tasks (to its paint)", "—", cell(bare["preview"], ""),
             *[""] * (len(names) - 1), "< 2 s"]
        )  # fmt: skip
    export_db = paths.get("one") or next(iter(paths.values()))
    ours, bare_time, ratio = paired(*export_figures(work, export_db))
    lines.append(
        ["export, ledger of the biggest plan (CPU)", seconds(bare_time),
         f"{seconds(ours)} = {ratio:.2f}× bare openpyxl", *[""] * (len(names) - 1),
         "≤ 1.2×"]
    )  # fmt: skip
    widths = [max(len(str(row[k])) for row in lines if k < len(row)) for k in range(len(header))]
    for row in lines:
        print(" | ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=False)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
