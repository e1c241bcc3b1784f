"""A new leader or unit named by two clerks at the same moment (the server edition): the
second waits for the first and takes the row it created, instead of failing."""

from __future__ import annotations

import threading
import time

from db.models import Person, TaskLeader, TaskUnit, Unit, database
from db.records import UnitRef
from desktop.operations.nodes import add_node, set_leaders, set_units
from desktop.operations.plans import create_plan


def two_tasks() -> tuple[int, int]:
    plan_id, _ = create_plan("某局整改方案")
    first, _ = add_node(plan_id, None, None, "task", title="任务一")
    second, _ = add_node(plan_id, None, None, "task", title="任务二")
    return first, second


def clerk_a_holds_then_commits(edit, b_started: threading.Event, failures: list) -> None:
    """Clerk A's edit in a transaction of its own (another connection), committed a moment
    after clerk B has started the same edit."""
    try:
        with database.atomic():
            edit()
            assert b_started.wait(20)
            time.sleep(0.3)  # B is now waiting for this transaction
    except BaseException as error:
        failures.append(error)
    finally:
        database.close()


def run_both(edit_a, edit_b) -> None:
    b_started, failures = threading.Event(), []
    holding = threading.Event()

    def edit_then_signal():
        edit_a()
        holding.set()

    thread = threading.Thread(
        target=clerk_a_holds_then_commits, args=(edit_then_signal, b_started, failures)
    )
    thread.start()
    try:
        assert holding.wait(20), "clerk A's edit did not run"
        b_started.set()
        edit_b()
    finally:
        b_started.set()
        thread.join(30)
    assert not failures, failures


def test_two_clerks_naming_the_same_new_leader(server_database):
    first, second = two_tasks()
    run_both(lambda: set_leaders(first, ["赵新来"]), lambda: set_leaders(second, ["赵新来"]))
    assert [p.name for p in Person.select()] == ["赵新来"]
    assert sorted(link.node_id for link in TaskLeader.select()) == [first, second]


def test_two_clerks_naming_the_same_new_unit(server_database):
    first, second = two_tasks()
    run_both(
        lambda: set_units(first, "lead", [UnitRef("市大数据局")]),
        lambda: set_units(second, "lead", [UnitRef("市大数据局")]),
    )
    assert [u.name for u in Unit.select()] == ["市大数据局"]
    assert sorted(link.node_id for link in TaskUnit.select()) == [first, second]
