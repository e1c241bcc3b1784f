from __future__ import annotations

from db.records import PersonRecord, UnitRecord
from desktop.ledger.pinyin_match import (
    EXACT,
    FULL_PINYIN,
    INITIALS,
    INITIALS_INSIDE,
    PREFIX,
    SUBSTRING,
    Key,
    NameIndex,
    readings,
    sort_key,
)

PEOPLE = [
    PersonRecord(1, "朱晓明", "市委书记", "市委", tasks=5),
    PersonRecord(2, "朱开宝", "市长", "市政府", tasks=1),
    PersonRecord(3, "单雄", tasks=0),
    PersonRecord(4, "张小明", tasks=2),
    PersonRecord(5, "党组成员", tasks=9),
]
UNITS = [
    UnitRecord(1, "市政府办公室", ["市政府办", "政府办"], tasks=3),
    UnitRecord(2, "市财政局", [], tasks=1),
    UnitRecord(3, "市委（市政府）督查室", [], tasks=0),
]


def names(matches):
    return [m.name for m in matches]


def test_initials_find_the_person_among_others():
    index = NameIndex.of_people(PEOPLE)
    assert names(index.match("zxm")) == ["朱晓明", "张小明"]
    assert all(m.rank == INITIALS for m in index.match("zxm"))
    assert names(index.match("ZXM")) == ["朱晓明", "张小明"]


def test_full_and_partial_pinyin_without_tones():
    index = NameIndex.of_people(PEOPLE)
    assert names(index.match("zhuxiaoming")) == ["朱晓明"]
    assert names(index.match("zhuxm")) == ["朱晓明"]
    assert index.match("zhuxiaoming")[0].rank == FULL_PINYIN
    assert index.match("zhuxiaominga") == []


def test_every_reading_of_a_polyphonic_character_counts():
    assert {"dan", "shan"} <= set(readings("单"))
    index = NameIndex.of_people(PEOPLE)
    assert "单雄" in names(index.match("sx"))  # shan
    assert "朱晓明" in names(index.match("sx"))  # 朱 also reads shu
    assert names(index.match("dx")) == ["单雄"]
    assert names(index.match("shanxiong")) == ["单雄"]


def test_rank_exact_before_prefix_before_initials_before_substring():
    index = NameIndex.of_people(
        [
            PersonRecord(1, "明"),
            PersonRecord(2, "明月", tasks=9),
            PersonRecord(3, "马丁"),
            PersonRecord(4, "朱晓明"),
        ]
    )
    assert [(m.name, m.rank) for m in index.match("明")] == [
        ("明", EXACT),
        ("明月", PREFIX),
        ("朱晓明", SUBSTRING),
    ]
    assert [m.rank for m in index.match("m")] == [INITIALS] * 3
    assert names(index.match("m")) == ["明月", "明", "马丁"]  # most used first


def test_units_match_by_alias_and_resolve_to_the_canonical_name():
    index = NameIndex.of_units(UNITS)
    match = index.match("政府办")[0]
    assert (match.name, match.rank, match.via) == ("市政府办公室", EXACT, "政府办")
    assert index.match("zfb")[0].name == "市政府办公室"
    assert index.resolve("市政府办").name == "市政府办公室"
    assert index.resolve(" 市财政局 ").name == "市财政局"
    assert index.resolve("审计局") is None
    assert index.match("市政府办公室")[0].via == ""


def test_initials_of_a_later_part_rank_after_prefix_initials():
    index = NameIndex.of_units([*UNITS, UnitRecord(4, "财政专户管理中心")])
    assert [(m.name, m.rank) for m in index.match("czj")] == [("市财政局", INITIALS_INSIDE)]
    assert [(m.name, m.rank) for m in index.match("cz")] == [
        ("财政专户管理中心", INITIALS),
        ("市财政局", INITIALS_INSIDE),
    ]
    assert index.match("j") == []  # one letter only at the start


def test_punctuation_is_skipped_in_pinyin_keys():
    key = Key.of("市委（市政府）督查室")
    assert key.initials_match("swszfdcs")
    index = NameIndex.of_units(UNITS)
    assert names(index.match("swszfd")) == ["市委（市政府）督查室"]


def test_detail_shows_post_and_unit_or_aliases():
    people = NameIndex.of_people(PEOPLE)
    assert people.match("朱晓明")[0].candidate.detail == "市委书记 · 市委"
    units = NameIndex.of_units(UNITS)
    assert units.match("市政府办公室")[0].candidate.detail == "别名：市政府办、政府办"


def test_blank_text_matches_nothing_and_limit_applies():
    index = NameIndex.of_people(PEOPLE)
    assert index.match("  ") == []
    assert len(index.match("z", limit=2)) == 2
    assert len(index.match("z", limit=None)) == 3


def test_sort_key_orders_by_pinyin():
    names = ["朱晓明", "陈红", "王伟", "安宁", "办公室"]
    assert sorted(names, key=sort_key) == ["安宁", "办公室", "陈红", "王伟", "朱晓明"]
