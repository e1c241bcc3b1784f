"""Sane limits on what the importer reads, checked before the work (issue 19).

A published plan is a few dozen pages; these limits are far above any real plan and far
below what would take the importer more than a few seconds or a few hundred MB.
"""

from __future__ import annotations

from desktop.importing.errors import ImportFailure

#: Any input file (a .docx with pictures, a PDF with scanned attachments).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: A plain-text file (2,000,000 characters are at most 8 MB in UTF-8).
MAX_TEXT_BYTES = 8 * 1024 * 1024
#: Characters of text handed to the parser, from any format.
MAX_TEXT_CHARS = 2_000_000
#: Lines, paragraphs and table rows handed to the parser.
MAX_LINES = 50_000
#: Paragraphs (table cells included) of a .docx, .doc or .wps document.
MAX_PARAGRAPHS = 20_000
#: Pages of a PDF or OFD file.
MAX_PAGES = 2_000
#: Uncompressed size of one XML part of a .docx or .ofd package.
MAX_PART_BYTES = 32 * 1024 * 1024
#: Plans found in one document: more means the document is not a plan.
MAX_PLANS = 1_000
#: Headings, tasks and measures in one plan.
MAX_NODES = 5_000


def _wan(count: int) -> str:
    return f"{count // 10_000}万" if count % 10_000 == 0 else str(count)


def check_text_size(chars: int, lines: int, source: str) -> None:
    """Refuse text too long to be a plan, before it is parsed."""
    if chars > MAX_TEXT_CHARS:
        raise ImportFailure(source, f"文字超过{_wan(MAX_TEXT_CHARS)}字，不像是一份整改方案，未导入")
    if lines > MAX_LINES:
        raise ImportFailure(source, f"段落超过{_wan(MAX_LINES)}个，不像是一份整改方案，未导入")


class TextBudget:
    """Counts text as a reader extracts it and refuses once a limit is passed."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.chars = 0
        self.lines = 0

    def add(self, text: str, lines: int = 1) -> None:
        self.chars += len(text)
        self.lines += lines
        if self.chars > MAX_TEXT_CHARS or self.lines > MAX_LINES:
            check_text_size(self.chars, self.lines, self.source)


def check_pages(pages: int, source: str) -> None:
    if pages > MAX_PAGES:
        raise ImportFailure(source, f"有{pages}页，超过{MAX_PAGES}页，不像是一份整改方案，未导入")
