"""Breakdown tables and ledgers as print-ready .xlsx workbooks (no Qt)."""

from __future__ import annotations

from desktop.exporting.columns import CATALOGUE, UnknownColumn, default_columns, resolve_columns
from desktop.exporting.export import (
    ExportCancelled,
    ExportOptions,
    export_by_leader,
    export_by_unit,
    export_plan,
)
from desktop.exporting.safe_write import ExportError

__all__ = [
    "CATALOGUE",
    "ExportCancelled",
    "ExportError",
    "ExportOptions",
    "UnknownColumn",
    "default_columns",
    "export_by_leader",
    "export_by_unit",
    "export_plan",
    "resolve_columns",
]
