"""The due date follows the deadline wording inside the operations that save it, whoever
calls them (the editor, an import, the command line, a script)."""

from __future__ import annotations

from datetime import date

from db.queries import load_plan
from desktop.operations.nodes import add_node, affected_fields, update_node
from desktop.operations.plans import create_plan


def only_task(plan_id):
    return load_plan(plan_id).nodes[0]


def test_update_node_derives_the_due_date_from_the_wording(database):
    plan_id, _ = create_plan("某局整改方案", year=2014)
    task_id, _ = add_node(plan_id, None, None, "task", title="学习")
    update_node(task_id, deadline_text="2024年6月底前")
    assert only_task(plan_id).due_date == date(2024, 6, 30)
    update_node(task_id, deadline_text="9月底前")  # no year written: the plan's year
    assert only_task(plan_id).due_date == date(2014, 9, 30)
    update_node(task_id, deadline_text="长期坚持")
    assert only_task(plan_id).due_date is None
    update_node(task_id, deadline_text="尽快")
    assert only_task(plan_id).due_date is None


def test_a_due_date_given_with_the_wording_is_kept(database):
    plan_id, _ = create_plan("某局整改方案", year=2014)
    task_id, _ = add_node(plan_id, None, None, "task")
    update_node(task_id, deadline_text="9月底前", due_date=date(2015, 9, 30))
    assert only_task(plan_id).due_date == date(2015, 9, 30)
    update_node(task_id, title="不改时限")
    assert only_task(plan_id).due_date == date(2015, 9, 30)


def test_add_node_derives_the_due_date_too(database):
    plan_id, _ = create_plan("某局整改方案", year=2016)
    add_node(plan_id, None, None, "task", deadline_text="三季度")
    assert only_task(plan_id).due_date == date(2016, 9, 30)


def test_undo_needs_the_old_due_date_with_the_old_wording():
    assert affected_fields({"deadline_text": "年底前"}) == ("deadline_text", "due_date", "status")
    assert affected_fields({"title": "甲"}) == ("title",)


def test_enum_members_are_stored_as_their_values(database):
    from desktop.ledger.kinds import NodeKind, Status

    plan_id, _ = create_plan("某局整改方案", year=2014)
    task_id, _ = add_node(plan_id, None, None, NodeKind.TASK)
    update_node(task_id, status=Status.DONE)
    stored = only_task(plan_id)
    assert (stored.kind, stored.status) == ("task", "done")
    assert Status(stored.status).is_finished


def test_standing_wording_makes_a_new_task_ongoing_and_a_date_undoes_it(database):
    plan_id, _ = create_plan("某局整改方案", year=2014)
    task_id, _ = add_node(plan_id, None, None, "task", deadline_text="长期坚持")
    assert only_task(plan_id).status == "ongoing"  # as the import does
    update_node(task_id, deadline_text="年底前")
    assert (only_task(plan_id).status, only_task(plan_id).due_date) == (
        "not_started",
        date(2014, 12, 31),
    )
    update_node(task_id, status="in_progress")
    update_node(task_id, deadline_text="持续推进")
    assert only_task(plan_id).status == "in_progress"  # work under way keeps its status
    update_node(task_id, deadline_text="长期坚持", status="done")
    assert only_task(plan_id).status == "done"  # a status given wins
    section_id, _ = add_node(plan_id, None, None, "section", deadline_text="长期坚持")
    assert load_plan(plan_id).nodes[1].status == "not_started"
