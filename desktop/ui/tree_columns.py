"""The plan tree's columns sized to what they show: the title column takes the rest of the
width (at least half the tree); the unit and deadline columns fit their visible texts within
the other half, until the user sets one's width (then that width is theirs, kept between
runs)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QTreeView

MAX_WIDTH = 280  # px: a long unit list is cut (the tooltip has all of it)
SIDE_SHARE = 0.5  # of the tree's width, at most, for the columns after the title
PADDING = 12
WHOLE = 160  # px: a column this narrow is never cut to fit
SETTINGS_KEY = "main_window/user_sized_columns"
VISIBLE_ROWS_ONLY = 0  # Qt measures 1000 rows by default: most of a second in a big plan


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
            model.rowsInserted,
            model.rowsRemoved,
            model.dataChanged,
        ):
            signal.connect(self.schedule)
        tree.header().sectionResized.connect(self._resized)
        tree.viewport().installEventFilter(self)
        tree.header().setResizeContentsPrecision(VISIBLE_ROWS_ONLY)  # cost: a screenful
        self.schedule()

    def schedule(self, *_args) -> None:
        self._timer.start()

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
