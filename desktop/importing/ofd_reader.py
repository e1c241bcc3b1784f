"""OFD (GB/T 33190, the state format for electronic official documents) → source lines.

An OFD file is a zip of XML parts: OFD.xml names the document root, the document lists its
pages, and each page's content holds TextObjects whose TextCodes are placed by position. The
characters of one printed line may sit in several objects; they are put back into lines by
their baseline and read left to right, pages in document order.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from desktop.importing.blocks import SourceLine
from desktop.importing.errors import ImportFailure
from desktop.importing.limits import MAX_PART_BYTES, TextBudget, check_pages
from desktop.importing.radicals import fix_radicals

_MAX_UNPACKED = 200 * 1024 * 1024
_MAX_RATIO = 200
_DAMAGED = "已损坏或不完整（不是有效的 OFD 文件），无法导入"


@dataclass
class _Piece:
    y: float
    x: float
    size: float
    text: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str):
    return (child for child in element.iter() if _local(child.tag) == name)


def _numbers(value: str | None) -> list[float]:
    if not value:
        return []
    try:
        return [float(part) for part in value.replace(",", " ").split()]
    except ValueError:
        return []


def _advance(delta: str | None, count: int, size: float) -> float:
    """How far the pen moves over `count` characters: DeltaX ("g 3 2.5" repeats) or size."""
    steps: list[float] = []
    tokens = (delta or "").split()
    index = 0
    while index < len(tokens) and len(steps) < count:
        if tokens[index] == "g" and index + 2 < len(tokens):
            repeat, value = _numbers(tokens[index + 1]), _numbers(tokens[index + 2])
            if repeat and value:
                steps.extend([value[0]] * min(int(repeat[0]), count))
            index += 3
        else:
            steps.extend(_numbers(tokens[index]))
            index += 1
    steps += [size] * max(0, count - len(steps))
    return sum(steps[:count])


class _Package:
    def __init__(self, data: bytes, source: str) -> None:
        self.source = source
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError):
            raise ImportFailure(source, _DAMAGED) from None
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > _MAX_UNPACKED or (info.file_size > 10 * 1024 * 1024 and ratio > _MAX_RATIO):
                raise ImportFailure(source, "解压后的内容异常庞大（疑似压缩炸弹），已拒绝导入")
        self.names = {info.filename.lstrip("/").lower(): info for info in infos}

    def xml(self, path: str):
        info = self.names.get(path.lstrip("/").lower())
        if info is None:
            raise ImportFailure(self.source, f"缺少“{path}”部分（文件不完整），无法导入")
        if info.file_size > MAX_PART_BYTES:
            raise ImportFailure(self.source, "正文过于庞大，不像是一份整改方案，未导入")
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)
        except Exception:  # zlib.error, BadZipFile, EOFError from a damaged member
            raise ImportFailure(self.source, _DAMAGED) from None
        if len(data) > MAX_PART_BYTES:
            raise ImportFailure(self.source, "正文过于庞大，不像是一份整改方案，未导入")
        try:
            return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except DefusedXmlException:
            raise ImportFailure(self.source, "含有不安全的 XML 实体定义，已拒绝导入") from None
        except Exception:  # ParseError on truncated or broken XML
            raise ImportFailure(self.source, _DAMAGED) from None


def _join(base: str, location: str) -> str:
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return location.lstrip("/")
    return posixpath.normpath(posixpath.join(base, location))


def read_ofd(data: bytes, source: str) -> list[SourceLine]:
    """The lines of every page of the first document in the package."""
    package = _Package(data, source)
    root = package.xml("OFD.xml")
    doc_root = next((e.text for e in _children(root, "DocRoot") if e.text), None)
    if not doc_root:
        raise ImportFailure(source, _DAMAGED)
    document_path = _join("", doc_root)
    document = package.xml(document_path)
    if next(_children(document, "Encryptions"), None) is not None or any(
        name.endswith("encryptions.xml") for name in package.names
    ):
        raise ImportFailure(source, "已加密，请解除加密后再导入")
    pages = [e.get("BaseLoc") for e in _children(document, "Page") if e.get("BaseLoc")]
    if not pages:
        raise ImportFailure(source, "没有任何页面，无法导入")
    check_pages(len(pages), source)
    base = posixpath.dirname(document_path)
    budget = TextBudget(source)
    lines: list[SourceLine] = []
    readable = False
    for location in pages:
        page_path = _join(base, location)
        if not page_path.lower().endswith(".xml"):
            page_path = posixpath.join(page_path, "Content.xml")
        for text in _page_lines(package.xml(page_path)):
            budget.add(text)
            readable = readable or bool(text.strip())
            lines.append(SourceLine(len(lines) + 1, text))
        lines.append(SourceLine(len(lines) + 1, ""))
    if not readable:
        raise ImportFailure(source, "：这是扫描件，没有可读取的文字（本程序不做文字识别），未导入")
    return lines


_SPACE = re.compile(r"\s+")


def _page_lines(page) -> list[str]:
    pieces: list[_Piece] = []
    for text_object in _children(page, "TextObject"):
        box = _numbers(text_object.get("Boundary")) + [0.0, 0.0]
        size = (_numbers(text_object.get("Size")) or [3.5])[0] or 3.5
        x = y = 0.0
        for code in _children(text_object, "TextCode"):
            text = fix_radicals(code.text or "")
            x = (_numbers(code.get("X")) or [x])[0]
            y = (_numbers(code.get("Y")) or [y])[0]
            if text:
                pieces.append(_Piece(box[1] + y, box[0] + x, size, text))
            x += _advance(code.get("DeltaX"), len(text), size)
    pieces.sort(key=lambda piece: (piece.y, piece.x))
    rows: list[list[_Piece]] = []
    for piece in pieces:
        if rows and abs(piece.y - rows[-1][0].y) <= piece.size * 0.5:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda piece: piece.x)
        lines.append(_SPACE.sub(" ", "".join(piece.text for piece in row)))
    return lines
