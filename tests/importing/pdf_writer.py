"""Minimal text PDFs written by hand for the tests: pages of lines in a CID font with a
ToUnicode map (the way office programs write Chinese text), no font file embedded."""

from __future__ import annotations

from pathlib import Path


def _object(number: int, body: bytes) -> bytes:
    return b"%d 0 obj\n" % number + body + b"\nendobj\n"


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _encrypt_entry(user: bytes, owner: bytes, file_id: bytes) -> bytes:
    """The /Encrypt dictionary of the standard handler, revision 2 (40-bit RC4)."""
    import hashlib

    o = _rc4(hashlib.md5((owner + _PAD)[:32]).digest()[:5], (user + _PAD)[:32])
    permissions = -4
    key = hashlib.md5(
        (user + _PAD)[:32] + o + permissions.to_bytes(4, "little", signed=True) + file_id
    ).digest()[:5]
    u = _rc4(key, _PAD)
    return b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
        o.hex().encode(),
        u.hex().encode(),
        permissions,
    )


def pdf_bytes(
    pages: list[list[str]], size: float = 12, scanned: bool = False, password: str = ""
) -> bytes:
    """A PDF whose page i shows the lines pages[i], top to bottom (no text when scanned)."""
    chars = sorted({char for page in pages for line in page for char in line})
    cid = {char: index + 1 for index, char in enumerate(chars)}
    objects: dict[int, bytes] = {}
    font, tounicode, descendant = 3, 4, 5
    first_page = 6
    kids = []
    for index, lines in enumerate(pages):
        page, content = first_page + 2 * index, first_page + 2 * index + 1
        kids.append(page)
        ops = [b"BT", b"/F1 %g Tf" % size]
        y = 800.0
        for line in lines:
            codes = "".join(f"{cid[char]:04X}" for char in line)
            ops.append(b"1 0 0 1 60 %g Tm <%s> Tj" % (y, codes.encode()))
            y -= size * 1.6
        ops.append(b"ET")
        if scanned:
            ops = [b"q 500 0 0 700 50 80 cm 0.5 g 0 0 1 1 re f Q"]
        objects[content] = _stream(b"\n".join(ops))
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, content)
        )
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    objects[font] = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
        b"/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>" % (descendant, tounicode)
    )
    objects[descendant] = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    mapping = [f"<{cid[char]:04X}> <{ord(char):04X}>" for char in chars]
    ranges = []
    for start in range(0, len(mapping), 100):
        chunk = mapping[start : start + 100]
        ranges.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + "\n".join(ranges)
        + "\nendcmap CMapName currentdict /CMap defineresource pop end end"
    )
    objects[tounicode] = _stream(cmap.encode("ascii"))
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += _object(number, objects[number])
    xref = len(out)
    count = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % count
    for number in range(1, count):
        out += b"%010d 00000 n \n" % offsets.get(number, 0)
    extra = b""
    if password:
        file_id = b"0123456789abcdef"
        extra = b"/Encrypt %s /ID [<%s> <%s>]" % (
            _encrypt_entry(password.encode(), b"owner", file_id),
            file_id.hex().encode(),
            file_id.hex().encode(),
        )
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        count,
        extra,
        xref,
    )
    return bytes(out)


def write_pdf(path: Path, pages: list[list[str]], **options) -> Path:
    path.write_bytes(pdf_bytes(pages, **options))
    return path
