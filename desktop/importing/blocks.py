"""What the readers hand to the parser: source lines, cleaned paragraphs, table rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceLine:
    """One line of the source as read (1-based line number)."""

    line: int
    text: str


@dataclass
class Para:
    """A paragraph after noise removal and re-joining of broken lines.

    kind is "text", "title" (a plan title line) or "header" (a page header naming a plan).
    """

    line: int
    text: str
    kind: str = "text"


@dataclass
class TableRow:
    """One row of a Word task table, its cells mapped to fields (see docx_reader)."""

    line: int
    where: str
    fields: dict[str, str] = field(default_factory=dict)
    section: str = ""


@dataclass
class Warning:
    """Something in the source the importer could not place."""

    line: int
    message: str

    def to_dict(self) -> dict[str, int | str]:
        return {"line": self.line, "message": self.message}
