"""A way for scripted runs (the frozen smoke test, tests) to make the window quit by itself.

Set LEDGER_QUIT_AFTER_MS to a number of milliseconds: once the event loop has run that long,
the application quits with exit status 0.  Unset, nothing happens.  No Qt import at module
level, so importing this costs nothing on the command-line paths.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

QUIT_AFTER_VARIABLE = "LEDGER_QUIT_AFTER_MS"


def quit_after_from_environment() -> int | None:
    """The delay asked for by LEDGER_QUIT_AFTER_MS, or None when unset or not a number."""
    value = os.environ.get(QUIT_AFTER_VARIABLE, "").strip()
    if not value:
        return None
    try:
        delay = int(value)
    except ValueError:
        print(f"{QUIT_AFTER_VARIABLE}={value!r} is not a whole number; ignored", file=sys.stderr)
        return None
    return max(delay, 0)


def schedule_quit_from_environment(app: QCoreApplication) -> bool:
    """Arm a single-shot timer that quits `app` when LEDGER_QUIT_AFTER_MS is set."""
    delay = quit_after_from_environment()
    if delay is None:
        return False
    from PySide6.QtCore import QTimer

    QTimer.singleShot(delay, app, app.quit)
    return True
