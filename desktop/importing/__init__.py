"""Published plans (pasted text, .txt in any common encoding, .docx) → plan-parse/1 dicts.

No Qt here: the command line, the window and the tests share this code.

    parse_text(text, source="", year=None, known_units=None) -> dict
    parse_file(path, year=None, known_units=None) -> dict
    ImportFailure: str() is one Chinese line naming the file
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from desktop.importing.blocks import SourceLine, TableRow, Warning
from desktop.importing.decoding import decode_text, sniff
from desktop.importing.errors import ImportFailure
from desktop.importing.noise import paragraphs
from desktop.importing.parser import SCHEMA, PlanBuilder
from desktop.importing.units import UnitNames

__all__ = ["ImportFailure", "SCHEMA", "parse_file", "parse_text"]

MAX_FILE_BYTES = 50 * 1024 * 1024


def parse_text(
    text: str,
    source: str = "",
    year: int | None = None,
    known_units: Mapping[str, str] | None = None,
) -> dict:
    """The plan-parse/1 dict for plan text (pasted or read from a file)."""
    if not text or not text.strip():
        raise ImportFailure(source, "没有文字内容，无法导入")
    lines = [SourceLine(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    return _parse_blocks(lines, source, year, known_units)


def parse_file(
    path: Path | str,
    year: int | None = None,
    known_units: Mapping[str, str] | None = None,
) -> dict:
    """The plan-parse/1 dict for a .txt/.docx (or other text) file."""
    path = Path(path)
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFailure(source, "超过 50 MB，不像是一份整改方案，未导入")
        data = path.read_bytes()
    except ImportFailure:
        raise
    except FileNotFoundError:
        raise ImportFailure(source, "不存在") from None
    except IsADirectoryError:
        raise ImportFailure(source, "是文件夹，不是文件") from None
    except PermissionError:
        raise ImportFailure(source, "没有读取权限") from None
    except OSError as error:
        raise ImportFailure(source, f"无法读取（{error.strerror or error}）") from None
    if not data.strip():
        raise ImportFailure(source, "是空文件，没有可导入的内容")
    kind = sniff(data)
    if kind == "zip":
        from desktop.importing.docx_reader import read_docx

        blocks: Sequence[SourceLine | TableRow] = read_docx(data, source)
    elif kind == "ole":
        raise ImportFailure(
            source, "是旧版 Word 97-2003 文档（.doc），请在 Word 中另存为 .docx 后再导入"
        )
    elif kind == "pdf":
        raise ImportFailure(source, "是 PDF 文件，请复制其中的文字后从剪贴板导入")
    elif kind == "rtf":
        raise ImportFailure(source, "是 RTF 文档，请在 Word 中另存为 .docx 后再导入")
    else:
        text = decode_text(data, source)
        blocks = [SourceLine(n, line) for n, line in enumerate(text.splitlines(), start=1)]
    return _parse_blocks(blocks, source, year, known_units)


def _parse_blocks(
    blocks: Sequence[SourceLine | TableRow],
    source: str,
    year: int | None,
    known_units: Mapping[str, str] | None,
) -> dict:
    warnings: list[Warning] = []
    builder = PlanBuilder(UnitNames(known_units), warnings)
    run: list[SourceLine] = []

    def flush() -> None:
        for para in paragraphs(run, warnings):
            builder.feed(para)
        run.clear()

    for block in blocks:
        if isinstance(block, TableRow):
            flush()
            builder.feed(block)
        else:
            run.append(block)
    flush()
    plans = builder.finish(year)
    if not plans:
        raise ImportFailure(source, "中没有找到整改方案的条目（编号的任务或责任说明），未导入")
    return {
        "schema": SCHEMA,
        "source": source,
        "plans": [plan.to_dict() for plan in plans],
        "warnings": [w.to_dict() for w in sorted(warnings, key=lambda w: w.line)],
    }
