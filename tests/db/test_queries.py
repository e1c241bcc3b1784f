"""Read queries of db/queries.py, on each backend (a SQLite file and the server)."""

from __future__ import annotations

import pytest
from peewee import fn

from db.bulk import insert_rows
from db.models import Node
from db.queries import (
    SIGNATURE_MODULUS,
    load_directory,
    load_nodes,
    load_plan,
    load_plans,
    plan_structure,
    plan_summaries,
    sibling_signatures,
)
from db.records import UnitRef
from desktop.operations.nodes import add_node, set_units
from desktop.operations.plans import create_plan
from tests.helpers.builders import build_plan
from tests.helpers.queries import count_queries

IMPORT_COLUMNS = (
    "id", "plan", "parent", "position", "kind", "title", "text", "problem", "goal",
    "deadline_text", "status", "closed_by", "remarks", "created_at", "updated_at", "number",
)  # fmt: skip


@pytest.fixture
def database(any_database):
    return any_database


def test_load_plan_returns_tree_in_position_order_with_responsibilities(database):
    plan_id = build_plan(sections=2, tasks_per_section=3)
    plan = load_plan(plan_id)
    assert [s.title for s in plan.nodes] == ["第1部分", "第2部分"]
    assert [t.title for t in plan.nodes[1].children] == ["任务4", "任务5", "任务6"]
    task = plan.nodes[0].children[0]
    assert task.leaders == ["领导1"]
    assert task.lead_units == [UnitRef("单位1", "联系人")]
    assert task.support_units == [UnitRef("办公室")]
    assert len(plan.tasks()) == 6


def test_whole_tree_costs_a_fixed_number_of_queries(database):
    small = build_plan("小", sections=1, tasks_per_section=1)
    big = build_plan("大", sections=5, tasks_per_section=8)
    counts = {}
    for plan_id in (small, big):
        with count_queries(database) as executed:
            load_plans([plan_id])
        counts[plan_id] = len(executed)
    assert counts[small] == counts[big] <= 6


def test_plan_summaries_count_tasks_only(database):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    empty_id, _ = create_plan("空方案")
    summaries = {s.id: s for s in plan_summaries()}
    assert summaries[plan_id].tasks == 4
    assert summaries[empty_id].tasks == 0


def test_directory_lists_units_with_aliases_and_task_counts(database):
    plan_id, _ = create_plan("甲")
    task_id, _ = add_node(plan_id, None, None, "task", title="任务")
    set_units(task_id, "lead", [UnitRef("市政府办公室")])
    directory = load_directory()
    assert [(u.name, u.tasks) for u in directory.units] == [("市政府办公室", 1)]


def test_sibling_signatures_match_the_rows_also_at_large_positions(database):
    plan_id = build_plan(sections=1, tasks_per_section=3)
    section = load_plan(plan_id).nodes[0]
    far = 3_000_000  # id × position² far past 32 bits
    Node.update(position=Node.position + far).where(Node.parent == section.id).execute()
    children = load_plan(plan_id).nodes[0].children
    signatures = sibling_signatures([plan_id])
    assert signatures[plan_id, section.id] == (
        3,
        sum(c.id for c in children),
        sum(c.id * c.position for c in children),
        sum((c.id * c.position**2) % SIGNATURE_MODULUS for c in children),
    )
    assert signatures[plan_id, None] == (1, section.id, 0, 0)


def test_plan_structure_lists_the_top_level_and_children_in_order(database):
    plan_id = build_plan(sections=2, tasks_per_section=2)
    plan = load_plan(plan_id)
    first, second = plan.nodes
    rows = plan_structure([plan_id], [None, second.id])
    by_parent: dict[int | None, list[int]] = {}
    for node_id, row_plan, parent_id, _position, number in rows:
        assert row_plan == plan_id and number == ""
        by_parent.setdefault(parent_id, []).append(node_id)
    assert by_parent == {None: [first.id, second.id], second.id: [c.id for c in second.children]}


def test_load_nodes_reads_many_ids_a_slice_at_a_time(database, monkeypatch):
    """No statement gets more ids than a server takes parameters (65,535): shown with slices
    of 1,000, as a city's 70,000 nodes would take too long to build here."""
    monkeypatch.setattr("db.queries.NODE_IDS_PER_QUERY", 1_000)
    plan_id = build_plan(sections=1, tasks_per_section=1)
    section = load_plan(plan_id).nodes[0]
    first = (Node.select(fn.MAX(Node.id)).scalar() or 0) + 1
    count = 2_500
    rows = [
        (first + k, plan_id, section.id, k + 1, "task", f"任务{k}", "", "", "", "", "not_started",
         "", "", "2014-08-01 09:00:00", "2014-08-01 09:00:00", "")
        for k in range(count)
    ]  # fmt: skip
    with database.atomic():
        insert_rows(Node, IMPORT_COLUMNS, rows)
    ids = [first + k for k in range(count)]
    with count_queries(database) as executed:
        loaded = load_nodes(ids)
    assert sorted(loaded) == ids and loaded[ids[-1]].title == f"任务{count - 1}"
    assert len(executed) == 4 * 3
