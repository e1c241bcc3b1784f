"""The three layouts of PLAN_FORMAT.md, each as a small made-up plan with its exact tree."""

from __future__ import annotations

from desktop.importing import parse_text
from tests.helpers.plan_parse import measure, section, task

LAYOUT_A = """\
某县交通运输局党组整改方案

一、突出问题整改
（一）改进会风文风
1. 精简会议活动。严格控制会议数量和规模。（王强同志负责，县交通运输局办公室、财务股牵头办理）
2、规范公务接待。严格执行接待标准。（李明、张华同志负责，县交通运输局办公室牵头办理，县财政局配合）
二、组织领导
局党组对整改工作负总责。
"""


def test_layout_a_responsibility_trailer_gives_leaders_and_units():
    result = parse_text(LAYOUT_A, source="a.txt", year=2014)
    assert result["schema"] == "plan-parse/1"
    assert result["source"] == "a.txt"
    assert len(result["plans"]) == 1
    plan = result["plans"][0]
    assert plan["title"] == "某县交通运输局党组整改方案"
    assert plan["year"] == 2014
    assert plan["nodes"] == [
        section(
            "一、",
            "突出问题整改",
            section(
                "（一）",
                "改进会风文风",
                task(
                    "1.",
                    "精简会议活动",
                    text="严格控制会议数量和规模。",
                    leaders=["王强"],
                    lead_units=["县交通运输局办公室", "县交通运输局财务股"],
                ),
                task(
                    "2、",
                    "规范公务接待",
                    text="严格执行接待标准。",
                    leaders=["李明", "张华"],
                    lead_units=["县交通运输局办公室"],
                    support_units=["县财政局"],
                ),
            ),
        ),
        section("二、", "组织领导", text="局党组对整改工作负总责。"),
    ]
    assert result["warnings"] == []


LAYOUT_A_VARIANTS = """\
某市政府党组整改方案
（一）加强学习
1. 完善学习制度。每月集中学习一次。（张一同志负总责，李二同志具体负责，市政府办牵头办理）
2. 推进改革。深化放管服改革。（市政府党组成员负责，市编办、市政务服务办牵头办理）
3. 压缩经费。三公经费只减不增。
（市政府党组书记全体成员负责，市财政局牵头办理）
"""


def test_trailer_variants_collective_holders_and_trailer_after_page_break():
    plan = parse_text(LAYOUT_A_VARIANTS, year=2015)["plans"][0]
    assert plan["nodes"] == [
        section(
            "（一）",
            "加强学习",
            task(
                "1.",
                "完善学习制度",
                text="每月集中学习一次。",
                leaders=["张一", "李二"],
                lead_units=["市政府办"],
            ),
            task(
                "2.",
                "推进改革",
                text="深化放管服改革。",
                leaders=["市政府党组成员"],
                lead_units=["市编办", "市政务服务办"],
            ),
            task(
                "3.",
                "压缩经费",
                text="三公经费只减不增。",
                leaders=["市政府党组书记全体成员"],
                lead_units=["市财政局"],
            ),
        )
    ]


LAYOUT_B = """\
某市政府党组整改落实方案
一、指导思想
以党的十八大精神为指导,切实改进作风。
二、整改内容和主要措施
(一)密切联系群众,提高工作能力 针对调研少等问题,切实抓好整改。
1.拓宽联系渠道。每人联系1个乡镇。
2.改进调查研究。每年调研不少于60天,一是蹲点调研;二是随机调研。 3.整治侵害群众利益行为。\
开展专项整治。
(二)改进会风文风
4.从严控制会议。精简合并会议。
三、加强领导和组织实施
(一)落实整改责任。市长负总责。
"""


def test_layout_b_numbered_tasks_without_trailers():
    plan = parse_text(LAYOUT_B)["plans"][0]
    assert plan["year"] is None
    assert plan["nodes"] == [
        section("一、", "指导思想", text="以党的十八大精神为指导,切实改进作风。"),
        section(
            "二、",
            "整改内容和主要措施",
            section(
                "(一)",
                "密切联系群众,提高工作能力",
                task("1.", "拓宽联系渠道", text="每人联系1个乡镇。"),
                task(
                    "2.",
                    "改进调查研究",
                    text="每年调研不少于60天,一是蹲点调研;二是随机调研。",
                ),
                task("3.", "整治侵害群众利益行为", text="开展专项整治。"),
                problem="针对调研少等问题,切实抓好整改。",
            ),
            section("(二)", "改进会风文风", task("4.", "从严控制会议", text="精简合并会议。")),
        ),
        section(
            "三、",
            "加强领导和组织实施",
            section("(一)", "落实整改责任", text="市长负总责。"),
        ),
    ]


LAYOUT_C = """\
某区水务局整改方案
一、近期整改任务
（一）改进机关会风文风。
存在问题：会议偏多偏长。
整改目标：会议数量同比减少15%。
整改措施：（1）实行会议计划管理。（2）推行短文件。
牵头领导：王立新、陈晓梅
牵头科室及负责人：办公室李红、政策法规科赵强
配合科室及负责人：各科室负责人
完成时限：2014年11月底前完成。
（二）规范公务用车。
存在问题：登记不规范。
整改措施：修订管理办法。
牵头领导：陈晓梅
牵头科室及负责人：办公室李红
完成时限：长期坚持，2015年6月底前见到明显成效。
"""


def test_layout_c_labelled_blocks_with_measures_and_contacts():
    plan = parse_text(LAYOUT_C)["plans"][0]
    assert plan["year"] == 2014
    assert plan["nodes"] == [
        section(
            "一、",
            "近期整改任务",
            task(
                "（一）",
                "改进机关会风文风",
                measure("（1）", "实行会议计划管理"),
                measure("（2）", "推行短文件"),
                problem="会议偏多偏长。",
                goal="会议数量同比减少15%。",
                leaders=["王立新", "陈晓梅"],
                lead_units=[("办公室", "李红"), ("政策法规科", "赵强")],
                support_units=[("各科室", "负责人")],
                deadline_text="2014年11月底前完成",
                due_date="2014-11-30",
            ),
            task(
                "（二）",
                "规范公务用车",
                text="修订管理办法。",
                problem="登记不规范。",
                leaders=["陈晓梅"],
                lead_units=[("办公室", "李红")],
                deadline_text="长期坚持，2015年6月底前见到明显成效",
                due_date="2015-06-30",
            ),
        )
    ]


MIXED = """\
某局整改方案
一、作风方面
1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）
二、制度方面
（一）完善制度。
牵头领导：李明
责任单位：法规科
完成时间：2014年年底前
"""


def test_layouts_mixed_in_one_document():
    plan = parse_text(MIXED)["plans"][0]
    assert plan["nodes"] == [
        section(
            "一、",
            "作风方面",
            task(
                "1.",
                "改进文风",
                text="压缩文件。",
                leaders=["王强"],
                lead_units=["办公室"],
            ),
        ),
        section(
            "二、",
            "制度方面",
            task(
                "（一）",
                "完善制度",
                leaders=["李明"],
                lead_units=["法规科"],
                deadline_text="2014年年底前",
                due_date="2014-12-31",
            ),
        ),
    ]


UNNUMBERED_HEADINGS = """\
某局整改方案
一、近期整改任务
改进机关会风文风
存在问题：会议偏多。
整改措施：（1）实行会议计划管理。（2）推行短文件。
牵头领导：王立新
牵头单位：办公室
规范公务用车管理。
牵头领导：陈晓梅
完成时限：2014年9月30日前
二、保障措施
加强组织领导，层层压实责任。
"""


def test_unnumbered_heading_before_labels_is_the_task_title():
    plan = parse_text(UNNUMBERED_HEADINGS)["plans"][0]
    assert plan["nodes"] == [
        section(
            "一、",
            "近期整改任务",
            task(
                "",
                "改进机关会风文风",
                measure("（1）", "实行会议计划管理"),
                measure("（2）", "推行短文件"),
                problem="会议偏多。",
                leaders=["王立新"],
                lead_units=["办公室"],
            ),
            task(
                "",
                "规范公务用车管理",
                leaders=["陈晓梅"],
                deadline_text="2014年9月30日前",
                due_date="2014-09-30",
            ),
        ),
        section("二、", "保障措施", text="加强组织领导，层层压实责任。"),
    ]
