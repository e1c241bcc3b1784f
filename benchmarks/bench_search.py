"""Search keystrokes in one window process, keystroke by keystroke, with where the time goes.

    python benchmarks/bench_search.py DATABASE [--rounds 4] [--expanded] [--profile type|clear]
    python benchmarks/bench_search.py --small --cache FOLDER     (a tiny city, for the tests)

Types the words of bench_window.py (环境整治, then hj) a character at a time and erases them,
`--rounds` times, after selecting a task in the last plan as bench_window.py does.  Each
keystroke is the key event and the one processEvents after it (as in bench_window.py), in CPU
ms of the process.  Prints, per keystroke of the sequence, the samples of every round, then the
median, 90th percentile and worst of typing and of erasing, and the median CPU ms of each part
of a keystroke: the search itself (`search`), opening the matches' ancestors (`expand`),
switching views (`switch`: the results view is laid out when first shown), selecting again
(`select`: may lay out the results), filling the editor (`editor`), and the events after the
keystroke (`events`: the delayed layout and the paint).  `--profile` prints cProfile's view of
the typing or the erasing keystrokes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

WORDS = ("环境整治", "hj")
PARTS = ("search", "expand", "switch", "select", "editor", "events")


def timed_parts(spent: dict[str, float]) -> None:
    """Add each part's CPU time of a keystroke to `spent` (wrapping the methods that do it)."""
    from desktop.ui import node_editor, tree_filter, tree_search, tree_views

    def wrap(owner, name: str, part: str) -> None:
        real = getattr(owner, name)

        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return real(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - start

        setattr(owner, name, timed)

    wrap(tree_filter.TreeFilterModel, "set_search_text", "search")
    wrap(tree_search.TreeSearch, "_expand_matches", "expand")
    wrap(tree_views.TreeViews, "show_results", "switch")
    wrap(tree_search.TreeSearch, "_select_wanted", "select")
    wrap(node_editor.NodeEditor, "show_item", "editor")


def run(db_path: Path, rounds: int, expanded: bool, profile: str) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest

    from desktop.app import create_application

    app = create_application()
    spent: dict[str, float] = defaultdict(float)
    timed_parts(spent)
    from db.database import open_database
    from desktop.ui.main_window import MainWindow

    open_database(db_path)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db_path, settings=settings)
    window.show()

    def idle(seconds: float) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.02)

    until = time.perf_counter() + 60
    while not window.proxy.keys_ready() and time.perf_counter() < until:
        idle(0.01)
    idle(1.0)
    plan = window.model.plan_items()[-1]
    middle = plan.children[len(plan.children) // 2] if plan.children else plan
    window.select_item(next(iter(middle.children), middle))
    idle(0.3)
    if expanded:
        window.tree.expandAll()
        idle(1.0)
    window.search.setFocus()
    app.processEvents()

    profiler = cProfile.Profile() if profile else None
    samples: dict[str, list[float]] = {"type": [], "clear": []}
    per_key: dict[int, list[float]] = defaultdict(list)
    labels: dict[int, str] = {}
    parts: dict[str, list[float]] = defaultdict(list)

    def keystroke(kind: str, label: str, at: int, action) -> None:
        spent.clear()
        if profiler is not None and kind == profile:
            profiler.enable()
        start = time.process_time()
        action()
        middle_ = time.process_time()
        app.processEvents()
        end = time.process_time()
        if profiler is not None and kind == profile:
            profiler.disable()
        spent["events"] = end - middle_
        samples[kind].append((end - start) * 1000)
        per_key[at].append((end - start) * 1000)
        labels[at] = label
        for part in PARTS:
            parts[part].append(spent.get(part, 0.0) * 1000)

    for _round in range(rounds):
        at = 0
        for word in WORDS:
            for char in word:
                if char.isascii():
                    action = lambda c=char: QTest.keyClick(window.search, c)  # noqa: E731
                else:
                    action = lambda c=char: window.search.insert(c)  # noqa: E731
                keystroke("type", "+" + char, at, action)
                at += 1
            for _char in word:
                erase = lambda: QTest.keyClick(window.search, Qt.Key.Key_Backspace)  # noqa: E731
                keystroke("clear", "← " + window.search.text()[:-1], at, erase)
                at += 1
        idle(0.1)
    window.close()

    for at in sorted(per_key):
        print(f"{labels[at]:8s}", " ".join(f"{ms:6.1f}" for ms in per_key[at]))
    for kind, values in samples.items():
        tenth = statistics.quantiles(values, n=10)[-1] if len(values) > 1 else values[0]
        print(
            f"{kind}: median {statistics.median(values):.1f} ms, 90th percentile {tenth:.1f}, "
            f"worst {max(values):.1f} (CPU, {len(values)} keystrokes)"
        )
    print("parts, median ms:", ", ".join(f"{p} {statistics.median(parts[p]):.1f}" for p in PARTS))
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--expanded", action="store_true", help="expand the whole tree first")
    parser.add_argument("--profile", choices=("type", "clear"), default="")
    parser.add_argument("--small", action="store_true", help="a tiny city (for the tests)")
    parser.add_argument("--cache", type=Path, help="folder for the --small database")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    db_path = args.database
    if args.small:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from city import cached_city

        db_path = cached_city(args.cache or Path(tempfile.mkdtemp()), 2, 60)
    if db_path is None:
        parser.error("a database, or --small")
    run(db_path, args.rounds, args.expanded, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
