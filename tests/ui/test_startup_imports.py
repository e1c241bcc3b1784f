"""Start-up stays light: the window is built and painted without pypinyin or openpyxl, which
load on first use (search keys after the first paint, exports when asked), and a window on a
file never loads psycopg, the server edition's driver (db/__init__.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QSettings
from desktop.app import create_application
app = create_application()
from db.database import open_database
from desktop.ui.main_window import MainWindow
from desktop.operations.plans import create_plan
from desktop.operations.nodes import add_node
db = Path(sys.argv[1])
open_database(db)
plan_id, _ = create_plan("甲方案")
add_node(plan_id, None, None, "task", title="改善农村人居环境")
window = MainWindow(db, settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
app.processEvents()
loaded = [name for name in ("pypinyin", "openpyxl", "psycopg") if name in sys.modules]
print(" ".join(loaded) or "none")
"""


def test_the_window_opens_without_pypinyin_openpyxl_or_psycopg(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "ledger.db"), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "none"
