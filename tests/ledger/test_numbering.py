from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from desktop.ledger.numbering import chinese_numeral, number_label, number_nodes


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五"),
     (100, "一百"), (105, "一百零五"), (110, "一百一十"), (123, "一百二十三"),
     (999, "九百九十九"), (1000, "1000")],
)  # fmt: skip
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_labels_follow_official_style_by_depth():
    assert [number_label(d, 2) for d in range(5)] == ["二、", "（二）", "2.", "（2）", "②"]


@dataclass
class Item:
    id: int
    children: list = field(default_factory=list)


def test_number_nodes_renumbers_from_order():
    tree = [Item(1, [Item(2), Item(3, [Item(4)])]), Item(5)]
    assert number_nodes(tree) == {1: "一、", 2: "（一）", 3: "（二）", 4: "1.", 5: "二、"}
    tree[0].children.reverse()
    assert number_nodes(tree)[3] == "（一）"
