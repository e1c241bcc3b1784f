"""Reading returned feedback workbooks (反馈表), without the database and without Qt.

The file is guarded before openpyxl opens it (size, zip entry sizes and ratios, no DTD in any
XML part: entity-expansion and zip bombs are refused at once), then the hidden metadata sheet,
the header row and every row's id and answer cells are read.  What people do to spreadsheets
is tolerated: a second save by WPS or LibreOffice, dates typed as text (2014.10.31,
2014年10月31日, 10月31日) or stored as serial numbers, blank rows, changed widths, a status
pasted over the drop-down.  Whether the workbook belongs to this database is judged in
desktop.operations.feedback.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop.exporting import feedback_format as fmt
from desktop.ledger.deadlines import deadline_date, fold

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ENTRIES = 500
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for parts over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
HEAD_BYTES = 64 * 1024  # a DOCTYPE stands before the root element
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEADER_SEARCH_ROWS = 30

STATUS_WORDS = {
    **fmt.ANSWER_STATUSES,
    "未开始": "not_started",
    "尚未启动": "not_started",
    "进行中": "in_progress",
    "正在推进": "in_progress",
    "推进": "in_progress",
    "完成": "done",
    "已办结": "done",
    "办结": "done",
    "长期": "ongoing",
    "持续推进": "ongoing",
}
_NUMERIC_DATE = re.compile(
    r"^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?(前|之前)?$"
)
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?(前|之前)?$")
EXCEL_EPOCH = date(1899, 12, 30)


class FeedbackError(ValueError):
    """A returned workbook that cannot be read; str() is one Chinese sentence naming it."""


@dataclass
class ReturnedRow:
    """One task row of a returned workbook: where it stands and what was written."""

    row: int
    task_id: int
    id_cell: str
    progress_cell: str
    progress: str = ""
    status: str | None = None
    expected: date | None = None
    expected_text: str = ""

    def has_answer(self) -> bool:
        return bool(self.progress or self.status or self.expected)


@dataclass
class ReturnedWorkbook:
    path: Path
    meta: dict[str, str]
    rows: list[ReturnedRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def guard(path: Path) -> None:
    """Refuse, before any XML is parsed, a file that is not a sound, modest .xlsx."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise FeedbackError(f"文件“{name}”不存在") from None
    except OSError as error:
        raise FeedbackError(f"无法读取“{name}”：{error.strerror or error}") from None
    if head == OLE_MAGIC or path.suffix.lower() == ".xls":
        raise FeedbackError(
            f"“{name}”是旧版 Excel 格式（.xls），请用 Excel 或 WPS 打开后“另存为” .xlsx 格式再导入"
        )
    if size > MAX_FILE_BYTES:
        raise FeedbackError(
            f"“{name}”超过 {MAX_FILE_BYTES // 1024 // 1024} MB，不像是反馈表，未读取"
        )
    damaged = f"“{name}”不是有效的 .xlsx 文件（文件不完整或已损坏），请让填报单位重新发送"
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise FeedbackError(damaged)
            total = 0
            for entry in entries:
                total += entry.file_size
                ratio_bad = entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
                    entry.compress_size, 1
                )
                if total > MAX_UNPACKED_BYTES or ratio_bad:
                    raise FeedbackError(f"“{name}”解压后异常庞大（疑似压缩炸弹），已拒绝读取")
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels", ".vml")):
                    with archive.open(entry) as part:
                        start = part.read(HEAD_BYTES)
                    if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                        raise FeedbackError(f"“{name}”含有不允许的 XML 实体定义，已拒绝读取")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError):
        raise FeedbackError(damaged) from None
    except (OSError, ValueError) as error:
        if isinstance(error, FeedbackError):
            raise
        raise FeedbackError(damaged) from None


def read_returned(path: Path) -> ReturnedWorkbook:
    """Read one returned workbook (guarded first)."""
    from openpyxl import load_workbook

    path = Path(path)
    guard(path)
    name = path.name
    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as error:  # noqa: BLE001 - any parser failure is a damaged file
        raise FeedbackError(
            f"“{name}”不是有效的 .xlsx 文件（文件不完整或已损坏），请让填报单位重新发送"
        ) from error
    try:
        if fmt.META_SHEET not in workbook.sheetnames:
            raise FeedbackError(f"“{name}”不是本程序导出的反馈表（缺少隐藏的反馈表信息），未导入")
        meta = _read_meta(workbook[fmt.META_SHEET])
        if meta.get("format") != fmt.FORMAT:
            raise FeedbackError(f"“{name}”的反馈表格式无法识别，未导入")
        sheets = [ws for ws in workbook.worksheets if ws.title != fmt.META_SHEET]
        if not sheets:
            raise FeedbackError(f"“{name}”中没有反馈表工作表")
        returned = ReturnedWorkbook(path, meta)
        _read_rows(sheets[0], returned)
        return returned
    finally:
        workbook.close()


def cell_text(value) -> str:
    """A cell's value as text: integral floats lose their .0, dates become ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_meta(sheet) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key, value in sheet.iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if key is not None:
            meta[cell_text(key)] = cell_text(value)
    return meta


def _unwrapped(text: str) -> str:
    """A header without the line breaks and spaces the printed table wraps it with."""
    return "".join(text.split())


def _find_header(sheet, name: str, signed_row: int) -> int:
    wanted = [_unwrapped(header) for header in fmt.HEADERS]
    for row in range(1, HEADER_SEARCH_ROWS + 1):
        texts = [
            _unwrapped(cell_text(sheet.cell(row=row, column=column).value))
            for column in range(1, len(fmt.HEADERS) + 1)
        ]
        if texts == wanted:
            return row
    for column, header in enumerate(fmt.HEADERS, start=1):
        cell = sheet.cell(row=signed_row, column=column)
        found = cell_text(cell.value)
        if _unwrapped(found) != _unwrapped(header):
            raise FeedbackError(
                f"“{name}”的表头被改动：单元格 {cell.coordinate} 应为“{header}”，"
                f"现为“{found}”，未导入"
            )
    raise FeedbackError(f"“{name}”中找不到反馈表的表头，未导入")


def _read_rows(sheet, returned: ReturnedWorkbook) -> None:
    name = returned.path.name
    signed_row = int(returned.meta.get("header_row") or 3)
    header = _find_header(sheet, name, signed_row)
    exported = _export_date(returned.meta.get("exported_at", ""))
    columns = fmt.ANSWER_COLUMNS
    for row in range(header + 1, sheet.max_row + 1):
        id_cell = sheet.cell(row=row, column=fmt.ID_COLUMN)
        raw_id = cell_text(id_cell.value)
        answers = {key: sheet.cell(row=row, column=column) for key, column in columns.items()}
        texts = {key: cell_text(cell.value) for key, cell in answers.items()}
        if not raw_id:
            if any(texts.values()):
                returned.warnings.append(f"第 {row} 行是手工添加的（没有任务编号），其内容未导入")
            continue
        if not raw_id.isdigit():
            raise FeedbackError(
                f"“{name}”单元格 {id_cell.coordinate} 的任务编号“{raw_id}”被改动过，未导入"
            )
        status_cell = answers["answer_status"]
        date_cell = answers["answer_date"]
        returned.rows.append(
            ReturnedRow(
                row=row,
                task_id=int(raw_id),
                id_cell=id_cell.coordinate,
                progress_cell=answers["answer_progress"].coordinate,
                progress=texts["answer_progress"],
                status=parse_status(texts["answer_status"], name, status_cell.coordinate),
                expected=parse_date(date_cell.value, exported, name, date_cell.coordinate),
                expected_text=texts["answer_date"],
            )
        )


def _export_date(text: str) -> date:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return date.today()


def parse_status(text: str, name: str = "", cell: str = "") -> str | None:
    """The status key for what a unit wrote in 完成情况 (None when empty)."""
    text = "".join(text.split())
    if not text:
        return None
    if text in STATUS_WORDS:
        return STATUS_WORDS[text]
    if text in ("已销号", "销号"):
        raise FeedbackError(
            f"“{name}”单元格 {cell} 填写了“已销号”：销号须由督办部门核验办理，请改为“已完成”"
        )
    choices = "、".join(fmt.ANSWER_STATUSES)
    raise FeedbackError(f"“{name}”单元格 {cell} 的完成情况“{text}”无法识别，应为：{choices}")


def parse_date(value, exported: date, name: str = "", cell: str = "") -> date | None:
    """预计完成时间 as a date: a date cell, an Excel serial number, or text such as
    2014.10.31, 2014-10-31, 2014年10月31日, 10月31日 (the year of the export, or the next
    when the day would lie well before it), 2014年10月底."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 < value < 80000:
            return EXCEL_EPOCH + timedelta(days=int(value))
        value = cell_text(value)
    text = "".join(fold(str(value)).split())
    if not text:
        return None
    found = _NUMERIC_DATE.match(text)
    if found:
        return _make_date(int(found[1]), int(found[2]), int(found[3]), name, cell, text)
    found = _MONTH_DAY.match(text)
    if found:
        day = _make_date(exported.year, int(found[1]), int(found[2]), name, cell, text)
        if day < exported - timedelta(days=183):
            day = _make_date(exported.year + 1, day.month, day.day, name, cell, text)
        return day
    guessed = deadline_date(text, exported.year)
    if guessed is not None:
        return guessed
    raise FeedbackError(
        f"“{name}”单元格 {cell} 的预计完成时间“{text}”无法识别，请写作 2014年10月31日 或 2014.10.31"
    )


def _make_date(year: int, month: int, day: int, name: str, cell: str, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise FeedbackError(f"“{name}”单元格 {cell} 的日期“{text}”不存在，请核对") from None
