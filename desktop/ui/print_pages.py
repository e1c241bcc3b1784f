"""The program's own print preview, printing and PDF: the breakdown table's pages painted
with QPainter from the exporter's geometry, so they break exactly where the workbook does.
No LibreOffice needed; CJK fonts are embedded by Qt's PDF writer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPagedPaintDevice, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget

from desktop.exporting import layout, pages
from desktop.exporting.breakdown import SheetSpec
from desktop.exporting.printed import PrintedSheet, printed_sheet
from desktop.exporting.safe_write import write_files

PAGE_WIDTH_PT = 841.9
TOP_PT = 72 * pages.MARGIN_TOP_IN
FOOTER_PT = 72 * 0.3
BODY_FAMILIES = ["仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Sans CJK SC"]
HEADER_FAMILIES = ["黑体", "SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei"]
TITLE_FAMILIES = ["宋体", "SimSun", "Noto Serif CJK SC", "Noto Sans CJK SC"]


def page_layout() -> QPageLayout:
    """A4 landscape with no margins: the painter places everything itself."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape,
        QMarginsF(0, 0, 0, 0),
        QPageLayout.Unit.Point,
    )


def _font(families: list[str], size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


class _Painter:
    """Draws in points on a paged device of any resolution."""

    def __init__(self, painter: QPainter, resolution: int) -> None:
        self.painter = painter
        self.k = resolution / 72.0

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        k = self.k
        return QRectF(x * k, y * k, w * k, h * k)

    def box(self, x: float, y: float, w: float, h: float) -> None:
        self.painter.drawRect(self.rect(x, y, w, h))

    def text(self, x, y, w, h, text: str, font: QFont, align: Qt.AlignmentFlag) -> None:
        self.painter.setFont(font)
        self.painter.drawText(
            self.rect(x, y, w, h), int(align | Qt.AlignmentFlag.AlignVCenter), text
        )

    def lines(self, x, y, w, h, lines: list[str], font: QFont, size: float, centred: bool) -> None:
        """Lines cut by the height model, centred vertically in the cell like the workbook."""
        pitch = size * layout.LINE_FACTOR
        top = y + (h - pitch * len(lines)) / 2
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        pad = layout.CELL_PADDING_PT / 2
        for index, line in enumerate(lines):
            self.text(x + pad, top + index * pitch, w - 2 * pad, pitch, line, font, align)


def paint_sheets(device: QPagedPaintDevice, sheets: list[PrintedSheet], resolution: int) -> int:
    """Paint every page of `sheets` on `device`; returns the number of pages."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("无法开始绘制打印页面")
    draw = _Painter(painter, resolution)
    count = 0
    try:
        for sheet in sheets:
            for number, page in enumerate(sheet.pages, start=1):
                if count:
                    device.newPage()
                _paint_page(draw, sheet, page, number)
                count += 1
    finally:
        painter.end()
    return count


def _paint_page(draw: _Painter, sheet: PrintedSheet, page: list[pages.Block], number: int) -> None:
    unit = layout.POINTS_PER_UNIT
    widths = [w * unit for w in sheet.widths]
    left = (PAGE_WIDTH_PT - sum(widths)) / 2
    xs = [left]
    for width in widths:
        xs.append(xs[-1] + width)
    total = sum(widths)
    y = TOP_PT
    title_font = _font(TITLE_FAMILIES, layout.TITLE_SIZE, bold=True)
    draw.text(
        left, y, total, sheet.title_height, sheet.title, title_font, Qt.AlignmentFlag.AlignHCenter
    )
    y += sheet.title_height
    info_font = _font(BODY_FAMILIES, layout.INFO_SIZE)
    for index, (first, last, text) in enumerate(sheet.info):
        align = (
            Qt.AlignmentFlag.AlignRight
            if index == len(sheet.info) - 1
            else Qt.AlignmentFlag.AlignLeft
        )
        draw.text(xs[first], y, xs[last + 1] - xs[first], sheet.info_height, text, info_font, align)
    y += sheet.info_height
    header_font = _font(HEADER_FAMILIES, layout.HEADER_SIZE)
    for index, text in enumerate(sheet.headers):
        draw.box(xs[index], y, widths[index], sheet.header_height)
        draw.text(
            xs[index],
            y,
            widths[index],
            sheet.header_height,
            text,
            header_font,
            Qt.AlignmentFlag.AlignHCenter,
        )
    y += sheet.header_height
    body_font = _font(BODY_FAMILIES, sheet.size)
    section_font = _font(HEADER_FAMILIES, sheet.size)
    for block in page:
        if block.section:
            draw.box(left, y, total, block.height)
            lines = [
                line
                for line, _end in layout.wrap_lines(block.texts[0], sum(sheet.widths), sheet.size)
            ]
            draw.lines(left, y, total, block.height, lines, section_font, sheet.size, False)
        else:
            for index, text in enumerate(block.texts):
                draw.box(xs[index], y, widths[index], block.height)
                lines = (
                    [
                        line
                        for line, _end in layout.wrap_lines(text, sheet.widths[index], sheet.size)
                    ]
                    if text
                    else []
                )
                draw.lines(
                    xs[index],
                    y,
                    widths[index],
                    block.height,
                    lines,
                    body_font,
                    sheet.size,
                    sheet.centred[index],
                )
        y += block.height
    footer_y = 595.3 - FOOTER_PT - 14
    draw.text(
        0,
        footer_y,
        PAGE_WIDTH_PT,
        14,
        sheet.footer(number),
        _font(BODY_FAMILIES, 10),
        Qt.AlignmentFlag.AlignHCenter,
    )


def printed_sheets(specs: list[SheetSpec]) -> list[PrintedSheet]:
    return [printed_sheet(spec) for spec in specs]


def write_pdf(specs: list[SheetSpec], target: Path, title: str = "") -> Path:
    """The table's pages as a PDF at `target` (written to a temporary name, then renamed)."""
    sheets = printed_sheets(specs)

    def write(temporary: Path) -> None:
        writer = QPdfWriter(str(temporary))
        writer.setPageLayout(page_layout())
        writer.setResolution(600)
        writer.setTitle(title or (specs[0].title if specs else ""))
        writer.setCreator("整改台账")
        paint_sheets(writer, sheets, writer.resolution())
        del writer  # the file is finished when the writer goes

    return write_files([(Path(target), write)])[0]


def preview(parent: QWidget | None, specs: list[SheetSpec]) -> None:
    """文件 → 打印预览: the pages in QPrintPreviewDialog, printable from there."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    sheets = printed_sheets(specs)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    printer.setFullPage(True)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    dialog.paintRequested.connect(lambda device: paint_sheets(device, sheets, device.resolution()))
    dialog.exec()


def write_pdf_headless(specs, target: Path) -> Path:
    """`write_pdf` for the command line: a QGuiApplication made on demand, offscreen when
    Linux has no display."""
    import os
    import sys

    from PySide6.QtGui import QGuiApplication

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - kept alive
    return write_pdf(specs, target)
