"""The program's own PDF: the same pages as the workbook, CJK text embedded."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from db.queries import load_plan
from desktop.exporting import ExportOptions, export_plan
from desktop.exporting.export import sheet_specs
from desktop.exporting.printed import printed_sheet
from desktop.ui.print_pages import write_pdf
from tests.exporting.conftest import AS_OF
from tests.helpers.sample_plans import build_realistic_plan


@pytest.fixture
def realistic_plan(database):
    return load_plan(build_realistic_plan(30))


@pytest.fixture
def out_dir(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def test_pdf_has_the_workbooks_pages(qapp, realistic_plan, out_dir):
    options = ExportOptions(as_of=AS_OF)
    workbook = export_plan(realistic_plan, out_dir / "t.xlsx", options)
    breaks = len(load_workbook(workbook).active.row_breaks.brk)
    specs = sheet_specs(realistic_plan, "plan", options)
    assert len(printed_sheet(specs[0]).pages) == breaks + 1
    pdf = write_pdf(specs, out_dir / "t.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and pdf_pages(data) == breaks + 1
    assert b"/FontFile2" in data  # fonts embedded
    assert sorted(p.name for p in out_dir.iterdir()) == ["t.pdf", "t.xlsx"]


def test_pdf_by_unit_has_every_units_pages(qapp, realistic_plan, out_dir):
    specs = sheet_specs(realistic_plan, "unit", ExportOptions(as_of=AS_OF))
    expected = sum(len(printed_sheet(spec).pages) for spec in specs)
    data = write_pdf(specs, out_dir / "u.pdf").read_bytes()
    assert pdf_pages(data) == expected > len(specs)


def test_command_line_writes_the_pdf(db_path, tmp_path):
    from desktop.cli import open_ledger
    from tests.helpers.cli import run_cli

    open_ledger(db_path)
    plan_id = build_realistic_plan(8)
    target = tmp_path / "表.pdf"
    result = run_cli("--db", str(db_path), "export", "--plan", str(plan_id), "--out", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    assert pdf_pages(target.read_bytes()) >= 1
