"""Start-up stays light: the window is built and painted without pypinyin or openpyxl, which
load on first use (search keys after the first paint, exports when asked); a window on a file
never loads psycopg, the server edition's driver (db/__init__.py), nor importlib.metadata (the
version comes from pyproject.toml); and QStyle's enums, which PySide6 builds all at once on the
first use of the class (~15 ms), wait for a fallback icon or the name completer's popup."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

SCRIPT = """
import enum, json, sys
from pathlib import Path

built = []  # every Python enum made after this point (PySide6 makes Qt's enums lazily)
make = enum.EnumType._create_
def recording(cls, class_name, *args, **kwargs):
    built.append(class_name)
    return make(cls, class_name, *args, **kwargs)
enum.EnumType._create_ = recording

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
unused = ("pypinyin", "openpyxl", "psycopg", "importlib.metadata")
loaded = [name for name in unused if name in sys.modules]
print(json.dumps({"loaded": loaded, "enums": built}))
"""


def start_window(tmp_path) -> dict:
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
    return json.loads(done.stdout.splitlines()[-1])


def test_the_window_opens_without_pypinyin_openpyxl_or_psycopg_nor_qstyle_enums(tmp_path):
    started = start_window(tmp_path)
    assert started["loaded"] == []
    assert "Orientation" in started["enums"]  # the recording sees Qt's enums being made …
    assert "StandardPixmap" not in started["enums"]  # … but not QStyle's
