"""Word 97-2003 .doc and WPS .wps (OLE compound files) → source lines, via the piece table.

The text of a Word binary file is a list of pieces (the piece table in the Clx of the table
stream, 1Table or 0Table as the FIB says); each piece is 16-bit (UTF-16LE) or 8-bit
("compressed", cp1252) text in the WordDocument stream. Field codes are dropped and their
results kept; paragraph, cell and line marks become line breaks.
"""

from __future__ import annotations

import io
import re
import struct

from desktop.importing.blocks import SourceLine, TableRow
from desktop.importing.docx_reader import Counter, table_blocks
from desktop.importing.errors import ImportFailure
from desktop.importing.limits import MAX_PARAGRAPHS, MAX_PART_BYTES, TextBudget

_DAMAGED = "已损坏或不完整，无法读取；可在 Word 或 WPS 中打开后另存为 .docx 再导入"
_FIB_IDENT = 0xA5EC
_WORD_97 = 0x00C0  # nFib of Word 97 and later; Word 6/95 files have 101-105
_FLAGS, _CCP_TEXT, _FC_CLX, _LCB_CLX = 0x000A, 0x004C, 0x01A2, 0x01A6
_ENCRYPTED, _WHICH_TABLE = 0x0100, 0x0200
_COMPRESSED = 0x40000000
#: cp1252 positions that Word's 8-bit pieces map to other characters.
_BYTE_FIXES = {0x82: "‚", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x96: "–", 0x97: "—"}
_MARKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-"})
_CONTROL = re.compile(r"[\x00-\x08\x0f-\x1d\x1f\x01\x08]")


class DocDamaged(Exception):
    """The Word binary structures do not add up."""


def read_doc(data: bytes, source: str) -> list[SourceLine | TableRow]:
    """The paragraphs of a .doc/.wps file as source lines."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception:  # olefile raises OSError and friends on damaged headers
        raise ImportFailure(source, _DAMAGED) from None
    try:
        if not ole.exists("WordDocument"):
            if ole.exists("Workbook") or ole.exists("Book"):
                raise ImportFailure(source, "是 Excel 表格，不是方案文档，无法导入")
            raise ImportFailure(
                source, "不是 Word 文档（可能是早期 WPS 格式），请另存为 .docx 后再导入"
            )
        for name in ("WordDocument", "1Table", "0Table"):
            if ole.exists(name) and ole.get_size(name) > MAX_PART_BYTES:
                raise ImportFailure(source, "正文过于庞大，不像是一份整改方案，未导入")
        word = ole.openstream("WordDocument").read()
        if len(word) >= 4 and _u16(word, 0) == _FIB_IDENT and _u16(word, 2) < _WORD_97:
            raise ImportFailure(
                source, "是 Word 95 或更早的格式，请在 Word 或 WPS 中另存为 .docx 后再导入"
            )
        flags = _u16(word, _FLAGS) if len(word) >= 0x20 else 0
        if flags & _ENCRYPTED:
            raise ImportFailure(source, "已加密（需要密码才能打开），请解除密码后再导入")
        table_name = "1Table" if flags & _WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise ImportFailure(source, "已损坏或不完整（缺少表格流），无法导入")
        table = ole.openstream(table_name).read()
        text = document_text(word, table)
    except ImportFailure:
        raise
    except (DocDamaged, struct.error, ValueError, OSError):
        raise ImportFailure(source, _DAMAGED) from None
    finally:
        ole.close()
    return _lines(text, source)


def _u16(data: bytes, offset: int) -> int:
    return struct.unpack_from("<H", data, offset)[0]


def _u32(data: bytes, offset: int) -> int:
    return struct.unpack_from("<I", data, offset)[0]


def pieces(table: bytes, fc_clx: int, lcb_clx: int) -> list[tuple[int, int, int, bool]]:
    """(cp_start, cp_end, byte offset, compressed) for each piece of the piece table."""
    if fc_clx + lcb_clx > len(table) or lcb_clx <= 0:
        raise DocDamaged("Clx outside the table stream")
    pos, end = fc_clx, fc_clx + lcb_clx
    while pos < end and table[pos] == 0x01:  # Prc: grpprl of property modifiers
        pos += 3 + _u16(table, pos + 1)
    if pos >= end or table[pos] != 0x02:
        raise DocDamaged("no Pcdt in the Clx")
    size = _u32(table, pos + 1)
    plc = pos + 5
    if plc + size > len(table) or (size - 4) % 12:
        raise DocDamaged("PlcPcd size")
    count = (size - 4) // 12
    cps = [_u32(table, plc + 4 * index) for index in range(count + 1)]
    result = []
    for index in range(count):
        fc = _u32(table, plc + 4 * (count + 1) + 8 * index + 2)
        compressed = bool(fc & _COMPRESSED)
        offset = (fc & ~_COMPRESSED) // 2 if compressed else fc
        result.append((cps[index], cps[index + 1], offset, compressed))
    return result


def document_text(word: bytes, table: bytes) -> str:
    """The main document text (CP 0 to ccpText) of a WordDocument stream."""
    if len(word) < _LCB_CLX + 4 or _u16(word, 0) != _FIB_IDENT:
        raise DocDamaged("no FIB")
    limit = _u32(word, _CCP_TEXT)
    parts: list[str] = []
    for start, end, offset, compressed in pieces(table, _u32(word, _FC_CLX), _u32(word, _LCB_CLX)):
        if start >= limit:
            break
        count = min(end, limit) - start
        if count < 0:
            raise DocDamaged("piece out of order")
        if compressed:
            raw = word[offset : offset + count]
            parts.append("".join(_BYTE_FIXES.get(b, chr(b)) if b >= 0x80 else chr(b) for b in raw))
        else:
            raw = word[offset : offset + 2 * count]
            parts.append(raw.decode("utf-16-le", errors="replace"))
        if len(raw) < (count if compressed else 2 * count):
            raise DocDamaged("piece beyond the WordDocument stream")
    return _drop_field_codes("".join(parts))


def _drop_field_codes(text: str) -> str:
    """Keep field results: \\x13 code \\x14 result \\x15 → result (nested fields too)."""
    if "\x13" not in text:
        return text
    out: list[str] = []
    stack: list[bool] = []  # per open field: whether we are in its result part
    for char in text:
        if char == "\x13":
            stack.append(False)
        elif char == "\x14" and stack:
            stack[-1] = True
        elif char == "\x15" and stack:
            stack.pop()
        elif not stack or all(stack):
            out.append(char)
    return "".join(out)


def _lines(text: str, source: str) -> list[SourceLine | TableRow]:
    """Paragraphs as source lines; table cells (ended by \x07) as table rows."""
    budget = TextBudget(source)
    tokens = _TOKENS.findall(text)
    if len(tokens) > MAX_PARAGRAPHS:
        raise ImportFailure(source, "段落或文字过多，不像是一份整改方案，未导入")
    blocks: list[SourceLine | TableRow] = []
    counter = Counter()
    tables = 0
    index = 0
    while index < len(tokens):
        body, mark = tokens[index]
        if mark == "\x07":
            tables += 1
            rows, index = _table_rows(tokens, index)
            for row in rows:
                budget.add("".join(row))
            table_blocks(rows, tables, counter, blocks)
            continue
        for piece in _clean(body).split("\n"):
            budget.add(piece)
            blocks.append(SourceLine(counter.next(), piece))
        index += 1
    if not any(isinstance(b, TableRow) or b.text.strip() for b in blocks):
        raise ImportFailure(source, "没有文字内容，无法导入")
    return blocks


_TOKENS = re.compile(r"([^\r\x07]*)([\r\x07]|$)")


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.translate(_MARKS))


def _table_rows(tokens: list[tuple[str, str]], start: int) -> tuple[list[list[str]], int]:
    """The rows of the table starting at tokens[start] and the index after it.

    Each cell ends with \x07 and each row with one more \x07 (an empty cell to the eye).
    The header row (no empty cells) gives the column count; paragraphs ended by \r before a
    cell mark belong to that cell.
    """
    pending: list[str] = []
    index = start
    columns = 0
    rows: list[list[str]] = []
    row: list[str] = []
    while index < len(tokens):
        body, mark = tokens[index]
        if mark != "\x07":
            following = next((m for _, m in tokens[index + 1 : index + 4] if m == "\x07"), None)
            if not row and not pending and following is None:
                break  # the table has ended: ordinary paragraphs follow
            pending.append(_clean(body))
            index += 1
            continue
        text = "\n".join([*pending, _clean(body)]).strip()
        pending = []
        index += 1
        if columns == 0:
            if text or not row:
                row.append(text)
                continue
            columns = len(row)  # the first empty mark ends the header row
            rows.append(row)
            row = []
            continue
        if len(row) == columns and not text:
            rows.append(row)  # this mark is the row end
            row = []
            continue
        row.append(text)
    if row:
        rows.append(row)
    return rows, index
