"""Search keys and the search index of the plan tree: by text, leader or unit, or by pinyin
initials (hj → 环境), keeping the ancestors of matches visible.

Designed for 50,000 nodes: each item's search key (its texts, lower case, and the pinyin
initials of its title, leaders and units) is computed once and cached on the item.  The index
numbers the items depth first, so every item's subtree is one range of numbers, and splits each
key in two: the texts, and their ASCII runs with the initials (a needle of letters and digits
can only match there: short, one-byte strings).  A keystroke is one pass of `in` in C over one
of those lists — over the previous keystroke's matches only when the needle grew, none at all
when the user erases back to a needle already searched.  Whether an item shows is one
bisection: does its range hold a match?  The results model (tree_filter.py) asks that.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from functools import lru_cache
from itertools import compress, repeat
from operator import contains

from desktop.ledger.fields import search_texts
from desktop.ui.tree_items import NodeItem, PlanItem, TreeItem

PART = "\x01"  # between an item's texts and its initials
MAX_VARIANTS = 4  # initials strings per text when characters have several readings
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _letters(char: str) -> tuple[str, ...]:
    from desktop.ledger.pinyin_match import readings  # pypinyin loads on first use

    return tuple(dict.fromkeys(reading[0] for reading in readings(char) if reading))


@lru_cache(maxsize=4096)
def _char_letters(char: str) -> tuple[str, ...]:
    return _letters(char)


@lru_cache(maxsize=65536)
def initials(text: str) -> tuple[str, ...]:
    """The pinyin initials of `text` (环境整治 → hjzz), with a variant for each of the first
    characters read several ways (单 → d/s/c), so either reading is found."""
    options = [letters for letters in map(_char_letters, text) if letters]
    if not options:
        return ()
    first = "".join(letters[0] for letters in options)
    variants = [first]
    for at, letters in enumerate(options):
        for other in letters[1:]:
            if len(variants) >= MAX_VARIANTS:
                break
            variants.append(first[:at] + other + first[at + 1 :])
    return tuple(variants)


def search_parts(item: TreeItem) -> tuple[str, str]:
    """What an item is found by: (its fields in lower case, their ASCII runs and the pinyin
    initials of its title, leaders and units), cached on the item with its record."""
    cached = item.search_key
    if cached is not None and cached[0] is item.record:
        return cached[1], cached[2]
    record = item.record
    if isinstance(item, PlanItem):
        names = [record.title]
    elif isinstance(item, NodeItem):
        units = [unit.name for unit in (*record.lead_units, *record.support_units)]
        names = [record.title, *record.leaders, *units]
    else:
        return "", ""
    texts = list(search_texts(record))  # the registry's searchable fields
    text = "\n".join(text for text in texts if text).lower()
    spelt = "\n".join(variant for name in names if name for variant in initials(name))
    runs = text if text.isascii() else PART.join(_ASCII_RUNS.findall(text))
    parts = (text, runs + PART + spelt)
    item.search_key = (record, *parts)
    return parts


def search_key(item: TreeItem) -> str:
    """The text an item is found by: its fields in lower case, then pinyin initials."""
    text, spelt = search_parts(item)
    initials_ = spelt.rpartition(PART)[2]
    return text + PART + initials_ if initials_ else text


def build_in_background(roots: list[TreeItem], generation: int, done) -> threading.Thread:
    """Compute the search keys (loading pypinyin on first use) and a SearchIndex of the tree
    under `roots` in a background thread; `done(index)` gets it, in that thread.  Items only
    get a cached key set (a key made from a record replaced meanwhile is ignored, being tied
    to that record); an index made while the tree changed is dropped by its generation."""

    def work() -> None:
        index = SearchIndex()
        index.rebuild(roots, generation)
        done(index)

    thread = threading.Thread(target=work, name="search-index", daemon=True)
    thread.start()
    return thread


class SearchResult:
    """The matches of one needle, as sorted item numbers, over the numbering they were made
    in (kept by the result: the index may be rebuilt meanwhile)."""

    def __init__(self, index: SearchIndex, found: list[int]) -> None:
        self.found = found
        self.count = len(found)
        self._index = index
        self._number, self._ends = index.number, index.ends

    def knows(self, key: int) -> bool:
        return key in self._number

    def shows(self, key: int) -> bool:
        """True for a match, an ancestor of one, or an item newer than the search."""
        n = self._number.get(key)
        if n is None:
            return True  # added since: new rows stay visible
        found = self.found
        at = bisect_left(found, n)
        return at < len(found) and found[at] < self._ends[n]

    def has_shown_children(self, key: int) -> bool | None:
        """Whether a match lies below the item (None: an item newer than the search)."""
        n = self._number.get(key)
        if n is None:
            return None
        found = self.found
        at = bisect_left(found, n + 1)
        return at < len(found) and found[at] < self._ends[n]

    def shown_among(self, items: list) -> list:
        """Those of `items` (siblings, in order) that show."""
        number, ends, found = self._number, self._ends, self.found
        size, shown = len(found), []
        for item in items:
            n = number.get(item.key)
            if n is None:  # added since: new rows stay visible
                shown.append(item)
                continue
            at = bisect_left(found, n)
            if at < size and found[at] < ends[n]:
                shown.append(item)
        return shown

    def same_as(self, other: SearchResult | None) -> bool:
        """Whether `other` shows the same items (a needle that found nothing new)."""
        return (
            other is not None
            and other._number is self._number
            and other.count == self.count
            and other.found == self.found
        )

    def opened(self, limit: int) -> set[int] | None:
        """Keys of the shown items with shown children (what to expand); None when there are
        more than `limit`."""
        parents, keys = self._index.parents, self._index.item_keys
        seen: set[int] = set()
        for n in self.found:
            n = parents[n]
            while n >= 0 and n not in seen:
                seen.add(n)
                if len(seen) > limit:
                    return None
                n = parents[n]
        return {keys[n] for n in seen}

    def top_items(self) -> list[int]:
        """Keys of the top-level items (plans) that hold a match, in order."""
        index, found = self._index, self.found
        return [
            index.item_keys[n]
            for n in index.tops
            if (at := bisect_left(found, n)) < len(found) and found[at] < index.ends[n]
        ]


class SearchIndex:
    """Every item's key, numbered depth first, rebuilt when the model changed."""

    MEMO = 32  # needles remembered per build (erasing goes back through them)

    def __init__(self) -> None:
        self.generation = -1
        self.texts: list[str] = []  # lower-case texts of item number n
        self.spelt: list[str] = []  # their ASCII runs, then the pinyin initials
        self.item_keys: list[int] = []
        self.parents: list[int] = []  # number of the parent item, -1 for the top
        self.ends: list[int] = []  # number after the last item of n's subtree
        self.tops: list[int] = []  # numbers of the top-level items
        self.number: dict[int, int] = {}  # item key → number
        self._memo: dict[str, list[int]] = {}

    def rebuild(self, roots: list[TreeItem], generation: int) -> None:
        items: list[TreeItem] = []
        parents: list[int] = []
        tops: list[int] = []
        stack = [(root, -1) for root in reversed(roots)]
        while stack:  # depth first: a subtree is a range of numbers
            item, parent = stack.pop()
            n = len(items)
            if parent < 0:
                tops.append(n)
            items.append(item)
            parents.append(parent)
            if item.children:
                stack.extend((child, n) for child in reversed(item.children))
        ends = list(range(1, len(items) + 1))
        for n in range(len(items) - 1, -1, -1):
            parent = parents[n]
            if parent >= 0 and ends[n] > ends[parent]:
                ends[parent] = ends[n]
        parts = [search_parts(item) for item in items]
        texts = [text for text, _spelt in parts]
        spelt = [spelt for _text, spelt in parts]
        self.texts, self.spelt = texts, spelt
        self.item_keys = [item.key for item in items]
        self.parents, self.ends, self.tops = parents, ends, tops
        self.number = {key: n for n, key in enumerate(self.item_keys)}
        self._memo = {}
        self.generation = generation

    def search(self, needle: str) -> SearchResult:
        found = self._memo.get(needle)
        if found is None:
            texts = self.spelt if needle.isascii() else self.texts
            narrower = max(
                (known for known in self._memo if known in needle), key=len, default=None
            )
            if narrower is None:
                hits = map(contains, texts, repeat(needle))
                found = list(compress(range(len(texts)), hits))
            else:  # the needle grew: only the shorter needle's matches can match it
                candidates = self._memo[narrower]
                hits = map(contains, map(texts.__getitem__, candidates), repeat(needle))
                found = list(compress(candidates, hits))
            if len(self._memo) >= self.MEMO:
                del self._memo[next(iter(self._memo))]
            self._memo[needle] = found
        return SearchResult(self, found)
