"""Python's cycle collector pauses from create_application() until the event loop first runs
(desktop/app.py pause_collection): about 80 collections of the start-up, 20–30 ms."""

from __future__ import annotations

import gc

import pytest

from desktop.app import create_application, pause_collection


@pytest.fixture
def named_app(qapp):
    """create_application() on the test QApplication, its names restored afterwards."""
    saved = (qapp.organizationName(), qapp.applicationName(), qapp.applicationDisplayName())
    yield create_application
    qapp.setOrganizationName(saved[0])
    qapp.setApplicationName(saved[1])
    qapp.setApplicationDisplayName(saved[2])
    gc.enable()
    gc.unfreeze()


def test_the_collector_pauses_until_the_event_loop_runs(named_app, qtbot):
    assert gc.isenabled()
    named_app()
    assert not gc.isenabled()
    built = ["what the start built"]
    assert any(tracked is built for tracked in gc.get_objects())
    qtbot.waitUntil(gc.isenabled, timeout=2000)
    # taken as permanent: no longer among the objects a collection goes through
    assert not any(tracked is built for tracked in gc.get_objects())


def test_a_collector_paused_by_someone_else_stays_paused(qapp, qtbot):
    gc.disable()
    try:
        pause_collection()
        qtbot.wait(50)
        assert not gc.isenabled()
    finally:
        gc.enable()
