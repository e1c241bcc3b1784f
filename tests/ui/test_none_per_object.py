"""PySide6 6.11 keeps one reference to None for every (wrapped QObject, virtual method Qt
calls on it) pair: the first event delivered to a new object looks up a Python override of
event(), finds none and leaves None's count one higher, for good.  Harmless (the count only
rises), but every widget or dialog built and destroyed per action raises it by a few; the
window therefore reuses what it can (the name pickers' chips).  When the binding fixes this,
the xfail below turns into a failure: drop the marker and tighten tests/ui/test_long_session.py.
"""

from __future__ import annotations

import gc
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject

OBJECTS = 200
pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on"
)


def _none_growth(make) -> int:
    make()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(OBJECTS):
        make()
    gc.collect()
    return sys.getrefcount(None) - before


def _object_with_one_event() -> None:
    receiver = QObject()
    QCoreApplication.sendEvent(receiver, QEvent(QEvent.Type.User))


def test_objects_that_never_receive_an_event_leave_none_alone(qapp):
    assert _none_growth(QObject) == 0


def test_a_long_lived_object_receiving_events_leaves_none_alone(qapp):
    receiver = QObject()
    assert _none_growth(lambda: QCoreApplication.sendEvent(receiver, QEvent(QEvent.Type.User))) == 0


@pytest.mark.xfail(
    strict=True,
    reason="PySide6 6.11: the override lookup behind a virtual call keeps None referenced "
    "once per new object (measured: +2 per QObject that receives one event)",
)
def test_a_new_object_receiving_one_event_leaves_none_alone(qapp):
    assert _none_growth(_object_with_one_event) == 0
