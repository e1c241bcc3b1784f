"""回头看 counts each task under the leaders and lead units it had on the evaluated date,
rebuilt from the 修改记录 of later edits, not under today's."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

from db.ledger_records import FieldChangeRecord
from db.models import Unit
from db.queries import load_plan
from db.records import UnitRef
from desktop.ledger.history import names_as_of, split_names, unit_name
from desktop.ledger.report import dashboard, ledger_summary
from desktop.operations.directories import rename_unit, set_unit_aliases
from desktop.operations.ledger_ops import set_clerk
from desktop.operations.nodes import set_leaders, set_units
from tests.helpers.builders import build_plan

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)


def test_names_of_a_recorded_value_split_outside_brackets():
    assert split_names("单位1（张三、李四）、单位2") == ["单位1（张三、李四）", "单位2"]
    assert split_names("") == []
    known = {"市政府办": "市政府办公室", "市政府办公室": "市政府办公室"}
    assert unit_name("市政府办（王五）", known) == "市政府办公室"
    assert unit_name("市委办（王五）", known) == "市委办"
    assert (
        unit_name("新区管委会（筹）", {"新区管委会（筹）": "新区管委会（筹）"})
        == "新区管委会（筹）"
    )


def test_the_first_change_after_the_day_holds_the_names_of_that_day():
    def change(day: date, old: str, new: str, n: int) -> FieldChangeRecord:
        stamp = datetime.combine(day, datetime.min.time())
        return FieldChangeRecord(n, 1, "leaders", old, new, "", stamp)

    changes = [
        change(date(2014, 9, 1), "甲", "乙", 1),
        change(date(2014, 10, 1), "乙", "丙、丁", 2),
    ]
    assert names_as_of(("丙", "丁"), changes, date(2014, 8, 31)) == ("甲",)
    assert names_as_of(("丙", "丁"), changes, date(2014, 9, 1)) == ("乙",)
    assert names_as_of(("丙", "丁"), changes, date(2014, 10, 1)) == ("丙", "丁")


def test_a_past_date_counts_the_leaders_and_units_of_that_day(database, db_path):
    plan_id = build_plan(sections=1, tasks_per_section=2)
    first = load_plan(plan_id).tasks()[0].id
    set_clerk("李文书")
    set_leaders(first, ["新领导"])  # entered today
    set_units(first, "lead", [UnitRef("新单位", "赵六"), UnitRef("单位1", "联系人")])
    today = ledger_summary(TODAY)
    past = ledger_summary(YESTERDAY)
    assert set(today.by_leader) == {"新领导", "领导2"}
    assert set(past.by_leader) == {"领导1", "领导2"}
    assert set(today.by_unit) == {"新单位", "单位1", "单位2"}
    assert set(past.by_unit) == {"单位1", "单位2"}
    assert past.by_unit["单位1"].tasks == 1 and today.by_unit["单位1"].tasks == 1
    board = dashboard(TODAY, earlier=YESTERDAY, by="leader")
    rows = {d.name: (d.earlier.tasks, d.later.tasks) for d in board.groups}
    assert rows == {"新领导": (0, 1), "领导2": (1, 1), "领导1": (1, 0)}
    # the file holds the history the reconstruction used (a second connection reads it)
    raw = sqlite3.connect(db_path)
    try:
        fields = raw.execute(
            "SELECT field, old_value FROM field_change WHERE node_id = ? ORDER BY id", (first,)
        ).fetchall()
    finally:
        raw.close()
    assert fields == [("leaders", "领导1"), ("lead_units", "单位1（联系人）")]


def test_a_renamed_unit_known_by_its_old_name_counts_under_todays_name(database):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    (task,) = (t.id for t in load_plan(plan_id).tasks())
    set_units(task, "lead", [UnitRef("单位2")])  # 单位1 → 单位2, entered today
    unit = Unit.get(Unit.name == "单位1")
    rename_unit(unit.id, "市第一局")
    set_unit_aliases(unit.id, ["单位1"])
    past = ledger_summary(YESTERDAY)
    assert set(past.by_unit) == {"市第一局"}
    assert set(ledger_summary(TODAY).by_unit) == {"单位2"}
