"""The main window's actions, menus and toolbar, as UI.md lists them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from desktop.ledger.rules import STATUS_LABELS
from desktop.ui import print_actions, read_only
from desktop.ui.icons import icon
from desktop.ui.tree_items import ItemKind, NodeItem

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class WindowActions:
    """Creates every QAction of the window and puts them in menus and the toolbar."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        editing = window.editing
        make = self._make

        self.import_plan = make("导入方案…", window.import_plan, icon_name="import_plan")
        self.import_clipboard = make("从剪贴板导入", window.import_clipboard)
        self.export_table = make(
            "导出分解表…", window.export_table, "Ctrl+E", icon_name="export_table"
        )
        self.print_preview = make(
            "打印预览…", lambda: print_actions.print_preview(window), "Ctrl+P"
        )
        self.export_pdf = make(
            "导出 PDF…", lambda: print_actions.export_pdf(window), "Ctrl+Shift+P"
        )
        self.quit = make("退出", window.close, QKeySequence.StandardKey.Quit)
        self.connect_server = make("连接服务器数据库…", window.connect_server)
        self.connect_server.setToolTip("改为打开单位数据库服务器上的台账（网络版，多人共用）")
        self.open_file = make("打开数据库文件…", window.open_database_file)
        self.open_local = make("改用本机数据库文件", window.open_local_file)
        self.open_local.setVisible(window.is_server)

        self.undo = make("撤销", editing.undo, "Ctrl+Z", icon_name="undo")
        self.redo = make("重做", editing.redo, "Ctrl+Y", icon_name="redo")
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo.setIconText("撤销")  # the toolbar keeps short captions; menus name the step
        self.redo.setIconText("重做")
        self.delete = make("删除", editing.delete, "Delete", icon_name="delete")
        self.find = make("查找", window.focus_search, "Ctrl+F")
        self.rename = make("重命名", editing.rename, "F2")

        self.new_plan = make("新建方案", editing.new_plan, icon_name="new_plan")
        self.plan_properties = make("方案属性…", editing.plan_properties)
        self.delete_plan = make("删除方案", editing.delete_plan)
        self.add_sibling = make("新增任务", editing.add_sibling, "Ctrl+N", icon_name="add_task")
        self.add_child = make("新增下级", editing.add_child, "Ctrl+Shift+N", icon_name="add_child")
        self.move_up = make("上移", editing.move_up, "Alt+Up")
        self.move_down = make("下移", editing.move_down, "Alt+Down")
        self.outdent = make("升级", editing.outdent, "Alt+Left")
        self.indent = make("降级", editing.indent, "Alt+Right")
        self.renumber = make("重新编号", lambda: print_actions.renumber_plan(window))
        self.renumber.setToolTip("按当前顺序重新编号，不再沿用方案原有的编号（可撤销）")
        self.directories = make("人员与单位…", window.open_directories)

        self.expand_all = make("全部展开", window.expand_all)
        self.collapse_all = make("全部折叠", window.collapse_to_plans)
        self.help = make("使用说明", window.show_help, QKeySequence.StandardKey.HelpContents)
        self.about = make("关于", window.show_about)
        self.open_logs = make("打开日志文件夹", window.open_log_folder)

        # Delete acts on the tree only: in a text field the key deletes characters.
        self.delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.tree.addAction(self.delete)
        window.results.addAction(self.delete)

        self.status_actions = []
        for status, label in STATUS_LABELS.items():
            action = make(label, lambda _checked=False, s=status: window.set_status(s))
            self.status_actions.append(action)

        self._build_menus()
        self.toolbar = self._build_toolbar()

    def _make(self, text, slot, shortcut=None, icon_name: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: self._trigger(slot))
        return action

    def _trigger(self, slot) -> None:
        """Every action starts by saving what is typed but not yet saved (the runner's one
        flush), so menus, toolbar and shortcuts act on what the user sees."""
        self.window.runner.flush()
        slot()

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addActions([self.open_file, self.connect_server, self.open_local])
        file_menu.addSeparator()
        file_menu.addActions([self.import_plan, self.import_clipboard])
        file_menu.addSeparator()
        file_menu.addActions([self.export_table, self.export_pdf, self.print_preview])
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        self.file_menu = file_menu

        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.rename, self.delete])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)

        plan_menu = bar.addMenu("方案(&P)")
        plan_menu.addActions([self.new_plan, self.plan_properties, self.delete_plan])
        plan_menu.addSeparator()
        plan_menu.addActions([self.add_sibling, self.add_child])
        plan_menu.addSeparator()
        plan_menu.addActions([self.move_up, self.move_down, self.outdent, self.indent])
        plan_menu.addAction(self.renumber)
        plan_menu.addSeparator()
        plan_menu.addAction(self.directories)

        ledger_menu = bar.addMenu("台账(&L)")
        status_menu = ledger_menu.addMenu("设置状态")
        status_menu.addActions(self.status_actions)
        self.status_menu = status_menu

        view_menu = bar.addMenu("视图(&V)")
        view_menu.addActions([self.expand_all, self.collapse_all])
        self.view_menu = view_menu

        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addActions([self.help, self.open_logs, self.about])

    def _build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("工具栏", self.window)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addActions(
            [self.import_plan, self.new_plan, self.add_sibling, self.add_child, self.delete]
        )
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo])
        toolbar.addSeparator()
        toolbar.addAction(self.export_table)
        self.window.addToolBar(toolbar)
        self.view_menu.addSeparator()
        self.view_menu.addAction(toolbar.toggleViewAction())
        return toolbar

    def update_enabled(self) -> None:
        """Enable what makes sense for the current selection and history."""
        window = self.window
        item = window.current_item()
        is_node = isinstance(item, NodeItem)
        has_plan = item is not None
        stack = window.undo_stack
        self.undo.setEnabled(stack.canUndo())
        self.redo.setEnabled(stack.canRedo())
        self.undo.setText(f"撤销 {stack.undoText()}" if stack.canUndo() else "撤销")
        self.redo.setText(f"重做 {stack.redoText()}" if stack.canRedo() else "重做")
        self.undo.setToolTip(self.undo.text())
        self.redo.setToolTip(self.redo.text())
        for action in (self.delete, self.rename, self.plan_properties, self.delete_plan,
                       self.renumber, self.print_preview, self.export_pdf):  # fmt: skip
            action.setEnabled(has_plan)
        self.add_sibling.setEnabled(has_plan)
        self.add_child.setEnabled(has_plan or not window.model.plan_items())
        self.move_up.setEnabled(is_node and item.row > 0)
        self.move_down.setEnabled(is_node and item.row < len(item.parent.children) - 1)
        self.outdent.setEnabled(is_node and isinstance(item.parent, NodeItem))
        self.indent.setEnabled(is_node and item.row > 0)
        self.status_menu.setEnabled(is_node and item.kind == ItemKind.TASK)
        read_only.disable_editing(window)  # 只读打开: nothing that writes
