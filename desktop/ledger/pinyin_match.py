"""Matching typed text against directory names for completion, including by pinyin.

A name matches when the text is a substring of it, a prefix of its pinyin initials
(zxm → 朱晓明), a prefix of its toneless pinyin (zhuxiaoming, also zhuxm), or the initials
of a later part (czj → 市财政局, as units are often named without their 市 or 区).  Every reading of
a polyphonic character counts (单 = dan/shan/chan), so surnames are found however they are
read.  Units match by their aliases too.  Keys are computed once per directory load.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from db.records import PersonRecord, UnitRecord

EXACT, PREFIX, INITIALS, FULL_PINYIN, INITIALS_INSIDE, SUBSTRING = range(6)


@cache
def readings(char: str) -> tuple[str, ...]:
    """The toneless readings of one character; a letter or digit reads as itself (lower
    case); punctuation and spaces read as nothing."""
    if char.isascii():
        return (char.lower(),) if char.isalnum() else ()
    if not _is_han(char):
        return (char.lower(),) if char.isalnum() else ()
    from pypinyin import Style, pinyin  # loaded on first use: it takes ~0.4 s to import

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    values = tuple(dict.fromkeys(r for r in (found[0] if found else []) if r.isascii() and r))
    return values or (char,)


def sort_key(text: str) -> str:
    """A key that orders names by pinyin as a directory is read: 陈 before 朱."""
    return " ".join(r[0] if r else char for char in text for r in (readings(char),))


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@dataclass(frozen=True)
class Key:
    """One searchable text (a name or an alias) with its readings, one tuple per character."""

    text: str
    readings: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, text: str) -> Key:
        return cls(text, tuple(r for r in (readings(c) for c in text) if r))

    def initials_match(self, typed: str, start: int = 0) -> bool:
        """`typed` is a prefix of the initials from character `start` on, any reading of
        each character counting."""
        if start + len(typed) > len(self.readings):
            return False
        return all(
            any(r[0] == letter for r in options)
            for letter, options in zip(typed, self.readings[start:], strict=False)
        )

    def initials_inside(self, typed: str) -> bool:
        """`typed` spells the initials of a later part: czj → 市财政局."""
        return len(typed) > 1 and any(
            self.initials_match(typed, start)
            for start in range(1, len(self.readings) - len(typed) + 1)
        )

    def pinyin_match(self, typed: str) -> bool:
        """`typed` is a prefix of the pinyin, each character spelt in full or by the start of
        one of its readings (zhuxiaoming, zhuxm, zhxm)."""
        reached = {0}
        for options in self.readings:
            following: set[int] = set()
            for at in reached:
                rest = typed[at:]
                for reading in options:
                    if reading.startswith(rest):
                        return True
                    size = 1
                    while size <= len(reading) and rest.startswith(reading[:size]):
                        following.add(at + size)
                        size += 1
            if not following:
                return False
            reached = following
        return len(typed) in reached


@dataclass(frozen=True)
class Candidate:
    """Something to offer: a canonical name, what to show beside it, and its other names."""

    name: str
    detail: str = ""
    aliases: tuple[str, ...] = ()
    weight: int = 0  # tasks; more used entries come first within a rank


@dataclass(frozen=True)
class Match:
    candidate: Candidate
    rank: int
    via: str = ""  # the alias that matched, when it was not the name

    @property
    def name(self) -> str:
        return self.candidate.name


class NameIndex:
    """Candidates with their pinyin keys, ready to be matched as the user types."""

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self._candidates = list(candidates)
        self._keyed: list[tuple[Candidate, list[Key]]] | None = None
        self._by_text: dict[str, Candidate] = {}
        for candidate in self._candidates:
            for text in (candidate.name, *candidate.aliases):
                self._by_text.setdefault(text, candidate)

    @property
    def _entries(self) -> list[tuple[Candidate, list[Key]]]:
        """Candidates with their pinyin keys, made on the first match (not at start-up)."""
        if self._keyed is None:
            self._keyed = [
                (candidate, [Key.of(candidate.name), *(Key.of(a) for a in candidate.aliases)])
                for candidate in self._candidates
            ]
        return self._keyed

    def __len__(self) -> int:
        return len(self._candidates)

    @classmethod
    def of_people(cls, people: Iterable[PersonRecord]) -> NameIndex:
        return cls(
            Candidate(p.name, " · ".join(x for x in (p.post, p.unit) if x), (), p.tasks)
            for p in people
        )

    @classmethod
    def of_units(cls, units: Iterable[UnitRecord]) -> NameIndex:
        return cls(
            Candidate(
                u.name,
                "别名：" + "、".join(u.aliases) if u.aliases else "",
                tuple(u.aliases),
                u.tasks,
            )
            for u in units
        )

    def resolve(self, text: str) -> Candidate | None:
        """The candidate whose name or alias is exactly `text` (white space ignored)."""
        return self._by_text.get("".join(text.split()))

    def match(self, typed: str, limit: int | None = 50) -> list[Match]:
        """Candidates matching `typed`, best first: exact, prefix, initials, pinyin,
        initials of a later part (czj → 市财政局), substring; within a rank the more used
        and shorter names first."""
        typed = "".join(typed.split())
        if not typed:
            return []
        latin = typed.lower() if typed.isascii() and typed.isalnum() else ""
        found: list[Match] = []
        for candidate, keys in self._entries:
            best: Match | None = None
            for key in keys:
                rank = _rank(key, typed, latin)
                if rank is not None and (best is None or rank < best.rank):
                    via = "" if key.text == candidate.name else key.text
                    best = Match(candidate, rank, via)
                    if rank == EXACT:
                        break
            if best is not None:
                found.append(best)
        found.sort(key=lambda m: (m.rank, -m.candidate.weight, len(m.name), m.name))
        return found if limit is None else found[:limit]


def _rank(key: Key, typed: str, latin: str) -> int | None:
    if key.text == typed:
        return EXACT
    if key.text.startswith(typed):
        return PREFIX
    if latin and key.readings:
        if key.initials_match(latin):
            return INITIALS
        if key.pinyin_match(latin):
            return FULL_PINYIN
        if key.initials_inside(latin):
            return INITIALS_INSIDE
    if typed in key.text:
        return SUBSTRING
    return None
