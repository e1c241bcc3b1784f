"""The plan tree's columns sized to what they show: the title column takes the rest of the
width; the unit and deadline columns fit their visible texts, within limits, until the user
sets one's width (then that width is theirs, kept between runs)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QTreeView

MAX_WIDTH = 280  # px: a long unit list is cut (the tooltip has all of it)
PADDING = 16
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
        tree.header().setResizeContentsPrecision(VISIBLE_ROWS_ONLY)  # cost: a screenful
        self.schedule()

    def schedule(self, *_args) -> None:
        self._timer.start()

    def fit(self) -> None:
        header = self.tree.header()
        self._fitting = True
        try:
            for column in range(1, header.count()):
                if column in self.user_sized or header.isSectionHidden(column):
                    continue
                wanted = max(self.tree.sizeHintForColumn(column), header.sectionSizeHint(column))
                header.resizeSection(column, min(wanted + PADDING, MAX_WIDTH))
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
