"""Unit and leader lists: splitting, shared prefixes, UNIT+PERSON entries, known names."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.importing.textnorm import compact, fold

_SEPARATORS = re.compile(r"[、,，;；/／\n]")
#: Characters a unit name ends with (局, 联, 会, 社, 行, 站, 所, 院 …).
UNIT_END = "室科处局委办股组队部所站院会厅馆团社司中心署庭校台行府联协盟场厂区"
_CONTACT_WORDS = ("主要负责人", "分管负责人", "负责人", "联络员", "联系人", "责任人")
#: Posts written after a unit in 配合单位及负责人 lists: "各街道主任", "市公安局交警支队支队长".
_POST = re.compile(
    r"(?:主要负责同志|分管负责同志|负责同志|主要领导|分管领导|常务副|副)?"
    r"(?:主任|书记|局长|处长|科长|股长|所长|站长|院长|校长|馆长|部长|厅长|主席|秘书长|"
    r"县长|区长|市长|镇长|乡长|支队长|大队长|中队长|队长|经理|董事长|行长|总经理)$"
)
#: What a unit name may end with before a post (besides the unit suffixes): 各街道, 各乡镇.
_PLACE_END = "道镇乡村县市州旗"
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤凌常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凤鲍车祁冷"
)
_ORG_MARKERS = (
    "常委会",
    "委员会",
    "人民政府",
    "政府",
    "人大",
    "政协",
    "党组",
    "局",
    "厅",
    "院",
    "会",
)
_PERSON_TITLE = re.compile(r"(?:同志|等同志|等)$")


@dataclass
class Unit:
    """A unit named in a plan, with the person to contact there when one is written."""

    name: str
    contact: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "contact": self.contact}


def split_list(text: str) -> list[str]:
    """Items of a list joined by 、，； or spaces; brackets keep their inside together."""
    text = fold(text).strip().rstrip("。.")
    if "(" not in text and "（" not in text:  # no brackets: a plain split is enough
        return [item.strip() for item in _SEPARATORS.split(text) if item.strip()]
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char in "(（":
            depth += 1
        elif char in ")）" and depth:
            depth -= 1
        if depth == 0 and _SEPARATORS.fullmatch(char):
            items.append("".join(current))
            current = []
        else:
            current.append(char)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def split_people(text: str) -> list[str]:
    """Leader names: 朱晓明、朱开宝同志 → [朱晓明, 朱开宝]; collective holders stay whole."""
    people: list[str] = []
    for item in split_list(text):
        for part in item.split():
            name = _PERSON_TITLE.sub("", part).strip()
            if name and name not in people:
                people.append(name)
    return people


def _split_contact(entry: str) -> tuple[str, str | None]:
    """办公室李红 → (办公室, 李红); 各科室负责人 → (各科室, 负责人); 办公室(李红) too."""
    bracket = re.fullmatch(r"(.+?)\s*[(（]\s*([\u4e00-\u9fff]{2,4})\s*[)）]", entry)
    if bracket and bracket.group(1)[-1] in UNIT_END:
        return bracket.group(1), bracket.group(2)
    post = _POST.search(entry)
    if post and post.start() >= 2:
        unit = entry[: post.start()]
        if unit[-1] in UNIT_END or unit[-1] in _PLACE_END or unit.endswith("社区"):
            return unit, post.group(0)
    for word in _CONTACT_WORDS:
        if entry.endswith(word) and len(entry) > len(word) + 1:
            unit = entry[: -len(word)]
            if unit[-1] in UNIT_END:
                return unit, word
    for size in (2, 3):
        if len(entry) <= size + 1:
            continue
        unit, person = entry[:-size], entry[-size:]
        if unit[-1] not in UNIT_END or person[0] not in _SURNAMES:
            continue
        if person[-1] in UNIT_END and size == 2 and person[-1] in "室科处局委办股组队部所站":
            continue
        if re.fullmatch(r"[\u4e00-\u9fff]+", person):
            return unit, person
    return entry, None


def _org_prefix(full: str) -> str:
    """The organisation part of 市人大常委会办公室 (市人大常委会), or ""."""
    best = ""
    for marker in _ORG_MARKERS:
        start = 0
        while (pos := full.find(marker, start)) >= 0:
            end = pos + len(marker)
            if len(full) - end >= 2 and end > len(best):
                best = full[:end]
            start = pos + 1
    return best


def _needs_prefix(item: str) -> bool:
    return (
        len(item) <= 6
        and item[-1] in UNIT_END
        and not re.match(r"[市县区省镇乡州盟旗]|中共|国家|全国", item)
    )


#: Where two unit names run together (a list wrapped at the margin between two names):
#: a name of four or more characters ending like a unit, then 市/县/区/省 starting the next.
#: 市委市政府督查室 (the joint office of the Party committee and the government) stays whole.
_RUN_TOGETHER = re.compile(rf"(?<=[^\s]{{3}}[{UNIT_END}])(?=[市县区省])(?!(?<=委)[市县区]政)")


def _entries(text: str) -> list[str]:
    """List items, each item's blank-separated words as separate entries, and two names
    run together ("市财政局市住建局") taken apart."""
    entries = []
    for item in split_list(text):
        for word in item.split():
            if "(" in word or "（" in word:
                entries.append(word)
            else:
                entries.extend(part for part in _RUN_TOGETHER.split(word) if part)
    return entries


def _is_person(word: str) -> bool:
    return (
        2 <= len(word) <= 3
        and word[0] in _SURNAMES
        and word[-1] not in UNIT_END
        and re.fullmatch(r"[\u4e00-\u9fff]+", word) is not None
    )


class UnitNames:
    """Resolves unit names against the known directory (exact or alias → canonical)."""

    def __init__(self, known: Mapping[str, str] | None = None) -> None:
        self._known = {compact(key): value for key, value in (known or {}).items()}

    def canonical(self, name: str) -> str | None:
        return self._known.get(compact(name))

    def units(self, text: str, split_contacts: bool = True) -> list[Unit]:
        """A unit list with shared prefixes expanded and one entry per unit."""
        result: list[Unit] = []
        prefix = ""
        for entry in _entries(text):
            if result and split_contacts and _is_person(entry) and result[-1].contact is None:
                result[-1].contact = entry
                continue
            known = self.canonical(entry)
            if known:
                name, contact = known, None
            else:
                name, contact = _split_contact(entry) if split_contacts else (entry, None)
                name = self._with_prefix(name, prefix)
            prefix = _org_prefix(name)
            if any(unit.name == name for unit in result):
                continue
            result.append(Unit(name, contact))
        return result

    def _with_prefix(self, name: str, prefix: str) -> str:
        known = self.canonical(name)
        if prefix and _needs_prefix(name) and not name.startswith(prefix):
            expanded = prefix + name
            return self.canonical(expanded) or (known or expanded)
        return known or name
