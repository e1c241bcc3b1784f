"""Responsibility trailers: （凌苏同志负责，市人大常委会办公室、研究室牵头办理） and variants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.importing import labelled
from desktop.importing.textnorm import fold
from desktop.importing.units import UNIT_END, Unit, UnitNames, split_list, split_people

_KEYWORDS = re.compile(r"负责|负总责|牵头|办理|配合|协办|协助|承办|主办|责任单位|责任领导|落实")
_LEADER_END = re.compile(r"(?:同志)?(?:负总责|具体负责|牵头负责|分管负责|主抓|负责|分管|领衔)$")
_LEAD_END = re.compile(
    r"(?:牵头办理|牵头落实|牵头实施|牵头负责办理|负责办理|牵头|办理|承办|主办|落实|实施)$"
)
_SUPPORT_END = re.compile(r"(?:配合办理|配合落实|协助办理|配合|协办|协助|参与|协同)$")
_DEADLINE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|季度|上半年|下半年|长期|持续|完成$")
_STRONG_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|年底|年内|季度|上半年|下半年|长期坚持")
_SEGMENT_CHARS = frozenset(",，;；")


@dataclass
class Responsibility:
    """What a trailer or a set of labels says about who does a task and by when."""

    leaders: list[str] = field(default_factory=list)
    lead_units: list[Unit] = field(default_factory=list)
    support_units: list[Unit] = field(default_factory=list)
    deadline_text: str = ""
    unplaced: list[str] = field(default_factory=list)
    incomplete: str = ""  # the cut-off end of an unclosed trailer, when one was dropped

    def is_empty(self) -> bool:
        return not (self.leaders or self.lead_units or self.support_units or self.deadline_text)


@dataclass
class Trailer:
    """A paragraph split into its body and the responsibility bracket closing it."""

    body: str
    inner: str
    closed: bool


def _matching_open(folded: str, close: int) -> int:
    depth = 0
    for index in range(close, -1, -1):
        char = folded[index]
        if char == ")":
            depth += 1
        elif char == "(":
            depth -= 1
            if depth == 0:
                return index
    return -1


def find_trailer(text: str) -> Trailer | None:
    """The responsibility bracket at the end of `text`, closed or cut off by the page end."""
    folded = fold(text).rstrip()
    trimmed = folded.rstrip("。.;； ")
    if trimmed.endswith(")"):
        start = _matching_open(trimmed, len(trimmed) - 1)
        if start >= 0:
            inner = text[start + 1 : len(trimmed) - 1]
            if _looks_like_trailer(inner):
                return Trailer(text[:start].rstrip(), inner.strip(), True)
        return None
    start = folded.rfind("(")
    if start >= 0 and ")" not in folded[start:]:
        inner = text[start + 1 :]
        if _looks_like_trailer(inner) and len(inner) <= 200:
            return Trailer(text[:start].rstrip(), inner.strip(), False)
    return None


def _looks_like_trailer(inner: str) -> bool:
    folded = fold(inner)
    if not _KEYWORDS.search(folded) or len(folded) > 300:
        return False
    return any(_role(segment) for segment in _segments(folded))


def is_orphan_fragment(text: str) -> bool:
    """The tail of a trailer whose start is elsewhere: "政局、市农委牵头办理）"."""
    folded = fold(text).rstrip("。. ")
    if not folded.endswith(")") or "(" in folded or len(folded) > 200:
        return False
    segments = _segments(folded[:-1])
    return bool(segments) and _role(segments[-1]) is not None


def _segments(inner: str) -> list[str]:
    pieces: list[str] = []
    for part in labelled.split_labels(inner):
        depth = 0
        current: list[str] = []
        for char in part:
            if char in "(（":
                depth += 1
            elif char in ")）" and depth:
                depth -= 1
            if depth == 0 and char in _SEGMENT_CHARS:
                pieces.append("".join(current).strip())
                current = []
            else:
                current.append(char)
        pieces.append("".join(current).strip())
    return [piece for piece in pieces if piece]


def _role(segment: str) -> tuple[str, str] | None:
    """(field, value) for one trailer segment, or None when its role is not written."""
    folded = fold(segment).strip()
    label = labelled.match_label(folded)
    if label and label[0] != labelled.TEXT:
        return label
    if _STRONG_DATE.search(folded):
        return labelled.DEADLINE, folded
    for pattern, role in (
        (_SUPPORT_END, labelled.SUPPORT_UNITS),
        (_LEADER_END, labelled.LEADERS),
        (_LEAD_END, labelled.LEAD_UNITS),
    ):
        found = pattern.search(folded)
        if found and found.start() > 0:
            value = folded[: found.start()]
            if role == labelled.LEADERS and _all_units(value) and "同志" not in found.group(0):
                role = labelled.LEAD_UNITS
            return role, value
    if _DEADLINE.search(folded):
        return labelled.DEADLINE, folded
    return None


def _all_units(value: str) -> bool:
    items = split_list(value)
    return bool(items) and all(item[-1] in UNIT_END for item in items)


def parse_trailer(trailer: Trailer, names: UnitNames) -> Responsibility:
    """Leaders, units and deadline from the inside of a trailer."""
    result = Responsibility()
    segments = _segments(trailer.inner)
    responsible: list[Unit] = []
    last_role = None
    for index, segment in enumerate(segments):
        role = _role(segment)
        is_last = index == len(segments) - 1
        if role is None and is_last and not trailer.closed and last_role is not None:
            # cut off by the page end: the role word is missing and the last name may be cut
            items = split_list(segment)
            if items:
                result.incomplete = items[-1]
                segment = "、".join(items[:-1])
            role = (labelled.LEAD_UNITS, segment) if segment else None
        if role is None:
            result.unplaced.append(segment)
            continue
        last_role = role[0]
        if labelled.names_responsible_units(labelled.label_word(fold(segment).strip())):
            held = Responsibility()
            apply_field(held, role[0], role[1], names)
            responsible += held.lead_units
            continue
        apply_field(result, role[0], role[1], names)
    target = result.support_units if result.lead_units else result.lead_units
    for unit in responsible:
        if all(existing.name != unit.name for existing in target):
            target.append(unit)
    return result


def apply_field(result: Responsibility, field_name: str, value: str, names: UnitNames) -> None:
    """Add one labelled or trailer value to `result`."""
    if field_name == labelled.LEADERS:
        for person in split_people(value):
            if person not in result.leaders:
                result.leaders.append(person)
    elif field_name in (labelled.LEAD_UNITS, labelled.SUPPORT_UNITS):
        lead, support = _role_marked(value)
        if field_name == labelled.SUPPORT_UNITS:
            lead, support = "", "、".join(filter(None, (lead, support)))
        for text, target in ((lead, result.lead_units), (support, result.support_units)):
            for unit in names.units(text):
                if all(existing.name != unit.name for existing in target):
                    target.append(unit)
    elif field_name == labelled.DEADLINE:
        value = value.strip().rstrip("。.;；")
        result.deadline_text = f"{result.deadline_text}；{value}" if result.deadline_text else value


_ROLE_MARK = re.compile(r"\s*[(（]\s*(牵头|主办|负责|配合|协办|参与)\s*[)）]\s*$")


def _role_marked(value: str) -> tuple[str, str]:
    """Split 市政府办（牵头）、市财政局（配合） into lead and support lists; a list without
    markers is all lead.  A trailing 等 is dropped."""
    lead: list[str] = []
    support: list[str] = []
    for item in split_list(value):
        item = re.sub(r"等$", "", item.strip())
        found = _ROLE_MARK.search(item)
        if found:
            name = item[: found.start()]
            (support if found.group(1) in ("配合", "协办", "参与") else lead).append(name)
        else:
            lead.append(item)
    return "、".join(lead), "、".join(support)
