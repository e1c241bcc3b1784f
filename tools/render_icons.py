"""Render the app icon SVG to resources/icons/app.png and a multi-size Windows app.ico.

Run from the repository root after editing resources/icons/app.svg:

    QT_QPA_PLATFORM=offscreen python tools/render_icons.py [--preview sheet.png]

The .ico holds PNG-compressed images (16–256 px), which Windows Vista and later read.
`--preview` also draws every icon in resources/icons at toolbar and tree sizes on one sheet.
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256


def render(svg: Path, size: int) -> QImage:
    """The SVG drawn on a transparent square of `size` pixels."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"invalid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    """An ICO file whose entries are PNG streams (ICONDIR, ICONDIRENTRY…, data)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, payload = b"", b""
    for size, png in images:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        payload += png
        offset += len(png)
    return header + entries + payload


def write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def preview(sheet: Path) -> None:
    """All icons at 16, 24 and 48 px on white, with their names."""
    svgs = sorted(ICONS.glob("*.svg"))
    sizes = (16, 24, 48)
    row_height, name_width = 56, 150
    image = QImage(name_width + 70 * len(sizes), row_height * len(svgs), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(QFont("Noto Sans CJK SC", 9))
    for row, svg in enumerate(svgs):
        top = row * row_height
        painter.drawText(6, top + row_height // 2 + 4, svg.stem)
        for column, size in enumerate(sizes):
            left = name_width + column * 70
            painter.drawImage(left, top + (row_height - size) // 2, render(svg, size))
    painter.end()
    image.save(str(sheet))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", type=Path, help="also write a contact sheet of all icons")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    source = ICONS / "app.svg"
    write_atomically(ICONS / "app.png", png_bytes(render(source, PNG_SIZE)))
    images = [(size, png_bytes(render(source, size))) for size in ICO_SIZES]
    write_atomically(ICONS / "app.ico", ico_bytes(images))
    print(f"wrote {ICONS / 'app.png'} and {ICONS / 'app.ico'} ({', '.join(map(str, ICO_SIZES))})")
    if args.preview:
        preview(args.preview)
        print(f"wrote {args.preview}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
