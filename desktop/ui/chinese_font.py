"""One typeface for the window's Chinese: where the system's default UI font has no Chinese
glyphs (a Linux desktop set up in English, Qt's offscreen platform), every Chinese run of text
is drawn in a fallback font found character by character — a different typeface from the
digits and letters beside it, and about a fifth slower to lay out (measured on the tree at
50,000 tasks).  The program then uses a Chinese UI font for everything, at the same size.
Chinese Windows (Microsoft YaHei UI) and UOS/Kylin (Noto Sans CJK) already have one.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

PREFERRED = (  # sans-serif UI faces, the usual ones of each system first
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans SC",
    "SimHei",
)


def has_chinese(family: str) -> bool:
    return QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)


def chinese_ui_font(font: QFont) -> QFont | None:
    """`font` in a Chinese UI family at the same size; None when the family it resolves to
    draws Chinese itself, or no Chinese UI family is installed."""
    if has_chinese(QFontInfo(font).family()):
        return None
    for family in PREFERRED:
        if QFontDatabase.hasFamily(family) and has_chinese(family):
            chosen = QFont(font)
            chosen.setFamilies([family])
            return chosen
    return None


def use_chinese_font(app: QApplication) -> None:
    chosen = chinese_ui_font(app.font())
    if chosen is not None:
        app.setFont(chosen)
