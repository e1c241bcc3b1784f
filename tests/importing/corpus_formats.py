"""The project's own made-up plans (tests/importing/corpus) in every format the importer reads.

Each writer turns the clean text of a plan into a file of one format, as a clerk receives it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.importing.doc_writer import write_doc as _write_doc
from tests.importing.ofd_writer import write_ofd as _write_ofd
from tests.importing.pdf_writer import write_pdf as _write_pdf
from tests.importing.printed import printed, wrap

CORPUS = Path(__file__).resolve().parent / "corpus"


def plans() -> list[Path]:
    """Every made-up plan text that has an expected file beside it."""
    return sorted(
        path
        for path in CORPUS.glob("*.txt")
        if path.with_name(path.stem + ".expected.json").is_file()
    )


def write_txt(text: str, target: Path) -> Path:
    path = target.with_suffix(".txt")
    path.write_text(text, encoding="utf-8")
    return path


def write_gbk(text: str, target: Path) -> Path:
    path = target.with_suffix(".txt")
    path.write_bytes(text.encode("gb18030"))
    return path


def write_printed(text: str, target: Path) -> Path:
    """Text copied out of a PDF: hard-wrapped at 28 characters, page numbers, running header."""
    path = target.with_suffix(".txt")
    path.write_text(printed(text, header="某某县人民政府公报"), encoding="utf-8")
    return path


def write_docx(text: str, target: Path) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    path = target.with_suffix(".docx")
    document.save(path)
    return path


def printed_pages(text: str, lines_per_page: int = 22) -> list[list[str]]:
    """The lines of each printed page (28 characters a line), page number at the foot."""
    lines = [line for para in text.splitlines() if para.strip() for line in wrap(para.strip())]
    pages = [
        lines[start : start + lines_per_page] for start in range(0, len(lines), lines_per_page)
    ]
    return [[*page, f"— {number} —"] for number, page in enumerate(pages, start=1)]


def write_pdf(text: str, target: Path) -> Path:
    return _write_pdf(target.with_suffix(".pdf"), printed_pages(text))


def write_ofd(text: str, target: Path) -> Path:
    return _write_ofd(target.with_suffix(".ofd"), printed_pages(text))


def write_doc(text: str, target: Path) -> Path:
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return _write_doc(target.with_suffix(".doc"), paragraphs)


def write_qt_pdf(text: str, target: Path) -> Path:
    """A PDF as an office program prints it: Qt lays the text out on A4 pages with an
    embedded CJK font (needs a QGuiApplication and a Chinese font)."""
    import pytest
    from PySide6.QtGui import QFont, QFontDatabase, QPageSize, QPdfWriter, QTextDocument

    family = next((f for f in QFontDatabase.families() if "CJK SC" in f or f == "SimSun"), None)
    if family is None:
        pytest.skip("no Chinese font on this machine")
    path = target.with_suffix(".pdf")
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.setDefaultFont(QFont(family, 16))
    document.setPlainText("\n".join(line.strip() for line in text.splitlines() if line.strip()))
    document.print_(writer)
    del writer
    return path


WRITERS: dict[str, Callable[[str, Path], Path]] = {
    "txt": write_txt,
    "gbk": write_gbk,
    "printed": write_printed,
    "docx": write_docx,
    "pdf": write_pdf,
    "ofd": write_ofd,
    "doc": write_doc,
    "qt_pdf": write_qt_pdf,
}
