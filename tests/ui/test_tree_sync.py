"""The tree model follows structural changes row by row, and ends where a fresh load would."""

from __future__ import annotations

import random
from datetime import date

import pytest

from db.queries import load_plan
from desktop.operations.nodes import add_node, delete_node, move_node, restore_node, update_node
from desktop.operations.plans import create_plan
from desktop.ui.tree_model import PlanTreeModel
from tests.helpers.builders import build_plan
from tests.helpers.trees import model_rows

pytestmark = pytest.mark.usefixtures("qapp")


def make_model():
    model = PlanTreeModel(today=lambda: date(2014, 9, 25))
    model.load()
    return model


def node_ids(plan_id):
    return [node.id for node in load_plan(plan_id).walk()]


def test_random_edits_match_a_fresh_load_and_pass_the_model_tester(qtmodeltester, database):
    first = build_plan("甲方案", sections=3, tasks_per_section=3)
    second = build_plan("乙方案", sections=2, tasks_per_section=2)
    model = make_model()
    qtmodeltester.check(model)
    rng = random.Random(5)
    undo = []
    for step in range(60):
        plans = [first, second]
        everything = [(plan, n) for plan in plans for n in node_ids(plan)]
        action = rng.choice(("add", "delete", "move", "move", "restore", "kind"))
        if action != "restore" and action != "delete":
            undo.clear()  # as on the undo stack: a delete is restored before anything else
        if action == "add" or not everything:
            plan = rng.choice(plans)
            parents = [None, *node_ids(plan)]
            parent = rng.choice(parents)
            model.apply_change(
                add_node(plan, parent, rng.choice((None, 0, 1)), "task", title=f"新{step}")[1]
            )
        elif action == "delete":
            _plan, node = rng.choice(everything)
            snapshot, change = delete_node(node)
            undo.append(snapshot)
            model.apply_change(change)
        elif action == "restore" and undo:
            model.apply_change(restore_node(undo.pop()))
        elif action == "kind":
            _plan, node = rng.choice(everything)
            model.apply_change(update_node(node, kind=rng.choice(("section", "task", "measure"))))
            model.apply_change(update_node(node, due_date=date(2014, 9, rng.choice((1, 30)))))
        else:
            plan, node = rng.choice(everything)
            target = rng.choice(plans)
            inside = set(n.id for n in _subtree(plan, node))
            parents = [None, *(n for n in node_ids(target) if n not in inside)]
            model.apply_change(move_node(node, rng.choice(parents), rng.randrange(3), target))
        fresh = make_model()
        assert model_rows(model) == model_rows(fresh), (step, action)
        assert model.statistics() == fresh.statistics(), (step, action)
    qtmodeltester.check(model)


def _subtree(plan_id, node_id):
    for node in load_plan(plan_id).walk():
        if node.id == node_id:
            return list(node.walk())
    return []


def test_an_add_touches_only_its_parent(qtbot, database):
    plan_id = build_plan(sections=3, tasks_per_section=2)
    model = make_model()
    section = load_plan(plan_id).nodes[1]
    inserted, moved, removed = [], [], []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((parent, first)))
    model.rowsMoved.connect(lambda *args: moved.append(args))
    model.rowsRemoved.connect(lambda *args: removed.append(args))
    resets, repainted = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(
        lambda top, bottom, _roles: repainted.append(
            (top.parent().data(), top.row(), bottom.row(), top.column(), bottom.column())
        )
    )
    node_id, change = add_node(plan_id, section.id, 0, "task", title="新任务")
    model.apply_change(change)
    assert [(parent.data(), first) for parent, first in inserted] == [("二、第2部分", 0)]
    assert moved == removed == resets == []
    index = model.index_for_node(node_id)
    assert index.data() == "（一）新任务"
    assert index.sibling(1, 0).data() == "（二）任务3"  # the old first task renumbered
    # the renumbered rows are repainted in the column that shows their numbers, and only
    # there (the column fitter measures the other columns of every row repainted)
    renumbered = [entry for entry in repainted if entry[0] == "二、第2部分"]
    assert renumbered == [("二、第2部分", 0, 2, 0, 0)]


def test_a_new_plan_and_its_removal(database):
    build_plan("甲方案", sections=1, tasks_per_section=1)
    model = make_model()
    plan_id, change = create_plan("乙方案")
    model.apply_change(change)
    model.apply_change(add_node(plan_id, None, None, "section", title="第一部分")[1])
    assert model_rows(model) == model_rows(make_model())
    assert model.statistics().tasks == 1


def test_a_move_that_keeps_count_and_weighted_sum_is_still_seen(database):
    """Ids 10, 4, 16 at positions 0, 1, 2 and 4, 16, 10 have the same count, id sum and
    Σ id × position (36): the signature must tell them apart all the same."""
    plan_id, _ = create_plan("甲方案")
    ids = [add_node(plan_id, None, None, "task", title=f"任务{n}")[0] for n in range(1, 17)]
    assert ids == list(range(1, 17))
    for position, node_id in enumerate((10, 4, 16)):
        move_node(node_id, 1, position)
    model = make_model()
    model.apply_change(move_node(10, 1, 2))
    assert [child.id for child in model.node_item(1).children] == [4, 16, 10]
    assert model_rows(model) == model_rows(make_model())


def test_the_stored_signatures_match_the_items_after_a_load(database):
    """Else every edit would read every parent again (the sums must agree term by term)."""
    from db.queries import sibling_signatures

    plan_id = build_plan(sections=3, tasks_per_section=4)
    model = make_model()
    stored = sibling_signatures([plan_id])
    assert len(stored) == 4
    for (_plan, parent_id), signature in stored.items():
        item = model.plan_item(plan_id) if parent_id is None else model.node_item(parent_id)
        assert item.signature() == signature
    assert model._changed_parents([plan_id]) == set()


def test_changes_naming_their_parents_are_followed_without_looking_through_the_plan(
    monkeypatch, database
):
    plan = build_plan("甲方案", sections=2, tasks_per_section=2)
    model = make_model()
    section = load_plan(plan).nodes[1].id

    def refuse(_plan_ids):
        raise AssertionError("the whole plan was looked through")

    monkeypatch.setattr("desktop.ui.tree_sync.sibling_signatures", refuse)
    node, change = add_node(plan, section, 0, "task", title="新任务")
    assert change.parents == {(plan, section)}
    model.apply_change(change)
    snapshot, change = delete_node(section)
    model.apply_change(change)
    assert model_rows(model) == model_rows(make_model())
    model.apply_change(restore_node(snapshot))  # the subtree's own parents come back too
    assert model_rows(model) == model_rows(make_model())
    assert model.node_item(node).parent is model.node_item(section)


def test_merged_changes_name_parents_only_while_every_part_does():
    from desktop.operations import Change

    one = Change(plans=frozenset({1}), parents=frozenset({(1, None)}))
    two = Change(plans=frozenset({1}), parents=frozenset({(1, 5)}))
    assert (one | two).parents == {(1, None), (1, 5)}
    assert (one | Change(nodes=frozenset({7}))).parents == {(1, None)}
    assert (one | Change(plans=frozenset({2}))).parents is None
