"""Word .docx → source lines and task-table rows, guarded against hostile files."""

from __future__ import annotations

import io
import re
import zipfile

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from desktop.importing import labelled
from desktop.importing.blocks import SourceLine, TableRow
from desktop.importing.docx_numbering import ListNumbers
from desktop.importing.errors import ImportFailure
from desktop.importing.limits import MAX_PARAGRAPHS, MAX_PART_BYTES, TextBudget

_MAX_UNPACKED = 200 * 1024 * 1024
_CHUNK = 1024 * 1024
_PARAGRAPH_TAGS = (b"<w:p>", b"<w:p ")
_MAX_RATIO = 200
_PROLOG_BYTES = 64 * 1024

#: Every header synonym of the columns that are not fields of labelled text (those come
#: from labelled.classify_label): the one table of task-table header words.
_COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("number", r"^(?:序号|编号|序|号)$"),
    ("section", r"^(?:类别|问题类别|整改类别|方面|类型|项目|领域|分类)$"),
    (
        "title",
        r"整改任务|任务名称|整改事项|工作任务|任务$|事项$|整改项目|重点任务|重点工作|主要工作"
        r"|工作事项|任务内容|工作内容|重点事项|整改内容$",
    ),
)


def _column(header: str) -> str | None:
    word = re.sub(r"\s", "", header)
    if not word:
        return None
    for name, pattern in _COLUMN_WORDS:
        if re.search(pattern, word):
            return name
    field = labelled.classify_label(word)
    if field == labelled.DEADLINE:
        return "deadline"
    return field


def _responsible_as_support(headers: list[str], columns: list[str | None]) -> list[str | None]:
    """Beside a 牵头单位 column, a 责任单位 column names the supporting units."""
    words = [re.sub(r"\s", "", header) for header in headers]
    has_lead = any(
        name == labelled.LEAD_UNITS and "牵头" in word
        for name, word in zip(columns, words, strict=False)
    )
    if not has_lead:
        return columns
    return [
        labelled.SUPPORT_UNITS
        if name == labelled.LEAD_UNITS and labelled.names_responsible_units(word)
        else name
        for name, word in zip(columns, words, strict=False)
    ]


def _check_package(data: bytes, source: str) -> zipfile.ZipFile:
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise ImportFailure(source, "已损坏或不完整（不是有效的 .docx 文件），无法导入") from None
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise ImportFailure(source, "不是 Word 文档（缺少正文部分），无法导入")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > _MAX_UNPACKED or (info.file_size > 10 * 1024 * 1024 and ratio > _MAX_RATIO):
            raise ImportFailure(source, "解压后的内容异常庞大（疑似压缩炸弹），已拒绝导入")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            _check_part(package, info, source)
    _check_body(package, package.getinfo("word/document.xml"), source)
    return package


def _check_body(package: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> None:
    """Refuse a body too big to be a plan by its size and paragraph count, before parsing."""
    if info.file_size > MAX_PART_BYTES:
        raise ImportFailure(source, "正文过于庞大，不像是一份整改方案，未导入")
    count, tail, size = 0, b"", 0
    try:
        with package.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                window = tail + chunk
                count += sum(window.count(tag) for tag in _PARAGRAPH_TAGS)
                tail = window[-4:]
                if count > MAX_PARAGRAPHS or size > MAX_PART_BYTES:
                    raise ImportFailure(source, "段落或文字过多，不像是一份整改方案，未导入")
    except ImportFailure:
        raise
    except Exception:  # zlib.error, BadZipFile, EOFError from a damaged member
        raise ImportFailure(source, "已损坏或不完整（不是有效的 .docx 文件），无法导入") from None


def _check_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, source: str) -> None:
    """Refuse DTDs and entities (billion laughs, external entities) before any real parse."""
    try:
        with package.open(info) as stream:
            head = stream.read(_PROLOG_BYTES)
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, ValueError):
        raise ImportFailure(source, "已损坏或不完整（不是有效的 .docx 文件），无法导入") from None
    except Exception:  # zlib.error and friends from a truncated member
        raise ImportFailure(source, "已损坏或不完整（不是有效的 .docx 文件），无法导入") from None
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or b"<\x00!\x00D\x00O\x00C" in head:
        raise ImportFailure(source, "含有不安全的 XML 实体定义，已拒绝导入")
    parser = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(head)
    except DefusedXmlException:
        raise ImportFailure(source, "含有不安全的 XML 实体定义，已拒绝导入") from None
    except Exception:
        # a chunk may end mid-tag, which is fine; only the prolog matters here
        pass


def read_docx(data: bytes, source: str) -> list[SourceLine | TableRow]:
    """Paragraphs (split at line breaks) and table rows in document order."""
    package = _check_package(data, source)
    package.close()
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError

        document = docx.Document(io.BytesIO(data))
    except PackageNotFoundError:
        raise ImportFailure(source, "不是 Word 文档，无法导入") from None
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError):
        raise ImportFailure(source, "已损坏或不完整（不是有效的 .docx 文件），无法导入") from None
    except Exception as error:  # lxml.etree.XMLSyntaxError and other damage
        raise ImportFailure(source, f"内容已损坏，无法读取（{type(error).__name__}）") from None
    blocks: list[SourceLine | TableRow] = []
    budget = TextBudget(source)
    counter = Counter()
    numbers = ListNumbers(document)
    tables = 0
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            tables += 1
            before = len(blocks)
            _read_table(item, tables, counter, blocks)
            for block in blocks[before:]:
                budget.add(
                    block.text if isinstance(block, SourceLine) else "".join(block.fields.values())
                )
        else:
            text = paragraph_text(item._p)
            prefix = numbers.prefix(item) if text.strip() else ""
            budget.add(text)
            for piece in (prefix + text).split("\n"):
                blocks.append(SourceLine(counter.next(), piece))
    return blocks


_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_RUN = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r"
_RUN_HOLDERS = tuple(
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag
    for tag in ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "customXml")
)
_RUN_CONTENT = tuple(
    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag
    for tag in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab")
)


def paragraph_text(p) -> str:
    """python-docx's Paragraph.text without an XPath per run (several times faster), also
    reading runs inside tracked insertions, smart tags, simple fields and content controls
    (deleted text is left out)."""
    parts: list[str] = []
    for child in p.iterchildren(_RUN, *_RUN_HOLDERS):
        runs = (child,) if child.tag == _RUN else child.iter(_RUN)
        for run in runs:
            parts.extend(str(element) for element in run.iterchildren(*_RUN_CONTENT))
    return "".join(parts)


class Counter:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _cells(row) -> list[str]:
    """The row's cell texts, a cell merged across columns counted once."""
    texts: list[str] = []
    seen: list[object] = []
    for cell in row.cells:
        if any(cell._tc is other for other in seen):
            continue
        seen.append(cell._tc)
        pieces = (paragraph_text(p).strip() for p in cell._tc.iterchildren(_PARAGRAPH))
        texts.append("\n".join(piece for piece in pieces if piece))
    return texts


def _read_table(table, number: int, counter: Counter, out: list) -> None:
    table_blocks([_cells(row) for row in table.rows], number, counter, out)


def table_blocks(rows: list[list[str]], number: int, counter: Counter, out: list) -> None:
    """Task-table rows (cell texts) as TableRows when a header names the columns, else as
    source lines; `number` counts the document's tables, for messages."""
    header_index, columns = None, []
    for index, cells in enumerate(rows[:3]):
        mapped = [_column(cell) if "\n" not in cell else None for cell in cells]
        found = set(filter(None, mapped))
        if found & {"title", "problem", "text"} and found & {
            labelled.LEADERS,
            labelled.LEAD_UNITS,
            "deadline",
        }:
            header_index, columns = index, _responsible_as_support(cells, mapped)
            break
    if header_index is None:
        for cells in rows:
            for cell in cells:
                for piece in cell.split("\n"):
                    out.append(SourceLine(counter.next(), piece))
        return
    for _ in rows[: header_index + 1]:
        counter.next()
    section = ""
    for row_index, cells in enumerate(rows[header_index + 1 :], start=header_index + 2):
        line = counter.next()
        where = f"表格{number}第{row_index}行"
        distinct = {cell for cell in cells if cell}
        if len(cells) < len(columns) and len(distinct) == 1:
            section = distinct.pop()
            continue
        fields: dict[str, str] = {}
        for name, cell in zip(columns, cells, strict=False):
            if name is None or not cell:
                continue
            if name == "section":
                section = cell
                continue
            key = labelled.DEADLINE if name == "deadline" else name
            fields[key] = f"{fields[key]}\n{cell}" if key in fields else cell
        if not any(fields.get(key) for key in ("title", "problem", "text")):
            if fields:
                out.append(TableRow(line, where, fields, section))
            continue
        out.append(TableRow(line, where, fields, section))
