"""An icon whose SVG is missing falls back to Qt's standard icon of that name
(desktop/ui/icons.py names the QStyle.StandardPixmap members, to keep QStyle out of start-up)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QStyle

from desktop.ui import icons


@pytest.fixture
def no_svg(monkeypatch, qapp):
    monkeypatch.setattr(icons, "_icon_file", lambda name: None)
    icons.icon.cache_clear()
    yield
    icons.icon.cache_clear()


def image(icon):
    return icon.pixmap(16, 16).toImage()


@pytest.mark.parametrize(
    ("name", "member"),
    [
        ("undo", QStyle.StandardPixmap.SP_ArrowBack),
        ("warning", QStyle.StandardPixmap.SP_MessageBoxWarning),
        ("no_such_icon", QStyle.StandardPixmap.SP_FileIcon),
    ],
)
def test_a_missing_svg_falls_back_to_the_standard_icon(no_svg, name, member):
    standard = QApplication.style().standardIcon(member)
    fallback = icons.icon(name)
    assert not fallback.isNull()
    assert image(fallback) == image(standard)


def test_every_fallback_names_a_standard_pixmap():
    for member in icons.FALLBACKS.values():
        assert isinstance(getattr(QStyle.StandardPixmap, member), QStyle.StandardPixmap)
