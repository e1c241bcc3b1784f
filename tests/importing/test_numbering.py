"""Every numbering form, full- and half-width, gives the same number and level."""

from __future__ import annotations

import pytest

from desktop.importing import parse_text
from desktop.importing.numbering import match_number, split_inline
from tests.helpers.plan_parse import tasks_of


@pytest.mark.parametrize(
    ("text", "rank", "value", "token"),
    [
        ("一、总体要求", 1, 1, "一、"),
        ("十二、其他", 1, 12, "十二、"),
        ("二．工作目标", 1, 2, "二．"),
        ("（一）指导思想", 2, 1, "（一）"),
        ("(三)改进", 2, 3, "(三)"),
        ("1. 改进", 3, 1, "1."),
        ("2、改进", 3, 2, "2、"),
        ("3．改进", 3, 3, "3．"),
        ("１０．全角数字", 3, 10, "１０．"),
        ("（1）措施", 4, 1, "（1）"),
        ("(2)措施", 4, 2, "(2)"),
        ("（３）全角", 4, 3, "（３）"),
        ("⑴措施", 4, 1, "⑴"),
        ("①措施", 5, 1, "①"),
        ("⑩措施", 5, 10, "⑩"),
    ],
)
def test_numbering_forms(text, rank, value, token):
    number = match_number(text)
    assert number is not None
    assert (number.rank, number.value, number.token) == (rank, value, token)


@pytest.mark.parametrize(
    "text", ["2014年底前完成", "3.5万元", "12345服务热线", "一是突出重点", "十八大以来"]
)
def test_not_numbers(text):
    assert match_number(text) is None


def test_inline_next_number_after_a_full_stop_is_split():
    pieces = split_inline("30.认真履行。坚决查处。 31.深入贯彻。带头落实。")
    assert pieces == ["30.认真履行。坚决查处。", "31.深入贯彻。带头落实。"]


def test_inline_number_out_of_sequence_stays_in_text():
    assert split_inline("5.改进作风。见第3.条。7.无关。") == ["5.改进作风。见第3.条。7.无关。"]


def test_full_and_half_width_numbers_build_the_same_tree():
    full = "某局整改方案\n一、作风\n（一）会风\n１．少开会。压缩会议。\n"
    half = "某局整改方案\n一.作风\n(一)会风\n1.少开会。压缩会议。\n"
    shape = []
    for text in (full, half):
        plan = parse_text(text)["plans"][0]
        sec = plan["nodes"][0]
        shape.append(
            (
                sec["kind"],
                sec["title"],
                sec["children"][0]["kind"],
                [t["title"] for t in tasks_of({"plans": [plan]})],
            )
        )
    assert shape[0] == shape[1] == ("section", "作风", "section", ["少开会"])


def test_circled_measures_under_a_task():
    text = (
        "某局整改方案\n1. 少开会。压缩会议。（王强同志负责，办公室牵头办理）\n"
        "①合并会议。\n②控制时长。\n"
    )
    (only,) = tasks_of(parse_text(text))
    assert [(c["kind"], c["number"], c["title"]) for c in only["children"]] == [
        ("measure", "①", "合并会议"),
        ("measure", "②", "控制时长"),
    ]
