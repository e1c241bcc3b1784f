"""The tree model follows published numbers through random adds, moves, deletes, undos and
重新编号, row by row, and ends where a fresh load would."""

from __future__ import annotations

import random
from datetime import date

import pytest

from db.queries import load_plan
from desktop.operations.nodes import add_node, delete_node, move_node, restore_node
from desktop.operations.numbers import node_number, renumber_plan, restore_numbers
from desktop.ui.tree_model import PlanTreeModel
from tests.helpers.trees import model_rows
from tests.numbers.plans import MIDDLE_OF_A_PLAN, RESTARTING, import_text

pytestmark = pytest.mark.usefixtures("qapp")


def make_model() -> PlanTreeModel:
    model = PlanTreeModel(today=lambda: date(2014, 9, 25))
    model.load()
    return model


def test_random_edits_keep_the_numbers_a_fresh_load_shows(qtmodeltester, database):
    plans = [import_text(MIDDLE_OF_A_PLAN), import_text(RESTARTING)]
    model = make_model()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    rng = random.Random(15)
    undo: list = []
    done: set[str] = set()
    for step in range(50):
        plan = rng.choice(plans)
        ids = [node.id for node in load_plan(plan).walk()]
        action = rng.choice(("add", "move", "move", "undo", "delete", "renumber"))
        if action == "add" or not ids:
            parent = rng.choice([None, *ids])
            change = add_node(plan, parent, rng.choice((None, 0, 1)), "task", title=f"新{step}")[1]
        elif action == "move":
            node = rng.choice(ids)
            record = next(n for n in load_plan(plan).walk() if n.id == node)
            subtree = {n.id for n in record.walk()}
            parent = rng.choice([None, *(i for i in ids if i not in subtree)])
            old = (record.parent_id, record.position, plan, node_number(node))
            change = move_node(node, parent, rng.randint(0, 3))
            undo.append(("move", node, old))
        elif action == "delete":
            snapshot, change = delete_node(rng.choice(ids))
            undo.append(("delete", snapshot))
        elif action == "renumber":
            try:
                old_numbers, change = renumber_plan(plan)
            except Exception:  # noqa: BLE001 - nothing published left: nothing to do
                continue
            undo.append(("numbers", old_numbers))
        elif undo:
            entry = undo.pop()
            if entry[0] == "move":
                parent, position, plan_id, number = entry[2]
                change = move_node(entry[1], parent, position, plan_id, number)
            elif entry[0] == "delete":
                change = restore_node(entry[1])
            else:
                change = restore_numbers(entry[1])
        else:
            continue
        if action == "add":
            undo.clear()
        done.add(action)  # as on the undo stack: a new edit after undos drops the redo part
        model.apply_change(change)
        assert model_rows(model) == model_rows(make_model()), f"step {step}: {action}"
    qtmodeltester.check(model)
    assert resets == []
    assert {"move", "delete", "renumber", "undo"} <= done
