"""Official-style numbering by depth: 一、 → （一） → 1. → （1） → ①, and published numbers.

A node imported from a document keeps the number the document gave it (`number`: （二）, 三、,
4.), so every row can be matched to the plan in the leaders' hands, also when the document
starts in the middle of a plan.  A node without one (added or moved by the user, or after
重新编号) is numbered live: one more than the sibling before it (1 for the first), in the style
of its depth.  So a task added after （五） reads （六）, and renumbering the whole plan means
clearing the published numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (n ≥ 1); from 1000 on, digits."""
    if n >= 1000:
        return str(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + DIGITS[rest] if rest < 10 else chinese_numeral(rest))
    if 10 <= rest < 20:
        tail = "一" + tail
    return DIGITS[n // 100] + "百" + tail


def number_label(depth: int, index: int) -> str:
    """The label of the `index`-th (1-based) node at `depth` (0 = top level)."""
    if depth == 0:
        return f"{chinese_numeral(index)}、"
    if depth == 1:
        return f"（{chinese_numeral(index)}）"
    if depth == 2:
        return f"{index}."
    if depth == 3:
        return f"（{index}）"
    return CIRCLED[index - 1] if index <= len(CIRCLED) else f"{index})"


def number_nodes(nodes, depth: int = 0) -> dict[int, str]:
    """Labels for a forest of nodes with `.id`, `.children` and (optionally) `.number`, keyed
    by node id: the published number where there is one, else the live one."""
    labels: dict[int, str] = {}
    shown = sibling_labels([getattr(node, "number", "") for node in nodes], depth)
    for node, label in zip(nodes, shown, strict=True):
        labels[node.id] = label
        labels.update(number_nodes(node.children, depth + 1))
    return labels


def sibling_labels(stored: Sequence[str], depth: int) -> list[str]:
    """The labels of siblings at `depth` whose published numbers are `stored` ("" for none):
    a published number as it is, any other one more than the sibling before it."""
    labels: list[str] = []
    value = 0
    for number in stored:
        if number:
            labels.append(number)
            value = label_value(number) or value + 1
        else:
            value += 1
            labels.append(number_label(depth, value))
    return labels


_CN_DIGITS = {char: index for index, char in enumerate(DIGITS)} | {"〇": 0, "两": 2}
_DIGIT_RUN = re.compile(r"\d+")
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百]+")


@lru_cache(maxsize=4096)
def label_value(label: str) -> int | None:
    """The value of a number as written: （二） → 2, 三、 → 3, 4. → 4, (12) → 12, ③ → 3;
    None when it holds no number."""
    text = label.strip()
    for char in text:
        code = ord(char)
        for first, last in ((0x2460, 0x2473), (0x2776, 0x277F), (0x2474, 0x2487), (0x2488, 0x249B)):
            if first <= code <= last:
                return code - first + 1
    found = _DIGIT_RUN.search(text)
    if found:
        return int(found.group())
    found = _CN_RUN.search(text)
    return _chinese_value(found.group()) if found else None


def _chinese_value(text: str) -> int | None:
    total, current = 0, 0
    for char in text:
        if char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            current = _CN_DIGITS[char]
    return (total + current) or None


def published_label(token: str) -> str:
    """A heading number as the importer read it, ready to store: blanks removed, a bare
    table 序号 (4) written as a heading number (4.)."""
    label = "".join(token.split())
    return f"{label}." if label.isdigit() else label


def printed_number(label: str) -> str:
    """A label in the 序号 column: without its trailing 、 or full stop (4. → 4, 三、 → 三)."""
    return label.strip().rstrip("、.．，,")


def straight_through(labels: Sequence[str]) -> bool:
    """True when every label is a published number and they count up (4, 5, 6 …; a gap
    where the imported text lacks a task is allowed): the plan numbers its tasks straight
    through rather than again from 1 under each heading, so the numbers are unique."""
    if not labels or not all(labels):
        return False
    values = [label_value(label) for label in labels]
    if any(value is None for value in values):
        return False
    return all(a < b for a, b in zip(values, values[1:], strict=False))  # type: ignore[operator]
