"""Each kind of newspaper noise PLAN_FORMAT.md names, in a small made-up document."""

from __future__ import annotations

from desktop.importing import parse_text
from tests.helpers.plan_parse import section, task, tasks_of

TITLE = "某市农业农村局党组整改方案"


def test_jump_marker_and_end_mark_are_removed():
    text = (
        f"{TITLE}\n1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）（下转7版）\n"
        "2. 精简会议。少开会。（李明同志负责，办公室牵头办理）（完）\n"
    )
    found = tasks_of(parse_text(text))
    assert [t["text"] for t in found] == ["压缩文件。", "少开会。"]
    assert [t["leaders"] for t in found] == [["王强"], ["李明"]]


def test_half_width_jump_marker_alone_on_a_line():
    text = f"{TITLE}\n1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n(下转第3版)\n"
    result = parse_text(text)
    assert [t["title"] for t in tasks_of(result)] == ["改进文风"]
    assert result["warnings"] == []


def test_paragraph_split_mid_word_by_page_break_is_joined():
    text = (
        f"{TITLE}\n1. 改进调研。每年到基层调研不少于2个月，在一\n\n"
        "线推动问题解决。（王强同志负责，办公室牵头办理）\n"
    )
    (only,) = tasks_of(parse_text(text))
    assert only["text"] == "每年到基层调研不少于2个月，在一线推动问题解决。"
    assert only["leaders"] == ["王强"]


def test_page_header_mid_text_is_dropped_and_the_paragraph_joined():
    text = (
        f"{TITLE}\n1. 加强学习。每月读1本好书，\n{TITLE}\n每半年交流一次。"
        "（王强同志负责，办公室牵头办理）\n"
    )
    result = parse_text(text)
    assert len(result["plans"]) == 1
    (only,) = tasks_of(result)
    assert only["text"] == "每月读1本好书，每半年交流一次。"
    assert [w["line"] for w in result["warnings"]] == [3]
    assert "标题" in result["warnings"][0]["message"]


def test_stray_one_character_lines_are_dropped_with_a_warning():
    text = f"{TITLE}\n1. 改进文风。压缩文件，\n7\n减少简报。（王强同志负责，办公室牵头办理）\n版\n"
    result = parse_text(text)
    (only,) = tasks_of(result)
    assert only["text"] == "压缩文件，减少简报。"
    assert [w["line"] for w in result["warnings"]] == [3, 5]


def test_several_plans_on_one_page_each_title_starts_a_plan():
    text = (
        "某市人大常委会党组整改方案\n1. 改进监督。突出重点。（张三同志负责，研究室牵头办理）\n"
        "某市政协党组整改方案\n1. 改进协商。提高质量。（李四同志负责，提案委牵头办理）\n"
    )
    result = parse_text(text)
    assert [p["title"] for p in result["plans"]] == [
        "某市人大常委会党组整改方案",
        "某市政协党组整改方案",
    ]
    assert [[n["title"] for n in p["nodes"]] for p in result["plans"]] == [
        ["改进监督"],
        ["改进协商"],
    ]


def test_page_starting_inside_a_task_keeps_an_untitled_task():
    text = (
        f"{TITLE}\n工作规律，增强工作自信。（凌苏同志负责，市人大常委会办公室、研究室牵头办理）\n"
        "（二）改进监督\n4. 突出重点。精选议题。（党组成员负责，市人大常委会各委办室牵头办理）\n"
    )
    result = parse_text(text)
    assert result["plans"][0]["nodes"] == [
        task(
            "",
            "",
            text="工作规律，增强工作自信。",
            leaders=["凌苏"],
            lead_units=["市人大常委会办公室", "市人大常委会研究室"],
        ),
        section(
            "（二）",
            "改进监督",
            task(
                "4.",
                "突出重点",
                text="精选议题。",
                leaders=["党组成员"],
                lead_units=["市人大常委会各委办室"],
            ),
        ),
    ]
    assert [w["line"] for w in result["warnings"]] == [2]


def test_orphan_trailer_fragment_becomes_a_warning_with_its_line():
    text = f"{TITLE}\n三、组织领导\n党组负总责。\n\n政局、市农委牵头办理）\n"
    result = parse_text(text)
    assert result["warnings"] == [
        {"line": 5, "message": "孤立的责任说明，未能归属到任务：政局、市农委牵头办理）"}
    ]


def test_trailer_cut_off_at_the_page_end_keeps_what_it_has():
    text = f"{TITLE}\n1. 关心基层。减轻负担。（市政府党组成员负责，市政府办、市财"
    result = parse_text(text)
    (only,) = tasks_of(result)
    assert only["leaders"] == ["市政府党组成员"]
    assert only["lead_units"] == [{"name": "市政府办", "contact": None}]
    assert any("市财" in w["message"] and w["line"] == 2 for w in result["warnings"])


def test_mixed_full_and_half_width_punctuation():
    text = f"{TITLE}\n1．改进文风.压缩文件。(王强同志负责,办公室、财务科牵头办理)\n"
    (only,) = tasks_of(parse_text(text))
    assert only["number"] == "1．"
    assert only["leaders"] == ["王强"]
    assert [u["name"] for u in only["lead_units"]] == ["办公室", "财务科"]


def test_trailing_related_articles_list_is_skipped():
    text = (
        f"{TITLE}\n1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n"
        "相关文章：\n1. 某局自查报告\n2. 某县整改方案范文\n"
    )
    result = parse_text(text)
    assert [t["title"] for t in tasks_of(result)] == ["改进文风"]
    assert [w["line"] for w in result["warnings"]] == [3]


def test_unplaced_preamble_is_a_warning_with_its_line():
    text = f"编者按：现予公布。\n{TITLE}\n1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n"
    result = parse_text(text)
    assert result["warnings"][0]["line"] == 1
    assert "编者按" in result["warnings"][0]["message"]


def test_plan_title_broken_over_two_lines_is_one_title():
    text = (
        "某市人民政府党组党的群众路线\n教育实践活动整改方案\n"
        "1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n"
    )
    result = parse_text(text)
    assert [p["title"] for p in result["plans"]] == [
        "某市人民政府党组党的群众路线教育实践活动整改方案"
    ]
    assert result["warnings"] == []
