"""Input limits: only regular files, bounded bytes, text, paragraphs and plans (issue 19)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from desktop.importing import ImportFailure, parse_file, parse_text
from desktop.importing.limits import MAX_PARAGRAPHS, MAX_PLANS, MAX_TEXT_CHARS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    """A minimal .docx written by hand, so huge bodies are cheap to build."""
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("word/document.xml", document + body + "</w:body></w:document>")
    return path


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_without_reading_it():
    with pytest.raises(ImportFailure, match="不是普通文件"):
        parse_file("/dev/zero")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    with pytest.raises(ImportFailure, match="不是普通文件") as caught:
        parse_file(fifo)
    assert "plan.txt" in str(caught.value)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(ImportFailure, match="文件夹"):
        parse_file(tmp_path)


def test_text_beyond_the_character_limit_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.txt"
    line = "1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n"
    path.write_text(line * (MAX_TEXT_CHARS // len(line) + 10), encoding="utf-8")
    with pytest.raises(ImportFailure, match="不像是一份整改方案") as caught:
        parse_file(path)
    assert "huge.txt" in str(caught.value)


def test_pasted_text_beyond_the_limit_is_refused():
    with pytest.raises(ImportFailure, match="200万字"):
        parse_text("某" * (MAX_TEXT_CHARS + 1), source="剪贴板")


def test_docx_with_too_many_paragraphs_is_refused_before_python_docx_reads_it(tmp_path):
    path = write_docx(tmp_path / "many.docx", ["某局整改方案"] * (MAX_PARAGRAPHS + 1))
    with pytest.raises(ImportFailure, match="段落或文字过多"):
        parse_file(path)


def test_docx_with_too_much_text_is_refused(tmp_path):
    paragraphs = [f"{n}. 改进第{n}项工作" + "某" * 400 for n in range(1, 6000)]
    path = write_docx(tmp_path / "long.docx", paragraphs)
    with pytest.raises(ImportFailure, match="200万字"):
        parse_file(path)


def test_a_document_with_thousands_of_plans_is_refused():
    plan = "某市第{n}局整改方案\n1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）\n"
    text = "".join(plan.format(n=n) for n in range(MAX_PLANS + 5))
    with pytest.raises(ImportFailure, match=f"超过{MAX_PLANS}个"):
        parse_text(text, source="多方案.txt")


def test_twenty_thousand_lines_without_closing_punctuation_parse(tmp_path):
    # Quadratic joining once took 23 s here; see benchmarks/bench_hostile.py for figures.
    lines = [f"某某街道第{n}号联系人张三电话" for n in range(20_000)]
    lines[0] = "某市城管局整改方案"
    lines[1] = "1. 改进服务。（王强同志负责，办公室牵头办理）"
    result = parse_text("\n".join(lines), source="通讯录.txt")
    (plan,) = result["plans"]
    assert plan["nodes"][0]["leaders"] == ["王强"]


def test_a_long_unpunctuated_run_is_cut_into_bounded_paragraphs():
    from desktop.importing.blocks import SourceLine
    from desktop.importing.noise import MAX_PARAGRAPH, paragraphs

    lines = [SourceLine(n, "某某街道联系人张三电话") for n in range(1, 5001)]
    paras = paragraphs(lines, [])
    assert len(paras) > 1
    assert all(len(para.text) <= MAX_PARAGRAPH + 20 for para in paras)
    assert "".join(para.text for para in paras) == "某某街道联系人张三电话" * 5000


def test_a_plan_with_more_items_than_the_limit_is_refused():
    from desktop.importing.limits import MAX_NODES

    text = "某县整改方案\n" + "".join(
        f"{n % 99 + 1}. 改进第{n}项工作\n" for n in range(MAX_NODES + 5)
    )
    with pytest.raises(ImportFailure, match=f"超过{MAX_NODES}个"):
        parse_text(text, source="清单.txt")
