"""Importing into the ledger on each backend: the ids an import gives its nodes, and (on a
server) two clerks importing at the same moment."""

from __future__ import annotations

import threading
import time

from db.models import Node, database
from db.queries import load_directory, load_plans
from desktop.importing import parse_text
from desktop.operations import import_plans as import_module
from desktop.operations.import_plans import import_plans
from desktop.operations.nodes import add_node, delete_node
from desktop.operations.plans import delete_plan, restore_plan

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


class ClerkA:
    """Clerk A's import in a thread of its own (its own connection to the server), held in
    its transaction (node ids reserved, names created, nothing committed) until `release`
    is set, `linger` seconds after that."""

    def __init__(self, monkeypatch, parse: dict, linger: float = 0.0) -> None:
        self.reserved, self.release = threading.Event(), threading.Event()
        self.failures: list[BaseException] = []
        original = import_module._Saver.write

        def write_then_wait(saver) -> None:
            if threading.current_thread().name == "clerk-a":
                self.reserved.set()
                assert self.release.wait(20), "clerk B never came"
                time.sleep(linger)
            original(saver)

        monkeypatch.setattr(import_module._Saver, "write", write_then_wait)
        self.thread = threading.Thread(target=self._run, args=(parse,), name="clerk-a")

    def _run(self, parse: dict) -> None:
        try:
            import_plans(parse)
        except BaseException as error:  # reported by the main thread
            self.failures.append(error)
        finally:
            database.close()  # this thread's own connection

    def __enter__(self) -> ClerkA:
        self.thread.start()
        assert self.reserved.wait(20), "clerk A's import did not start"
        return self

    def __exit__(self, *_exc) -> None:
        self.release.set()
        self.thread.join(30)
        assert not self.failures, self.failures


def test_two_clerks_importing_at_once_get_different_ids(server_database, monkeypatch):
    """Clerk B imports while clerk A's import holds its transaction open: both are saved,
    with different ids, and nodes added afterwards get new ones."""
    with ClerkA(monkeypatch, other_plan(1)) as clerk_a:
        (b_plan,), _ = import_plans(other_plan(2))
        clerk_a.release.set()
    plans = load_plans()
    assert sorted(p.title for p in plans) == ["第1号整改方案", "第2号整改方案"]
    assert all(len(p.tasks()) == 1 for p in plans)
    assert len(node_ids()) == len(set(node_ids())) == 2
    added, _ = add_node(b_plan.id, None, None, "task", title="之后新增")
    assert len(set(node_ids())) == 3 and added in node_ids()


def test_two_clerks_importing_plans_that_name_the_same_new_people(server_database, monkeypatch):
    """Both plans name a leader and a unit the directory does not know yet: clerk B's import
    waits for clerk A's and then takes the names A created, instead of failing."""
    with ClerkA(monkeypatch, other_plan(1), linger=0.3) as clerk_a:
        clerk_a.release.set()  # A goes on 0.3 s later, while B is already importing
        import_plans(other_plan(1))
    directory = load_directory()
    assert [u.name for u in directory.units] == ["单位1"]
    assert [(p.name, p.tasks) for p in directory.people] == [("负责人1", 2)]
    assert len(load_plans()) == 2


def test_an_imported_plan_deleted_and_brought_back_keeps_its_ids(any_database):
    """Undo puts rows back with their ids (desktop/operations/snapshots.py); the ids came
    from the table's own numbering, so what is added afterwards never meets them."""
    (imported,), _ = import_plans(parse_text(PLAN))
    before = node_ids()
    snapshot, _ = delete_plan(imported.id)
    restore_plan(snapshot)
    assert node_ids() == before
    (again,), _ = import_plans(parse_text(PLAN))
    added, _ = add_node(again.id, None, None, "task", title="新增任务")
    assert len(set(node_ids())) == len(before) * 2 + 1 and added not in before


def test_texts_with_line_breaks_tabs_and_backslashes_are_saved_as_they_are(any_database):
    """The server's bulk write (COPY) escapes what its text format gives a meaning to."""
    text = "第一行\n第二行\t制表\\N 反斜杠\r\n末行\\"
    parse = {
        "plans": [
            {
                "title": "某局整改方案",
                "nodes": [
                    {
                        "kind": "task",
                        "title": "任务\t一",
                        "text": text,
                        "problem": "\\.",
                        "leaders": ["王强"],
                        "lead_units": [{"name": "办公室", "contact": "李\\四"}],
                    }
                ],
            }
        ]
    }
    import_plans(parse)
    (task,) = load_plans()[0].nodes
    assert (task.title, task.text, task.problem) == ("任务\t一", text, "\\.")
    assert task.lead_units[0].contact == "李\\四" and task.deadline_text == ""
    assert task.due_date is None
