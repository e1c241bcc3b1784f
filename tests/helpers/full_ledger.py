"""A small ledger with a row in every table, for copy and round-trip tests.

Written through the models into whatever database the `database` proxy holds (a file or a
server), with the awkward values a copy must carry: dates and datetimes (with and without
microseconds), None, empty and multi-line Chinese text, and a node whose parent has a
larger id than the node itself (a task moved under a section added later).
"""

from __future__ import annotations

from datetime import date, datetime

from db.ledger_models import (
    CloseOut,
    Evaluation,
    Extension,
    FieldChange,
    LedgerSetting,
    StatusChange,
)
from db.models import Node, Person, Plan, Progress, TaskLeader, TaskUnit, Unit, UnitAlias, database

STAMP = datetime(2014, 8, 1, 9, 30, 15)


def fill_ledger() -> dict[str, int]:
    """Fill the open (empty) ledger; returns the ids a test may look at."""
    with database.atomic():
        plan = Plan.create(
            title="关于巡视反馈意见的整改方案",
            issuer="中共某市委",
            year=2014,
            created_at=STAMP,
            updated_at=STAMP,
        )
        Plan.create(title="第二个方案", year=None, created_at=STAMP, updated_at=STAMP)
        unit = Unit.create(name="市政府办公室")
        other = Unit.create(name="市财政局")
        UnitAlias.create(unit=unit, alias="市政府办")
        leader = Person.create(name="张洪水", post="副市长", unit=unit)
        Person.create(name="党组成员", post="", unit=None)
        task = Node.create(
            plan=plan,
            parent=None,
            position=0,
            kind="task",
            title="任务一",
            text="加强组织领导。\n完善工作机制；“引号”与 'quotes'。",
            deadline_text="2014年12月底前",
            due_date=date(2014, 12, 31),
            status="closed",
            closed_at=datetime(2014, 11, 2, 10, 0, 0, 123456),
            closed_by="李四",
            created_at=STAMP,
            updated_at=STAMP,
            number="（一）",
            version=3,
        )
        measure = Node.create(
            plan=plan,
            parent=task,
            position=0,
            kind="measure",
            title="措施",
            created_at=STAMP,
            updated_at=STAMP,
        )
        section = Node.create(
            plan=plan,
            parent=None,
            position=1,
            kind="section",
            title="后加的部分",
            created_at=STAMP,
            updated_at=STAMP,
        )
        Node.update(parent=section).where(Node.id == task.id).execute()
        TaskLeader.create(node=task, person=leader, position=0)
        TaskUnit.create(node=task, unit=unit, role="lead", contact="王某某", position=0)
        TaskUnit.create(node=task, unit=other, role="support", contact="", position=0)
        Progress.create(
            node=task,
            date=date(2014, 10, 15),
            text="已完成整改",
            unit=unit,
            recorded_at=STAMP,
            recorded_by="王五",
        )
        Progress.create(node=measure, date=date(2014, 9, 1), text="", unit=None, recorded_at=STAMP)
        StatusChange.create(
            node=task,
            from_status="done",
            to_status="closed",
            date=date(2014, 11, 2),
            note="",
            who="李四",
            recorded_at=STAMP,
        )
        CloseOut.create(
            node=task, verifier="赵六", date=date(2014, 11, 2), recorded_at=STAMP, reopened_on=None
        )
        Extension.create(
            node=measure,
            date=date(2014, 9, 1),
            old_due_date=None,
            new_due_date=date(2015, 6, 30),
            reason="客观原因",
            recorded_at=STAMP,
        )
        FieldChange.create(
            node=task,
            field="title",
            old_value="旧",
            new_value="任务一",
            who="李四",
            changed_at=STAMP,
        )
        Evaluation.create(
            plan=plan,
            date=date(2014, 12, 1),
            good=3,
            fairly_good=2,
            average=1,
            poor=0,
            recorded_at=STAMP,
        )
        Evaluation.create(
            plan=None, leader="张洪水", date=date(2014, 12, 1), good=1, recorded_at=STAMP
        )
        LedgerSetting.create(key="clerk", value="王五")
        LedgerSetting.create(key="Zeta", value="")
        LedgerSetting.create(key="alpha", value="1")
    return {"plan": plan.id, "task": task.id, "section": section.id, "measure": measure.id}
