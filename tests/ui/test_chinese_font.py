"""The window's text in one Chinese typeface where the default UI font has no Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

from desktop.ui.chinese_font import PREFERRED, chinese_ui_font, has_chinese


@pytest.fixture
def installed(qapp) -> list[str]:
    families = [f for f in PREFERRED if QFontDatabase.hasFamily(f) and has_chinese(f)]
    if not families:
        pytest.skip("no Chinese UI font installed (the test run installs fonts-noto-cjk)")
    return families


def test_a_default_font_without_chinese_is_replaced_at_the_same_size(installed):
    latin = next(
        (f for f in ("DejaVu Sans", "Liberation Sans", "Arial") if QFontDatabase.hasFamily(f)),
        None,
    )
    if latin is None or has_chinese(latin):
        pytest.skip("no font without Chinese glyphs installed")
    font = QFont(latin)
    font.setPointSizeF(10.5)
    chosen = chinese_ui_font(font)
    assert chosen is not None
    assert QFontInfo(chosen).family() == installed[0]
    assert chosen.pointSizeF() == 10.5


def test_a_font_that_draws_chinese_is_kept(installed):
    assert chinese_ui_font(QFont(installed[0])) is None


def test_the_application_font_draws_chinese_itself(qapp, installed):
    from desktop.app import create_application

    before = qapp.font()
    try:
        app = create_application()
        assert has_chinese(QFontInfo(app.font()).family())
    finally:
        qapp.setFont(before)  # the other tests keep the session's font
