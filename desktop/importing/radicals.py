"""Radical code points that PDF text extraction returns for ordinary characters.

CJK fonts share one glyph between a character and the radical of the same shape, and many
PDFs (Word, WPS and Qt exports among them) map that glyph back to the radical: "⼀、总体要求"
with U+2F00 KANGXI RADICAL ONE, "意⻅" with U+2EC5. These are mapped back to the characters;
the CJK compatibility ideographs (U+F900–U+FAFF) too.
"""

from __future__ import annotations

import re
import unicodedata

#: CJK Radicals Supplement entries without a compatibility mapping, by the character they
#: stand for in Chinese text (the C-SIMPLIFIED forms to simplified characters).
_SUPPLEMENT = {
    0x2E95: "彐",
    0x2EA0: "民",
    0x2EA7: "牛",
    0x2EAA: "疋",
    0x2EAE: "竹",
    0x2EB3: "罒",
    0x2EB7: "羊",
    0x2EBB: "聿",
    0x2EC4: "西",
    0x2EC5: "见",
    0x2EC6: "角",
    0x2EC8: "讠",
    0x2EC9: "贝",
    0x2ECB: "车",
    0x2ECF: "阝",
    0x2ED0: "钅",
    0x2ED3: "长",
    0x2ED4: "门",
    0x2ED6: "阝",
    0x2ED8: "青",
    0x2EDA: "页",
    0x2EDB: "风",
    0x2EDC: "飞",
    0x2EDD: "食",
    0x2EDF: "饣",
    0x2EE0: "饣",
    0x2EE2: "马",
    0x2EE3: "骨",
    0x2EE4: "鬼",
    0x2EE5: "鱼",
    0x2EE6: "鸟",
    0x2EE7: "卤",
    0x2EE8: "麦",
    0x2EE9: "黄",
    0x2EEA: "黾",
    0x2EEB: "斉",
    0x2EEC: "齐",
    0x2EED: "歯",
    0x2EEE: "齿",
    0x2EEF: "竜",
    0x2EF0: "龙",
    0x2EF1: "龜",
    0x2EF2: "亀",
    0x2EF3: "龟",
}


def _table() -> dict[int, str]:
    table = {code: char for code, char in _SUPPLEMENT.items()}
    for start, end in ((0x2E80, 0x2EFF), (0x2F00, 0x2FD5), (0xF900, 0xFAFF)):
        for code in range(start, end + 1):
            mapped = unicodedata.normalize("NFKC", chr(code))
            if mapped != chr(code) and len(mapped) == 1:
                table[code] = mapped
    return table


_TABLE = _table()


_ANY = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def fix_radicals(text: str) -> str:
    """`text` with radical and compatibility code points replaced by the characters."""
    return text.translate(_TABLE) if _ANY.search(text) else text
