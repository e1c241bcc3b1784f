"""Each task's 序号 as the plan's breakdown table prints it, for the lists that name tasks
outside that table (通报's overdue list, 催办单): the number the plan published when it
numbers its tasks straight through, otherwise the running count 1, 2, 3 … in tree order
(desktop.exporting.variants.master_numbers), never the database id."""

from __future__ import annotations

from collections.abc import Iterable

from db.queries import load_plans
from desktop.exporting.variants import master_numbers


def printed_numbers(plan_ids: Iterable[int]) -> dict[int, str]:
    """Task id → its printed 序号, for every task of the given plans."""
    numbers: dict[int, str] = {}
    ids = sorted(set(plan_ids))
    if not ids:
        return numbers
    for plan in load_plans(ids):
        numbers.update(master_numbers(plan, lambda _task: True, published=True))
    return numbers
