"""The breakdown table written by export_plan, read back with openpyxl."""

from __future__ import annotations

import zipfile

from openpyxl import load_workbook
from openpyxl.cell import MergedCell

from db.queries import load_plan
from db.records import UnitRef
from desktop.exporting import ExportOptions, export_plan
from desktop.operations.nodes import add_node, set_leaders, set_units, update_node
from desktop.operations.plans import create_plan
from tests.exporting.conftest import AS_OF
from tests.helpers.builders import build_plan

HEADERS = ["序号", "整改任务", "存在问题", "整改目标", "整改措施", "牵头领导", "牵头单位",
           "配合单位", "完成时限", "备注"]  # fmt: skip


def small_plan(database):
    plan_id, _ = create_plan("镇江市人民政府党组整改方案")
    section, _ = add_node(plan_id, None, None, "section", title="坚决遵守党的政治纪律")
    task, _ = add_node(plan_id, section, None, "task", title="切实加强政治理论学习",
                       text="在学习内容上，主要学习党的理论。")  # fmt: skip
    add_node(plan_id, task, None, "measure", title="培养好习惯")
    add_node(plan_id, task, None, "measure", title="建立学习制度", text="每月集中学习一次")
    update_node(task, deadline_text="2014年12月底前", problem="学习不够", goal="学深学透")
    set_leaders(task, ["朱晓明", "朱开宝"])
    set_units(task, "lead", [UnitRef("市政府办公室", "王某某")])
    set_units(task, "support", [UnitRef("市委宣传部")])
    return load_plan(plan_id)


def test_title_info_line_header_section_and_task_rows(database, tmp_path):
    plan = small_plan(database)
    path = export_plan(
        plan, tmp_path / "表.xlsx", ExportOptions(as_of=AS_OF, keep_empty_columns=True)
    )
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "镇江市人民政府党组重点整改任务分解表"
    info = [c.value for c in sheet[2] if c.value]
    assert info == ["填报单位（盖章）：", "填报人：", "联系电话：", "2014年11月1日"]
    assert [c.value.replace("\n", "") for c in sheet[3]] == HEADERS
    assert sheet["A4"].value == "一、坚决遵守党的政治纪律"
    row = [c.value for c in sheet[5]]
    assert row == [
        1, "切实加强政治理论学习", "学习不够", "学深学透",
        "在学习内容上，主要学习党的理论。\n（1）培养好习惯\n（2）建立学习制度。每月集中学习一次",
        "朱晓明、朱开宝", "市政府办公室（王某某）", "市委宣传部", "2014年12月底前", None,
    ]  # fmt: skip
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:J1", "A4:J4"} <= merged
    assert sheet.max_row == 5


def test_columns_empty_for_every_task_are_left_out_unless_kept(database, tmp_path):
    plan = small_plan(database)
    sheet = load_workbook(export_plan(plan, tmp_path / "a.xlsx", ExportOptions(as_of=AS_OF))).active
    assert [c.value.replace("\n", "") for c in sheet[3]] == HEADERS[:-1]  # no 备注 given
    kept = ExportOptions(as_of=AS_OF, keep_empty_columns=True)
    sheet = load_workbook(export_plan(plan, tmp_path / "b.xlsx", kept)).active
    assert [c.value.replace("\n", "") for c in sheet[3]] == HEADERS


def test_print_setup_a4_landscape_one_page_wide_titles_footer_frozen(database, tmp_path):
    path = export_plan(small_plan(database), tmp_path / "表.xlsx", ExportOptions(as_of=AS_OF))
    sheet = load_workbook(path).active
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert int(sheet.page_setup.fitToWidth) == 1 and int(sheet.page_setup.fitToHeight) == 0
    assert sheet.print_title_rows == "$1:$3"
    assert sheet.oddFooter.center.text == "第 &P 页 共 1 页"
    assert sheet.page_setup.firstPageNumber == 1 and sheet.page_setup.useFirstPageNumber
    assert sheet.freeze_panes == "A4"
    assert sheet.page_margins.left <= 0.3 and sheet.page_margins.right <= 0.3


def test_fonts_borders_wrapping_and_sizes(database, tmp_path):
    path = export_plan(small_plan(database), tmp_path / "表.xlsx", ExportOptions(as_of=AS_OF))
    sheet = load_workbook(path).active
    assert sheet["A1"].font.name == "宋体"
    with zipfile.ZipFile(path) as archive:  # Normal style: the font column widths count in
        styles_xml = archive.read("xl/styles.xml").decode("utf-8")
    first_font = styles_xml.split("<font>", 1)[1].split("</font>", 1)[0]
    assert '<name val="宋体"/>' in first_font and '<sz val="11"/>' in first_font
    assert {c.font.name for c in sheet[3]} == {"黑体"}
    assert {c.font.name for c in sheet[5]} == {"仿宋"}
    sizes = [c.font.sz for row in sheet.iter_rows() for c in row if c.value is not None]
    assert min(sizes) >= 10
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            sides = [cell.border.top, cell.border.bottom]
            if not isinstance(cell, MergedCell):  # inside a merged row only top and bottom show
                sides += [cell.border.left, cell.border.right]
                assert cell.alignment.wrap_text and cell.alignment.vertical == "center"
            assert all(side.style == "thin" for side in sides), cell.coordinate
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert widths[4] == max(widths) and widths[0] == min(widths)  # 整改措施 widest, 序号 narrowest


def test_long_text_gets_a_taller_row(database, tmp_path):
    plan_id, _ = create_plan("某局整改方案")
    short, _ = add_node(plan_id, None, None, "task", title="短", text="一句话。")
    long, _ = add_node(plan_id, None, None, "task", title="长", text="围绕中心工作推进整改。" * 40)
    path = export_plan(
        load_plan(plan_id), tmp_path / "t.xlsx", ExportOptions(as_of=AS_OF, keep_empty_columns=True)
    )
    sheet = load_workbook(path).active
    short_height = sheet.row_dimensions[4].height
    long_height = sheet.row_dimensions[5].height
    assert short_height >= 15 and long_height > 5 * short_height
    assert sheet["C5"].value is None and sheet["E5"].value.startswith("围绕")


def test_formula_like_text_stays_text(database, tmp_path):
    plan_id, _ = create_plan("某局整改方案")
    values = [
        "=1+1",
        "+86 511",
        "-减少会议",
        "@全体",
        "\t缩进",
        "\n换行开头",
        "#N/A",
        "=SUM(A1:A3)",
    ]
    for value in values:
        task, _ = add_node(plan_id, None, None, "task", title=value, text="a\x0bb\x01c")
        update_node(task, remarks=value)
    path = export_plan(
        load_plan(plan_id), tmp_path / "t.xlsx", ExportOptions(as_of=AS_OF, keep_empty_columns=True)
    )
    sheet = load_workbook(path).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    titles = [sheet.cell(row=r, column=2) for r in range(4, 4 + len(values))]
    assert [c.value for c in titles] == [v.strip() for v in values]  # edges trimmed
    assert {c.data_type for c in titles} == {"s"}
    remarks = [sheet.cell(row=r, column=10) for r in range(4, 4 + len(values))]
    assert [c.value for c in remarks] == [v.strip() for v in values] and {
        c.data_type for c in remarks
    } == {"s"}
    assert sheet["B4"].value == "=1+1" and sheet["B4"].data_type == "s"
    assert sheet["B10"].value == "#N/A" and sheet["B10"].data_type == "s"
    assert sheet["E4"].value == "a\nbc"


def test_all_digit_and_circled_text_stays_text_only_the_number_column_is_numeric(
    database, tmp_path
):
    plan_id, _ = create_plan("某局整改方案")
    values = ["0012", "②", "12", "٣", "１２", "1234567890123"]
    for value in values:
        task, _ = add_node(plan_id, None, None, "task", title=value, text=value)
        update_node(task, remarks=value, deadline_text=value)
    path = export_plan(load_plan(plan_id), tmp_path / "t.xlsx", ExportOptions(as_of=AS_OF))
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(min_row=4, values_only=False))
    assert [row[0].value for row in rows] == [1, 2, 3, 4, 5, 6]
    for row, value in zip(rows, values, strict=True):
        texts = [c for c in row[1:] if c.value is not None]
        assert texts and all(c.value == value and c.data_type == "s" for c in texts)


def test_custom_title_and_column_choice_and_order(database, tmp_path):
    options = ExportOptions(columns=["牵头单位", "task", "序号"], title="自定义标题", as_of=AS_OF)
    path = export_plan(small_plan(database), tmp_path / "t.xlsx", options)
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "自定义标题"
    assert [c.value for c in sheet[3]] == ["牵头单位", "整改任务", "序号"]
    assert [c.value for c in sheet[5]] == [
        "市政府办公室（王某某）",
        "切实加强政治理论学习",
        1,
    ]
    assert "A4:C4" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A2"].value.startswith("填报单位（盖章）：")  # few columns: one line


def test_ledger_adds_status_progress_and_overdue(realistic_plan, tmp_path):
    options = ExportOptions(ledger=True, as_of=AS_OF)
    path = export_plan(realistic_plan, tmp_path / "台账.xlsx", options)
    sheet = load_workbook(path).active
    assert sheet["A1"].value.endswith("重点整改任务台账")
    headers = [c.value.replace("\n", "") for c in sheet[3]]
    assert headers[-4:] == ["状态", "最新进展", "是否超期", "备注"]
    by_title = {}
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if row[1] is not None:
            by_title.setdefault(row[0], []).append(dict(zip(headers, row, strict=True)))
    tasks = realistic_plan.tasks()
    first = by_title[1][0]
    assert first["状态"] == "未启动" and first["是否超期"] == "是"  # due 2014-09-30
    with_progress = [t for t in tasks if t.latest_progress]
    assert with_progress
    rows = [r for rs in by_title.values() for r in rs]
    assert sum(1 for r in rows if (r["最新进展"] or "").startswith("2014年10月15日：")) == len(
        with_progress
    )


def test_task_numbers_run_down_the_table_across_sections(database, tmp_path):
    plan = load_plan(build_plan(sections=2, tasks_per_section=2))
    sheet = load_workbook(export_plan(plan, tmp_path / "t.xlsx", ExportOptions(as_of=AS_OF))).active
    first_column = [sheet.cell(row, 1).value for row in range(4, sheet.max_row + 1)]
    assert first_column == ["一、第1部分", 1, 2, "二、第2部分", 3, 4]


def test_unit_column_can_read_zeren_danwei_and_the_ledger_can_add_the_close_out_date(
    database, tmp_path
):
    from datetime import datetime

    from db.models import Node

    plan = small_plan(database)
    task = plan.tasks()[0]
    Node.update(closed_at=datetime(2014, 12, 20, 9, 30), status="closed").where(
        Node.id == task.id
    ).execute()
    options = ExportOptions(
        as_of=AS_OF, columns=["number", "task", "lead_units", "closed"], unit_header="责任单位"
    )
    sheet = load_workbook(export_plan(load_plan(plan.id), tmp_path / "t.xlsx", options)).active
    assert [c.value.replace("\n", "") for c in sheet[3]] == ["序号", "整改任务", "责任单位",
                                                              "销号日期"]  # fmt: skip
    assert sheet["D5"].value == "2014年12月20日"
