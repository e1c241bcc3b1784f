"""Labelled paragraphs: 存在问题：… 牵头领导：… 完成时限：… and their many wordings."""

from __future__ import annotations

import re

from desktop.importing.textnorm import cut_at, fold

PROBLEM, GOAL, TEXT = "problem", "goal", "text"
LEADERS, LEAD_UNITS, SUPPORT_UNITS, DEADLINE = "leaders", "lead_units", "support_units", "deadline"
#: Fields that hold lists or a date rather than running text.
LIST_FIELDS = frozenset({LEADERS, LEAD_UNITS, SUPPORT_UNITS, DEADLINE})

# Label words written in real plans; used to find labels inside a line.
_KNOWN = (
    "存在问题|存在的问题|问题表现|主要问题|突出问题|问题描述|具体问题|问题清单"
    "|整改目标|工作目标|目标要求|预期目标|整改要求|目标"
    "|整改措施|具体措施|主要措施|工作措施|整改举措|措施|整改内容|任务内容|具体内容"
    "|牵头领导|责任领导|分管领导|主管领导|负责领导|领导责任人|包案领导|牵头负责领导"
    "|牵头单位|牵头部门|牵头科室|牵头委室|牵头处室|牵头股室|责任单位|责任部门|责任科室|责任处室"
    "|主办单位|承办单位|牵头单位及负责人|牵头科室及负责人|牵头部门及负责人|责任单位及责任人"
    "|责任单位及负责人|责任科室及负责人|责任人"
    "|配合单位|配合部门|配合科室|配合处室|协办单位|协办部门|协助单位|参与单位|协同单位"
    "|配合单位及负责人|配合科室及负责人|配合部门及负责人"
    "|完成时限|完成时间|整改时限|整改期限|完成期限|时限要求|时间要求|办结时限|时间节点|时限"
)
_LABEL_AT_START = re.compile(r"^\s*([\u4e00-\u9fff()（）]{2,12}?)\s*[:：]\s*")
_LABEL_INSIDE = re.compile(rf"(?:(?<=[。;；\s])|(?<=[。;；]\s))(?=(?:{_KNOWN})\s*[:：])")


def classify_label(label: str) -> str | None:
    """The field a label fills, or None when the words are not a field label."""
    word = re.sub(r"[\s()（）]", "", fold(label))
    if len(word) > 12 or len(word) < 2:
        return None
    if re.search(r"时限|时间|期限|时间节点|完成日期", word):
        return DEADLINE
    if re.search(r"配合|协办|协助|参与|协同", word):
        return SUPPORT_UNITS
    unit_words = re.search(r"单位|部门|科室|委室|处室|股室|办室", word)
    if "领导" in word or (re.search(r"责任人|负责人$", word) and not unit_words):
        return LEADERS
    if unit_words and re.search(r"牵头|责任|主办|承办|负责", word):
        return LEAD_UNITS
    if word in ("牵头", "责任", "主办"):
        return LEAD_UNITS
    if "问题" in word and len(word) <= 6:
        return PROBLEM
    if "目标" in word or word == "整改要求":
        return GOAL
    if re.search(r"措施|举措|内容", word) and len(word) <= 6:
        return TEXT
    return None


def label_word(text: str) -> str:
    """The label at the start of a paragraph ("责任单位"), or ""."""
    found = _LABEL_AT_START.match(fold(text))
    return re.sub(r"\s", "", found.group(1)) if found else ""


def names_responsible_units(word: str) -> bool:
    """责任单位/责任部门: the lead units when alone, the supporting ones beside 牵头单位."""
    return "责任" in word and "牵头" not in word and classify_label(word) == LEAD_UNITS


def match_label(text: str) -> tuple[str, str] | None:
    """(field, value) when the paragraph starts with a field label."""
    found = _LABEL_AT_START.match(fold(text))
    if not found:
        return None
    field = classify_label(found.group(1))
    if field is None:
        return None
    return field, text[found.end() :].strip()


def split_labels(text: str) -> list[str]:
    """One piece per label when several labelled fields share a line."""
    folded = fold(text)
    cuts = [
        found.start()
        for found in _LABEL_INSIDE.finditer(folded)
        if found.start() > 0 and _depth(folded, found.start()) == 0
    ]
    return cut_at(text, cuts)


def _depth(folded: str, position: int) -> int:
    """How many brackets are open at `position`."""
    return max(0, folded.count("(", 0, position) - folded.count(")", 0, position))
