"""OFD files written by hand for the tests: pages of lines as positioned TextObjects.

Like real OFD writers, each printed line may be split into several TextObjects written out of
order, and characters carry DeltaX spacing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
SIZE = 5.6  # 16 pt in millimetres


def _page_xml(lines: list[str], split: bool) -> str:
    objects = []
    ident = 100
    for row, line in enumerate(lines):
        y = 30 + row * SIZE * 1.6
        halves = [(0, line)]
        if split and len(line) > 4:
            middle = len(line) // 2
            halves = [(middle, line[middle:]), (0, line[:middle])]  # right half first
        for start, text in halves:
            ident += 1
            x = 25 + start * SIZE
            delta = f"g {len(text) - 1} {SIZE}" if len(text) > 1 else ""
            objects.append(
                f'<ofd:TextObject ID="{ident}" Boundary="{x} {y} {len(text) * SIZE} {SIZE * 1.2}" '
                f'Font="3" Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE}" DeltaX="{delta}">'
                f"{escape(text)}</ofd:TextCode></ofd:TextObject>"
            )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content>'
        f'<ofd:Layer ID="2">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def ofd_bytes(pages: list[list[str]], split: bool = True, encrypted: bool = False) -> bytes:
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        entries = "".join(
            f'<ofd:Page ID="{index + 10}" BaseLoc="Pages/Page_{index}/Content.xml"/>'
            for index in range(len(pages))
        )
        package.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
            "<ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea>"
            "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
            f"<ofd:Pages>{entries}</ofd:Pages></ofd:Document>",
        )
        if encrypted:
            package.writestr("Doc_0/Encryptions.xml", f'<ofd:Encryptions xmlns:ofd="{NS}"/>')
        for index, lines in enumerate(pages):
            package.writestr(f"Doc_0/Pages/Page_{index}/Content.xml", _page_xml(lines, split))
    return out.getvalue()


def write_ofd(path: Path, pages: list[list[str]], **options) -> Path:
    path.write_bytes(ofd_bytes(pages, **options))
    return path
