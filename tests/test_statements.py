"""Statements compiled once per shape and database (db/statements.py), on each backend."""

from __future__ import annotations

from datetime import date

import pytest
from peewee import SQL

from db.database import close_database, open_database
from db.models import Node, Plan, database
from db.statements import MAX_SLOTS, Statement
from desktop.operations.nodes import add_node, delete_node, update_node
from tests.helpers.builders import build_plan
from tests.helpers.queries import count_queries


def nodes_in(ids):
    return Node.select().where(Node.id.in_(ids)).order_by(Node.id).dicts()


@pytest.fixture
def plan_ids(any_database) -> list[int]:
    """Ids of the nodes of a built plan (tasks carry due dates), in id order."""
    plan_id = build_plan(sections=2, tasks_per_section=3)
    return [row.id for row in Node.select(Node.id).where(Node.plan == plan_id).order_by(Node.id)]


@pytest.fixture
def built_normally(any_database):
    """A list that collects every query the open database builds itself (peewee's path)."""
    built: list = []
    original = any_database.execute

    def counting(query, **options):
        built.append(query)
        return original(query, **options)

    any_database.execute = counting
    yield built
    del any_database.execute


def test_cached_statement_returns_the_rows_of_the_plain_query(any_database, plan_ids):
    statement = Statement(nodes_in)
    lists = [plan_ids[:1], plan_ids[1:2], plan_ids[2:5], plan_ids[5:8], [], plan_ids[::-1]]
    lists.append([plan_ids[0], 10**9, plan_ids[-1]])  # an id that is not there
    for ids in lists * 2:
        assert statement.rows(ids) == list(nodes_in(ids))
    assert statement.compilations == len({len(ids) for ids in lists})


def test_the_sql_is_compiled_once_per_shape_and_not_built_again(
    any_database, plan_ids, built_normally
):
    statement = Statement(
        lambda plan_id, parent_id: Node.select(Node.id)
        .where((Node.plan == plan_id) & (Node.parent.is_null() if parent_id is None else (
            Node.parent == parent_id)))
        .order_by(Node.position)
        .tuples()
    )  # fmt: skip
    plan_id = Node.get_by_id(plan_ids[0]).plan_id
    sections = statement.rows(plan_id, None)
    assert len(sections) == 2 and statement.compilations == 1
    built_normally.clear()
    with count_queries(any_database) as executed:
        tasks = [statement.rows(plan_id, section) for (section,) in sections]
    assert [len(rows) for rows in tasks] == [3, 3]
    assert statement.compilations == 2  # a parent id and no parent are two shapes
    assert len(executed) == 2 and not built_normally
    assert statement.sql(plan_id, 1) == executed[0]
    assert any_database.param in executed[0]  # this database's own placeholder


def test_dates_come_back_as_dates(any_database, plan_ids):
    task = plan_ids[-1]
    by_dict = Statement(nodes_in)
    by_object = Statement(lambda node_id: Node.select().where(Node.id == node_id).limit(1))
    by_tuple = Statement(
        lambda node_id: Node.select(Node.due_date).where(Node.id == node_id).tuples()
    )
    for _ in range(2):
        assert by_dict.rows([task])[0]["due_date"] == date(2014, 12, 31)
        assert by_object.first(task).due_date == date(2014, 12, 31)
        assert by_tuple.scalar(task) == date(2014, 12, 31)
    assert by_object.first(10**9) is None and by_tuple.scalar(10**9) is None
    assert isinstance(by_object.first(task), Node)


def test_an_update_says_how_many_rows_it_changed(any_database, plan_ids):
    shift = Statement(
        lambda start, delta: Node.update(position=Node.position + delta).where(
            Node.id.in_(plan_ids) & (Node.position >= start)
        )
    )
    before = {row.id: row.position for row in Node.select(Node.id, Node.position)}
    assert shift.execute(1, 10) == 5  # two tasks of each section, the second section
    assert shift.execute(11, -10) == 5
    assert {row.id: row.position for row in Node.select(Node.id, Node.position)} == before
    assert shift.compilations == 1


@pytest.mark.parametrize(
    "build",
    [
        lambda node_id: Node.select(Node.title).where(Node.id == SQL(str(node_id))),
        lambda node_id: Node.select(Node.title).where(Node.title == node_id),
        lambda node_id: Node.select(Node.title).where(
            (Node.id == node_id) | (Node.parent == node_id)
        ),
        lambda node_id: Node.select(Node.title).where(Node.id == node_id + 1),
    ],
    ids=["written into the text", "converted to text", "used twice", "computed from"],
)
def test_a_shape_that_cannot_be_cached_is_built_every_time(
    any_database, plan_ids, built_normally, build
):
    statement = Statement(lambda node_id: build(node_id).order_by(Node.id).tuples())
    for node_id in plan_ids[:3]:
        expected = list(build(node_id).order_by(Node.id).tuples())
        assert statement.rows(node_id) == expected
    assert statement.sql(plan_ids[0]) is None
    assert statement.compilations == 1  # tried once, then built normally
    assert len(built_normally) == 2 * 3


def test_long_id_lists_are_built_normally(any_database, plan_ids, built_normally):
    statement = Statement(nodes_in)
    ids = plan_ids * (MAX_SLOTS // len(plan_ids) + 1)
    assert statement.rows(ids) == list(nodes_in(ids))
    assert statement.compilations == 0 and len(built_normally) == 2


def test_a_second_database_gets_its_own_sql(tmp_path):
    statement = Statement(lambda plan_id: Plan.select(Plan.title).where(Plan.id == plan_id))
    try:
        first = open_database(tmp_path / "first.db")
        plan_id = build_plan("第一个方案", sections=1, tasks_per_section=1)
        assert statement.rows(plan_id)[0].title == "第一个方案"
        close_database()
        second = open_database(tmp_path / "second.db")
        assert statement.rows(plan_id) == []  # not the first file's text run on its cursor
        build_plan("第二个方案", sections=1, tasks_per_section=1)
        assert statement.rows(plan_id)[0].title == "第二个方案"
        assert database.obj is second and second is not first
        assert statement.compilations == 2
    finally:
        close_database()


def test_add_and_undo_build_no_query_but_the_insert(any_database, plan_ids, built_normally):
    """The statements of an add and of its undo are compiled at the first one (this test's
    plan was built with them); later ones run their text without building it."""
    plan_id = Node.get_by_id(plan_ids[0]).plan_id
    section = plan_ids[0]
    for round_ in range(2):
        built_normally.clear()
        node_id, change = add_node(plan_id, section, 1, "task", title=f"新任务{round_}")
        assert [type(query).__name__ for query in built_normally] == ["ModelInsert"]
        assert change.parents == frozenset({(plan_id, section)})
        update_node(node_id, title="改过")  # some history for the snapshot to carry
        built_normally.clear()
        snapshot, _change = delete_node(node_id)
        assert built_normally == []
        assert snapshot.root["title"] == "改过" and snapshot.ledger["field_change"]


def test_a_statement_runs_inside_the_callers_transaction(any_database, plan_ids):
    shift = Statement(
        lambda delta: Node.update(position=Node.position + delta).where(Node.id.in_(plan_ids))
    )
    before = {row.id: row.position for row in Node.select(Node.id, Node.position)}
    with any_database.atomic() as transaction:
        assert shift.execute(5) == len(plan_ids)
        transaction.rollback()
    assert {row.id: row.position for row in Node.select(Node.id, Node.position)} == before


def test_the_oldest_shape_goes_when_too_many_are_kept(any_database, plan_ids, monkeypatch):
    monkeypatch.setattr("db.statements.MAX_SHAPES", 2)
    statement = Statement(nodes_in)
    for length in (1, 2, 3, 1):
        assert statement.rows(plan_ids[:length]) == list(nodes_in(plan_ids[:length]))
    assert statement.compilations == 4  # the one-id shape was compiled again
    statement.rows(plan_ids[:3])
    assert statement.compilations == 4
