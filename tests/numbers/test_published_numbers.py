"""Imported plans keep the numbers the document used; moves and 重新编号 number live."""

from __future__ import annotations

import sqlite3

import pytest
from openpyxl import load_workbook
from peewee import SqliteDatabase

from db import schema
from db.database import close_database, open_database
from db.queries import load_plan
from desktop.exporting import ExportOptions, export_by_leader, export_by_unit, export_plan
from desktop.ledger.numbering import (
    label_value,
    number_nodes,
    printed_number,
    sibling_labels,
    straight_through,
)
from desktop.operations import OperationError
from desktop.operations.nodes import add_node, delete_node, move_node, restore_node
from desktop.operations.numbers import renumber_plan, restore_numbers
from desktop.operations.plans import delete_plan, restore_plan
from tests.numbers.plans import MIDDLE_OF_A_PLAN, RESTARTING, import_text


def labels_by_title(plan_id: int) -> dict[str, str]:
    plan = load_plan(plan_id)
    labels = number_nodes(plan.nodes)
    return {node.title: labels[node.id] for node in plan.walk()}


def number_column(sheet) -> list[tuple[str, object]]:
    """(task title, 序号) of the task rows of an exported sheet (header in row 3)."""
    headers = [cell.value.replace("\n", "") for cell in sheet[3]]
    task_at, number_at = headers.index("整改任务"), headers.index("序号")
    return [
        (values[task_at], values[number_at])
        for values in sheet.iter_rows(min_row=4, values_only=True)
        if isinstance(values[number_at], int) and not str(values[task_at]).endswith("（续）")
    ]


def test_labels_values_and_live_numbers_after_published_ones():
    assert [label_value(x) for x in ("（二）", "三、", "4.", "(12)", "⑬", "二十一、")] == [
        2, 3, 4, 12, 13, 21,
    ]  # fmt: skip
    assert sibling_labels(["（二）", "", "（五）", ""], 1) == [
        "（二）",
        "（三）",
        "（五）",
        "（六）",
    ]
    assert sibling_labels(["", ""], 2) == ["1.", "2."]
    assert straight_through(["4.", "5.", "6."]) and not straight_through(["1.", "2.", "1."])
    assert straight_through(["6.", "7.", "11."])  # 8.–10. missing from the imported text
    assert not straight_through(["4.", ""]) and printed_number("4.") == "4"


def test_an_imported_plan_keeps_the_numbers_of_its_document(database):
    plan_id = import_text(MIDDLE_OF_A_PLAN)
    assert labels_by_title(plan_id) == {
        "强化作风建设": "三、",
        "严肃工作纪律": "（二）",
        "严格执行请销假制度": "4.",
        "整治会风文风": "5.",
        "加强监督检查": "（三）",
        "开展专项检查": "6.",
        "制定检查方案": "（1）",
        "开展检查": "（2）",
    }


def test_export_prints_the_published_task_numbers_in_every_table(database, tmp_path):
    plan = load_plan(import_text(MIDDLE_OF_A_PLAN))
    options = ExportOptions()
    master = load_workbook(export_plan(plan, tmp_path / "m.xlsx", options)).active
    assert number_column(master) == [
        ("严格执行请销假制度", 4),
        ("整治会风文风", 5),
        ("开展专项检查", 6),
    ]
    sections = [row[0] for row in master.iter_rows(min_row=4, values_only=True)]
    assert "三、强化作风建设" in sections and "（三）加强监督检查" in sections
    measures = [row for row in master.iter_rows(min_row=4, values_only=True) if row[0] == 6]
    assert any("（1）制定检查方案" in str(value) for value in measures[0])
    [by_unit] = export_by_unit(plan, tmp_path / "u.xlsx", options)
    sheets = {sheet.title: number_column(sheet) for sheet in load_workbook(by_unit).worksheets}
    assert sheets["办公室"] == [("严格执行请销假制度", 4), ("整治会风文风", 5)]
    assert sheets["纪检组"] == [("开展专项检查", 6)]
    [by_leader] = export_by_leader(plan, tmp_path / "l.xlsx", options)
    sheets = {sheet.title: number_column(sheet) for sheet in load_workbook(by_leader).worksheets}
    assert sheets["张三"] == [("严格执行请销假制度", 4), ("开展专项检查", 6)]
    assert sheets["李四"] == [("整治会风文风", 5)]


def test_a_running_count_on_request_or_when_tasks_restart_under_each_heading(database, tmp_path):
    plan = load_plan(import_text(MIDDLE_OF_A_PLAN))
    running = ExportOptions(published_numbers=False)
    master = load_workbook(export_plan(plan, tmp_path / "m.xlsx", running)).active
    assert [number for _title, number in number_column(master)] == [1, 2, 3]
    [by_unit] = export_by_unit(plan, tmp_path / "u.xlsx", running)
    office = load_workbook(by_unit)["纪检组"]
    assert number_column(office) == [("开展专项检查", 3)]  # its row in the master table
    restarting = load_plan(import_text(RESTARTING))
    assert labels_by_title(restarting.id)["第三项任务"] == "1."
    master = load_workbook(export_plan(restarting, tmp_path / "r.xlsx", ExportOptions())).active
    assert [number for _title, number in number_column(master)] == [1, 2, 3]


def test_an_added_task_is_numbered_live_after_the_published_ones(database):
    plan_id = import_text(MIDDLE_OF_A_PLAN)
    plan = load_plan(plan_id)
    section = next(node for node in plan.walk() if node.title == "严肃工作纪律")
    add_node(plan_id, section.id, None, "task", title="新增任务")
    add_node(plan_id, plan.nodes[0].id, None, "section", title="新增部分")
    labels = labels_by_title(plan_id)
    assert labels["新增任务"] == "6." and labels["整治会风文风"] == "5."
    assert labels["新增部分"] == "（四）"


def test_a_move_numbers_the_moved_node_live_and_moving_back_restores_it(database):
    plan_id = import_text(MIDDLE_OF_A_PLAN)
    plan = load_plan(plan_id)
    task = next(node for node in plan.walk() if node.title == "开展专项检查")
    first_section = next(node for node in plan.walk() if node.title == "严肃工作纪律")
    move_node(task.id, first_section.id, 0)
    labels = labels_by_title(plan_id)
    assert labels["开展专项检查"] == "1." and labels["严格执行请销假制度"] == "4."
    assert labels["制定检查方案"] == "（1）"  # its measures keep their numbers
    move_node(task.id, task.parent_id, task.position, number="6.")
    assert labels_by_title(plan_id)["开展专项检查"] == "6."


def test_renumbering_a_plan_and_undoing_it(database):
    plan_id = import_text(MIDDLE_OF_A_PLAN)
    before = labels_by_title(plan_id)
    old, change = renumber_plan(plan_id)
    assert len(old) == 8 and change.numbers == {plan_id}
    after = labels_by_title(plan_id)
    assert after["强化作风建设"] == "一、" and after["严肃工作纪律"] == "（一）"
    assert after["严格执行请销假制度"] == "1." and after["开展专项检查"] == "1."
    with pytest.raises(OperationError, match="无需重新编号"):
        renumber_plan(plan_id)
    assert restore_numbers(old).numbers == {plan_id}
    assert labels_by_title(plan_id) == before


def test_delete_and_undo_keep_the_published_number(database):
    plan_id = import_text(MIDDLE_OF_A_PLAN)
    section = next(n for n in load_plan(plan_id).walk() if n.title == "加强监督检查")
    snapshot, _change = delete_node(section.id)
    restore_node(snapshot)
    labels = labels_by_title(plan_id)
    assert labels["加强监督检查"] == "（三）" and labels["开展专项检查"] == "6."
    snapshot, _change = delete_plan(plan_id)
    restore_plan(snapshot)
    assert labels_by_title(plan_id) == labels


@pytest.mark.parametrize("version", [1, 2])
def test_an_old_file_migrates_to_the_current_version_with_empty_numbers(tmp_path, version):
    old, fresh = tmp_path / "old.db", tmp_path / "fresh.db"
    db = SqliteDatabase(str(old))
    with db.atomic():
        schema.create_schema(db, version)
        db.execute_sql(
            "INSERT INTO plan (id, title, issuer, kind, notes, position, created_at, updated_at)"
            " VALUES (1, '旧方案', '', '', '', 0, '2014-01-01', '2014-01-01')"
        )
        db.execute_sql(
            "INSERT INTO node (id, plan_id, position, kind, title, text, problem, goal,"
            " deadline_text, status, closed_by, remarks, created_at, updated_at) VALUES"
            " (1, 1, 0, 'task', '旧任务', '', '', '', '', 'not_started', '', '',"
            " '2014-01-01', '2014-01-01')"
        )
    db.close()
    open_database(old)
    assert labels_by_title(1) == {"旧任务": "一、"}
    close_database()
    open_database(fresh)
    close_database()
    connections = [sqlite3.connect(path) for path in (old, fresh)]
    try:
        old_schema, fresh_schema = (schema.normalized_schema(c) for c in connections)
        assert old_schema == fresh_schema
        assert connections[0].execute("PRAGMA user_version").fetchone()[0] == schema.CURRENT_VERSION
        assert connections[0].execute("SELECT number FROM node").fetchall() == [("",)]
    finally:
        for connection in connections:
            connection.close()


def test_the_command_line_prints_published_numbers_or_a_running_count(
    capsys, database, db_path, tmp_path
):
    from desktop.cli import main

    plan_id = import_text(MIDDLE_OF_A_PLAN)
    close_database()
    for flags, expected in (((), [4, 5, 6]), (("--running-numbers",), [1, 2, 3])):
        target = tmp_path / f"out{len(flags)}.xlsx"
        args = ["--db", str(db_path), "export", "--plan", str(plan_id), "--out", str(target)]
        assert main([*args, *flags]) == 0
        assert capsys.readouterr().out.strip() == str(target)
        numbers = [number for _title, number in number_column(load_workbook(target).active)]
        assert numbers == expected
