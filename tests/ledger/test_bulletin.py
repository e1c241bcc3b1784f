"""通报 (.xlsx, .docx) and 催办单 written, read back, and agreeing with the dashboard."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from db.ledger_queries import task_facts
from db.models import Node
from desktop.ledger.bulletin import (
    reminder_rows,
    summary_sentence,
    write_bulletin_docx,
    write_bulletin_xlsx,
    write_reminders,
)
from desktop.ledger.report import dashboard
from desktop.ledger.table import make_rows
from desktop.operations.ledger_ops import set_status
from desktop.operations.nodes import update_node
from tests.helpers.builders import build_plan

TODAY = date(2015, 1, 10)


@pytest.fixture
def tasks(ledger_db):
    build_plan("甲方案", sections=2, tasks_per_section=2)  # units 单位1..3,0; due 2014-12-31
    ids = [n.id for n in Node.select().where(Node.kind == "task").order_by(Node.id)]
    set_status(ids[0], "done", "李文书", date(2014, 12, 20))
    update_node(ids[3], due_date=date(2015, 1, 15), deadline_text="2015年1月15日前")
    return ids


def sheet_text(sheet) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def test_bulletin_xlsx_and_docx_tell_the_same_counts(tasks, tmp_path):
    data = dashboard(TODAY, date(2014, 12, 1), by="unit", today=TODAY)
    sentence = summary_sentence(data)
    assert sentence.startswith("截至2015年1月10日，共有整改任务4项，其中已销号0项、已完成1项")
    assert "超期未完成2项" in sentence and "与2014年12月1日相比，新完成1项" in sentence
    workbook = load_workbook(write_bulletin_xlsx(data, tmp_path / "通报.xlsx"))
    first = sheet_text(workbook["通报"])
    assert first[:2] == ["整改任务落实情况通报", "（截至2015年1月10日）"]
    assert sentence in first and "牵头单位" in first and "单位1" in first
    overdue = sheet_text(workbook["超期任务"])
    assert overdue.count("10天") == 2 and workbook["通报"].page_setup.paperSize == 9
    document = Document(str(write_bulletin_docx(data, tmp_path / "通报.docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "整改任务落实情况通报" and sentence in paragraphs
    by_unit, late = document.tables
    assert [c.text for c in by_unit.rows[0].cells][:3] == ["序号", "牵头单位", "任务数"]
    assert len(late.rows) == 1 + len(data.overdue) == 3
    assert not list(tmp_path.glob(".*tmp*"))


def test_reminders_go_to_units_with_late_or_due_soon_tasks(tasks, tmp_path):
    rows = make_rows(task_facts(), TODAY)
    grouped = reminder_rows(rows)
    assert {unit: [r.id for r in found] for unit, found in grouped.items()} == {
        "单位2": [tasks[1]], "单位3": [tasks[2]], "单位0": [tasks[3]],
    }  # fmt: skip
    written = write_reminders(rows, TODAY, tmp_path)
    assert sorted(p.name for p in written) == ["催办单_单位0.xlsx", "催办单_单位2.xlsx",
                                               "催办单_单位3.xlsx"]  # fmt: skip
    text = sheet_text(load_workbook(tmp_path / "催办单_单位0.xlsx").active)
    assert text[:2] == ["整改任务催办单", "单位0："]
    assert "中有1项即将到期（见下表）" in text[2] and "还剩5天" in text
    late = sheet_text(load_workbook(tmp_path / "催办单_单位2.xlsx").active)
    assert "超期10天" in late and "任务2" in late and "中有1项已超过完成时限（" in late[2]


def _column(sheet, header: str) -> list[str]:
    """The values under `header` in the sheet's table."""
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    top = next(n for n, row in enumerate(rows) if header in row and "整改任务" in row)
    column = rows[top].index(header)
    return [str(row[column]) for row in rows[top + 1 :] if row[column] is not None]


def test_bulletin_and_reminders_name_tasks_by_the_printed_number_not_the_id(tasks, tmp_path):
    # build_plan's tasks carry no published numbers: the table counts them 1, 2, 3, 4
    data = dashboard(TODAY, by="unit", today=TODAY)
    late = sorted(o.task.id for o in data.overdue)
    assert late == [tasks[1], tasks[2]] and late != [2, 3]  # ids are not the numbers
    workbook = load_workbook(write_bulletin_xlsx(data, tmp_path / "通报.xlsx"))
    overdue = workbook["超期任务"]
    assert sorted(_column(overdue, "编号")) == ["2", "3"]
    document = Document(str(write_bulletin_docx(data, tmp_path / "通报.docx")))
    late_table = document.tables[1]
    assert sorted(row.cells[1].text for row in late_table.rows[1:]) == ["2", "3"]
    written = write_reminders(make_rows(task_facts(), TODAY), TODAY, tmp_path)
    by_name = {p.name: load_workbook(p).active for p in written}
    assert _column(by_name["催办单_单位2.xlsx"], "编号") == ["2"]
    assert _column(by_name["催办单_单位0.xlsx"], "编号") == ["4"]


def test_a_plan_numbered_straight_through_keeps_its_published_numbers(ledger_db, tmp_path):
    from desktop.importing import parse_text
    from desktop.operations.import_plans import import_plans

    text = (
        "某局整改方案\n一、作风方面\n"
        "7. 整治会风。压缩会议。（牵头单位：办公室；完成时限：2014年10月底前）\n"
        "8. 整治文风。精简文件。（牵头单位：办公室；完成时限：2014年11月底前）\n"
        "二、制度方面\n"
        "9. 建立制度。健全机制。（牵头单位：法规科；完成时限：2014年12月底前）\n"
    )
    import_plans(parse_text(text, year=2014))
    rows = make_rows(task_facts(), TODAY)
    assert len(rows) == 3
    written = write_reminders(rows, TODAY, tmp_path)
    by_name = {p.name: load_workbook(p).active for p in written}
    assert sorted(_column(by_name["催办单_办公室.xlsx"], "编号")) == ["7", "8"]
    assert _column(by_name["催办单_法规科.xlsx"], "编号") == ["9"]
    data = dashboard(TODAY, by="unit", today=TODAY)
    overdue = load_workbook(write_bulletin_xlsx(data, tmp_path / "通报.xlsx"))["超期任务"]
    assert sorted(_column(overdue, "编号")) == ["7", "8", "9"]
