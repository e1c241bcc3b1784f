"""Word automatic numbering (w:numPr) rendered as text, so "一、" "（一）" "1." made by Word's
list feature reach the parser like typed numbers."""

from __future__ import annotations

from docx.oxml.ns import qn

from desktop.ledger.numbering import CIRCLED, chinese_numeral


def _format(value: int, fmt: str) -> str:
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "ideographTraditional",
        "chineseLegalSimplified",
        "taiwaneseCounting",
        "japaneseCounting",
    ):
        return chinese_numeral(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[value - 1] if 1 <= value <= len(CIRCLED) else str(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(value))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("bullet", "none"):
        return ""
    return str(value)


def _val(element, tag: str, default: str = "") -> str:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val"), default) if child is not None else default


class ListNumbers:
    """Counts Word list paragraphs and gives each its number text ("（一）", "1.")."""

    def __init__(self, document) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                start = int(_val(lvl, "w:start", "1") or 1)
                levels[ilvl] = (_val(lvl, "w:numFmt", "decimal"), _val(lvl, "w:lvlText"), start)
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in numbering.findall(qn("w:num")):
            levels = abstract.get(_val(num, "w:abstractNumId"), {})
            for ilvl, level in levels.items():
                self._levels[(num.get(qn("w:numId")), ilvl)] = level

    def prefix(self, paragraph) -> str:
        ppr = paragraph._p.pPr
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None:
            return ""
        num_id = _val(numpr, "w:numId")
        ilvl = int(_val(numpr, "w:ilvl", "0") or 0)
        if (num_id, ilvl) not in self._levels or num_id == "0":
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        fmt, text, start = self._levels[(num_id, ilvl)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt in ("bullet", "none"):
            return ""
        for level in range(ilvl, -1, -1):
            value = counters[level] or self._levels.get((num_id, level), ("", "", 1))[2]
            level_fmt = self._levels.get((num_id, level), (fmt, "", 1))[0]
            text = text.replace(f"%{level + 1}", _format(value, level_fmt))
        return text
