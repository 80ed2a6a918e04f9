"""One small table model per list: columns declared once, a role that returns the row object."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

T = TypeVar("T")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3
WARNING_COLOUR = QColor("#b3261e")  # deep red, readable on white (contrast > 5:1)
MUTED_COLOUR = QColor("#5f6368")

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    display: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    align_right: bool = False
    warn: Callable[[T], bool] | None = None  # red and bold when true (something is late)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows of immutable values; ``muted`` greys a whole row (closed, done)."""

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        muted: Callable[[T], bool] | None = None,
        filter_text: Callable[[T], str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._rows: list[T] = []
        self._muted = muted
        self._filter_text = filter_text
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return column.sort_key(row) if column.sort_key else column.display(row)
        if role == FILTER_ROLE:
            return self._filter_text(row) if self._filter_text else column.display(row)
        warned = column.warn is not None and column.warn(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if warned:
                return QBrush(WARNING_COLOUR)
            if self._muted and self._muted(row):
                return QBrush(MUTED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and warned:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
