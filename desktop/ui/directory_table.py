"""Table models of the 人员与单位 dialog: one row per person or unit, kept in id order so a
rename only changes data (the proxy sorts by pinyin and filters by search)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from db.records import PersonRecord, UnitRecord
from desktop.ledger.pinyin_match import sort_key

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ALIAS_JOIN = "、"

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    editable: bool = False


PEOPLE_COLUMNS = (
    Column("name", "姓名", True),
    Column("post", "职务", True),
    Column("unit", "所在单位", True),
    Column("tasks", "任务数"),
)
UNIT_COLUMNS = (
    Column("name", "单位名称", True),
    Column("aliases", "别名", True),
    Column("tasks", "任务数"),
)

Record = PersonRecord | UnitRecord
EditHandler = Callable[[Record, str, str], bool]


class DirectoryTableModel(QAbstractTableModel):
    """People or units.  Edits go to `on_edit(record, column key, text)`, which runs the
    operation and returns whether it succeeded; the model itself changes only when the
    dialog reloads it from the database."""

    def __init__(self, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.columns = PEOPLE_COLUMNS if kind == "person" else UNIT_COLUMNS
        self._records: list[Record] = []
        self.on_edit: EditHandler | None = None

    def set_records(self, records: Iterable[Record]) -> None:
        """Show `records`; when the same ids come back only the data changes, so views keep
        their selection and open editors."""
        records = sorted(records, key=lambda r: r.id)
        if [r.id for r in records] == [r.id for r in self._records]:
            self._records = records
            if records:
                last = self.index(len(records) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    def record(self, row: int) -> Record:
        return self._records[row]

    def records(self) -> list[Record]:
        return list(self._records)

    def row_of(self, record_id: int) -> int | None:
        return next((row for row, r in enumerate(self._records) if r.id == record_id), None)

    def column_of(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        key = self.columns[index.column()].key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _text(record, key)
        if role == ID_ROLE:
            return record.id
        if role == SORT_ROLE:
            return record.tasks if key == "tasks" else sort_key(_text(record, key))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "tasks":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "tasks":
                return f"用于 {record.tasks} 项任务" if record.tasks else "未用于任何任务"
            if key == "aliases":
                return "双击修改别名，多个别名用顿号（、）分隔"
            if key == "name":
                return "双击或按 F2 重命名；改名后所有任务中一并更新"
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        key = self.columns[index.column()].key
        record = self._records[index.row()]
        text = str(value) if value is not None else ""
        if text.strip() == _text(record, key):
            return False
        return self.on_edit(record, key, text)


def _text(record: Record, key: str) -> str:
    if key == "tasks":
        return str(record.tasks)
    if key == "aliases":
        return ALIAS_JOIN.join(record.aliases)
    return str(getattr(record, key))


class DirectoryFilter(QSortFilterProxyModel):
    """Sorts by pinyin (task counts by number) and shows only the rows a search allows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._allowed: set[int] | None = None
        self.setSortRole(SORT_ROLE)

    def set_allowed(self, ids: Iterable[int] | None) -> None:
        """Show only these ids (None: everything)."""
        self.beginFilterChange()
        self._allowed = None if ids is None else set(ids)
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if self._allowed is None:
            return True
        source = self.sourceModel()
        return source.index(source_row, 0, source_parent).data(ID_ROLE) in self._allowed
