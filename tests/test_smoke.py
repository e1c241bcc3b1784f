"""LEDGER_QUIT_AFTER_MS makes a running application quit by itself."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QImage

from desktop.smoke import (
    QUIT_AFTER_VARIABLE,
    SCREENSHOT_VARIABLE,
    quit_after_from_environment,
    schedule_quit_from_environment,
)
from tests.helpers.cli import run_window


@pytest.mark.parametrize(("value", "expected"), [("250", 250), (" 0 ", 0), ("-5", 0)])
def test_delay_is_read_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv(QUIT_AFTER_VARIABLE, value)
    assert quit_after_from_environment() == expected


def test_unset_or_empty_means_no_timer(monkeypatch, qapp):
    monkeypatch.delenv(QUIT_AFTER_VARIABLE, raising=False)
    assert quit_after_from_environment() is None
    assert schedule_quit_from_environment(qapp) is False
    monkeypatch.setenv(QUIT_AFTER_VARIABLE, "")
    assert quit_after_from_environment() is None


def test_a_word_is_ignored_with_a_note(monkeypatch, capsys):
    monkeypatch.setenv(QUIT_AFTER_VARIABLE, "soon")
    assert quit_after_from_environment() is None
    assert "soon" in capsys.readouterr().err


def test_the_program_quits_by_itself_and_saves_its_window(tmp_path):
    """The real start-up path in a process of its own (its event loop must not run the
    widgets other tests leave behind)."""
    shot = tmp_path / "window.png"
    started = time.monotonic()
    result = run_window(
        "desktop", tmp_path, **{QUIT_AFTER_VARIABLE: "300", SCREENSHOT_VARIABLE: str(shot)}
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert time.monotonic() - started >= 0.3
    image = QImage(str(shot))
    assert image.width() > 400 and image.height() > 300
    assert (tmp_path / "ledger.db").is_file()
