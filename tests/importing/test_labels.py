"""Each label word of the labelled-block layout fills the right field."""

from __future__ import annotations

import pytest

from desktop.importing import parse_text
from desktop.importing.labelled import classify_label
from tests.helpers.plan_parse import tasks_of


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("存在问题", "problem"),
        ("主要问题", "problem"),
        ("问题表现", "problem"),
        ("整改目标", "goal"),
        ("工作目标", "goal"),
        ("整改措施", "text"),
        ("具体措施", "text"),
        ("牵头领导", "leaders"),
        ("责任领导", "leaders"),
        ("分管领导", "leaders"),
        ("牵头单位", "lead_units"),
        ("牵头部门", "lead_units"),
        ("牵头科室", "lead_units"),
        ("牵头委室", "lead_units"),
        ("责任单位", "lead_units"),
        ("责任部门", "lead_units"),
        ("牵头科室及负责人", "lead_units"),
        ("配合单位", "support_units"),
        ("协办单位", "support_units"),
        ("配合科室及负责人", "support_units"),
        ("完成时限", "deadline"),
        ("完成时间", "deadline"),
        ("整改时限", "deadline"),
        ("整改期限", "deadline"),
        ("编者按", None),
        ("相关报告", None),
    ],
)
def test_label_words(label, field):
    assert classify_label(label) == field


@pytest.mark.parametrize(
    ("leader_label", "lead_label", "support_label", "deadline_label"),
    [
        ("牵头领导", "牵头单位", "配合单位", "完成时限"),
        ("责任领导", "责任单位", "协办单位", "完成时间"),
        ("分管领导", "牵头部门", "配合部门", "整改时限"),
        ("牵头领导", "牵头委室", "配合科室", "整改期限"),
    ],
)
def test_label_variants_give_the_same_task(leader_label, lead_label, support_label, deadline_label):
    text = (
        "某委整改方案\n（一）改进文风。\n存在问题：文件多。\n整改目标：减少两成。\n"
        "整改措施：压缩篇幅。\n"
        f"{leader_label}：张三、李四\n{lead_label}：办公室\n{support_label}：研究室\n"
        f"{deadline_label}：2014年12月底前\n"
    )
    (only,) = tasks_of(parse_text(text))
    assert (only["problem"], only["goal"], only["text"]) == ("文件多。", "减少两成。", "压缩篇幅。")
    assert only["leaders"] == ["张三", "李四"]
    assert [u["name"] for u in only["lead_units"]] == ["办公室"]
    assert [u["name"] for u in only["support_units"]] == ["研究室"]
    assert (only["deadline_text"], only["due_date"]) == ("2014年12月底前", "2014-12-31")


def test_several_labels_on_one_line():
    text = "某委整改方案\n（一）改进文风。\n牵头领导：张三 责任单位：办公室 完成时限：2014年底前\n"
    (only,) = tasks_of(parse_text(text))
    assert only["leaders"] == ["张三"]
    assert [u["name"] for u in only["lead_units"]] == ["办公室"]
    assert only["due_date"] == "2014-12-31"


def test_labels_inside_a_trailer_bracket():
    text = (
        "某委整改方案\n1. 改进文风。压缩篇幅。"
        "（牵头领导：张三；责任单位：办公室；完成时限：2015年6月底）\n"
    )
    (only,) = tasks_of(parse_text(text))
    assert only["leaders"] == ["张三"]
    assert [u["name"] for u in only["lead_units"]] == ["办公室"]
    assert only["due_date"] == "2015-06-30"
