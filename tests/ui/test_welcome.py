"""The first-start page: each large button emits its own request signal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.ui.welcome import WelcomePage


@pytest.fixture
def page(qtbot):
    widget = WelcomePage()
    qtbot.addWidget(widget)
    widget.resize(760, 480)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.parametrize(
    ("button_name", "signal_name", "caption"),
    [
        ("import_button", "import_requested", "导入方案"),
        ("new_plan_button", "new_plan_requested", "新建方案"),
        ("sample_button", "sample_requested", "打开示例方案"),
    ],
)
def test_clicking_a_button_emits_only_its_signal(page, qtbot, button_name, signal_name, caption):
    button = getattr(page, button_name)
    assert button.accessibleName() == caption
    emitted: list[str] = []
    for name in ("import_requested", "new_plan_requested", "sample_requested"):
        getattr(page, name).connect(lambda name=name: emitted.append(name))
    with qtbot.waitSignal(getattr(page, signal_name), timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert emitted == [signal_name]


def test_buttons_show_their_icons_and_captions(page):
    for button in (page.import_button, page.new_plan_button, page.sample_button):
        labels = button.findChildren(QLabel)
        pixmaps = [label.pixmap() for label in labels if not label.pixmap().isNull()]
        assert len(pixmaps) == 1 and pixmaps[0].width() > 0
        assert button.accessibleName() in [label.text() for label in labels]
        assert button.isVisible() and button.width() >= 160


def test_space_key_on_a_focused_button_emits(page, qtbot):
    page.sample_button.setFocus()
    with qtbot.waitSignal(page.sample_requested, timeout=1000):
        qtbot.keyClick(page.sample_button, Qt.Key.Key_Space)
