"""Text that went through a printed page: rejoined lines, page furniture dropped."""

from __future__ import annotations

import pytest

from desktop.importing import parse_text
from desktop.importing.pages import is_page_number, running_headers, wrap_width
from tests.helpers.plan_parse import tasks_of
from tests.importing.printed import printed

PLAN = (
    "某县交通运输局整改方案\n"
    "一、整改任务\n"
    "（一）农村公路养护管理不到位，部分路段坑槽未及时修补，群众出行安全存在隐患\n"
    "整改措施：对全县农村公路开展一次全面排查，建立病害台账，实行销号管理。\n"
    "牵头领导：陈立新\n"
    "牵头单位：公路管理所、运输管理所、综合执法大队、安全监督股、计划财务股\n"
    "完成时限：2024年6月底前。\n"
    "（二）客运站安全检查流于形式\n"
    "整改措施：每月开展一次客运站安全检查，检查结果每季度通报。\n"
    "牵头领导：李红梅\n"
    "牵头单位：运输管理所\n"
    "完成时限：2024年3月底前。\n"
)


@pytest.mark.parametrize(
    "text",
    ["- 3 -", "—3—", "－ 12 －", "第3页", "第 3 页 共 10 页", "3/10", "第三页", "— 7 —"],
)
def test_page_numbers_are_recognised(text):
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["3", "1. 改进作风", "2023年", "第3条", "-3"])
def test_other_short_lines_are_not_page_numbers(text):
    assert not is_page_number(text)


def _summary(result: dict) -> list[tuple]:
    return [
        (
            t["number"],
            t["title"],
            t["text"],
            t["leaders"],
            [u["name"] for u in t["lead_units"]],
            t["deadline_text"],
        )
        for t in tasks_of(result)
    ]


@pytest.mark.parametrize("columns", [24, 28, 32])
def test_a_printed_plan_reads_like_the_clean_one(columns):
    clean = parse_text(PLAN)
    paged = parse_text(printed(PLAN, columns=columns, lines_per_page=5, header="某县人民政府公报"))
    assert _summary(paged) == _summary(clean)
    assert len(_summary(clean)) == 2


def test_a_long_heading_wrapped_at_the_margin_is_one_heading():
    (first, _) = tasks_of(parse_text(printed(PLAN)))
    assert first["title"] == (
        "农村公路养护管理不到位，部分路段坑槽未及时修补，群众出行安全存在隐患"
    )


def test_a_unit_list_broken_over_two_lines_is_one_list():
    text = (
        "某县交通运输局整改方案\n1. 加强养护。开展排查。\n牵头领导：陈立新\n"
        "牵头单位：公路管理所、运输管理所、\n综合执法大队\n完成时限：2024年6月底前。\n"
    )
    (only,) = tasks_of(parse_text(text))
    assert [u["name"] for u in only["lead_units"]] == ["公路管理所", "运输管理所", "综合执法大队"]


def test_page_furniture_inside_a_sentence_is_dropped_and_the_sentence_rejoined():
    text = (
        "某县交通运输局整改方案\n1. 加强养护。对全县农村公路开展一次全面排查，建立\n"
        "— 2 —\n某县人民政府公报\n病害台账。（陈立新同志负责，公路管理所牵头办理）\n"
        "2. 规范客运。每月检查一次，\n第3页\n某县人民政府公报\n结果通报。"
        "（李红梅同志负责，运输管理所牵头办理）\n"
        "3. 严格执法。每季度开展一次\n- 4 -\n某县人民政府公报\n专项执法行动。"
        "（王强同志负责，综合执法大队牵头办理）\n"
    )
    result = parse_text(text)
    assert [t["text"] for t in tasks_of(result)] == [
        "对全县农村公路开展一次全面排查，建立病害台账。",
        "每月检查一次，结果通报。",
        "每季度开展一次专项执法行动。",
    ]
    assert any("页眉" in w["message"] for w in result["warnings"])


def test_numbered_lines_in_wrapped_text_start_new_items():
    result = parse_text(
        printed(
            PLAN + "（三）执法记录仪使用不规范\n整改措施：严格执法记录仪管理。\n"
            "牵头领导：王强\n牵头单位：综合执法大队\n完成时限：2024年底。\n"
        )
    )
    assert [t["number"] for t in tasks_of(result)] == ["（一）", "（二）", "（三）"]


def test_lines_repeated_close_together_are_not_running_headers():
    texts = ["联系人张三电话"] * 10
    assert running_headers(texts, [False] * 10) == set()


def test_a_header_repeated_page_after_page_is_found():
    texts = []
    for page in range(1, 5):
        texts += [
            "某县人民政府公报",
            *[f"第{page}页正文第{n}行内容较长的一段文字" for n in range(10)],
        ]
        texts.append(f"- {page} -")
    numbers = [is_page_number(text) for text in texts]
    assert running_headers(texts, numbers) == {"某县人民政府公报"}


def test_wrap_width_is_found_only_in_hard_wrapped_text():
    wrapped = printed(PLAN * 3).splitlines()
    assert wrap_width(wrapped) == pytest.approx(28, abs=1)
    assert wrap_width(PLAN.splitlines() * 3) is None


def test_a_running_header_carrying_the_page_number_is_dropped_on_every_page():
    lines = ["某县交通运输局整改方案"]
    for page in range(1, 5):
        lines.append(f"某县人民政府公报　2024年第5期　{page}")
        lines += [
            f"{page}. 加强第{page}项工作。开展检查，建立台账，实行销号管理。"
            f"（陈立新同志负责，公路管理所牵头办理）",
            *[f"第{page}页的说明文字第{n}行。" for n in range(8)],
        ]
    result = parse_text("\n".join(lines))
    found = tasks_of(result)
    assert [t["title"] for t in found] == [f"加强第{n}项工作" for n in range(1, 5)]
    assert not any("公报" in t["text"] for t in found)
    assert sum("页眉" in w["message"] for w in result["warnings"]) == 1


def test_radicals_in_text_copied_out_of_a_pdf_become_the_characters():
    text = (
        "某县交通运输局整改⽅案\n⼀、整改任务\n"
        "1. 听取意⻅。改进作⻛。（王强同志负责，办公室牵头办理）\n"
    )
    result = parse_text(text)
    assert result["plans"][0]["title"] == "某县交通运输局整改方案"
    (only,) = tasks_of(result)
    assert (only["title"], only["text"]) == ("听取意见", "改进作风。")


def test_bare_page_numbers_counting_up_are_dropped_but_a_lone_number_is_only_stray():
    from desktop.importing.pages import page_number_lines

    texts = ["正文甲", "1", "正文乙", "2", "正文丙", "7", "3", "正文丁"]
    assert page_number_lines(texts) == [False, True, False, True, False, False, True, False]


def test_a_title_spaced_out_letter_by_letter_is_closed_up():
    text = "某 县 交 通 运 输 局 整 改 方 案\n1. 听取意见。（王强同志负责，办公室牵头办理）\n"
    assert parse_text(text)["plans"][0]["title"] == "某县交通运输局整改方案"


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        ("市财政局市住建局", ["市财政局", "市住建局"]),
        ("市委办公室市政府办公室", ["市委办公室", "市政府办公室"]),
        ("市委市政府督查室", ["市委市政府督查室"]),
        ("市人大常委会各委办室", ["市人大常委会各委办室"]),
        ("市公安局交警支队", ["市公安局交警支队"]),
    ],
)
def test_two_unit_names_run_together_at_a_line_end_are_taken_apart(units, expected):
    text = f"某县整改方案\n1. 改进文风。压缩文件。\n牵头单位：{units}\n"
    (only,) = tasks_of(parse_text(text))
    assert [u["name"] for u in only["lead_units"]] == expected


def test_a_line_printed_again_at_the_top_of_the_next_page_is_read_once():
    text = (
        "某县交通运输局整改方案\n"
        "1. 加强养护。开展排查。（陈立新同志负责，公路管理所牵头办理）\n"
        "2. 规范客运。每月检查一次，结果\n— 1 —\n2. 规范客运。每月检查一次，结果\n"
        "通报。（李红梅同志负责，运输管理所牵头办理）\n"
    )
    found = tasks_of(parse_text(text))
    assert [t["number"] for t in found] == ["1.", "2."]
    assert found[1]["text"] == "每月检查一次，结果通报。"
