"""By unit, by leader, filters: who sees which task, marked how."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from desktop.exporting import (
    ExportError,
    ExportOptions,
    export_by_leader,
    export_by_unit,
    export_plan,
)
from desktop.exporting.variants import file_name, sheet_name
from desktop.ledger.rules import is_overdue
from tests.exporting.conftest import AS_OF


def task_rows(sheet):
    """{task title: row dict} for the task rows of a sheet (header in row 3), without the
    continuations of tasks cut by a page break."""
    headers = [c.value.replace("\n", "") for c in sheet[3]]
    rows = {}
    for values in sheet.iter_rows(min_row=4, values_only=True):
        row = dict(zip(headers, values, strict=True))
        if row.get("整改任务") and not row["整改任务"].endswith("（续）"):
            rows.setdefault(row["整改任务"], []).append(row)
    return rows


def count_task_rows(sheet) -> int:
    return sum(len(v) for v in task_rows(sheet).values())


def test_one_sheet_per_unit_with_lead_and_support_tasks_marked(realistic_plan, tmp_path):
    path = export_by_unit(realistic_plan, tmp_path / "按单位.xlsx", ExportOptions(as_of=AS_OF))
    assert path == [tmp_path / "按单位.xlsx"]
    workbook = load_workbook(path[0])
    tasks = realistic_plan.tasks()
    units = {ref.name for t in tasks for ref in (*t.lead_units, *t.support_units)}
    assert set(workbook.sheetnames) == units
    for unit in units:
        sheet = workbook[unit]
        assert sheet["A1"].value.endswith(f"重点整改任务分解表（{unit}）")
        assert sheet["A2"].value == f"填报单位（盖章）：{unit}"
        assert [c.value.replace("\n", "") for c in sheet[3]][:2] == ["序号", "本单位职责"]
        lead = [t for t in tasks if unit in {u.name for u in t.lead_units}]
        support = [t for t in tasks if unit in {u.name for u in t.support_units} and t not in lead]
        roles = [r["本单位职责"] for rows in task_rows(sheet).values() for r in rows]
        assert roles.count("牵头") == len(lead) and roles.count("配合") == len(support)
        assert sheet.print_title_rows == "$1:$3"


def test_one_workbook_per_unit_in_a_folder(realistic_plan, tmp_path):
    folder = tmp_path / "各单位"
    paths = export_by_unit(realistic_plan, folder, ExportOptions(as_of=AS_OF))
    assert sorted(paths) == sorted(folder.iterdir())
    assert all(p.suffix == ".xlsx" for p in paths)
    workbook = load_workbook(folder / paths[0].name)
    assert len(workbook.sheetnames) == 1
    assert paths[0].name.startswith(workbook.sheetnames[0] + "_")


def test_one_sheet_per_leader_with_the_tasks_they_lead(realistic_plan, tmp_path):
    path = export_by_leader(realistic_plan, tmp_path / "领导.xlsx", ExportOptions(as_of=AS_OF))[0]
    workbook = load_workbook(path)
    tasks = realistic_plan.tasks()
    leaders = {name for t in tasks for name in t.leaders}
    assert set(workbook.sheetnames) == leaders
    for leader in leaders:
        sheet = workbook[leader]
        assert f"（牵头领导：{leader}）" in sheet["A1"].value
        rows = [r for rs in task_rows(sheet).values() for r in rs]
        assert len(rows) == sum(1 for t in tasks if leader in t.leaders)
        assert all(leader in r["牵头领导"] for r in rows)
        assert "本单位职责" not in [c.value for c in sheet[3]]


def test_filters_status_overdue_and_due_before(realistic_plan, tmp_path):
    tasks = realistic_plan.tasks()
    cases = [
        (ExportOptions(statuses=frozenset({"in_progress"}), as_of=AS_OF),
         [t for t in tasks if t.status == "in_progress"]),
        (ExportOptions(overdue_only=True, as_of=AS_OF), [t for t in tasks if is_overdue(t, AS_OF)]),
        (ExportOptions(due_before=date(2014, 12, 1), as_of=AS_OF),
         [t for t in tasks if t.due_date and t.due_date < date(2014, 12, 1)]),
    ]  # fmt: skip
    for index, (options, expected) in enumerate(cases):
        assert 0 < len(expected) < len(tasks)
        path = export_plan(realistic_plan, tmp_path / f"f{index}.xlsx", options)
        sheet = load_workbook(path).active
        assert count_task_rows(sheet) == len(expected)


def test_sections_without_shown_tasks_are_left_out(realistic_plan, tmp_path):
    options = ExportOptions(statuses=frozenset({"done"}), as_of=AS_OF)
    sheet = load_workbook(export_plan(realistic_plan, tmp_path / "d.xlsx", options)).active
    firsts = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    all_sheet = load_workbook(export_plan(realistic_plan, tmp_path / "a.xlsx")).active
    all_firsts = [row[0] for row in all_sheet.iter_rows(min_row=4, values_only=True)]
    sections = [v for v in firsts if isinstance(v, str) and len(v) > 4]
    assert sections and len(sections) <= len(
        [v for v in all_firsts if isinstance(v, str) and len(v) > 4]
    )
    assert "二、组织领导" not in all_firsts  # an empty section never shows


def test_nothing_to_export_is_a_clear_error_and_writes_nothing(realistic_plan, out_dir):
    tmp_path = out_dir
    options = ExportOptions(due_before=date(2000, 1, 1), as_of=AS_OF)
    with pytest.raises(ExportError, match="没有符合条件的任务"):
        export_plan(realistic_plan, tmp_path / "none.xlsx", options)
    assert list(tmp_path.iterdir()) == []


def test_sheet_and_file_names_are_valid_and_unique():
    taken: set[str] = set()
    names = [sheet_name(n, taken) for n in ["a/b:c*d?", "市" * 40, "市" * 40, "'x'", "A", "a"]]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.casefold() for n in names}) == len(names)
    files: set[str] = set()
    assert file_name('单位<1>:"x"', files) == "单位_1___x_.xlsx"
    assert file_name('单位<1>:"x"', files) == "单位_1___x_(2).xlsx"


def test_a_plan_whose_tasks_name_no_unit_or_leader_says_so(database, out_dir):
    from db.queries import load_plan
    from desktop.operations.nodes import add_node
    from desktop.operations.plans import create_plan

    plan_id, _ = create_plan("某局整改方案")
    add_node(plan_id, None, None, "task", title="任务", text="措施")
    plan = load_plan(plan_id)
    with pytest.raises(ExportError, match="该方案的任务都没有牵头单位"):
        export_by_unit(plan, out_dir / "a.xlsx", ExportOptions(as_of=AS_OF))
    with pytest.raises(ExportError, match="该方案的任务都没有牵头领导"):
        export_by_leader(plan, out_dir / "b.xlsx", ExportOptions(as_of=AS_OF))
    assert list(out_dir.iterdir()) == []


def test_long_unit_and_plan_names_and_control_characters_never_break_a_name(out_dir):
    name = file_name(
        "市" * 60 + "_" + "某某市人民政府党组党的群众路线教育实践活动整改方案" * 4, set()
    )
    assert len(name.encode("utf-8")) <= 200 and name.endswith(".xlsx")
    (out_dir / name).write_bytes(b"")  # a real file system takes it
    assert sheet_name("单位\x01名\x1f称", set()) == "单位_名_称"


def test_control_characters_in_every_field_do_not_stop_the_export(database, out_dir):
    from db.queries import load_plan
    from db.records import UnitRef
    from desktop.operations.nodes import add_node, set_leaders, set_units, update_node
    from desktop.operations.plans import create_plan

    plan_id, _ = create_plan("某局\x01整改方案")
    section, _ = add_node(plan_id, None, None, "section", title="部分\x02")
    task, _ = add_node(plan_id, section, None, "task", title="任务\x03", text="措施\x04")
    update_node(
        task, problem="问\x05题", goal="目\x06标", remarks="备\x07注", deadline_text="年\x08底"
    )
    set_leaders(task, ["张\x0e三"])
    set_units(task, "lead", [UnitRef("单\x0f位", "联\x10系")])
    plan = load_plan(plan_id)
    options = ExportOptions(as_of=AS_OF)
    for export in (export_plan, export_by_unit, export_by_leader):
        [path] = (lambda p: p if isinstance(p, list) else [p])(
            export(plan, out_dir / f"{export.__name__}.xlsx", options)
        )
        texts = [c.value for row in load_workbook(path).active.iter_rows() for c in row]
        assert not any(isinstance(t, str) and any(ord(ch) < 9 for ch in t) for t in texts)


def test_tasks_without_unit_or_leader_get_their_own_sheet(database, out_dir):
    from db.queries import load_plan
    from db.records import UnitRef
    from desktop.operations.nodes import add_node, set_leaders, set_units
    from desktop.operations.plans import create_plan

    plan_id, _ = create_plan("某局整改方案")
    named, _ = add_node(plan_id, None, None, "task", title="有主任务", text="措施")
    set_leaders(named, ["张三"])
    set_units(named, "lead", [UnitRef("办公室")])
    add_node(plan_id, None, None, "task", title="无主任务", text="措施")
    plan = load_plan(plan_id)
    options = ExportOptions(as_of=AS_OF)
    by_unit = load_workbook(export_by_unit(plan, out_dir / "u.xlsx", options)[0])
    assert by_unit.sheetnames == ["办公室", "未明确责任单位"]
    assert list(task_rows(by_unit["未明确责任单位"])) == ["无主任务"]
    by_leader = load_workbook(export_by_leader(plan, out_dir / "l.xlsx", options)[0])
    assert by_leader.sheetnames == ["张三", "未明确牵头领导"]
    assert list(task_rows(by_leader["未明确牵头领导"])) == ["无主任务"]


def test_public_summary_has_content_goal_deadline_units_progress_and_no_names(
    realistic_plan, out_dir
):
    options = ExportOptions(as_of=AS_OF, public=True, columns=["leaders", "lead_units"])
    sheet = load_workbook(export_plan(realistic_plan, out_dir / "公开.xlsx", options)).active
    assert sheet["A1"].value.endswith("整改情况公开表")
    headers = [c.value.replace("\n", "") for c in sheet[3]]
    assert headers == ["序号", "整改任务", "整改目标", "整改措施", "责任单位", "完成时限",
                       "状态", "最新进展"]  # fmt: skip
    people = {n for task in realistic_plan.tasks() for n in task.leaders if n != "党组成员"}
    people |= {
        ref.contact
        for task in realistic_plan.tasks()
        for ref in (*task.lead_units, *task.support_units)
        if ref.contact
    }
    texts = " ".join(str(c.value) for row in sheet.iter_rows(min_row=4) for c in row if c.value)
    assert people and not [name for name in people if name in texts]
    assert "市人大常委会办公室" in texts


def test_unit_and_leader_tables_keep_each_tasks_number_in_the_master_table(realistic_plan, out_dir):
    options = ExportOptions(as_of=AS_OF)
    master = load_workbook(export_plan(realistic_plan, out_dir / "m.xlsx", options)).active
    title_of = {
        values[0]: values[1].removesuffix("（续）")
        for values in master.iter_rows(min_row=4, values_only=True)
        if isinstance(values[0], int)
    }
    for export in (export_by_unit, export_by_leader):
        [path] = export(realistic_plan, out_dir / f"{export.__name__}.xlsx", options)
        for sheet in load_workbook(path).worksheets:
            headers = [c.value.replace("\n", "") for c in sheet[3]]
            task_at, number_at = headers.index("整改任务"), headers.index("序号")
            numbers = [
                (values[task_at].removesuffix("（续）"), values[number_at])
                for values in sheet.iter_rows(min_row=4, values_only=True)
                if isinstance(values[number_at], int)
            ]
            assert numbers and all(title_of[number] == title for title, number in numbers)
            assert [n for _t, n in numbers] == sorted(n for _t, n in numbers)
