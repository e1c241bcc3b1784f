"""Building small plans in a real database for tests, through the operations layer."""

from __future__ import annotations

from datetime import date

from db.ledger_models import FieldChange
from db.records import UnitRef
from desktop.operations.nodes import add_node, set_leaders, set_units
from desktop.operations.plans import create_plan


def build_plan(title: str = "某局整改方案", sections: int = 3, tasks_per_section: int = 2) -> int:
    """A plan of `sections` sections each holding tasks with leaders, units and deadlines."""
    plan_id, _ = create_plan(title, year=2014)
    number = 0
    for s in range(sections):
        section_id, _ = add_node(plan_id, None, None, "section", title=f"第{s + 1}部分")
        for _t in range(tasks_per_section):
            number += 1
            task_id, _ = add_node(
                plan_id, section_id, None, "task", title=f"任务{number}", text=f"措施{number}",
                deadline_text="2014年12月底前", due_date=date(2014, 12, 31), goal="见效",
            )  # fmt: skip
            set_leaders(task_id, [f"领导{number % 3}"])
            set_units(task_id, "lead", [UnitRef(f"单位{number % 4}", "联系人")])
            set_units(task_id, "support", [UnitRef("办公室")])
    FieldChange.delete().execute()  # a built plan stands as an imported one: no edit history
    return plan_id
