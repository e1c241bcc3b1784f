"""Word 97-2003 .doc files written by hand for the tests (no Word or LibreOffice Writer here).

A minimal OLE compound file (version 3, 512-byte sectors, every stream padded past the
4096-byte mini-stream cutoff) holding a WordDocument stream with a FIB and the text, and a
table stream with the piece table; pieces may be 16-bit or 8-bit.
"""

from __future__ import annotations

import struct
from pathlib import Path

SECTOR = 512
END, FREE, FATSECT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
_TEXT_AT = 0x800


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file with the given streams under the root storage."""
    names = list(streams)
    datas = [streams[name].ljust(4096, b"\0") for name in names]
    sizes = [-(-len(data) // SECTOR) for data in datas]
    entries = 1 + len(names)
    dir_sectors = -(-entries * 128 // SECTOR)
    payload = dir_sectors + sum(sizes)
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + payload:
        fat_sectors += 1
    fat = [FATSECT] * fat_sectors
    starts = []

    def chain(length: int) -> int:
        start = len(fat)
        fat.extend(range(start + 1, start + length))
        fat.append(END)
        return start

    dir_start = chain(dir_sectors)
    for size in sizes:
        starts.append(chain(size))
    fat += [FREE] * (fat_sectors * 128 - len(fat))
    header = bytearray(SECTOR)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 0x2C, fat_sectors, dir_start, 0)
    struct.pack_into("<IIIII", header, 0x38, 4096, END, 0, END, 0)
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    struct.pack_into("<109I", header, 0x4C, *difat)
    directory = bytearray()

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 0x40, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 0x44, FREE, right, child)
        struct.pack_into("<II", raw, 0x74, start, size)
        return bytes(raw)

    directory += entry("Root Entry", 5, 1, FREE, END, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else FREE
        directory += entry(name, 2, FREE, right, starts[index], len(datas[index]))
    directory = directory.ljust(dir_sectors * SECTOR, b"\0")
    body = struct.pack(f"<{len(fat)}I", *fat) + bytes(directory)
    for data, size in zip(datas, sizes, strict=True):
        body += data.ljust(size * SECTOR, b"\0")
    return bytes(header) + body


def doc_bytes(
    paragraphs: list,
    eight_bit: tuple[str, ...] = (),
    table: str = "1Table",
    encrypted: bool = False,
    field: bool = False,
) -> bytes:
    """A .doc whose text is the paragraphs (each ended by a paragraph mark; a list of rows is
    a table); the paragraphs in `eight_bit` (ASCII text) are stored as 8-bit pieces."""
    word = bytearray(_TEXT_AT)
    struct.pack_into("<HH", word, 0, 0xA5EC, 0x00C1)
    flags = (0x0200 if table == "1Table" else 0) | (0x0100 if encrypted else 0)
    struct.pack_into("<H", word, 0x0A, flags)
    struct.pack_into("<H", word, 0x20, 14)
    struct.pack_into("<H", word, 0x3E, 22)
    struct.pack_into("<H", word, 0x98, 0x5D)
    cps, fcs = [0], []
    for paragraph in paragraphs:
        if isinstance(paragraph, list):  # a table: rows of cells, each row ended by a mark
            text = "".join("".join(cell + "\x07" for cell in row) + "\x07" for row in paragraph)
            fcs.append(len(word))
            word += text.encode("utf-16-le")
            cps.append(cps[-1] + len(text))
            continue
        text = paragraph + "\r"
        if field and paragraph is paragraphs[0]:
            text = "\x13 TITLE \\* MERGEFORMAT \x14" + paragraph + "\x15\r"
        if paragraph in eight_bit:
            fcs.append((len(word) * 2) | 0x40000000)
            word += text.encode("cp1252")
        else:
            fcs.append(len(word))
            word += text.encode("utf-16-le")
        cps.append(cps[-1] + len(text))
    struct.pack_into("<I", word, 0x4C, cps[-1])
    plc = struct.pack(f"<{len(cps)}I", *cps)
    plc += b"".join(struct.pack("<HIH", 0, fc, 0) for fc in fcs)
    clx = b"\x01" + struct.pack("<H", 3) + b"\x00\x00\x00" + b"\x02" + struct.pack("<I", len(plc))
    clx += plc
    tables = b"\0" * 16 + clx
    struct.pack_into("<II", word, 0x01A2, 16, len(clx))
    return ole_bytes({"WordDocument": bytes(word), table: tables})


def write_doc(path: Path, paragraphs: list[str], **options) -> Path:
    path.write_bytes(doc_bytes(paragraphs, **options))
    return path
