"""Importing into the ledger on each backend: the ids an import gives its nodes, and (on a
server) two clerks importing at the same moment."""

from __future__ import annotations

import threading

from db.models import Node, database
from db.queries import load_plans
from desktop.importing import parse_text
from desktop.operations import import_plans as import_module
from desktop.operations.import_plans import import_plans
from desktop.operations.nodes import add_node, delete_node

PLAN = (
    "某局整改方案\n"
    "（一）改进文风\n"
    "1. 压缩文件。（王强同志负责，办公室牵头办理）\n"
    "2. 精简会议。（李明同志负责，财务科牵头办理）\n"
)


def other_plan(n: int) -> dict:
    """A plan whose leader and unit are new names of its own (no two clerks create one
    name at once here: that waits on the other's transaction, as it should)."""
    return parse_text(f"第{n}号整改方案\n1. 改进作风{n}。（负责人{n}同志负责，单位{n}牵头办理）\n")


def node_ids() -> list[int]:
    return [row[0] for row in Node.select(Node.id).order_by(Node.id).tuples()]


def test_nodes_added_after_an_import_get_new_ids(any_database):
    (imported,), _ = import_plans(parse_text(PLAN))
    before = node_ids()
    assert len(before) == 3
    added, _ = add_node(imported.id, None, None, "task", title="新增任务")
    assert added not in before
    (again,), _ = import_plans(parse_text(PLAN))
    assert len(set(node_ids())) == 7
    assert [p.id for p in load_plans()] == [imported.id, again.id]


def test_an_import_after_deleting_the_newest_nodes(any_database):
    import_plans(parse_text(PLAN))
    (second,), _ = import_plans(parse_text(PLAN))
    section = load_plans([second.id])[0].nodes[0]
    delete_node(section.id)
    import_plans(parse_text(PLAN))
    added, _ = add_node(second.id, None, None, "section", title="补充部分")
    assert len(node_ids()) == len(set(node_ids())) == 7
    assert added in node_ids()


def test_two_clerks_importing_at_once_get_different_ids(server_database, monkeypatch):
    """Clerk A's import holds its transaction open (its ids handed out, nothing committed)
    while clerk B imports from another connection: both are saved, with different ids."""
    reserved, b_done = threading.Event(), threading.Event()
    original = import_module._Saver.write
    failures: list[BaseException] = []

    def write_then_wait(saver) -> None:
        if threading.current_thread().name == "clerk-a":
            reserved.set()
            assert b_done.wait(20), "clerk B's import did not finish"
        original(saver)

    monkeypatch.setattr(import_module._Saver, "write", write_then_wait)

    def clerk_a() -> None:
        try:
            import_plans(other_plan(1))
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            database.close()  # this thread's own connection

    thread = threading.Thread(target=clerk_a, name="clerk-a")
    thread.start()
    try:
        assert reserved.wait(20), "clerk A's import did not start"
        (b_plan,), _ = import_plans(other_plan(2))
    finally:
        b_done.set()
        thread.join(30)
    assert not failures, failures
    plans = load_plans()
    assert sorted(p.title for p in plans) == ["第1号整改方案", "第2号整改方案"]
    assert all(len(p.tasks()) == 1 for p in plans)
    assert len(node_ids()) == len(set(node_ids())) == 2
    added, _ = add_node(b_plan.id, None, None, "task", title="之后新增")
    assert len(set(node_ids())) == 3 and added in node_ids()
