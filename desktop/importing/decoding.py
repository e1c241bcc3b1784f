"""Bytes → text: UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK; binary refused."""

from __future__ import annotations

import codecs
import unicodedata

from desktop.importing.errors import ImportFailure

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def sniff(data: bytes) -> str:
    """What the bytes are: "zip", "ole" (old .doc/.xls), "pdf", "rtf" or "other"."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"%PDF") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    return "other"


def decode_text(data: bytes, source: str) -> str:
    """The text of a plain-text file, or ImportFailure with a Chinese reason."""
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[3:], "utf-8", source)
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = _decode(data, "utf-16", source)
    else:
        if b"\x00" in data[:65536]:
            raise ImportFailure(source, "不是文本文件（含有二进制内容），无法导入")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode(data, "gb18030", source)
    if not text.strip():
        raise ImportFailure(source, "没有文字内容，无法导入")
    if _looks_binary(text):
        raise ImportFailure(source, "不是文本文件（含有二进制内容），无法导入")
    return text


def _decode(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportFailure(
            source,
            f"无法识别文字编码（第{error.start + 1}字节处出错），请另存为 UTF-8 文本后再导入",
        ) from None


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    odd = sum(
        1
        for char in sample
        if (char not in _ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Co", "Cn"))
        or char == "\ufffd"
    )
    return odd > max(2, len(sample) // 200)
