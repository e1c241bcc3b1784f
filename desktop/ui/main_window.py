"""The main window: the plan tree on the left, the editor on the right, menus, toolbar and a
status bar.  Every edit runs as an undo command; views refresh from the ChangeHub."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.location import Location, ServerLocation, describe
from db.queries import load_directory
from desktop import APP_NAME, __version__
from desktop.ledger.rules import DUE_SOON_DAYS
from desktop.logs import log_folder
from desktop.operations import Change
from desktop.operations.undo import OperationCommand
from desktop.ui.command_runner import CommandRunner, open_log_folder
from desktop.ui.feedback_menu import install_feedback_menu
from desktop.ui.field_shortcuts import FieldShortcuts
from desktop.ui.ledger_menu import install_ledger_menu
from desktop.ui.node_editor import NodeEditor
from desktop.ui.tree_columns import ColumnFitter
from desktop.ui.tree_editing import TreeEditing
from desktop.ui.tree_filter import TreeFilterModel
from desktop.ui.tree_items import NodeItem, PlanItem, TreeItem
from desktop.ui.tree_menu import TreeMenu
from desktop.ui.tree_model import PlanTreeModel
from desktop.ui.tree_search import TreeSearch
from desktop.ui.tree_views import TreeViews, make_tree_view, source_index, view_index
from desktop.ui.welcome import WelcomePage
from desktop.ui.window_actions import WindowActions

SETTINGS_GROUP = "main_window"
HELP_TEXT = """<b>常用操作</b><br>
Ctrl+N 新增任务（同级）　Ctrl+Shift+N 新增下级　Delete 删除<br>
Alt+↑/↓ 上移/下移　Alt+←/→ 升级/降级　F2 重命名<br>
Ctrl+Z 撤销　Ctrl+Y 重做　Ctrl+F 查找　Ctrl+E 导出分解表<br><br>
每项修改都会立即保存，无需另行“保存”。也可以用鼠标拖动任务调整顺序和层级。"""


def window_title(location: Location) -> str:
    """The database's name (a file's name, or the server's address without a password);
    Qt adds the program's display name after it ("x.db — 整改台账")."""
    name = location.display() if isinstance(location, ServerLocation) else Path(location).name
    if QApplication.applicationDisplayName() == APP_NAME:
        return name
    return f"{APP_NAME} — {name}"


class MainWindow(QMainWindow):
    """One window over the open database (the models are bound by open_location): a SQLite
    file (`db_path` its path) or a server ledger (`location` a ServerLocation, `db_path`
    None: what only a file has — backups, the instance lock — is left out)."""

    def __init__(
        self,
        db_path: Location,
        settings: QSettings | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        server = isinstance(db_path, ServerLocation)
        self.location: Location = db_path if server else Path(db_path)
        self.db_path: Path | None = None if server else Path(db_path)
        self.is_server = server
        self.read_only = False
        self.switch_request = None  # where to go after closing (desktop/ui/server_menu.py)
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle(window_title(self.location))
        self.runner = CommandRunner(self)
        self.hub = self.runner.hub
        self.undo_stack = self.runner.stack
        self.model = PlanTreeModel(today, self)
        self.proxy = TreeFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.editing = TreeEditing(self)
        self._expanded: set[tuple[str, int]] = set()
        self._tracking = True
        # True during a step that selects what it touched (add, undo, redo): the editor is
        # filled once, for what ends up selected
        self._stepping = False
        self._editor_stale = False
        self._settling = False  # True while a search switches views: TreeSearch selects
        self._directory_loaded = False  # read after the first paint, or when a node shows
        self.painted = False  # set by TreeSearch at the tree's first paint
        self._build_layout()
        self.actions = WindowActions(self)
        self.ledger_menu = install_ledger_menu(self)  # 台账: after the window's own menus
        self.field_shortcuts = FieldShortcuts(self, self.actions.undo, self.actions.redo)
        self.field_shortcuts.watch_children()
        self.tree_menu = TreeMenu(self)
        self.column_fitter = ColumnFitter(self.tree, self.settings)
        self.tree_search = TreeSearch(self)
        install_feedback_menu(self)
        self._connect_callbacks()
        self.model.load()
        self.tree_search.expand_initially()
        self._restore_settings()
        plans = self.model.plan_items()
        if plans:
            self.select_plan(plans[0].id)
        self._refresh_views()
        from desktop.ui.safety import install_safety  # backups, changes by other programs

        install_safety(self)

    # ----- layout ------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索任务、领导、单位…")
        self.search.setClearButtonEnabled(True)
        self.tree = make_tree_view(self.model, "plan_tree")  # the whole tree, never filtered
        self.results = make_tree_view(self.proxy, "search_results")  # while searching
        self.views = TreeViews(self.tree, self.results)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.views)

        self.editor = NodeEditor(self.hub, lambda command: self.run(command, self.editor))
        self.editor.alive = self.model.contains
        self.editor.request_status = lambda status: self.set_status(status)
        self.editor.request_progress = lambda: self.ledger_menu.ask_progress()
        self.welcome = WelcomePage(self)
        self.right = QStackedWidget()
        self.right.addWidget(self.editor)
        self.right.addWidget(self.welcome)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.status_counts = QLabel()
        where = "服务器" if self.is_server else "数据库"
        self.status_database = QLabel(f"{where}：{describe(self.location)}")
        self.statusBar().addWidget(self.status_counts, 1)
        self.statusBar().addPermanentWidget(self.status_database)
        self.resize(1280, 800)
        self.splitter.setSizes([520, 760])

    def _connect_callbacks(self) -> None:
        self.hub.changed.connect(self._on_change)
        self.runner.add_flush_hook(self.editor.flush, owner=self.editor)
        self.model.move_handler = self.editing.move_by_drop
        self.model.rename_handler = self.editing.rename_title
        for view in (self.tree, self.results):
            view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.expanded.connect(lambda index: self._track_expansion(index, True))
        self.tree.collapsed.connect(lambda index: self._track_expansion(index, False))
        self.search.textChanged.connect(self._on_search)
        self.undo_stack.indexChanged.connect(self._on_history_changed)
        self.welcome.import_requested.connect(self.import_plan)
        self.welcome.new_plan_requested.connect(self.editing.new_plan)
        self.welcome.sample_requested.connect(self.open_sample)

    # ----- running commands and following changes ----------------------------------------
    def run(self, command: OperationCommand, origin: object = None) -> bool:
        """Run an undo command through the runner (pending edits saved first); False when it
        was refused or failed, the user told why and no stack entry left."""
        return self.runner.run(command, origin=origin)

    def _on_change(self, change: Change) -> None:
        if change.reload:
            self._reload()
            return
        before = {plan.id for plan in self.model.plan_items()}
        self._restore_expansion(self.model.apply_change(change))
        if change.directory:
            self._directory_loaded = False
            self.ensure_directory()
        added = [plan.id for plan in self.model.plan_items() if plan.id not in before]
        if added:
            self.select_plan(added[0])
            self.view().expand(self.view().currentIndex())
        self._refresh_views(own_edit=change.origin is self.editor)

    def _reload(self) -> None:
        """Show again what is stored (after a save failed), keeping the selection.  A server
        that does not answer is not read half-way: the views keep what they last read, the
        editor the stored values, and the reload follows when it answers."""
        if self.is_server:
            from desktop.ui.server_connection import server_answers

            if not server_answers():
                self.editor.show_item(self.current_item())
                external = getattr(self, "external_changes", None)
                if external is not None:
                    external.reload_later()
                return
        key = self._key(self.view().currentIndex())
        self.model.load()
        self.model.ensure_complete()
        self._directory_loaded = False
        self.ensure_directory()
        self._restore_expansion()
        if key is not None:
            self.select_item(
                self.model.plan_item(key[1]) if key[0] == "plan" else self.model.node_item(key[1])
            )
        self._refresh_views()

    def ensure_directory(self) -> None:
        """The people and units the editor's name pickers offer (read once, and again after
        a change of the directory)."""
        if not self._directory_loaded:
            self._directory_loaded = True
            self.editor.set_directory(load_directory())

    def _refresh_views(self, own_edit: bool = False) -> None:
        has_plans = bool(self.model.plan_items())
        self.right.setCurrentWidget(self.editor if has_plans else self.welcome)
        if self._stepping:
            self._editor_stale = True  # the step selects what it touched, then shows it
        else:
            self._show_in_editor(self.current_item(), own_edit)
        self.refresh_counts()
        self.actions.update_enabled()

    def refresh_counts(self) -> None:
        """The status bar's counts (once a big database's plans are all read)."""
        if not self.model.complete():
            self.status_counts.setText("正在读取方案…")
            return
        stats = self.model.statistics()
        self.status_counts.setText(
            f"{stats.plans} 个方案 · {stats.tasks} 项任务 · 超期 {stats.overdue} · "
            f"{DUE_SOON_DAYS} 天内到期 {stats.due_soon}"
        )

    def _on_history_changed(self, _index: int) -> None:
        self.actions.update_enabled()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._settling or self.sender() is not self.view().selectionModel():
            return  # a search is changing the views, or the view not on screen
        item = self.current_item()
        shown = self.editor.current_item()
        if item is not shown or item is None:
            self.runner.flush()  # what was typed for the previous item is saved first
            if self.runner.typing_kept and shown is not None and self.model.contains(shown):
                # its save was refused and the user chose 取消: the text stays, unsaved, with
                # its task on show (showing the new item would drop it)
                self.select_item(shown)
                return
            self._show_in_editor(item)
        self.actions.update_enabled()

    def _show_in_editor(self, item: TreeItem | None, own_edit: bool = False) -> None:
        if self.model.pending_plan(item) is not None:  # a big database's plan not read yet
            if not self.painted:  # at start-up: shown once read, after the first paint
                self.editor.show_item(None)
                return
            self.model.fetch_plan(item)
        if isinstance(item, NodeItem):
            self.ensure_directory()
        self._editor_stale = False
        self.editor.show_item(item, own_edit=own_edit)

    def show_current_if_stale(self) -> None:
        """After an undo/redo has selected what it touched: fill the editor unless selecting
        did (the step selected what was already current)."""
        if self._editor_stale:
            self._show_in_editor(self.current_item())

    # ----- selection and expansion -------------------------------------------------------
    def current_item(self) -> TreeItem | None:
        return self.item_at(self.view().currentIndex())

    def view(self) -> QTreeView:
        """The tree on screen: the whole tree, or the search results while searching."""
        return self.views.active()

    def item_at(self, index: QModelIndex) -> TreeItem | None:
        """The item behind an index of either view."""
        return self.model.item(source_index(index))

    def view_index(self, item: TreeItem | None) -> QModelIndex:
        """`item`'s index in the view on screen (invalid when the search hides it)."""
        return view_index(self.view(), self.model.index_for_item(item))

    def select_item(self, item: TreeItem | None) -> None:
        source = self.model.index_for_item(item)
        if not source.isValid():
            return
        view = self.view()
        index = view_index(view, source)
        if not index.isValid():  # hidden by the search: show everything again
            self.search.clear()
            view = self.view()
            index = view_index(view, source)
        parent = index.parent()
        while parent.isValid():
            view.expand(parent)
            parent = parent.parent()
        view.setCurrentIndex(index)
        view.scrollTo(index)

    def select_node(self, node_id: int) -> None:
        self.select_item(self.model.node_item(node_id))

    def select_plan(self, plan_id: int) -> None:
        self.select_item(self.model.plan_item(plan_id))

    def _key(self, index: QModelIndex) -> tuple[str, int] | None:
        return _item_key(self.item_at(index))

    def _track_expansion(self, index: QModelIndex, expanded: bool) -> None:
        key = self._key(index)
        if key is None or not self._tracking:
            return
        if expanded:
            self._expanded.add(key)
        else:
            self._expanded.discard(key)

    def _restore_expansion(self, built: list[TreeItem] | None = None) -> None:
        """Re-expand items that were open in the whole tree: all of them after a reload, or
        those among the subtrees an edit `built` anew (a plan rebuilt, a deleted branch put
        back by undo).  Other edits keep the expansion by themselves, and looking through
        every open item would cost an edit ≈ 80 ms once the user has expanded all at 10,000."""
        keys = self._expanded
        if built is not None:
            keys = {key for item in built for key in _keys_with_children(item)} & keys
        self._tracking = False
        try:
            for kind, item_id in keys:
                index = (
                    self.model.index_for_plan(item_id)
                    if kind == "plan"
                    else self.model.index_for_node(item_id)
                )
                if index.isValid() and not self.tree.isExpanded(index):
                    self.tree.expand(index)
        finally:
            self._tracking = True

    def collapse_to_plans(self) -> None:
        self.view().collapseAll()

    def expand_all(self) -> None:
        self.view().expandAll()

    # ----- search ------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search(self, text: str) -> None:
        self.tree_search.apply(text)

    # ----- dialogs other modules provide ---------------------------------
    def import_plan(self) -> None:
        from desktop.ui import window_links  # importing and exporting load on first use

        window_links.import_plan(self)

    def import_clipboard(self) -> None:
        from desktop.ui import window_links  # importing and exporting load on first use

        window_links.import_clipboard(self)

    def open_sample(self) -> None:
        from desktop.ui import window_links  # importing and exporting load on first use

        window_links.open_sample(self)

    def export_table(self) -> None:
        from desktop.ui import window_links  # importing and exporting load on first use

        window_links.export_table(self)

    def open_directories(self) -> None:
        from desktop.ui import window_links  # importing and exporting load on first use

        window_links.open_directories(self)

    def current_plan_id(self) -> int | None:
        item = self.current_item()
        if isinstance(item, PlanItem):
            return item.id
        return item.plan_id if isinstance(item, NodeItem) else None

    def set_status(self, status: str) -> None:
        """The selected task's status, as the ledger records it (a dated status change with
        the clerk; 已销号 through the 销号 dialog, leaving 已销号 through 撤销销号)."""
        self.ledger_menu.set_status(status)

    def connect_server(self) -> None:
        from desktop.ui.server_menu import connect_server

        connect_server(self)

    def open_database_file(self) -> None:
        from desktop.ui.server_menu import open_database_file

        open_database_file(self)

    def open_local_file(self) -> None:
        from desktop.ui.server_menu import open_local_file

        open_local_file(self)

    def show_help(self) -> None:
        QMessageBox.information(self, "使用说明", HELP_TEXT)

    def open_log_folder(self) -> None:
        """帮助 → 打开日志文件夹: the folder with ledger.log, in the file manager."""
        if not open_log_folder():
            QMessageBox.information(self, "日志文件夹", f"日志文件保存在：\n{log_folder()}")

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"关于{APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>整改方案分解、分解表打印与整改落实跟踪。<br>"
            f"数据库：{describe(self.location)}",
        )

    # ----- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = self.settings
        settings.beginGroup(SETTINGS_GROUP)
        try:
            for key, restore in (
                ("geometry", self.restoreGeometry),
                ("state", self.restoreState),
                ("splitter", self.splitter.restoreState),
                ("tree_header", self.tree.header().restoreState),
            ):
                value = settings.value(key)
                if isinstance(value, QByteArray | bytes) and value:
                    restore(QByteArray(value))
        finally:
            settings.endGroup()

    def save_settings(self) -> None:
        settings = self.settings
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.setValue("splitter", self.splitter.saveState())
        settings.setValue("tree_header", self.tree.header().saveState())
        settings.endGroup()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.runner.flush()
        self.save_settings()
        external = getattr(self, "external_changes", None)
        if external is not None:
            external.stop()  # a closed window polls no more (its ledger may be closed)
        super().closeEvent(event)


def _item_key(item: TreeItem | None) -> tuple[str, int] | None:
    """How the window remembers an item across reloads (its expansion, its selection)."""
    if isinstance(item, PlanItem):
        return ("plan", item.id)
    if isinstance(item, NodeItem):
        return ("node", item.id)
    return None


def _keys_with_children(item: TreeItem):
    """The keys of `item` and of its descendants that have children (can be expanded)."""
    for each in (item, *item.walk()):
        if each.children:
            yield _item_key(each)
