"""A ledger on a network share: one warning per ledger, remembered in the settings."""

from __future__ import annotations

from desktop.ui import network_warning


def test_a_ledger_on_a_share_is_warned_about_once(
    qtbot, database, db_path, make_window, monkeypatch
):
    shown = []
    monkeypatch.setattr(network_warning, "is_network_path", lambda path: path == db_path)
    monkeypatch.setattr(network_warning, "tell", lambda parent, title, text: shown.append(text))
    window = make_window()
    qtbot.waitUntil(lambda: len(shown) == 1)  # after the window is shown
    assert "网络共享文件夹" in shown[0] and db_path.name in shown[0]
    window.close()

    again = make_window()  # the same settings: remembered
    assert not network_warning.warn_if_network(again)
    assert len(shown) == 1


def test_a_ledger_on_the_local_disk_is_not_warned_about(qtbot, database, make_window, monkeypatch):
    shown = []
    monkeypatch.setattr(network_warning, "tell", lambda parent, title, text: shown.append(text))
    window = make_window()
    assert not network_warning.warn_if_network(window)
    assert shown == []
