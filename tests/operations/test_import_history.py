"""An import writes one 导入 entry into each imported task's 修改记录, in the import's
transaction and with the clerk's name; undoing the import takes the entries with it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from db.ledger_queries import task_history
from db.models import Node
from desktop.importing import parse_file, parse_text
from desktop.operations import OperationError
from desktop.operations.commands import ImportPlansCommand
from desktop.operations.import_plans import import_plans
from desktop.operations.undo import ChangeHub, run_command
from desktop.ui.ledger_history import TaskLedgerPanel
from tests.helpers.postgres import raw_connection
from tests.operations.test_import_plans import TWO_PLANS
from tests.operations.test_node_history import clerk_named


def _entries(location) -> list[tuple[int, str, str, str]]:
    """(node, old, new, who) of every 导入 row, read by a second connection (to the file or
    the server)."""
    raw = raw_connection(location)
    try:
        return raw.execute(
            "SELECT node_id, old_value, new_value, who FROM field_change WHERE field = 'import'"
            " ORDER BY node_id"
        ).fetchall()
    finally:
        raw.close()


def _task_ids(plan_id: int) -> list[int]:
    query = Node.select(Node.id).where((Node.plan == plan_id) & (Node.kind == "task"))
    return sorted(n.id for n in query)


def test_each_imported_task_records_where_it_came_from_with_the_clerk(
    database, ledger_location, tmp_path
):
    clerk = clerk_named("李文书")
    source = tmp_path / "整改方案.txt"
    source.write_text(TWO_PLANS, encoding="utf-8")
    saved, _ = import_plans(parse_file(source))
    first, second = saved
    expected = [
        (task, "", f"导入自《{first.title}》，文件 整改方案.txt", clerk)
        for task in _task_ids(first.id)
    ] + [
        (task, "", f"导入自《{second.title}》，文件 整改方案.txt", clerk)
        for task in _task_ids(second.id)
    ]
    assert len(expected) == first.tasks + second.tasks == 2
    assert _entries(ledger_location) == expected
    sections = Node.select().where(Node.kind == "section")
    assert all(task_history(s.id).field_changes == [] for s in sections)


def test_pasted_text_is_named_as_such(database, ledger_location):
    clerk_named("李文书")
    saved, _ = import_plans(parse_text(TWO_PLANS, source="剪贴板"), chosen=[1])
    assert [e[2] for e in _entries(ledger_location)] == [
        f"导入自《{saved[0].title}》，来源：粘贴的文字"
    ]


def test_a_failed_import_leaves_no_entry(database, ledger_location):
    parse = parse_text(TWO_PLANS, source="x.txt")
    parse["plans"][1]["title"] = ""  # the second plan is refused after the first was written
    with pytest.raises(OperationError):
        import_plans(parse)
    assert _entries(ledger_location) == []
    assert Node.select().count() == 0


def test_undo_of_the_import_removes_the_entries_and_redo_brings_them_back(
    qapp, database, ledger_location
):
    clerk = clerk_named("王科长")
    hub, stack = ChangeHub(), QUndoStack()
    command = ImportPlansCommand(hub, parse_text(TWO_PLANS, source="a.docx"), [0, 1], "")
    run_command(stack, command)
    written = _entries(ledger_location)
    assert len(written) == 2 and {e[3] for e in written} == {clerk}
    stack.undo()
    assert _entries(ledger_location) == []
    stack.redo()
    assert _entries(ledger_location) == written


def test_the_history_tab_shows_the_import_entry(qtbot, database):
    clerk = clerk_named("李文书")
    saved, _ = import_plans(parse_text(TWO_PLANS, source="方案.docx"), chosen=[0])
    (task,) = _task_ids(saved[0].id)
    panel = TaskLedgerPanel()
    qtbot.addWidget(panel)
    panel.show_task(task)
    row = tuple(panel.changes.item(0, c).text() for c in range(panel.changes.columnCount()))
    assert row == (
        date.today().isoformat(),
        "导入",
        "",
        f"导入自《{saved[0].title}》，文件 方案.docx",
        clerk,
    )


def test_the_command_line_import_records_the_entry_too(db_path, tmp_path):
    from db.database import close_database, open_database
    from tests.helpers.cli import run_cli

    open_database(db_path)
    try:
        clerk = clerk_named("李文书")
    finally:
        close_database()
    source = tmp_path / "局方案.txt"
    source.write_text(TWO_PLANS, encoding="utf-8")
    result = run_cli("--db", str(db_path), "import", str(source))
    assert result.returncode == 0, result.stderr
    entries = _entries(db_path)
    assert len(entries) == 2 and {e[3] for e in entries} == {clerk}
    assert all(e[2].endswith("，文件 局方案.txt") for e in entries)
