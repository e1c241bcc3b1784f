"""Window shortcuts work while the cursor is in a one-line field, a text box or a picker."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLineEdit

from db.queries import load_plan
from tests.helpers.builders import build_plan
from tests.helpers.typing import commit_text


def spy(action) -> list[bool]:
    """Replace what `action` does by a record of its triggers (no dialog opens)."""
    calls: list[bool] = []
    action.triggered.disconnect()
    action.triggered.connect(lambda _checked=False: calls.append(True))
    return calls


def test_window_shortcuts_reach_the_window_from_every_field(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    window.select_node(load_plan(plan_id).nodes[0].children[0].id)
    editor = window.editor
    exports, finds = spy(window.actions.export_table), spy(window.actions.find)
    fields = [
        editor.task_title,
        editor.task_deadline,
        editor.task_goal,
        editor.task_leaders.line_edit,
        window.search,
    ]
    for count, field in enumerate(fields, start=1):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert len(exports) == count, field
    qtbot.keyClick(editor.task_title, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert finds == [True]


def test_plain_typing_and_field_undo_stay_with_the_field(qtbot, database, make_window):
    plan_id = build_plan(sections=1, tasks_per_section=1)
    window = make_window()
    window.select_node(load_plan(plan_id).nodes[0].children[0].id)
    title = window.editor.task_title
    title.setFocus()
    title.end(False)
    commit_text(title, "补充")
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() == "任务1"  # the field's own undo
    assert window.undo_stack.count() == 0
    title.setText("任务1")
    title.setModified(False)
    window.editor.task_goal.setFocus()
    commit_text(window.editor.task_goal, "更")
    window.editor.task_title.setFocus()  # the goal is saved on leaving it
    assert window.undo_stack.count() == 1
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load_plan(plan_id).nodes[0].children[0].goal == "见效"  # the window's undo


class GreedyLineEdit(QLineEdit):
    """A line edit with the Linux desktops' bindings: it claims Ctrl+E (end of line)."""

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_E:
            event.accept()
            return True
        return super().event(event)


def test_a_field_that_claims_ctrl_e_gives_it_back_to_the_window(qtbot, database, make_window):
    window = make_window()
    exports = spy(window.actions.export_table)
    greedy = GreedyLineEdit(window.editor.empty_page)
    greedy.show()
    greedy.setFocus()
    qtbot.keyClick(greedy, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert exports == []  # the field won, as on a Linux desktop
    window.field_shortcuts.watch(greedy)
    qtbot.keyClick(greedy, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert exports == [True]
