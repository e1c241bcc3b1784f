"""The search box over the plan tree: what happens to expansion, selection and the editor as
the user types, erases (Esc clears) and finds nothing (“没有匹配的任务”).

The results show in a view of their own (tree_views.py) over the results model
(tree_filter.py); the whole tree is left as it is, expanded as the user left it, and comes back
when the search is cleared: clearing costs no re-expansion, however much of the tree was open.
A keystroke that finds the same matches (整 → 整治) leaves the results, their expansion, the
selection and the editor as they are.

The item the user had selected is remembered while searching: it stays selected when it
matches, the editor is emptied while it is hidden (never left showing a task that is not
selected), and it is selected and scrolled to again when the search is cleared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel

from desktop.ui.tree_items import ItemKind, NodeItem, PlanItem, TreeItem

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

NO_MATCH_TEXT = "没有匹配的任务"
EXPAND_LIMIT = 200  # more items to open than this: only one plan is opened
SMALL_TREE = 2000  # up to this many items the start shows sections open, as before
IDLE_MS = 400
KEYS_POLL_MS = 200
WARM_UP_DELAY_MS = 300  # after the tree's first paint: the keys never delay the window


class TreeSearch(QObject):
    """Wires the window's search box, tree, proxy and editor together."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._wanted: TreeItem | None = None
        self.no_match = QLabel(NO_MATCH_TEXT, window.results.viewport())
        self.no_match.setObjectName("no_match")
        self.no_match.setEnabled(False)
        self.no_match.move(12, 10)
        self.no_match.hide()
        window.search.installEventFilter(self)
        # until the first paint; kept, so the filter never calls into a window being destroyed
        self._tree_viewport = window.tree.viewport()
        self._tree_viewport.installEventFilter(self)
        window.results.selectionModel().currentChanged.connect(self._on_current_changed)
        window.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self._idle = QTimer(self)  # after edits, once the user pauses: the search index
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(window.proxy.prepare)
        window.hub.changed.connect(lambda _change: self._idle.start())

    def expand_initially(self) -> None:
        """A small tree opens to its sections, as before; a big one opens its first plan
        only.  Never a walk over every row of a big model (expandToDepth lays out the whole
        tree, and every later edit lays out again whatever is open)."""
        tree, model = self.window.tree, self.window.model
        if model.complete() and len(model.all_items()) <= SMALL_TREE:
            tree.expandToDepth(1)
        elif model.rowCount():
            tree.expand(model.index(0, 0))

    # ----- typing ------------------------------------------------------------------------
    def apply(self, text: str) -> None:
        window = self.window
        current = window.current_item()
        if current is not None:
            self._wanted = current
        searching = bool("".join(text.split()))
        window.runner.flush()  # what was typed in the editor is saved before it may empty
        window._settling = True  # the reset's empty selection does not reach the editor
        try:
            if not searching:  # the whole tree comes back as the user left it
                window.views.show_results(False)
            # one reset, the results view starts collapsed; none when the matches stay
            changed = window.proxy.set_search_text(text)
            if searching and changed:
                self._expand_matches()
            if searching:
                window.views.show_results(True)
        finally:
            window._settling = False
        if not changed and searching:
            return  # the same results: the selection, the editor and the view stay
        self.no_match.setVisible(searching and window.proxy.match_count == 0)
        self.no_match.adjustSize()
        self._select_wanted(searching)

    def _expand_matches(self) -> None:
        """Open the ancestors of the matches (a match's own children stay closed).  Right
        after the proxy's reset the view only records each expansion, laying out once."""
        window = self.window
        model, proxy, tree = window.model, window.proxy, window.results
        result = proxy.result()
        if result is None:
            return
        opened = result.opened(EXPAND_LIMIT)
        if opened is None:  # too broad to lay out: one plan open, the user types on
            plans = result.top_items()
            wanted = self._wanted
            if wanted is not None and model.contains(wanted):
                mine = wanted if isinstance(wanted, PlanItem) else wanted.plan_item()
                plans = [mine.key] if mine.key in plans else plans
            opened = set(plans[:1])
        for key in opened:
            item = model.item_by_key(key)
            if item is not None:
                tree.expand(proxy.mapFromSource(model.index_for_item(item)))

    def _select_wanted(self, searching: bool) -> None:
        window = self.window
        wanted = self._wanted
        if wanted is not None and not window.model.contains(wanted):
            wanted = None
        if not searching:  # back to the whole tree: its selection was kept
            if wanted is not None and wanted is not window.current_item():
                window.select_item(wanted)
            else:
                window.view().scrollTo(window.view().currentIndex())
            if window.editor.current_item() is not window.current_item():
                window.ensure_directory()
                window.editor.show_item(window.current_item())
            window.actions.update_enabled()
            return
        index = window.view_index(wanted) if wanted is not None else QModelIndex()
        if index.isValid():  # the reset left no current item: this tells the editor
            window.results.setCurrentIndex(index)
            window.results.scrollTo(index)
        else:  # hidden by the search: the editor shows nothing rather than a stale task
            window.results.setCurrentIndex(QModelIndex())
            window.editor.show_item(None)
            window.actions.update_enabled()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.sender() is not self.window.view().selectionModel():
            return  # the view not on screen (the results, reset as the search changes)
        item = self.window.item_at(current)
        if item is not None:
            self._wanted = item

    def _read_rest(self) -> None:
        """The plans a big database opened without (tree_lazy.py), one a tick; then the
        status-bar counts and the search keys."""
        window = self.window
        more = window.model.fetch_next()
        if window.editor.current_item() is not window.current_item():
            window._refresh_views()  # the plan selected at start-up, now read
        if more:
            QTimer.singleShot(0, self, self._read_rest)
            return
        self.window.refresh_counts()
        self._warm_editor()
        self.window.views.warm_up()
        self._warm_up()

    def _warm_editor(self) -> None:
        """Show a task in the editor once, unseen (NodeEditor.warm_up), so the first task the
        user selects shows as fast as the next ones."""
        window = self.window
        editor, current = window.editor, window.editor.current_item()
        if isinstance(current, NodeItem) and current.kind == ItemKind.TASK:
            return
        task = next((item for item in window.model.first_items(ItemKind.TASK, 1)), None)
        if task is None or not editor.isVisible():
            return
        window.ensure_directory()
        editor.warm_up(task)

    def _warm_up(self) -> None:
        """Search keys in the background; then, once the user pauses, the index."""
        self.window.proxy.warm_up()
        self._keys_timer = QTimer(self)
        self._keys_timer.setInterval(KEYS_POLL_MS)
        self._keys_timer.timeout.connect(self._keys_made)
        self._keys_timer.start()

    def _keys_made(self) -> None:
        if self.window.proxy.keys_ready():
            self._keys_timer.stop()
            if not self.window.proxy.adopt():  # the index built with the keys
                # edited meanwhile: indexed again once the user pauses, not under an edit
                # (the build thread would slow the next step the user takes)
                self._idle.start()
            self.window.model.freeze()  # the keys and the index too (a big database)

    # ----- Esc ---------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self._tree_viewport and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.window.painted = True
            QTimer.singleShot(0, self, self.window.ensure_directory)
            QTimer.singleShot(WARM_UP_DELAY_MS, self, self._read_rest)
            return False
        if (
            watched is self.window.search
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.window.search.text()
        ):
            self.window.search.clear()
            return True
        return False
