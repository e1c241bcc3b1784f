"""LEDGER_QUIT_AFTER_MS makes a running application quit by itself."""

from __future__ import annotations

import time

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from desktop.smoke import (
    QUIT_AFTER_VARIABLE,
    SCREENSHOT_VARIABLE,
    quit_after_from_environment,
    schedule_quit_from_environment,
)


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


def test_the_event_loop_ends_after_the_delay(monkeypatch, qapp):
    monkeypatch.setenv(QUIT_AFTER_VARIABLE, "100")
    assert schedule_quit_from_environment(qapp) is True
    started = time.monotonic()
    assert qapp.exec() == 0
    assert time.monotonic() - started >= 0.09


def test_the_window_is_saved_before_quitting(monkeypatch, qapp, qtbot, tmp_path):
    label = QLabel("整改台账")
    qtbot.addWidget(label)
    label.resize(200, 80)
    label.show()
    qtbot.waitExposed(label)
    shot = tmp_path / "window.png"
    monkeypatch.setenv(QUIT_AFTER_VARIABLE, "10")
    monkeypatch.setenv(SCREENSHOT_VARIABLE, str(shot))
    assert schedule_quit_from_environment(qapp) is True
    assert qapp.exec() == 0
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (200, 80)
