"""The installed Qt binding keeps Python's None alive (PySide6 6.12.0 on Python 3.11 does not:
every void call and every data() returning None drops a reference until the process aborts)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.qt_safety import unsafe_binding_message

CALLS = 5000
pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on"
)


def _none_drift(action) -> int:
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        action()
    return before - sys.getrefcount(None)


def test_proxy_data_returning_none_keeps_none_referenced(qapp):
    source = QStringListModel(["甲", "乙", "丙"])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    index = proxy.index(0, 0)
    assert proxy.data(index, Qt.ItemDataRole.DecorationRole) is None
    drift = _none_drift(lambda: proxy.data(index, Qt.ItemDataRole.DecorationRole))
    assert drift < CALLS // 10, f"None lost {drift} references in {CALLS} data() calls"


def test_void_setters_keep_none_referenced(qtbot):
    label, line = QLabel(), QLineEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(line)

    def setters() -> None:
        label.setText("牵头单位")
        label.setToolTip("完成时限")
        line.setEnabled(True)

    drift = _none_drift(setters)
    assert drift < CALLS // 10, f"None lost {drift} references in {3 * CALLS} void calls"


def test_known_bad_release_is_refused_on_python_311_only():
    assert "6.12.0" in unsafe_binding_message("6.12.0", (3, 11))
    assert unsafe_binding_message("6.12.0", (3, 12)) == ""
    assert unsafe_binding_message("6.11.3", (3, 11)) == ""
