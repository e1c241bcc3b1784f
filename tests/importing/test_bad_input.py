"""Bad files give ImportFailure with one Chinese line naming the file, quickly."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest

from desktop.importing import ImportFailure, parse_file, parse_text

BOMB_DOCUMENT = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
        for i in range(10)
    )
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def _docx_bytes(tmp_path) -> bytes:
    document = docx.Document()
    document.add_paragraph("某局整改方案")
    document.add_paragraph("1. 改进文风。压缩文件。（王强同志负责，办公室牵头办理）")
    path = tmp_path / "good.docx"
    document.save(path)
    return path.read_bytes()


def _bomb_docx(tmp_path) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes(tmp_path)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = BOMB_DOCUMENT.encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


CASES = {
    "empty.txt": lambda tmp: b"",
    "blank.txt": lambda tmp: b"  \r\n\r\n ",
    "binary.txt": lambda tmp: bytes(range(256)) * 40,
    "old.docx": lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000,
    "truncated.docx": lambda tmp: _docx_bytes(tmp)[:3000],
    "bomb.docx": _bomb_docx,
    "notes.txt": lambda tmp: "今天天气很好，我们去公园散步。".encode(),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gives_one_chinese_line_naming_it_quickly(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(CASES[name](tmp_path))
    started = time.perf_counter()
    with pytest.raises(ImportFailure) as caught:
        parse_file(path)
    elapsed = time.perf_counter() - started
    message = str(caught.value)
    assert name in message
    assert "\n" not in message
    assert any("\u4e00" <= char <= "\u9fff" for char in message)
    assert elapsed < 2.0, f"{name} took {elapsed:.2f}s"


def test_specific_reasons(tmp_path):
    reasons = {}
    for name in ("empty.txt", "old.docx", "truncated.docx", "bomb.docx", "binary.txt"):
        path = tmp_path / name
        path.write_bytes(CASES[name](tmp_path))
        with pytest.raises(ImportFailure) as caught:
            parse_file(path)
        reasons[name] = str(caught.value)
    assert "空" in reasons["empty.txt"]
    assert "损坏" in reasons["old.docx"]
    assert "损坏" in reasons["truncated.docx"]
    assert "实体" in reasons["bomb.docx"]
    assert "不是文本文件" in reasons["binary.txt"]


def test_missing_file(tmp_path):
    with pytest.raises(ImportFailure, match="不存在"):
        parse_file(tmp_path / "nothing.txt")


def test_empty_pasted_text():
    with pytest.raises(ImportFailure, match="没有文字内容"):
        parse_text("   \n", source="剪贴板")


@pytest.mark.parametrize("text", ["）", "，）", "某局整改方案\n、）\n1. 改进。（王强同志负责）"])
def test_a_closing_bracket_with_nothing_before_it_is_not_a_crash(text):
    try:
        parse_text(text, source="剪贴板")
    except ImportFailure as failure:
        assert "剪贴板" in str(failure)
