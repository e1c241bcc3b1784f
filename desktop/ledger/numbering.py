"""Official-style numbering by depth: 一、 → （一） → 1. → （1） → ①, renumbered from positions."""

from __future__ import annotations

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
    """Labels for a forest of nodes with `.id` and `.children`, keyed by node id."""
    labels: dict[int, str] = {}
    for index, node in enumerate(nodes, start=1):
        labels[node.id] = number_label(depth, index)
        labels.update(number_nodes(node.children, depth + 1))
    return labels
