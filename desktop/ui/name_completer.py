"""Completion of people and unit names by text, pinyin initials, full pinyin and alias.

`NameCompleter` attaches to a QLineEdit (without taking over its text): as the user types it
offers the best matches of a `NameIndex`, each shown with its post and unit or its aliases.
Choosing one emits `picked(name)` with the canonical name; Enter while no row is highlighted
emits `submitted(text)` with the text as typed.  Nothing is filtered by QCompleter itself.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.ledger.pinyin_match import Match, NameIndex

DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1
POPUP_MIN_WIDTH = 320


class MatchModel(QAbstractListModel):
    """The current matches: DisplayRole/EditRole the canonical name, DETAIL_ROLE the rest."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: list[Match] = []

    def set_matches(self, matches: list[Match]) -> None:
        self.beginResetModel()
        self._matches = list(matches)
        self.endResetModel()

    def match_at(self, row: int) -> Match:
        return self._matches[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._matches)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        match = self._matches[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return match.name
        if role == DETAIL_ROLE:
            return _detail(match)
        if role == Qt.ItemDataRole.ToolTipRole:
            detail = _detail(match)
            return f"{match.name}　{detail}" if detail else match.name
        return None


def _detail(match: Match) -> str:
    detail = match.candidate.detail
    if match.via and match.via not in detail:
        detail = f"（{match.via}）{detail}"
    return detail


class MatchDelegate(QStyledItemDelegate):
    """Paints the name, then its post and unit (or aliases) in a quieter colour."""

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        from PySide6.QtWidgets import QStyle  # its enums cost ~15 ms to build: not at start-up

        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, detail = opt.text, index.data(DETAIL_ROLE) or ""
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect = opt.rect.adjusted(6, 0, -6, 0)
        painter.save()
        painter.setPen(opt.palette.color(group, text_role))
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, name)
        if detail:
            used = opt.fontMetrics.horizontalAdvance(name) + 16
            if not selected:
                painter.setPen(opt.palette.color(group, QPalette.ColorRole.PlaceholderText))
            detail_rect = QRect(rect.left() + used, rect.top(), rect.width() - used, rect.height())
            elided = opt.fontMetrics.elidedText(
                detail, Qt.TextElideMode.ElideRight, detail_rect.width()
            )
            painter.drawText(
                detail_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), option.fontMetrics.height() + 8))


class NameCompleter(QCompleter):
    picked = Signal(str)  # canonical name chosen in the popup
    submitted = Signal(str)  # Enter with no row highlighted: the text as typed

    def __init__(self, line_edit: QLineEdit, parent: QObject | None = None) -> None:
        super().__init__(parent or line_edit)
        self._line_edit = line_edit
        self._index = NameIndex()
        self._model = MatchModel(self)
        self.setModel(self._model)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setMaxVisibleItems(10)
        self.setWidget(line_edit)
        self.popup().setItemDelegate(MatchDelegate(self.popup()))
        self.activated[QModelIndex].connect(self._on_activated)
        line_edit.returnPressed.connect(self._on_return)

    @property
    def index(self) -> NameIndex:
        return self._index

    def set_index(self, index: NameIndex) -> None:
        self._index = index

    def shown_names(self) -> list[str]:
        """The names the popup offers now, best first."""
        return [self._model.match_at(row).name for row in range(self._model.rowCount())]

    def update_for(self, typed: str) -> None:
        """Offer the matches of `typed` (hide the popup when there are none)."""
        matches = self._index.match(typed) if typed.strip() else []
        self._model.set_matches(matches)
        if not matches:
            self.popup().hide()
            return
        width = max(self._line_edit.width(), POPUP_MIN_WIDTH)
        self.complete(QRect(0, 0, width, self._line_edit.height()))
        self.popup().setCurrentIndex(QModelIndex())

    def best(self, typed: str) -> Match | None:
        matches = self._index.match(typed, limit=1)
        return matches[0] if matches else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Enter in the open popup picks the highlighted row, or submits the typed text;
        either way the line edit never sees that Enter (no double handling).

        The event type is checked first: while widgets are being destroyed this filter still
        sees their last events, and asking for popup() then would touch a dying object."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched is self.popup()
        ):
            current = self.popup().currentIndex()
            self.popup().hide()
            if current.isValid():
                self.picked.emit(self._model.match_at(current.row()).name)
            else:
                self.submitted.emit(self._line_edit.text())
            return True
        return super().eventFilter(watched, event)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.picked.emit(str(index.data(Qt.ItemDataRole.EditRole)))

    def _on_return(self) -> None:
        if not self.popup().isVisible():
            self.submitted.emit(self._line_edit.text())
