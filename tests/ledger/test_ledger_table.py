"""Ledger table rows and filters (Qt-free): lights, windows, text and pinyin initials."""

from __future__ import annotations

from datetime import date

from db.ledger_records import TaskFacts
from desktop.ledger.table import LedgerFilter, choices, filter_rows, initials_variants, make_rows

TODAY = date(2014, 11, 1)


def task(task_id, title, status="in_progress", due=None, leaders=(), units=(), plan=1):
    return TaskFacts(
        id=task_id, plan_id=plan, plan_title=f"方案{plan}", title=title, status=status,
        due_date=due, leaders=leaders, lead_units=units,
    )  # fmt: skip


ROWS = make_rows(
    [
        task(1, "突出监督重点", due=date(2014, 10, 30), leaders=("朱晓明",), units=("市政府办",)),
        task(2, "建立联系制度", due=date(2014, 11, 5), leaders=("单立新",), units=("市财政局",)),
        task(3, "严格会议制度", due=date(2014, 11, 18), units=("市政府办",), plan=2),
        task(4, "推行一线工作法", status="done", due=date(2014, 10, 1)),
        task(5, "常态长效", status="ongoing"),
    ],
    TODAY,
    progress={2: "已走访代表12名"},
)


def ids(wanted: LedgerFilter) -> list[int]:
    return [ROWS[p].id for p in filter_rows(ROWS, wanted)]


def test_rows_carry_lights_and_days_left():
    assert [(r.urgency, r.light, r.days_left) for r in ROWS] == [
        ("overdue", "red", -2), ("near", "red", 4), ("far", "yellow", 17),
        ("finished", "green", -31), ("no_deadline", None, None),
    ]  # fmt: skip


def test_filters_by_plan_unit_leader_status_and_window():
    assert ids(LedgerFilter()) == [1, 2, 3, 4, 5]
    assert ids(LedgerFilter(plan_id=2)) == [3]
    assert ids(LedgerFilter(unit="市政府办")) == [1, 3]
    assert ids(LedgerFilter(leader="朱晓明")) == [1]
    assert ids(LedgerFilter(status="done")) == [4]
    assert ids(LedgerFilter(window="overdue")) == [1]
    assert ids(LedgerFilter(window="soon")) == [1, 2, 3]
    assert ids(LedgerFilter(window="no_deadline")) == [5]
    assert ids(LedgerFilter(unit="市政府办", window="far")) == [3]


def test_text_matches_words_progress_and_pinyin_initials():
    assert ids(LedgerFilter(text="制度")) == [2, 3]
    assert ids(LedgerFilter(text="走访")) == [2]  # the latest progress
    assert ids(LedgerFilter(text="zxm")) == [1]  # 朱晓明
    assert ids(LedgerFilter(text="ZXM")) == [1]
    assert ids(LedgerFilter(text="slx")) == [2]  # 单 read shan
    assert ids(LedgerFilter(text="dlx")) == [2]  # 单 read dan
    assert ids(LedgerFilter(text="czj")) == [2]  # 市财政局, a later part
    assert ids(LedgerFilter(text="方案2")) == [3]
    assert ids(LedgerFilter(text="qqq")) == []


def test_initials_variants_and_choices():
    assert initials_variants("朱晓明")[0] == "zxm"
    assert initials_variants("单立新")[0] == "dlx" and "slx" in initials_variants("单立新")
    assert len(initials_variants("重长行乐单朝会将")) == 16
    offered = choices(ROWS)
    assert offered.plans == [(1, "方案1"), (2, "方案2")]
    assert offered.units == sorted(["市政府办", "市财政局"]) and "朱晓明" in offered.leaders
