"""A credential store in memory, with desktop/credentials.py's interface."""

from __future__ import annotations


class MemoryStore:
    """A credential store in memory (desktop/credentials.py's interface)."""

    name = "测试密码库"

    def __init__(self) -> None:
        self.kept: dict[str, str] = {}

    def store(self, key: str, password: str) -> None:
        self.kept[key] = password

    def load(self, key: str) -> str | None:
        return self.kept.get(key)

    def forget(self, key: str) -> None:
        self.kept.pop(key, None)
