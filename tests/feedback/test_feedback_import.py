"""Feedback workbooks back: preview, apply in one transaction, idempotent, refusals leave
the ledger unchanged (row for row; a SQLite file byte for byte)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from db.ledger_models import FieldChange
from db.ledger_queries import progress_entries
from db.models import Node, Plan
from desktop.exporting import feedback_format as fmt
from desktop.operations import OperationError
from desktop.operations.feedback import apply_preview, preview_files, revert_applied
from desktop.operations.nodes import delete_node
from tests.feedback.conftest import workbook_for
from tests.feedback.helpers import fill, ids_of
from tests.helpers.backends import ledger_snapshot

ON = date(2014, 10, 5)


def test_answers_are_previewed_then_applied_and_recorded(exported):
    path = workbook_for(exported, "单位1")
    first, second = ids_of(path)
    fill(path, {first: ("已完成调研，形成初稿", "推进中", "2014.10.31"), second: (None, "已完成")})
    preview = preview_files([path])
    assert preview.errors == []
    [workbook] = preview.workbooks
    assert workbook.unit == "单位1" and workbook.unanswered == 0
    by_task = {answer.task_id: answer for answer in preview.answers}
    assert by_task[first].progress == "已完成调研，形成初稿"
    assert by_task[first].status == "in_progress"
    assert by_task[first].expected == date(2014, 10, 31)
    assert by_task[second].status == "done" and not by_task[second].progress
    assert Node.get_by_id(first).status == "not_started"  # nothing saved by a preview

    recorded, change = apply_preview(preview, "李四", ON)
    assert change.nodes == {first, second}
    assert Node.get_by_id(first).status == "in_progress"
    assert Node.get_by_id(second).status == "done"
    [entry] = progress_entries(first)
    assert entry.text.startswith("已完成调研，形成初稿")
    assert "2014年10月31日" in entry.text
    assert entry.unit == "单位1" and entry.recorded_by == "李四" and entry.date == ON
    expected = FieldChange.get(FieldChange.node == first)
    assert (expected.field, expected.new_value, expected.who) == (
        "预计完成时间",
        "2014-10-31",
        "李四",
    )

    revert_applied(recorded)
    assert Node.get_by_id(first).status == "not_started"
    assert progress_entries(first) == []
    assert preview_files([path]).answers  # undone: it can be read again


def test_reading_the_same_workbook_twice_adds_nothing(exported):
    path = workbook_for(exported, "单位2")
    task_id = ids_of(path)[0]
    fill(path, {task_id: ("第一次反馈", "推进中")})
    apply_preview(preview_files([path]), "李四", ON)
    again = preview_files([path, path])
    assert again.is_empty() and again.workbooks[0].already == 1
    with pytest.raises(OperationError):
        apply_preview(again, "李四", ON)
    assert len(progress_entries(task_id)) == 1


def test_many_workbooks_and_a_folder(exported, tmp_path):
    for path in exported:
        fill(path, {ids_of(path)[0]: ("有进展",)})
    preview = preview_files([tmp_path / "out"])
    assert len(preview.workbooks) == len(exported) and len(preview.answers) == len(exported)
    apply_preview(preview, "李四", ON)
    assert all(progress_entries(ids_of(path)[0]) for path in exported)


def _refused(paths, location, *words):
    before = ledger_snapshot(location)
    preview = preview_files(paths)
    assert preview.workbooks == [] and len(preview.errors) == 1, preview.errors
    for word in words:
        assert word in preview.errors[0]
    assert ledger_snapshot(location) == before
    return preview.errors[0]


def test_edited_id_is_refused_naming_the_cell(exported, ledger_location):
    path = workbook_for(exported, "单位1")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    row = next(r for r in range(4, sheet.max_row + 1) if sheet.cell(r, fmt.ID_COLUMN).value)
    sheet.cell(row, fmt.ID_COLUMN).value = 9999
    sheet.cell(row, fmt.ANSWER_COLUMNS["answer_progress"]).value = "x"
    workbook.save(path)
    _refused([path], ledger_location, path.name, f"K{row}", "任务编号")


def test_edited_metadata_is_refused(exported, ledger_location):
    path = workbook_for(exported, "单位1")
    workbook = load_workbook(path)
    meta = workbook[fmt.META_SHEET]
    row = next(r for r in range(1, 20) if meta.cell(r, 1).value == "unit")
    meta.cell(row, 2).value = "单位2"
    workbook.save(path)
    _refused([path], ledger_location, path.name, "签名")


def test_edited_header_is_refused_naming_the_cell(exported, ledger_location):
    path = workbook_for(exported, "单位1")
    workbook = load_workbook(path)
    workbook.worksheets[0]["H3"] = "本月进展"
    workbook.save(path)
    _refused([path], ledger_location, path.name, "H3", "表头")


def test_another_database_is_refused(exported, tmp_path):
    """A workbook exported from this ledger (a file or a server) is refused by another."""
    from db.database import close_database, open_database
    from tests.helpers.builders import build_plan

    close_database()
    other = tmp_path / "other.db"
    open_database(other)
    build_plan()
    _refused([exported[0]], other, "另一个数据库")


def test_unit_no_longer_responsible_is_refused(exported, ledger_location):
    from desktop.operations.nodes import set_units

    path = workbook_for(exported, "单位1")
    task_id = ids_of(path)[0]
    set_units(task_id, "lead", [])
    fill(path, {task_id: ("有进展",)})
    _refused([path], ledger_location, "既不牵头也不配合", str(task_id))


def test_deleted_task_and_hand_added_row_are_reported(exported):
    path = workbook_for(exported, "单位1")
    gone, kept = ids_of(path)
    fill(path, {gone: ("删前反馈",), kept: ("保留",)})
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.cell(sheet.max_row + 3, fmt.ANSWER_COLUMNS["answer_progress"]).value = "手工加的行"
    workbook.save(path)
    delete_node(gone)
    preview = preview_files([path])
    [workbook_preview] = preview.workbooks
    assert [answer.task_id for answer in workbook_preview.answers] == [kept]
    warnings = "\n".join(workbook_preview.warnings)
    assert "已被删除" in warnings and "手工添加" in warnings


def test_a_deleted_plan_is_refused(exported, ledger_location):
    plan_id = Plan.select().first().id
    Plan.delete().where(Plan.id == plan_id).execute()
    _refused([exported[0]], ledger_location, "已不存在")


def test_exported_at_is_signed(exported):
    workbook = load_workbook(exported[0])
    meta = {row[0]: row[1] for row in workbook[fmt.META_SHEET].iter_rows(values_only=True)}
    assert datetime.fromisoformat(meta["exported_at"]).year == 2014


def test_the_same_words_from_a_later_export_are_not_added_again(exported, plan_id, tmp_path):
    from desktop.operations.feedback import export_plan_feedback

    path = workbook_for(exported, "单位1")
    task_id = ids_of(path)[0]
    fill(path, {task_id: ("同一段进展",)})
    apply_preview(preview_files([path]), "李四", ON)
    later = workbook_for(export_plan_feedback(plan_id, tmp_path / "later"), "单位1")
    fill(later, {task_id: ("同一段进展", "已完成")})
    [answer] = preview_files([later]).answers
    assert answer.progress == "" and answer.status == "done"
    apply_preview(preview_files([later]), "李四", ON)
    assert len(progress_entries(task_id)) == 1


@pytest.mark.parametrize("key", ["signature", "ids", "database_id", "plan_id"])
def test_any_edit_of_the_hidden_sheet_is_refused(exported, ledger_location, key):
    path = workbook_for(exported, "单位1")
    workbook = load_workbook(path)
    meta = workbook[fmt.META_SHEET]
    row = next(r for r in range(1, 20) if meta.cell(r, 1).value == key)
    value = str(meta.cell(row, 2).value)
    meta.cell(row, 2).value = value[:-1] + ("0" if value[-1] != "0" else "1")
    workbook.save(path)
    error = _refused([path], ledger_location, path.name)
    assert "签名" in error or "另一个数据库" in error


def test_a_preview_reads_the_same_statements_for_one_answer_and_for_many(database, tmp_path):
    """No query per returned row: a unit's workbook costs the same reads however many of its
    rows are answered (a round trip each on a server)."""
    from desktop.operations.feedback import export_plan_feedback
    from tests.helpers.builders import build_plan
    from tests.helpers.queries import count_queries

    plan_id = build_plan("大方案", sections=2, tasks_per_section=8)
    path = workbook_for(export_plan_feedback(plan_id, tmp_path / "out"), "单位1")
    ids = ids_of(path)
    assert len(ids) == 4
    one = fill(path, {ids[0]: ("第一项进展",)}, target=tmp_path / "one.xlsx")
    every = fill(path, {i: (f"进展{i}", "推进中") for i in ids}, target=tmp_path / "all.xlsx")
    answers, statements = {}, {}
    for workbook in (one, every):
        with count_queries(database) as executed:
            answers[workbook.name] = len(preview_files([workbook]).answers)
        statements[workbook.name] = len(executed)
    assert answers == {"one.xlsx": 1, "all.xlsx": 4}
    assert statements["one.xlsx"] == statements["all.xlsx"]
