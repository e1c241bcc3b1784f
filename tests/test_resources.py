"""resource_path finds shipped files the same way from source and from a frozen bundle."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from desktop import resources
from desktop.resources import resource_path, resources_dir

REPO_ROOT = Path(__file__).resolve().parent.parent
ICON_NAMES = [
    "app",
    "plan",
    "node_section",
    "node_task",
    "node_measure",
    "warning",
    "light_red",
    "light_yellow",
    "light_green",
    "import_plan",
    "new_plan",
    "add_task",
    "add_child",
    "delete",
    "undo",
    "redo",
    "export_table",
]


def test_from_source_the_folder_is_beside_the_package():
    assert not hasattr(sys, "_MEIPASS")
    assert resources_dir() == REPO_ROOT / "resources"
    assert resource_path("sample_plan.txt") == REPO_ROOT / "resources" / "sample_plan.txt"


def test_frozen_the_folder_is_under_meipass(tmp_path, monkeypatch):
    bundled = tmp_path / "resources" / "icons"
    bundled.mkdir(parents=True)
    (bundled / "app.svg").write_text("<svg/>", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
    assert resource_path("icons", "app.svg") == bundled / "app.svg"
    with pytest.raises(FileNotFoundError, match="sample_plan.txt"):
        resource_path("sample_plan.txt")


def test_missing_file_names_the_path():
    with pytest.raises(FileNotFoundError, match=re.escape(str(Path("icons", "nope.svg")))):
        resource_path("icons", "nope.svg")


@pytest.mark.parametrize("parts", [(), ("..", "pyproject.toml"), ("icons", "../../README.md")])
def test_parts_that_leave_the_folder_are_refused(parts):
    with pytest.raises(ValueError):
        resource_path(*parts)


def test_absolute_part_is_refused():
    with pytest.raises(ValueError):
        resource_path(str(REPO_ROOT / "README.md"))


@pytest.mark.parametrize("name", ICON_NAMES)
def test_every_icon_is_a_square_svg(name):
    text = resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")
    assert text.lstrip().startswith("<svg")
    box = re.search(r'viewBox="0 0 (\d+) (\d+)"', text)
    assert box and box.group(1) == box.group(2)


def test_windows_icon_and_png_are_real_images():
    ico = resource_path("icons", "app.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") >= 4
    png = resource_path("icons", "app.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_sample_plan_is_utf8_and_fictional():
    text = resource_path("sample_plan.txt").read_text(encoding="utf-8")
    assert "虚构" in text.splitlines()[2]
    assert len(re.findall(r"^\d+．", text, re.MULTILINE)) >= 10
    assert "同志负责" in text and "牵头领导：" in text and "长期坚持" in text


def test_module_imports_no_qt():
    source = Path(resources.__file__).read_text(encoding="utf-8")
    assert "PySide6" not in source
