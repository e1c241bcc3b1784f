"""The ledger's queries cost the same statements whatever the number of tasks, on each
backend: no query per task, and no list of every task's id sent as parameters."""

from __future__ import annotations

from datetime import date

from db.ledger_queries import latest_progress_texts, task_facts
from db.models import Node
from desktop.ledger.report import dashboard
from desktop.operations.ledger_ops import add_progress, request_extension, set_status
from tests.helpers.builders import build_plan
from tests.helpers.queries import count_queries

TODAY = date(2015, 1, 10)


def plan_with_history(title: str, tasks: int) -> int:
    """A plan whose every task was started, reported on and extended during 2014."""
    plan_id = build_plan(title, sections=1, tasks_per_section=tasks)
    for (task_id,) in (
        Node.select(Node.id).where((Node.plan == plan_id) & (Node.kind == "task")).tuples()
    ):
        set_status(task_id, "in_progress", "李文书", on=date(2014, 9, 1))
        add_progress(task_id, "已完成调研", "李文书", on=date(2014, 10, 8))
        request_extension(
            task_id, date(2015, 3, 31), "汛期施工受阻", "李文书", on=date(2014, 11, 1)
        )
    return plan_id


def statements(database, action) -> list[str]:
    with count_queries(database) as executed:
        action()
    return list(executed)


def test_a_past_report_runs_the_same_statements_for_2_and_24_tasks(database):
    small, big = plan_with_history("小", 2), plan_with_history("大", 24)
    reports = {}
    executed = {}
    for plan_id in (small, big):
        executed[plan_id] = statements(
            database,
            lambda plan_id=plan_id: reports.setdefault(
                plan_id,
                dashboard(date(2014, 12, 1), date(2014, 10, 1), plan_ids=[plan_id], today=TODAY),
            ),
        )
    assert len(executed[small]) == len(executed[big])
    history = [  # the status history and the extensions: by plan, not by task ids
        [sql for sql in executed[plan_id] if '"status_change"' in sql or '"extension"' in sql]
        for plan_id in (small, big)
    ]
    assert history[0] == history[1] and len(history[0]) == 4
    assert reports[big].summary.total.tasks == 24
    assert reports[big].earlier.by_status["in_progress"] == 24
    assert not reports[big].overdue  # extended to 2015-03-31 before 2014-12-01


def test_the_ledger_table_reads_the_same_statements_for_any_number_of_tasks(database):
    plan_with_history("小", 2)
    few = statements(database, lambda: (task_facts(), latest_progress_texts()))
    plan_with_history("大", 24)
    many = statements(database, lambda: (task_facts(), latest_progress_texts()))
    assert few == many and len(many) <= 4
    assert set(latest_progress_texts().values()) == {"已完成调研"}
