"""Newspaper noise: jump markers, (完), stray characters, page headers, 相关文章 tails, and
paragraphs broken by a page break, turned into clean paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.importing import labelled
from desktop.importing.blocks import Para, SourceLine, Warning
from desktop.importing.numbering import match_number
from desktop.importing.pages import (
    header_key,
    page_number_lines,
    printed_width,
    running_headers,
    wrap_width,
)
from desktop.importing.textnorm import clean_line, ends_complete, fold, join_parts

_JUMP = re.compile(
    r"[(（]\s*(?:下转|上接|转|接|紧接|续|转至|接上)\s*(?:第\s*)?"
    r"[0-9０-９一二三四五六七八九十A-Za-zＡ-Ｚ]{1,3}\s*(?:版|页|面)\s*[)）]"
)
_END_MARK = re.compile(r"[(（]\s*(?:完|全文完|待续)\s*[)）]")
_TAIL = re.compile(
    r"^(?:相关[\u4e00-\u9fff]{0,8}|延伸阅读|推荐阅读|猜你喜欢|热门文章|热门推荐|上一篇|下一篇"
    r"|责任编辑|编辑|来源)\s*[:：]"
)
_STRAY = re.compile(r"[\d\W_]{1,4}|[\u4e00-\u9fffA-Za-z]")
_DATELINE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周)[一二三四五六日天]"
    r"|第?\s*[A-Z]?\d{1,2}\s*版(?:[:：].{0,12})?"
)
_TITLE_END = re.compile(
    r"(?:方案|整改措施|整改清单|任务清单|问题清单|整改台账|任务分解表|责任分工表?|整改计划)"
    r"(?:[(（][\u4e00-\u9fff]{2,8}[)）])?$"
)
_SENTENCE_MARKS = re.compile(r"[。;；!?！？:：,，]")


_NOTICE = re.compile(r"^.{0,40}?关于印发\s*《?(.+?)》?\s*的通知$")


def title_text(text: str) -> str:
    """The plan title a title line names: 关于印发《X方案》的通知 names X."""
    stripped = text.strip()
    notice = _NOTICE.match(stripped)
    if notice:
        stripped = notice.group(1)
    return stripped.strip("《》")


def is_plan_title(text: str) -> bool:
    """A plan title alone on a line: "……整改方案" with no sentence punctuation, also when
    wrapped in 关于印发《……》的通知."""
    folded = fold(title_text(text)).strip().strip('《》"“” ')
    if not 6 <= len(folded) <= 80 or _SENTENCE_MARKS.search(folded):
        return False
    if match_number(folded) is not None:
        return False
    return _TITLE_END.search(folded) is not None


def _is_heading(text: str) -> bool:
    number = match_number(text)
    if number is None:
        return False
    rest = fold(text[number.end :])
    return len(rest) <= 40 and "。" not in rest


def _title_head(text: str) -> bool:
    """The first line of a title broken in two: short, no number, no punctuation."""
    folded = fold(text).strip()
    return (
        4 <= len(folded) <= 40
        and not _SENTENCE_MARKS.search(folded)
        and match_number(folded) is None
    )


def _is_list_label(text: str) -> bool:
    label = labelled.match_label(text)
    return label is not None and label[0] in labelled.LIST_FIELDS


def _starts_block(text: str) -> bool:
    """Whether a line must begin a new paragraph (a number, a label, a tail); titles are
    checked once per line by _Item."""
    return (
        match_number(text) is not None
        or labelled.match_label(text) is not None
        or _TAIL.match(fold(text)) is not None
    )


class _Item:
    __slots__ = ("line", "text", "jump", "title", "full")

    def __init__(self, line: int, text: str, jump: bool) -> None:
        self.line, self.text, self.jump = line, text, jump
        self.title = is_plan_title(text)
        self.full = False  # the printed line reaches the right margin (hard-wrapped text)

    def starts_block(self) -> bool:
        return self.title or _starts_block(self.text)


def _strip_markers(text: str) -> tuple[str, bool]:
    folded = fold(text)
    jump = False
    spans = []
    for pattern, is_jump in ((_JUMP, True), (_END_MARK, False)):
        for found in pattern.finditer(folded):
            spans.append((found.start(), found.end()))
            jump = jump or is_jump
    if not spans:
        return text, False
    pieces, start = [], 0
    for begin, end in sorted(spans):
        pieces.append(text[start:begin])
        start = max(start, end)
    pieces.append(text[start:])
    return clean_line("".join(pieces)), jump


def _items(lines: Iterable[SourceLine], warnings: list[Warning]) -> tuple[list[_Item], bool]:
    """Lines without noise and page furniture, and whether the text is hard-wrapped."""
    cleaned = [(source.line, clean_line(source.text)) for source in lines]
    texts = [text for _, text in cleaned if text]
    numbers = page_number_lines(texts)
    headers = {text for text in running_headers(texts, numbers) if not is_plan_title(text)}
    furniture = headers | {text for text, number in zip(texts, numbers, strict=True) if number}
    margin = wrap_width([text for text in texts if text not in furniture])
    items: list[_Item] = []
    in_tail = False
    reported: set[str] = set()
    page_break = False
    for line, text in cleaned:
        if not text:
            continue
        if text in furniture:
            if text in headers and header_key(text) not in reported:
                reported.add(header_key(text))
                warnings.append(Warning(line, f"每页重复的页眉已略过：{_excerpt(text)}"))
            page_break = True
            continue
        if page_break and items and text == items[-1].text:
            continue  # the last line of a page printed again at the top of the next
        page_break = False
        text, jump = _strip_markers(text)
        if not text:
            if jump and items:
                items[-1].jump = True
            continue
        folded = fold(text)
        item = _Item(line, text, jump)
        if margin is not None:
            item.full = printed_width(text) >= margin - 1.5
        if in_tail and not item.title:
            continue
        in_tail = False
        if _TAIL.match(folded):
            in_tail = True
            warnings.append(Warning(line, f"文末的相关文章列表已略过：{_excerpt(text)}"))
            continue
        if _DATELINE.fullmatch(folded.strip()):
            warnings.append(Warning(line, f"报纸版面标记已略过：{text}"))
            continue
        if _STRAY.fullmatch(folded) and match_number(text) is None:
            wrapped_rest = items and items[-1].full and not ends_complete(items[-1].text)
            if not (wrapped_rest and not folded[0].isdigit()):
                warnings.append(Warning(line, f"孤立的字符已略过：{text}"))
                continue
        items.append(item)
    return items, margin is not None


def _excerpt(text: str, size: int = 30) -> str:
    return text if len(text) <= size else text[:size] + "……"


#: A paragraph is never joined beyond this many characters: real paragraphs are far shorter,
#: and the cap keeps the work on text without closing punctuation linear in its size.
MAX_PARAGRAPH = 3000
#: A line ending in these never ends a list of names.
_LIST_GOES_ON = frozenset("、,，")
#: A printed line reaching the margin with these goes on in the next line (folded forms).
_CONTINUES_AT_MARGIN = frozenset(";:")
#: How much of a paragraph's start decides whether it is a heading or a list label.
_HEAD = 120


class _Open:
    """The paragraph being joined: its pieces, kept apart so each join costs O(1)."""

    __slots__ = ("line", "parts", "size", "jump", "full")

    def __init__(self, item: _Item) -> None:
        self.line, self.parts, self.size = item.line, [item.text], len(item.text)
        self.jump, self.full = item.jump, item.full

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0]

    def head(self) -> str:
        return self.parts[0] if len(self.parts[0]) >= _HEAD else self.text[:_HEAD]

    def append(self, item: _Item) -> None:
        last = self.parts[-1]
        joined = join_parts(last[-1:], item.text[:1])
        piece = item.text if len(joined) == 2 else " " + item.text
        self.parts.append(piece)
        self.size += len(piece)
        self.jump, self.full = item.jump, item.full


def paragraphs(lines: Iterable[SourceLine], warnings: list[Warning]) -> list[Para]:
    """Clean paragraphs from raw lines; what was dropped goes into `warnings`."""
    items, wrapped = _items(lines, warnings)
    result: list[Para] = []
    current: _Open | None = None
    titles: list[str] = []

    def open_paragraph(printed: bool = True) -> bool:
        """Whether the paragraph so far continues on the next line. In hard-wrapped text a
        line that reaches the margin continues, even after a heading number or a label."""
        if current is None or current.jump or current.size >= MAX_PARAGRAPH:
            return False
        last = fold(current.parts[-1][-1:])
        if wrapped and printed and current.full and last in _CONTINUES_AT_MARGIN:
            return True
        if ends_complete(last):
            return False
        if wrapped and printed and current.full or last in _LIST_GOES_ON:
            return True
        head = current.head()
        heading = current.size <= _HEAD - 20 and _is_heading(head)
        return not heading and not _is_list_label(head)

    for index, item in enumerate(items):
        following = items[index + 1] if index + 1 < len(items) else None
        if item.title:
            title = title_text(item.text)
            mid_sentence = (
                open_paragraph() and following is not None and not following.starts_block()
            )
            if mid_sentence or (titles and title == titles[-1]):
                warnings.append(Warning(item.line, f"重复出现的版面标题已略过：{title}"))
                result.append(Para(item.line, title, "header"))
                continue
            line = item.line
            if current is not None and _title_head(current.text) and open_paragraph(False):
                title, line = current.text.strip() + title, current.line
            elif current is not None:
                result.append(Para(current.line, current.text))
            current = None
            titles.append(title)
            result.append(Para(line, title, "title"))
            continue
        if current is not None and open_paragraph() and not item.starts_block():
            current.append(item)
            continue
        if current is not None:
            result.append(Para(current.line, current.text))
        current = _Open(item)
    if current is not None:
        result.append(Para(current.line, current.text))
    return result
