"""How long completion keys take to build and to match for a directory of 2,000 names.

Run: /work/venv/bin/python benchmarks/pinyin_match.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.records import PersonRecord, UnitRecord  # noqa: E402
from desktop.ledger.pinyin_match import NameIndex, readings  # noqa: E402

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解查"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超"
    "秀兰霞平刚桂英华玉萍红娥玲芬燕彬辉鹏宇浩凯晓开宝长重行乐朝"
)
UNIT_WORDS = [
    "发展和改革委员会",
    "财政局",
    "教育局",
    "公安局",
    "民政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化广电和旅游局",
    "卫生健康委员会",
    "审计局",
    "市场监督管理局",
]
PLACES = "京口润州丹徒丹阳句容扬中新区高新区"


def main() -> None:
    rng = random.Random(7)
    people = [
        PersonRecord(
            i,
            rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))) + str(i % 10),
            "副局长",
            "某局",
            rng.randrange(5),
        )
        for i in range(1500)
    ]
    units = [
        UnitRecord(
            i,
            f"{PLACES[i % 8 : i % 8 + 2]}区{rng.choice(UNIT_WORDS)}{i}",
            [f"简称{i}"],
            rng.randrange(5),
        )
        for i in range(500)
    ]
    readings.cache_clear()
    start = time.perf_counter()
    people_index, units_index = NameIndex.of_people(people), NameIndex.of_units(units)
    built = time.perf_counter() - start
    print(f"build keys for {len(people)} people + {len(units)} units (cold): {built * 1000:.1f} ms")
    start = time.perf_counter()
    NameIndex.of_people(people), NameIndex.of_units(units)
    print(f"rebuild after a directory change (warm): {(time.perf_counter() - start) * 1000:.1f} ms")
    for typed in ("z", "zxm", "zhang", "wangfang", "局", "财政", "jklcz"):
        index = units_index if typed in ("局", "财政", "jklcz") else people_index
        start = time.perf_counter()
        rounds = 20
        for _ in range(rounds):
            found = index.match(typed)
        took = (time.perf_counter() - start) / rounds
        print(
            f"match {typed!r:12} over {len(index):5} names: {took * 1000:6.2f} ms, "
            f"{len(found)} shown"
        )


if __name__ == "__main__":
    main()
