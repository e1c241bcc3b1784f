"""parse_file over every encoding and .docx paragraphs and tables, built in tmp_path."""

from __future__ import annotations

import codecs

import docx
import pytest

from desktop.importing import parse_file
from tests.helpers.plan_parse import section, task, tasks_of

PLAN = (
    "某县财政局党组整改方案\n"
    "一、整改任务\n"
    "1. 压缩三公经费。严控公务接待。（王强同志负责，办公室牵头办理）\n"
)
EXPECTED = [
    section(
        "一、",
        "整改任务",
        task("1.", "压缩三公经费", text="严控公务接待。", leaders=["王强"], lead_units=["办公室"]),
    )
]


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with BOM (platform order)
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
        lambda s: s.encode("gb18030"),
        lambda s: s.encode("gbk"),
        lambda s: s.replace("\n", "\r\n").encode("gbk"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le-bom", "utf16be-bom", "gb18030", "gbk", "gbk-crlf"],
)
def test_text_encodings(tmp_path, encode):
    path = tmp_path / "plan.txt"
    path.write_bytes(encode(PLAN))
    result = parse_file(path)
    assert result["source"] == "plan.txt"
    assert result["plans"][0]["title"] == "某县财政局党组整改方案"
    assert result["plans"][0]["nodes"] == EXPECTED


def test_other_extension_is_read_as_text(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(PLAN, encoding="gb18030")
    assert parse_file(path)["plans"][0]["nodes"] == EXPECTED


def test_docx_paragraphs(tmp_path):
    document = docx.Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(path)
    result = parse_file(path)
    assert result["plans"][0]["title"] == "某县财政局党组整改方案"
    assert result["plans"][0]["nodes"] == EXPECTED


def test_docx_renamed_txt_is_still_read_as_word(tmp_path):
    document = docx.Document()
    for line in PLAN.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "plan.txt"
    document.save(path)
    assert parse_file(path)["plans"][0]["nodes"] == EXPECTED


def _table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return table


def test_docx_task_table(tmp_path):
    document = docx.Document()
    document.add_paragraph("某县水利局整改任务清单")
    _table(
        document,
        [
            ["序号", "整改任务", "整改措施", "牵头领导", "责任单位", "完成时限"],
            ["1", "规范公车管理", "实行派车单制度。", "陈晓梅", "办公室李红", "2014年9月30日前"],
            ["2", "深化河道管护", "落实河长制。", "王立新、陈晓梅", "河道科、财务科", "长期坚持"],
        ],
    )
    path = tmp_path / "table.docx"
    document.save(path)
    result = parse_file(path)
    plan = result["plans"][0]
    assert plan["title"] == "某县水利局整改任务清单"
    assert plan["year"] == 2014
    assert plan["nodes"] == [
        task(
            "1",
            "规范公车管理",
            text="实行派车单制度。",
            leaders=["陈晓梅"],
            lead_units=[("办公室", "李红")],
            deadline_text="2014年9月30日前",
            due_date="2014-09-30",
        ),
        task(
            "2",
            "深化河道管护",
            text="落实河长制。",
            leaders=["王立新", "陈晓梅"],
            lead_units=["河道科", "财务科"],
            deadline_text="长期坚持",
        ),
    ]


def test_docx_task_table_with_category_column_and_support_units(tmp_path):
    document = docx.Document()
    document.add_paragraph("某局整改任务分解表")
    table = _table(
        document,
        [
            ["类别", "存在问题", "整改措施", "责任领导", "牵头单位", "配合单位", "完成时间"],
            ["一、会风", "会议多。", "压缩会议。", "张三", "办公室", "各科室", "2015年上半年"],
            ["一、会风", "文件长。", "压缩篇幅。", "李四", "研究室", "", "2015年三季度"],
        ],
    )
    table.cell(1, 0).merge(table.cell(2, 0)).text = "一、会风"
    path = tmp_path / "table.docx"
    document.save(path)
    plan = parse_file(path)["plans"][0]
    assert plan["nodes"] == [
        section(
            "一、",
            "会风",
            task(
                "",
                "会议多",
                text="压缩会议。",
                problem="会议多。",
                leaders=["张三"],
                lead_units=["办公室"],
                support_units=["各科室"],
                deadline_text="2015年上半年",
                due_date="2015-06-30",
            ),
            task(
                "",
                "文件长",
                text="压缩篇幅。",
                problem="文件长。",
                leaders=["李四"],
                lead_units=["研究室"],
                deadline_text="2015年三季度",
                due_date="2015-09-30",
            ),
        )
    ]


def test_docx_layout_table_is_read_as_text(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = PLAN.strip()
    path = tmp_path / "boxed.docx"
    document.save(path)
    assert [t["title"] for t in tasks_of(parse_file(path))] == ["压缩三公经费"]


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_word_list_numbering_is_rendered_as_numbers(tmp_path):
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W_NS} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:lvlText w:val="%2."/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(parse_xml(f'<w:num {W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def add(text, level=None):
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
                )
            )

    add("某县财政局党组整改方案")
    add("整改任务", 0)
    add("压缩三公经费。严控公务接待。（王强同志负责，办公室牵头办理）", 1)
    add("组织领导", 0)
    path = tmp_path / "listnum.docx"
    document.save(path)
    plan = parse_file(path)["plans"][0]
    assert plan["nodes"] == [*EXPECTED, section("二、", "组织领导")]
