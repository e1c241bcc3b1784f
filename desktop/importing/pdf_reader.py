"""Text PDF → source lines, page by page, through PDFium (pypdfium2).

No OCR: a PDF without a text layer (a scan) is refused. The page count is checked before
any page is read, and the text against the importer's limits while it is extracted.
"""

from __future__ import annotations

import re

from desktop.importing.blocks import SourceLine
from desktop.importing.errors import ImportFailure
from desktop.importing.limits import TextBudget, check_pages
from desktop.importing.radicals import fix_radicals

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\x0b\x0c]")
#: A page with fewer readable characters than this is an image of text.
_MIN_PAGE_CHARS = 2


def read_pdf(data: bytes, source: str) -> list[SourceLine]:
    """The lines of every page in reading order; a page break is a blank line."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PASSWORD_ERROR:
            raise ImportFailure(source, "已加密（需要密码才能打开），请解除密码后再导入") from None
        raise ImportFailure(source, "已损坏或不完整（不是有效的 PDF 文件），无法导入") from None
    try:
        return _read_pages(document, source)
    except pdfium.PdfiumError:
        raise ImportFailure(source, "已损坏或不完整（不是有效的 PDF 文件），无法导入") from None
    finally:
        document.close()


def _read_pages(document, source: str) -> list[SourceLine]:
    count = len(document)
    if count == 0:
        raise ImportFailure(source, "没有任何页面，无法导入")
    check_pages(count, source)
    budget = TextBudget(source)
    lines: list[SourceLine] = []
    readable = 0
    for index in range(count):
        page = document[index]
        try:
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
            finally:
                textpage.close()
        finally:
            page.close()
        pieces = _LINE_BREAKS.split(fix_radicals(text.replace("\x00", "")))
        budget.add(text, len(pieces))
        if sum(1 for char in text if not char.isspace()) >= _MIN_PAGE_CHARS:
            readable += 1
        for piece in pieces:
            lines.append(SourceLine(len(lines) + 1, piece))
        lines.append(SourceLine(len(lines) + 1, ""))
    if readable == 0:
        raise ImportFailure(source, "：这是扫描件，没有可读取的文字（本程序不做文字识别），未导入")
    return lines
