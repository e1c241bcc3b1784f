"""Width folding and punctuation classes shared by the importer modules.

`fold()` maps full-width ASCII forms to half-width one character for one character, so an
index found in the folded text is also an index in the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.importing.radicals import fix_radicals

_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TABLE.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_TABLE.update({ord("【"): ord("["), ord("】"): ord("]"), ord("〔"): ord("("), ord("〕"): ord(")")})

#: Characters that may end a complete paragraph (folded forms).
TERMINALS = frozenset('。!?;:)」』”"…》]')

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


_FOLDABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in _TABLE) + "]")


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Full-width ASCII → half-width, same length as the input."""
    if _FOLDABLE.search(text) is None:  # str.translate is slow; most lines need nothing
        return text
    return text.translate(_TABLE)


_SPACED_OUT = re.compile(r"[\u4e00-\u9fff](?:[ \u3000\xa0]+[\u4e00-\u9fff]){2,}")
_GAPS = re.compile(r"[ \u3000\xa0]+")


def clean_line(text: str) -> str:
    """A source line without invisible characters and surrounding blanks, radicals that
    text copied out of a PDF carries (⼀, ⻅) turned back into characters, and a line
    spaced out letter by letter ("实 施 方 案", a centred title) closed up."""
    line = fix_radicals(_INVISIBLE.sub("", text)).strip(" \t\r\n\u3000\xa0\f\v")
    if _SPACED_OUT.fullmatch(line):
        line = _GAPS.sub("", line)
    return line


def compact(text: str) -> str:
    """Folded text without any blanks, for comparing names."""
    return re.sub(r"\s+", "", fold(text))


def ends_complete(text: str) -> bool:
    """Whether a line ends with punctuation that can close a paragraph."""
    stripped = fold(text).rstrip()
    return bool(stripped) and stripped[-1] in TERMINALS


def join_parts(left: str, right: str) -> str:
    """Two pieces of one paragraph; a space only between two Latin words."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii():
        if right[0].isalnum():
            return f"{left} {right}"
    return left + right


def cut_at(text: str, cuts: list[int]) -> list[str]:
    """`text` cut before each position in `cuts` (ascending), pieces trimmed, empty ones
    dropped."""
    bounds = [0, *cuts, len(text)]
    pieces = (text[start:end].strip() for start, end in zip(bounds, bounds[1:], strict=False))
    return [piece for piece in pieces if piece]
