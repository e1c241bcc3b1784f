"""Draw the 台账 view and the dashboard with the sample plan into docs/ledger_view.png and
docs/ledger_dashboard.png (for the README).

    QT_QPA_PLATFORM=offscreen python tools/make_ledger_screenshot.py [FOLDER]

The sample plan is imported into a temporary database, a few statuses, progress reports and
a close-out are recorded through the ledger operations, and the view is drawn as of a date
in the middle of the plan's year.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QDate  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from db.database import close_database, open_database  # noqa: E402
from db.ledger_queries import task_facts  # noqa: E402
from desktop.importing import parse_text  # noqa: E402
from desktop.operations.import_plans import import_plans  # noqa: E402
from desktop.operations.ledger_ops import add_progress, close_out, set_status  # noqa: E402
from desktop.operations.nodes import update_node  # noqa: E402
from desktop.ui.ledger_dashboard import LedgerDashboard  # noqa: E402
from desktop.ui.ledger_view import LedgerView  # noqa: E402

TODAY = date(2025, 6, 20)


def fill() -> None:
    text = (ROOT / "resources" / "sample_plan.txt").read_text(encoding="utf-8")
    import_plans(parse_text(text, "sample_plan.txt", year=2025))
    tasks = task_facts()
    for number, task in enumerate(tasks):
        if task.due_date is None and task.status != "ongoing":  # demo dates around "today"
            due = date(2025, 6, 10 + 5 * (number % 4)) if number % 3 else date(2025, 9, 30)
            update_node(
                task.id, due_date=due, deadline_text=f"{due.year}年{due.month}月{due.day}日前"
            )
        if number % 4 == 1:
            set_status(task.id, "in_progress", "李文书", date(2025, 4, 1))
            add_progress(task.id, "已制定工作方案，正在推进。", "李文书", date(2025, 5, 30))
        elif number % 4 == 2:
            set_status(task.id, "done", "李文书", date(2025, 5, 10))
            add_progress(task.id, "已按要求完成整改。", "李文书", date(2025, 5, 10))
            if number % 8 == 2:
                close_out(task.id, "王科长", "李文书", date(2025, 6, 1), today=TODAY)


def main() -> None:
    folder_out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        open_database(Path(folder) / "ledger.db")
        fill()
        view = LedgerView(today=TODAY)
        view.resize(1280, 560)
        view.reload()
        view.show()
        app.processEvents()
        view.grab().save(str(folder_out / "ledger_view.png"))
        view.close()
        board = LedgerDashboard(today=TODAY)
        board.resize(1280, 760)
        board.as_of.setDate(QDate(2025, 6, 20))
        board.earlier.setDate(QDate(2025, 4, 30))
        board.compare.setChecked(True)
        board.show()
        app.processEvents()
        board.grab().save(str(folder_out / "ledger_dashboard.png"))
        board.close()
        close_database()
    print(folder_out / "ledger_view.png", folder_out / "ledger_dashboard.png")


if __name__ == "__main__":
    main()
