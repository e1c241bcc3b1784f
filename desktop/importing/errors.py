"""The one exception the importer raises for input it cannot read."""

from __future__ import annotations


class ImportFailure(Exception):
    """Input that cannot be imported; str() is one Chinese line naming the file."""

    def __init__(self, source: str, reason: str, where: str = "") -> None:
        self.source = source
        self.reason = reason
        self.where = where
        name = f"“{source}”" if source else "输入的内容"
        place = f"{where}" if where else ""
        super().__init__(f"{name}{place}{reason}")
