"""Layouts measured in real plans (issue 16), each in a small made-up plan."""

from __future__ import annotations

import docx
import pytest

from desktop.importing import ImportFailure, parse_file, parse_text
from tests.helpers.plan_parse import tasks_of

TITLE = "某市城市管理局整改方案"


def _units(units: list[dict]) -> list[tuple[str, str | None]]:
    return [(unit["name"], unit["contact"]) for unit in units]


def test_a_post_after_a_unit_is_its_contact_not_part_of_its_name():
    text = (
        f"{TITLE}\n1. 改进执法方式。推行柔性执法。\n牵头单位：市城管执法支队\n"
        "配合单位及负责人：各街道主任、市公安局交警支队支队长、市场监管所所长\n"
    )
    (only,) = tasks_of(parse_text(text))
    assert _units(only["support_units"]) == [
        ("各街道", "主任"),
        ("市公安局交警支队", "支队长"),
        ("市场监管所", "所长"),
    ]


def test_a_trailer_of_units_ending_in_uncommon_suffixes_names_units_not_leaders():
    text = f"{TITLE}\n1. 加强市容管理。开展整治行动。（市城管局、市住建联、市个体劳动者协会负责）\n"
    (only,) = tasks_of(parse_text(text))
    assert only["leaders"] == []
    assert [u["name"] for u in only["lead_units"]] == ["市城管局", "市住建联", "市个体劳动者协会"]


def test_a_trailer_of_people_still_names_leaders():
    text = f"{TITLE}\n1. 加强市容管理。开展整治行动。（王建军、李红同志负责）\n"
    (only,) = tasks_of(parse_text(text))
    assert only["leaders"] == ["王建军", "李红"]


@pytest.mark.parametrize("order", ["lead first", "responsible first"])
def test_responsible_units_beside_lead_units_are_the_supporting_units(order):
    lines = ["牵头单位：市城管局", "责任单位：市自然资源局、市住建局"]
    if order == "responsible first":
        lines.reverse()
    text = (
        f"{TITLE}\n1. 整治违法建设。开展拆违行动。\n" + "\n".join(lines) + "\n完成时限：2024年底\n"
    )
    (only,) = tasks_of(parse_text(text))
    assert [u["name"] for u in only["lead_units"]] == ["市城管局"]
    assert [u["name"] for u in only["support_units"]] == ["市自然资源局", "市住建局"]


def test_responsible_units_alone_are_the_lead_units():
    text = f"{TITLE}\n1. 整治违法建设。开展拆违行动。\n责任单位：市自然资源局、市住建局\n"
    (only,) = tasks_of(parse_text(text))
    assert [u["name"] for u in only["lead_units"]] == ["市自然资源局", "市住建局"]
    assert only["support_units"] == []


def test_responsible_units_beside_lead_units_in_a_trailer():
    text = f"{TITLE}\n1. 整治违法建设。开展拆违行动。（牵头单位：市城管局；责任单位：市住建局）\n"
    (only,) = tasks_of(parse_text(text))
    assert [u["name"] for u in only["lead_units"]] == ["市城管局"]
    assert [u["name"] for u in only["support_units"]] == ["市住建局"]


@pytest.mark.parametrize("header", ["重点工作", "工作任务", "主要任务", "具体任务", "任务内容"])
def test_task_column_header_synonyms(tmp_path, header):
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=3, cols=4)
    for row, cells in enumerate(
        [
            ("序号", header, "牵头单位", "责任单位"),
            ("1", "整治违法建设", "市城管局", "市住建局"),
            ("2", "规范占道经营", "市市场监管局", "各街道"),
        ]
    ):
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
    path = tmp_path / "table.docx"
    document.save(path)
    found = tasks_of(parse_file(path))
    assert [t["title"] for t in found] == ["整治违法建设", "规范占道经营"]
    assert [[u["name"] for u in t["lead_units"]] for t in found] == [["市城管局"], ["市市场监管局"]]
    assert [[u["name"] for u in t["support_units"]] for t in found] == [["市住建局"], ["各街道"]]


@pytest.mark.parametrize(
    "heading", ["一、指导思想", "一、基本原则", "一、整改原则", "一、工作目标", "一、总体要求"]
)
def test_numbered_items_under_non_task_parts_are_not_tasks(heading):
    text = (
        f"{TITLE}\n{heading}\n1. 坚持问题导向。聚焦反馈问题。\n2. 坚持标本兼治。建立长效机制。\n"
        "二、整改任务\n1. 加强市容管理。开展整治。（王强同志负责，市城管局牵头办理）\n"
        "三、保障措施\n1. 加强组织领导。成立领导小组。\n"
    )
    assert [t["title"] for t in tasks_of(parse_text(text))] == ["加强市容管理"]


def test_a_non_task_part_whose_body_shares_its_line_is_still_not_a_task():
    text = (
        f"{TITLE}\n一、指导思想。以新时代思想为指导，坚持问题导向。\n"
        "二、整改任务\n1. 加强市容管理。开展整治。（王强同志负责，市城管局牵头办理）\n"
        "三、组织领导。成立领导小组，局长任组长。\n"
    )
    assert [t["title"] for t in tasks_of(parse_text(text))] == ["加强市容管理"]


def test_an_item_under_a_non_task_part_that_carries_responsibilities_is_a_task():
    text = f"{TITLE}\n一、保障措施\n1. 加强经费保障。（李明同志负责，市财政局牵头办理）\n"
    assert [t["title"] for t in tasks_of(parse_text(text))] == ["加强经费保障"]


def test_full_width_digits_are_the_same_numbers():
    text = (
        f"{TITLE}\n１．加强市容管理。开展整治。（王强同志负责，市城管局牵头办理）\n"
        "２．规范占道经营。划定摊点。（李明同志负责，市市场监管局牵头办理）\n"
    )
    assert [t["number"] for t in tasks_of(parse_text(text))] == ["１．", "２．"]


def test_nested_brackets_in_a_unit_name_stay_balanced():
    text = f"{TITLE}\n1. 规范占道经营。划定摊点。（各县（市、区）人民政府、市市场监管局负责）\n"
    (only,) = tasks_of(parse_text(text))
    names = [u["name"] for u in only["lead_units"]]
    assert len(names) == 2 and names[1] == "市市场监管局"
    for name in names:
        assert name.count("(") + name.count("（") == name.count(")") + name.count("）")


def test_the_year_comes_from_the_issue_date_when_the_title_has_none():
    text = (
        f"{TITLE}\n2023年3月28日\n1. 加强市容管理。开展整治。\n牵头单位：市城管局\n"
        "完成时限：6月底前\n"
    )
    result = parse_text(text)
    assert result["plans"][0]["year"] == 2023
    assert tasks_of(result)[0]["due_date"] == "2023-06-30"


def test_a_title_wrapped_in_a_notice_of_issue_is_recognised():
    text = (
        "关于印发《某县教育局巡察整改工作方案》的通知\n各股室：\n现印发给你们，请认真落实。\n"
        "1. 规范校外培训管理。开展专项检查。（王华同志负责，基础教育股牵头办理）\n"
    )
    assert parse_text(text)["plans"][0]["title"] == "某县教育局巡察整改工作方案"


def test_a_title_split_over_two_lines_is_recognised():
    text = (
        "某县教育局关于巡察反馈意见\n整改工作方案\n"
        "1. 规范校外培训管理。开展专项检查。（王华同志负责，基础教育股牵头办理）\n"
    )
    assert parse_text(text)["plans"][0]["title"] == "某县教育局关于巡察反馈意见整改工作方案"


def test_a_document_without_any_task_is_refused():
    text = "某县教育局关于加强校园安全的实施意见\n各学校要高度重视校园安全，切实落实责任。\n"
    with pytest.raises(ImportFailure, match="没有找到整改方案的条目"):
        parse_text(text, source="意见.txt")


def test_a_page_starting_inside_a_task_keeps_problem_measures_and_responsibility_together():
    text = (
        "某县卫生健康局整改方案\n"
        "基层医疗机构药品管理不规范，部分村卫生室存在过期药品。\n"
        "药品采购渠道不统一，台账记录不完整。\n"
        "整改措施：\n（1）开展药品专项检查，清理过期药品。\n（2）统一药品采购渠道。\n"
        "（3）建立药品进销存台账。\n"
        "牵头领导：赵明\n牵头单位：医政医管股\n完成时限：2024年6月底前。\n"
        "（二）家庭医生签约服务质量不高\n整改措施：\n（1）开展签约服务培训。\n"
        "牵头领导：钱红\n牵头单位：基层卫生股\n完成时限：2024年9月底前。\n"
    )
    result = parse_text(text)
    first, second = tasks_of(result)
    assert first["problem"] == (
        "基层医疗机构药品管理不规范，部分村卫生室存在过期药品。\n药品采购渠道不统一，台账记录不完整。"
    )
    assert [m["number"] for m in first["children"]] == ["（1）", "（2）", "（3）"]
    assert all(m["kind"] == "measure" and not m["leaders"] for m in first["children"])
    assert first["leaders"] == ["赵明"]
    assert [u["name"] for u in first["lead_units"]] == ["医政医管股"]
    assert first["due_date"] == "2024-06-30"
    assert second["title"] == "家庭医生签约服务质量不高" and second["leaders"] == ["钱红"]
    assert not any("未能归入" in w["message"] for w in result["warnings"])
