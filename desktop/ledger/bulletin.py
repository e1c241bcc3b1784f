"""通报 for superiors and 催办单 for units, as print-ready .xlsx (A4) and the 通报 as .docx.

The 通报 shows the counts and rates of the dashboard (desktop.ledger.report.dashboard, so it
agrees with the window and `report --json`), a table by group and the overdue list.  A
催办单 goes to one lead unit with its overdue and due-soon tasks.  Files are written under a
temporary name and renamed (desktop.exporting.safe_write).  A task is named by its 序号 in
the plan's printed table (编号, desktop.ledger.task_numbers), as the leaders' copies show it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from desktop.exporting.safe_write import write_files
from desktop.ledger.evaluation import format_rate
from desktop.ledger.overdue import FAR, NEAR, OVERDUE
from desktop.ledger.report import GROUPINGS, Dashboard
from desktop.ledger.status import label
from desktop.ledger.table import LedgerRow
from desktop.ledger.task_numbers import printed_numbers

TITLE_FONT, HEADER_FONT, BODY_FONT = "宋体", "黑体", "仿宋"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
GROUP_HEADERS = ("序号", "名称", "任务数", "已完成", "已销号", "超期", "完成率")
OVERDUE_HEADERS = ("序号", "编号", "整改任务", "牵头单位", "完成时限", "超期天数")
REMINDER_HEADERS = (
    "序号",
    "编号",
    "整改任务",
    "牵头领导",
    "完成时限",
    "状态",
    "期限情况",
    "最新进展",
)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def summary_sentence(data: Dashboard) -> str:
    """The 通报's opening count, as an office writes it."""
    s = data.summary
    n = s.by_status
    text = (
        f"截至{chinese_date(s.as_of)}，共有整改任务{s.total.tasks}项，其中已销号{n['closed']}项、"
        f"已完成{n['done']}项、推进中{n['in_progress']}项、未启动{n['not_started']}项、"
        f"长期坚持{n['ongoing']}项，完成率{format_rate(s.total.completion_rate)}；"
        f"超期未完成{len(s.overdue)}项。"
    )
    if data.earlier is not None:
        e = data.earlier
        finished = (s.total.done + s.total.closed) - (e.total.done + e.total.closed)
        text += (
            f"与{chinese_date(e.as_of)}相比，新完成{finished}项，完成率由"
            f"{format_rate(e.total.completion_rate)}变为{format_rate(s.total.completion_rate)}，"
            f"超期任务由{len(e.overdue)}项变为{len(s.overdue)}项。"
        )
    return text


def _group_headers(data: Dashboard) -> tuple[str, ...]:
    """序号 · 牵头单位 (方案, 牵头领导) · 任务数 …"""
    return (GROUP_HEADERS[0], GROUPINGS[data.by].removeprefix("按"), *GROUP_HEADERS[2:])


def _group_rows(data: Dashboard) -> list[tuple]:
    return [
        (n, g.name, g.later.tasks, g.later.done, g.later.closed, g.later.overdue,
         format_rate(g.later.completion_rate))
        for n, g in enumerate(data.groups, start=1)
    ]  # fmt: skip


def _overdue_rows(data: Dashboard, numbers: Mapping[int, str] | None = None) -> list[tuple]:
    if numbers is None:
        numbers = printed_numbers(o.task.plan_id for o in data.overdue)
    return [
        (n, numbers.get(o.task.id, ""), o.task.title, "、".join(o.task.lead_units),
         o.task.deadline_text or str(o.task.due_date or ""), f"{o.days_over}天")
        for n, o in enumerate(data.overdue, start=1)
    ]  # fmt: skip


# ----- .xlsx --------------------------------------------------------------------------------
class _Sheet:
    """Writes rows top-down on an A4 sheet with fixed column widths."""

    def __init__(self, sheet, widths: Sequence[float], landscape: bool = False) -> None:
        self.sheet, self.row, self.columns = sheet, 1, len(widths)
        for n, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        setup = sheet.page_setup
        setup.paperSize = sheet.PAPERSIZE_A4
        setup.orientation = "landscape" if landscape else "portrait"
        setup.fitToWidth, setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
        self.widths = list(widths)

    def line(self, text: str, font: Font, align: Alignment = WRAP, height: float = 0) -> None:
        cell = self.sheet.cell(self.row, 1, text)
        cell.font, cell.alignment = font, align
        self.sheet.merge_cells(start_row=self.row, end_row=self.row, start_column=1,
                               end_column=self.columns)  # fmt: skip
        if height:
            self.sheet.row_dimensions[self.row].height = height
        self.row += 1

    def table(self, headers: Sequence[str], rows: Sequence[Sequence], wide: set[int]) -> None:
        header_font, body_font = Font(name=HEADER_FONT, size=12), Font(name=BODY_FONT, size=12)
        for column, text in enumerate(headers, start=1):
            cell = self.sheet.cell(self.row, column, text)
            cell.font, cell.alignment, cell.border = header_font, CENTRE, BORDER
        self.sheet.row_dimensions[self.row].height = 24
        self.row += 1
        for values in rows:
            lines = 1
            for column, value in enumerate(values, start=1):
                cell = self.sheet.cell(self.row, column, value)
                cell.font, cell.border = body_font, BORDER
                cell.alignment = WRAP if column - 1 in wide else CENTRE
                text = str(value)
                lines = max(lines, -(-len(text) * 2 // max(int(self.widths[column - 1]) - 1, 1)))
            self.sheet.row_dimensions[self.row].height = 8 + 16 * lines
            self.row += 1
        self.row += 1


def _bulletin_workbook(
    data: Dashboard, title: str, numbers: Mapping[int, str] | None = None
) -> Workbook:
    book = Workbook()
    out = _Sheet(book.active, (6, 30, 9, 9, 9, 9, 10))
    book.active.title = "通报"
    out.line(title, Font(name=TITLE_FONT, size=18, bold=True), CENTRE, 36)
    out.line(f"（截至{chinese_date(data.summary.as_of)}）", Font(name=BODY_FONT, size=12), CENTRE)
    out.line(summary_sentence(data), Font(name=BODY_FONT, size=12), WRAP, 90)
    out.line(f"一、{GROUPINGS[data.by]}统计", Font(name=HEADER_FONT, size=14), WRAP, 26)
    out.table(_group_headers(data), _group_rows(data), {1})
    overdue = book.create_sheet("超期任务")
    out2 = _Sheet(overdue, (6, 7, 36, 22, 16, 10))
    out2.line("超期任务清单", Font(name=TITLE_FONT, size=16, bold=True), CENTRE, 30)
    out2.line(f"（截至{chinese_date(data.summary.as_of)}，共{len(data.overdue)}项）",
              Font(name=BODY_FONT, size=12), CENTRE)  # fmt: skip
    out2.table(OVERDUE_HEADERS, _overdue_rows(data, numbers), {2, 3, 4})
    return book


def write_bulletin_xlsx(
    data: Dashboard,
    target: Path,
    title: str = "整改任务落实情况通报",
    numbers: Mapping[int, str] | None = None,
) -> Path:
    """`numbers`: task id → printed 序号 (default: read from the plans)."""
    book = _bulletin_workbook(data, title, numbers)
    (written,) = write_files([(Path(target), lambda path: book.save(path))])
    return written


# ----- .docx --------------------------------------------------------------------------------
def _east_asian(run, font: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _docx_table(
    document, headers: Sequence[str], rows: Sequence[Sequence], widths_mm: Sequence[float],
    wide: set[int],
) -> None:  # fmt: skip
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid LibreOffice and WPS read
    for values, font in ((headers, HEADER_FONT), *((row, BODY_FONT) for row in rows)):
        cells = table.rows[0].cells if font == HEADER_FONT else table.add_row().cells
        for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.width = Mm(widths_mm[column])
            paragraph = cell.paragraphs[0]
            if column not in wide or font == HEADER_FONT:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _east_asian(paragraph.add_run(str(value)), font, 11)


def _bulletin_document(data: Dashboard, title: str, numbers: Mapping[int, str] | None = None):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(26))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(heading.add_run(title), TITLE_FONT, 22, bold=True)
    when = document.add_paragraph()
    when.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _east_asian(when.add_run(f"（截至{chinese_date(data.summary.as_of)}）"), BODY_FONT, 16)
    body = document.add_paragraph()
    body.paragraph_format.first_line_indent = Mm(11)
    _east_asian(body.add_run(summary_sentence(data)), BODY_FONT, 16)
    _east_asian(document.add_paragraph().add_run(f"一、{GROUPINGS[data.by]}统计"), HEADER_FONT, 16)
    _docx_table(document, _group_headers(data), _group_rows(data),
                (12, 58, 17, 17, 17, 15, 22), {1})  # fmt: skip
    second = document.add_paragraph()
    second.paragraph_format.space_before = Mm(6)
    _east_asian(second.add_run("二、超期任务清单"), HEADER_FONT, 16)
    if data.overdue:
        _docx_table(document, OVERDUE_HEADERS, _overdue_rows(data, numbers),
                    (12, 12, 50, 36, 28, 18), {2, 3})  # fmt: skip
    else:
        _east_asian(document.add_paragraph().add_run("无超期任务。"), BODY_FONT, 16)
    return document


def write_bulletin_docx(
    data: Dashboard,
    target: Path,
    title: str = "整改任务落实情况通报",
    numbers: Mapping[int, str] | None = None,
) -> Path:
    """`numbers`: task id → printed 序号 (default: read from the plans)."""
    document = _bulletin_document(data, title, numbers)
    (written,) = write_files([(Path(target), lambda path: document.save(str(path)))])
    return written


# ----- 催办单 -------------------------------------------------------------------------------
REMIND_URGENCIES = (OVERDUE, NEAR, FAR)


def reminder_rows(rows: Sequence[LedgerRow]) -> dict[str, list[LedgerRow]]:
    """Per lead unit, its overdue and due-soon tasks, most urgent first; units with none
    are left out."""
    by_unit: dict[str, list[LedgerRow]] = {}
    for row in rows:
        if row.urgency in REMIND_URGENCIES:
            for unit in row.task.lead_units:
                by_unit.setdefault(unit, []).append(row)
    for unit_rows in by_unit.values():
        unit_rows.sort(key=lambda r: (r.days_left, r.id))
    return dict(sorted(by_unit.items()))


def _deadline_state(row: LedgerRow) -> str:
    if row.days_left is None:
        return ""
    return f"超期{-row.days_left}天" if row.days_left < 0 else f"还剩{row.days_left}天"


def _reminder_workbook(
    unit: str, rows: Sequence[LedgerRow], as_of: date, office: str, numbers: Mapping[int, str]
):
    book = Workbook()
    out = _Sheet(book.active, (6, 7, 34, 12, 16, 10, 12, 34), landscape=True)
    book.active.title = "催办单"
    out.line("整改任务催办单", Font(name=TITLE_FONT, size=20, bold=True), CENTRE, 38)
    body = Font(name=BODY_FONT, size=14)
    late = sum(1 for r in rows if r.urgency == OVERDUE)
    out.line(f"{unit}：", body)
    counts = "、".join(
        part for part in (late and f"{late}项已超过完成时限",
                          len(rows) - late and f"{len(rows) - late}项即将到期") if part
    )  # fmt: skip
    out.line(
        f"截至{chinese_date(as_of)}，贵单位牵头的整改任务中有{counts}（见下表）。请抓紧推进，"
        "并于收到本单后5个工作日内书面报送进展情况；确需延期的，请按程序提出延期申请。",
        body, WRAP, 60,
    )  # fmt: skip
    table = [
        (n, numbers.get(r.id, ""), r.task.title, "、".join(r.task.leaders),
         r.task.deadline_text or (r.task.due_date.isoformat() if r.task.due_date else ""),
         label(r.task.status), _deadline_state(r), r.latest_progress)
        for n, r in enumerate(rows, start=1)
    ]  # fmt: skip
    out.table(REMINDER_HEADERS, table, {2, 7})
    out.line(f"{office}（盖章）          {chinese_date(as_of)}", body,
             Alignment(horizontal="right", vertical="center"))  # fmt: skip
    out.line("签收人：               签收日期：", body)
    return book


def safe_file_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "单位"


def write_reminders(
    rows: Sequence[LedgerRow],
    as_of: date,
    folder: Path,
    office: str = "督查室",
    numbers: Mapping[int, str] | None = None,
) -> list[Path]:
    """One 催办单 workbook per lead unit with overdue or due-soon tasks, in `folder`;
    `numbers`: task id → printed 序号 (default: read from the plans)."""
    folder = Path(folder)
    jobs = []
    by_unit = reminder_rows(rows)
    if numbers is None:
        numbers = printed_numbers(r.task.plan_id for found in by_unit.values() for r in found)
    for unit, unit_rows in by_unit.items():
        book = _reminder_workbook(unit, unit_rows, as_of, office, numbers)
        jobs.append((folder / f"催办单_{safe_file_name(unit)}.xlsx", book.save))
    return write_files(jobs)
