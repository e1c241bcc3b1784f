"""The plan tree's columns sized to what they show: the title column takes the rest of the
width (at least half the tree); the unit and deadline columns fit their visible texts within
the other half, until the user sets one's width (then that width is theirs, kept between
runs).

Expanding, collapsing, resizing and reloads refit from the visible rows.  An edit (rows added
or repainted) measures only its own rows and refits only when one of them needs a wider
column; a removed row leaves the widths as they are until the next refit.  So an add or an
undo in a big plan costs no screenful of measuring.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QTimer,
)
from PySide6.QtWidgets import QTreeView

MAX_WIDTH = 280  # px: a long unit list is cut (the tooltip has all of it)
SIDE_SHARE = 0.5  # of the tree's width, at most, for the columns after the title
PADDING = 12
WHOLE = 160  # px: a column this narrow is never cut to fit
SETTINGS_KEY = "main_window/user_sized_columns"
VISIBLE_ROWS_ONLY = 0  # Qt measures 1000 rows by default: most of a second in a big plan
EDITED_ROWS = 64  # an edit reporting more rows than this refits from the visible rows


class ColumnFitter(QObject):
    """Refits the columns after 1 of `tree` whenever what is visible may have changed."""

    def __init__(self, tree: QTreeView, settings: QSettings | None = None) -> None:
        super().__init__(tree)
        self.tree = tree
        self.settings = settings
        self.user_sized: set[int] = self._load()
        self._fitting = False
        self._armed = False  # widths restored before the first fit are not the user's
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        model = tree.model()
        for signal in (
            tree.expanded,
            tree.collapsed,
            model.modelReset,
            model.layoutChanged,
        ):
            signal.connect(self.schedule)
        self._wanted: dict[int, int] = {}  # column → width its visible texts wanted at the fit
        self._edited: list[tuple[QPersistentModelIndex, int, int, int, int]] = []
        self._edit_timer = QTimer(self)
        self._edit_timer.setSingleShot(True)
        self._edit_timer.setInterval(0)
        self._edit_timer.timeout.connect(self._fit_edited)
        model.rowsInserted.connect(self._rows_inserted)
        model.dataChanged.connect(self._data_changed)
        tree.header().sectionResized.connect(self._resized)
        tree.viewport().installEventFilter(self)
        tree.header().setResizeContentsPrecision(VISIBLE_ROWS_ONLY)  # cost: a screenful
        self.schedule()

    def schedule(self, *_args) -> None:
        self._timer.start()

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        self._note_edit(parent, first, last, 0, self.tree.header().count() - 1)

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, *_roles) -> None:
        self._note_edit(
            top_left.parent(),
            top_left.row(),
            bottom_right.row(),
            top_left.column(),
            bottom_right.column(),
        )

    def _note_edit(self, parent: QModelIndex, first: int, last: int, left: int, right: int):
        if self._timer.isActive():
            return  # a refit from the visible rows is coming anyway
        if parent.isValid() and not self.tree.isExpanded(parent):
            return  # not visible
        if last - first >= EDITED_ROWS or len(self._edited) >= EDITED_ROWS:
            self._edited.clear()
            self.schedule()
            return
        self._edited.append((QPersistentModelIndex(parent), first, last, left, right))
        self._edit_timer.start()

    def _fit_edited(self) -> None:
        """Refit when an edited row wants a wider column than the visible rows did."""
        edited, self._edited = self._edited, []
        if self._timer.isActive():
            return
        header = self.tree.header()
        model = self.tree.model()
        visible = self.tree.viewport().rect()
        for persistent, first, last, left, right in edited:
            parent = QModelIndex(persistent)
            if persistent != QPersistentModelIndex() and not parent.isValid():
                continue  # its parent is gone
            for column in range(max(left, 1), min(right, header.count() - 1) + 1):
                if column in self.user_sized or header.isSectionHidden(column):
                    continue
                size = self._wanted.get(column, header.sectionSize(column))
                for row in range(first, min(last, model.rowCount(parent) - 1) + 1):
                    index = model.index(row, column, parent)
                    if not self.tree.visualRect(index).intersects(visible):
                        continue  # as a refit, only what is on screen counts
                    width = self.tree.sizeHintForIndex(index).width()
                    if min(width + PADDING, MAX_WIDTH) > size:
                        self.fit()
                        return

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.schedule()
        return False

    def fit(self) -> None:
        header = self.tree.header()
        columns = [
            c
            for c in range(1, header.count())
            if c not in self.user_sized and not header.isSectionHidden(c)
        ]
        wanted = {
            c: min(
                max(self.tree.sizeHintForColumn(c), header.sectionSizeHint(c)) + PADDING, MAX_WIDTH
            )
            for c in columns
        }
        self._wanted = dict(wanted)
        taken = sum(header.sectionSize(c) for c in self.user_sized if c < header.count())
        budget = int(self.tree.viewport().width() * SIDE_SHARE) - taken
        if sum(wanted.values()) > budget > 0:
            wanted = {
                c: max(header.sectionSizeHint(c), width)
                for c, width in share_out(wanted, budget).items()
            }
        self._fitting = True
        try:
            for column, width in wanted.items():
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._fitting = False
            self._armed = True

    def _resized(self, column: int, _old: int, _new: int) -> None:
        """A column the user resized keeps its width."""
        if self._armed and not self._fitting and column > 0 and column not in self.user_sized:
            self.user_sized.add(column)
            if self.settings is not None:
                self.settings.setValue(SETTINGS_KEY, sorted(self.user_sized))

    def _load(self) -> set[int]:
        value = self.settings.value(SETTINGS_KEY) if self.settings is not None else None
        if isinstance(value, str):
            value = [value]
        try:
            return {int(column) for column in value or []}
        except (TypeError, ValueError):
            return set()


def share_out(wanted: dict[int, int], budget: int) -> dict[int, int]:
    """Widths within `budget`: columns up to WHOLE wide (a deadline) get all they want, the
    wider ones share the rest equally (a long unit list is cut)."""
    given: dict[int, int] = {}
    left = budget
    order = sorted(wanted, key=wanted.get)
    for position, column in enumerate(order):
        share = left // (len(order) - position)
        width = wanted[column]
        given[column] = max(0, min(width if width <= max(share, WHOLE) else share, left))
        left -= given[column]
    return given
