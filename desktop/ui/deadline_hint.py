"""The date a 完成时限 wording means, for the editor's “→ 2014-09-30” hint.  No Qt here."""

from __future__ import annotations

from datetime import date

from desktop.importing.deadlines import due_date


def parse_deadline(text: str, default_year: int | None = None) -> date | None:
    """The due date of a deadline wording; `default_year` (the plan's year) fills 9月底前."""
    iso = due_date(text, default_year)
    return date.fromisoformat(iso) if iso else None
