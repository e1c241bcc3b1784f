"""Page breaks written by the exporter from its height model: no task cut by a page."""

from __future__ import annotations

from openpyxl import load_workbook

from db.queries import load_plan
from desktop.exporting import ExportOptions, export_by_unit, export_plan
from desktop.exporting.pages import CONTINUED, body_capacity
from desktop.operations.nodes import add_node, update_node
from desktop.operations.plans import create_plan
from tests.exporting.conftest import AS_OF
from tests.helpers.sample_plans import build_realistic_plan

LONG = "围绕经济社会发展大局，更多地从调查研究收集的意见建议中精心选择议题，加强监督推动。"


def printed_pages(sheet) -> list[list[int]]:
    """The body rows of each printed page, split at the sheet's explicit row breaks."""
    breaks = sorted(brk.id for brk in sheet.row_breaks.brk)
    pages, current = [], []
    for row in range(4, sheet.max_row + 1):
        current.append(row)
        if row in breaks:
            pages.append(current)
            current = []
    return [*pages, current] if current else pages


def check_pages(sheet) -> list[list[int]]:
    """Every page fits the model's page; no merged task crosses a break; no section row
    ends a page; the footer counts this sheet's pages."""
    repeated = sum(sheet.row_dimensions[r].height for r in (1, 2, 3))
    pages = printed_pages(sheet)
    width = sheet.max_column
    sections = {r.min_row for r in sheet.merged_cells.ranges if r.max_col - r.min_col + 1 == width}
    for page in pages:
        assert sum(sheet.row_dimensions[r].height for r in page) <= body_capacity(repeated)
        assert page[-1] not in sections
    ends = {page[-1] for page in pages[:-1]}
    for merged in sheet.merged_cells.ranges:
        assert not any(merged.min_row <= end < merged.max_row for end in ends), merged
    assert sheet.oddFooter.center.text == f"第 &P 页 共 {len(pages)} 页"
    return pages


def test_realistic_plan_breaks_only_between_tasks(database, tmp_path):
    plan = load_plan(build_realistic_plan(60))
    sheet = load_workbook(export_plan(plan, tmp_path / "t.xlsx", ExportOptions(as_of=AS_OF))).active
    pages = check_pages(sheet)
    assert len(pages) > 3 and len(sheet.row_breaks.brk) == len(pages) - 1


def test_task_taller_than_a_page_continues_with_number_and_name_repeated(database, tmp_path):
    plan_id, _ = create_plan("某局整改方案")
    add_node(plan_id, None, None, "task", title="短任务", text="一句话。")
    task, _ = add_node(plan_id, None, None, "task", title="很长的任务", text=LONG * 40)
    update_node(task, problem="问题" * 300, deadline_text="2024年底前")
    sheet = load_workbook(
        export_plan(load_plan(plan_id), tmp_path / "t.xlsx", ExportOptions(as_of=AS_OF))
    ).active
    pages = check_pages(sheet)
    headers = [c.value.replace("\n", "") for c in sheet[3]]
    rows = [
        dict(zip(headers, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True)
    ]
    parts = [r for r in rows if (r["整改任务"] or "").startswith("很长的任务")]
    assert len(parts) == len(pages) >= 3
    assert parts[0]["整改任务"] == "很长的任务"
    assert all(p["整改任务"] == "很长的任务" + CONTINUED and p["序号"] == 2 for p in parts[1:])
    assert "".join(p["整改措施"] for p in parts) == LONG * 40
    assert "".join(p["存在问题"] or "" for p in parts) == "问题" * 300
    assert parts[0]["完成时限"] == "2024年底前"


def test_each_unit_sheet_numbers_its_own_pages(realistic_plan, tmp_path):
    [path] = export_by_unit(realistic_plan, tmp_path / "按单位.xlsx", ExportOptions(as_of=AS_OF))
    workbook = load_workbook(path)
    counts = []
    for sheet in workbook.worksheets:
        counts.append(len(check_pages(sheet)))
        assert sheet.page_setup.firstPageNumber == 1 and sheet.page_setup.useFirstPageNumber
    assert len(set(counts)) > 1
