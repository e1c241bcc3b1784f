"""Published plans (pasted text, .txt in any common encoding, .docx, .doc/.wps, text PDF,
OFD) → plan-parse/1 dicts.

No Qt here: the command line, the window and the tests share this code.

    parse_text(text, source="", year=None, known_units=None) -> dict
    parse_file(path, year=None, known_units=None) -> dict
    ImportFailure: str() is one Chinese line naming the file
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from desktop.importing.blocks import SourceLine, TableRow, Warning
from desktop.importing.errors import ImportFailure
from desktop.importing.limits import MAX_NODES, MAX_PLANS
from desktop.importing.noise import paragraphs
from desktop.importing.parser import SCHEMA, PlanBuilder
from desktop.importing.reading import FILE_KINDS, read_blocks, text_lines
from desktop.importing.units import UnitNames

__all__ = ["FILE_KINDS", "ImportFailure", "SCHEMA", "parse_file", "parse_text"]


def parse_text(
    text: str,
    source: str = "",
    year: int | None = None,
    known_units: Mapping[str, str] | None = None,
) -> dict:
    """The plan-parse/1 dict for plan text (pasted or read from a file)."""
    if not text or not text.strip():
        raise ImportFailure(source, "没有文字内容，无法导入")
    return _parse_blocks(text_lines(text, source), source, year, known_units)


def parse_file(
    path: Path | str,
    year: int | None = None,
    known_units: Mapping[str, str] | None = None,
) -> dict:
    """The plan-parse/1 dict for a .txt/.docx/.doc/.wps/.pdf/.ofd file."""
    path = Path(path)
    blocks = read_blocks(path, path.name)
    return _parse_blocks(blocks, path.name, year, known_units)


def _parse_blocks(
    blocks: Sequence[SourceLine | TableRow],
    source: str,
    year: int | None,
    known_units: Mapping[str, str] | None,
) -> dict:
    warnings: list[Warning] = []
    builder = PlanBuilder(UnitNames(known_units), warnings)
    run: list[SourceLine] = []

    def too_many_plans() -> ImportFailure:
        return ImportFailure(source, f"中找到的方案超过{MAX_PLANS}个，不像是一份整改方案，未导入")

    def too_many_items() -> ImportFailure:
        return ImportFailure(
            source, f"中一个方案的条目超过{MAX_NODES}个，不像是一份整改方案，未导入"
        )

    def flush() -> None:
        for para in paragraphs(run, warnings):
            builder.feed(para)
            if len(builder.plans) > MAX_PLANS:
                raise too_many_plans()
            if builder.node_count > MAX_NODES:
                raise too_many_items()
        run.clear()

    for block in blocks:
        if isinstance(block, TableRow):
            flush()
            builder.feed(block)
            if builder.node_count > MAX_NODES:
                raise too_many_items()
        else:
            run.append(block)
    flush()
    plans = builder.finish(year)
    if not plans:
        raise ImportFailure(source, "中没有找到整改方案的条目（编号的任务或责任说明），未导入")
    if len(plans) > MAX_PLANS:
        raise too_many_plans()
    return {
        "schema": SCHEMA,
        "source": source,
        "plans": [plan.to_dict() for plan in plans],
        "warnings": [w.to_dict() for w in sorted(warnings, key=lambda w: w.line)],
    }
