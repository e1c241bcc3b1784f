"""Atomic writes: no half file, no temporary left, old file kept, locked targets refused."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from desktop.exporting import ExportCancelled, ExportError, ExportOptions, export_plan
from desktop.exporting.safe_write import write_files
from tests.exporting.conftest import AS_OF
from tests.helpers.cli import ROOT


def test_failing_write_leaves_no_file_and_no_temporary(tmp_path):
    def broken(temporary):
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="无法保存“表.xlsx”"):
        write_files([(tmp_path / "表.xlsx", broken)])
    assert list(tmp_path.iterdir()) == []


def test_existing_target_keeps_its_old_contents_when_the_write_fails(tmp_path):
    target = tmp_path / "表.xlsx"
    target.write_bytes(b"old")

    def broken(temporary):
        temporary.write_bytes(b"new but unfinished")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_files([(target, broken)])
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


def test_one_failing_workbook_of_several_writes_none(tmp_path):
    def good(temporary):
        temporary.write_bytes(b"ok")

    def bad(temporary):
        raise OSError(5, "I/O error")

    with pytest.raises(ExportError):
        write_files([(tmp_path / "a.xlsx", good), (tmp_path / "b.xlsx", bad)])
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lock", ["~$表.xlsx", ".~lock.表.xlsx#"])
def test_target_open_in_excel_wps_or_libreoffice_is_refused(realistic_plan, out_dir, lock):
    tmp_path = out_dir
    target = tmp_path / "表.xlsx"
    target.write_bytes(b"old")
    (tmp_path / lock).write_bytes(b"")
    with pytest.raises(ExportError, match="“表.xlsx”正在 Excel 或 WPS 中打开"):
        export_plan(realistic_plan, target, ExportOptions(as_of=AS_OF))
    assert target.read_bytes() == b"old"


def test_replace_refused_by_the_system_names_the_file(tmp_path, monkeypatch):
    def refuse(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("desktop.exporting.safe_write.os.replace", refuse)
    with pytest.raises(ExportError, match="“表.xlsx”正在 Excel 或 WPS 中打开"):
        write_files([(tmp_path / "表.xlsx", lambda t: t.write_bytes(b"x"))])
    assert list(tmp_path.iterdir()) == []


def test_export_replaces_an_existing_file_and_reports_progress(realistic_plan, out_dir):
    target = out_dir / "表.xlsx"
    target.write_bytes(b"old")
    seen: list[tuple[int, int]] = []
    export_plan(
        realistic_plan, target, ExportOptions(as_of=AS_OF), lambda d, t: seen.append((d, t))
    )
    assert load_workbook(target).active["A1"].value.endswith("分解表")
    assert seen and seen[-1][0] == seen[-1][1] and all(d <= t for d, t in seen)
    assert [p.name for p in out_dir.iterdir()] == ["表.xlsx"]


def test_cancelling_from_the_progress_callback_writes_nothing(realistic_plan, out_dir):
    tmp_path = out_dir

    def cancel(done, total):
        raise ExportCancelled("已取消导出")

    with pytest.raises(ExportCancelled):
        export_plan(realistic_plan, tmp_path / "表.xlsx", ExportOptions(as_of=AS_OF), cancel)
    assert list(tmp_path.iterdir()) == []


def test_stale_temporaries_of_a_killed_export_are_removed_by_the_next(realistic_plan, out_dir):
    stale = out_dir / ".表.0123abcd.tmp.xlsx"
    stale.write_bytes(b"half a workbook")
    unrelated = out_dir / ".notes.tmp.xlsx"
    unrelated.write_bytes(b"someone else's")
    export_plan(realistic_plan, out_dir / "其他.xlsx", ExportOptions(as_of=AS_OF))
    assert not stale.exists()
    assert unrelated.exists()
    assert sorted(p.name for p in out_dir.iterdir()) == [".notes.tmp.xlsx", "其他.xlsx"]


def test_a_temporary_being_written_by_another_export_is_left_alone(tmp_path):
    seen: list[list[str]] = []

    def inner(temporary):
        temporary.write_bytes(b"inner")
        seen.append(sorted(p.name for p in tmp_path.iterdir()))

    def outer(temporary):
        temporary.write_bytes(b"outer, still writing")
        write_files([(tmp_path / "b.xlsx", inner)])

    write_files([(tmp_path / "a.xlsx", outer)])
    assert (tmp_path / "a.xlsx").read_bytes() == b"outer, still writing"
    assert (tmp_path / "b.xlsx").read_bytes() == b"inner"
    assert any(name.startswith(".a.") for name in seen[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]


CRASHING_EXPORT = """
import os, sys
from pathlib import Path
from desktop.cli import open_ledger
from db.queries import load_plan
from desktop.exporting import ExportOptions, export_by_unit
import desktop.exporting.safe_write as safe_write

open_ledger(Path(sys.argv[1]))
moment = sys.argv[3]
if moment == "rename":  # every workbook written, killed before the first is renamed
    safe_write.os.replace = lambda *a: os._exit(9)
progress = (lambda done, total: os._exit(9) if done > total // 3 else None)
export_by_unit(load_plan(int(sys.argv[2])), Path(sys.argv[4]), ExportOptions(),
               progress if moment == "writing" else None)
"""


@pytest.mark.parametrize("moment", ["writing", "rename"])
def test_an_export_killed_midway_leaves_the_old_files_and_the_next_run_cleans_up(
    database, db_path, tmp_path, moment
):
    import subprocess
    import sys

    from db.queries import load_plan
    from desktop.exporting import export_by_unit
    from tests.helpers.sample_plans import build_realistic_plan

    plan_id = build_realistic_plan(40)
    folder = tmp_path / "各单位"
    old = export_by_unit(load_plan(plan_id), folder, ExportOptions(as_of=AS_OF))
    before = {path.name: path.read_bytes() for path in old}
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_EXPORT, encoding="utf-8")
    args = [str(db_path), str(plan_id), moment, str(folder)]
    result = subprocess.run([sys.executable, str(script), *args], check=False, cwd=ROOT)
    assert result.returncode == 9
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.startswith(".")} == (
        before
    )
    assert any(p.name.startswith(".") for p in folder.iterdir())  # the killed run's leftovers
    again = export_by_unit(load_plan(plan_id), folder, ExportOptions(as_of=AS_OF))
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in again)
