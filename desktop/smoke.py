"""A way for scripted runs (the frozen smoke test, tests) to make the window quit by itself.

Set LEDGER_QUIT_AFTER_MS to a number of milliseconds: once the event loop has run that long,
the application quits with exit status 0.  With LEDGER_SCREENSHOT=PATH as well, the active
window (else the first visible one) is saved to PATH as a PNG just before quitting, so a
script can check what a frozen build shows.  Unset, nothing happens.  No Qt import at module
level, so importing this costs nothing on the command-line paths.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

QUIT_AFTER_VARIABLE = "LEDGER_QUIT_AFTER_MS"
SCREENSHOT_VARIABLE = "LEDGER_SCREENSHOT"


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

    screenshot = os.environ.get(SCREENSHOT_VARIABLE, "").strip()

    def finish() -> None:
        if screenshot:
            save_screenshot(screenshot)
        app.quit()

    QTimer.singleShot(delay, app, finish)
    return True


def save_screenshot(path: str) -> bool:
    """Save the active (else the first visible) top-level window as a PNG at `path`."""
    from PySide6.QtWidgets import QApplication

    window = QApplication.activeWindow()
    if window is None:
        visible = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
        window = visible[0] if visible else None
    if window is None or not window.grab().save(path, "PNG"):
        print(f"{SCREENSHOT_VARIABLE}: no window could be saved to {path}", file=sys.stderr)
        return False
    return True
