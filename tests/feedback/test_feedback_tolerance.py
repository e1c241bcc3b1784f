"""What people do to returned spreadsheets, tolerated; hostile files refused at once with the
database unchanged."""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from db.models import Node, database
from desktop.exporting import feedback_format as fmt
from desktop.importing.feedback import FeedbackError, parse_date, parse_status, read_returned
from desktop.operations.feedback import apply_preview, preview_files
from tests.feedback.conftest import workbook_for
from tests.feedback.helpers import fill, ids_of

EXPORTED = date(2014, 9, 1)


@pytest.fixture
def backend() -> str:
    """SQLite only: hostile and odd workbooks are judged before the ledger is read, so the
    server adds nothing here, and the file's bytes show that nothing was written."""
    return "sqlite"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2014.10.31", date(2014, 10, 31)),
        ("2014-10-31", date(2014, 10, 31)),
        ("2014/10/31", date(2014, 10, 31)),
        ("2014年10月31日", date(2014, 10, 31)),
        ("２０１４年１０月３１日", date(2014, 10, 31)),
        ("10月31日", date(2014, 10, 31)),
        ("1月15日", date(2015, 1, 15)),  # well before the export: next year
        ("2014年12月底", date(2014, 12, 31)),
        (41943, date(2014, 10, 31)),  # an Excel serial number
        (41943.0, date(2014, 10, 31)),
    ],
)
def test_dates_typed_in_many_ways(typed, expected):
    assert parse_date(typed, EXPORTED) == expected


def test_an_impossible_date_names_the_cell():
    with pytest.raises(FeedbackError, match="J7"):
        parse_date("2014.2.30", EXPORTED, "a.xlsx", "J7")
    with pytest.raises(FeedbackError, match="J8"):
        parse_date("尽快", EXPORTED, "a.xlsx", "J8")


def test_statuses_pasted_over_the_drop_down():
    assert parse_status(" 推进中 ") == "in_progress"
    assert parse_status("完成") == "done"
    with pytest.raises(FeedbackError, match="I9"):
        parse_status("差不多了", "a.xlsx", "I9")
    with pytest.raises(FeedbackError, match="已完成"):
        parse_status("已销号", "a.xlsx", "I9")


def test_blank_rows_changed_widths_and_text_dates(exported):
    path = workbook_for(exported, "单位1")
    first, second = ids_of(path)
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.column_dimensions["H"].width = 80
    sheet.insert_rows(sheet.max_row + 1, amount=5)
    workbook.save(path)
    fill(path, {first: ("文字日期", "推进中", "2014年11月30日"), second: ("x", None, "11月1日")})
    answers = {a.task_id: a for a in preview_files([path]).answers}
    assert answers[first].expected == date(2014, 11, 30)
    assert answers[second].expected == date(2014, 11, 1)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_a_workbook_saved_again_by_libreoffice(exported, tmp_path):
    path = workbook_for(exported, "单位3")
    task_id = ids_of(path)[0]
    fill(path, {task_id: ("经 LibreOffice 保存", "已完成", date(2014, 10, 31))})
    out = tmp_path / "lo"
    out.mkdir()
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    saved = out / path.name
    assert saved.exists()
    preview = preview_files([saved])
    assert preview.errors == []
    [answer] = preview.answers
    assert (answer.task_id, answer.progress, answer.status) == (
        task_id,
        "经 LibreOffice 保存",
        "done",
    )
    assert answer.expected == date(2014, 10, 31)
    apply_preview(preview, "李四")
    assert Node.get_by_id(task_id).status == "done"


def _snapshot(db_path: Path) -> bytes:
    database.execute_sql("PRAGMA wal_checkpoint(FULL)")
    return db_path.read_bytes()


def _refused_fast(path: Path, db_path: Path, word: str) -> None:
    before = _snapshot(db_path)
    started = time.perf_counter()
    preview = preview_files([path])
    elapsed = time.perf_counter() - started
    print(f"{path.name}: refused in {elapsed:.3f} s")
    assert preview.workbooks == [] and word in preview.errors[0], preview.errors
    assert path.name in preview.errors[0]
    assert _snapshot(db_path) == before


def test_entity_expansion_bomb_is_refused(exported, db_path, tmp_path):
    source = exported[0]
    bomb = tmp_path / "bomb.xlsx"
    doctype = (
        '<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)
        )
        + "]>"
    ).encode()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(bomb, "w") as target:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/workbook.xml":
                declaration, _, rest = data.partition(b"?>")
                data = (
                    declaration + b"?>" + doctype + rest.replace(b"<sheets>", b"<sheets>&lol9;", 1)
                )
            target.writestr(item, data)
    _refused_fast(bomb, db_path, "实体")


def test_zip_bomb_is_refused(plan_id, db_path, tmp_path):
    bomb = tmp_path / "zipbomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", "<Types/>")
        target.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    _refused_fast(bomb, db_path, "压缩炸弹")


def test_truncated_file_is_refused(exported, db_path, tmp_path):
    cut = tmp_path / "cut.xlsx"
    data = exported[0].read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    _refused_fast(cut, db_path, "不完整")


def test_legacy_xls_says_how_to_convert(plan_id, db_path, tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    _refused_fast(old, db_path, "另存为")


def test_a_workbook_of_something_else_is_refused(plan_id, db_path, tmp_path):
    from openpyxl import Workbook

    other = tmp_path / "统计表.xlsx"
    Workbook().save(other)
    _refused_fast(other, db_path, "不是本程序导出的反馈表")
    with pytest.raises(FeedbackError):
        read_returned(other)


def test_answers_only_in_known_columns(exported):
    assert fmt.ANSWER_COLUMNS == {"answer_progress": 8, "answer_status": 9, "answer_date": 10}
