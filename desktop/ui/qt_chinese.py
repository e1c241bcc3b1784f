"""Qt's own texts in Chinese: file dialogs, message boxes, the line edits' context menu.

Qt ships `qt_zh_CN.qm` (which pulls in `qtbase_zh_CN.qm`) with PySide6; build.spec keeps the
zh_CN catalogues in the frozen folder.  Qt 6 changed a few texts of the file dialog after the
Chinese catalogue was last updated ("&Look in:" instead of "Look in:"), so a small catalogue
of our own fills those gaps.
"""

from __future__ import annotations

import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CHINA = QLocale(QLocale.Language.Chinese, QLocale.Country.China)

#: (context, source text) → Chinese, for texts Qt's zh_CN catalogue lacks.
MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Look in:"): "查找范围：",
    ("QFileDialog", "Files of type:"): "文件类型：",
}


class MissingTexts(QTranslator):
    """Answers only for the texts in MISSING; everything else is left to Qt's catalogue."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002
        return MISSING.get((context, source_text))  # None: a null QString, "not mine"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def translation_folders() -> list[Path]:
    """Where Qt's .qm files may be: Qt's own answer, then the frozen and package folders."""
    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(Path(frozen) / "PySide6" / "Qt" / "translations")
    folders.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    return list(dict.fromkeys(folders))


def install_chinese(app: QCoreApplication) -> list[QTranslator]:
    """Install Qt's Chinese catalogue and the gap-filler; returns what was installed."""
    installed: list[QTranslator] = []
    for folder in translation_folders():
        catalogue = QTranslator(app)
        if catalogue.load(CHINA, "qt", "_", str(folder)):
            app.installTranslator(catalogue)
            installed.append(catalogue)
            break
    filler = MissingTexts(app)
    app.installTranslator(filler)  # installed last, asked first
    installed.append(filler)
    return installed
