"""One small table model per list: columns declared once, a role that returns the row object.

The model sorts and filters in Python itself instead of through a QSortFilterProxyModel: a proxy
calls back into Python several times per row on every keystroke, which made filtering 10,000
residents take up to half a second (docs/benchmarks.md).  Here the filter tests each word typed
against a precomputed folded text per row (no case, no accents), and sorting happens once per
header click.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from clientsteun.domain.text import fold

T = TypeVar("T")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
WARNING_COLOUR = QColor("#b3261e")  # deep red, readable on white (contrast > 5:1)
MUTED_COLOUR = QColor("#5f6368")

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    display: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None  # default: the displayed text
    align_right: bool = False
    warn: Callable[[T], bool] | None = None  # red and bold when true (something is late)


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows of immutable values; ``muted`` greys a whole row (closed, done).

    With ``filter_text``, ``set_filter`` shows only the rows whose text contains every word typed,
    ignoring case and accents.  With ``key`` (what makes a row the same row, such as its id), new
    rows that are the same rows in the same order only redraw those that changed, without a reset.
    """

    def __init__(
        self,
        columns: Sequence[Column[T]],
        *,
        muted: Callable[[T], bool] | None = None,
        filter_text: Callable[[T], str] | None = None,
        key: Callable[[T], object] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self._all: list[tuple[str, T]] = []  # (folded filter text, row), in the current sort order
        self._rows: list[T] = []  # the rows shown
        self._given: tuple[T, ...] | None = None  # what ``set_rows`` was last given, while nothing else changed
        self._words: tuple[str, ...] = ()  # the filter, folded
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._muted = muted
        self._filter_text = filter_text
        self._key = key
        self._bold = QFont()
        self._bold.setBold(True)

    # -- content -------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[T]) -> None:
        """Show ``rows``; the same rows again change nothing (no reset: the view is not laid out anew)."""
        given = tuple(rows)
        if given == self._given:
            return
        self._given = given
        text = self._filter_text
        self._all = [(fold(text(row)) if text else "", row) for row in rows]
        self._sort_all()
        shown = [row for text, row in self._all if self._passes(text)]
        key = self._key
        if key is None or len(shown) != len(self._rows) or [key(row) for row in shown] != [key(r) for r in self._rows]:
            self.beginResetModel()
            self._rows = shown
            self.endResetModel()
            return
        changed = [number for number, (new, old) in enumerate(zip(shown, self._rows, strict=True)) if new != old]
        self._rows = shown
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], len(self.columns) - 1))

    def set_filter(self, text: str) -> None:
        words = tuple(fold(text).split())
        if words != self._words:
            self._words = words
            self._show()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self._sort_all()
        self._show()

    def _sort_all(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        key = self.columns[column].sort_key or self.columns[column].display
        self._all.sort(key=lambda pair: key(pair[1]), reverse=order == Qt.SortOrder.DescendingOrder)

    def _show(self) -> None:
        self.beginResetModel()
        self._rows = [row for text, row in self._all if self._passes(text)]
        self.endResetModel()

    def _passes(self, text: str) -> bool:
        return all(word in text for word in self._words)

    def put_row(self, row: T, same: Callable[[T], bool]) -> None:
        """Put ``row`` in place of the row ``same`` picks, or add it, in sort order and through the
        filter, without a reset: a view keeps its selection and scroll position and redraws one row."""
        self._given = None
        text = fold(self._filter_text(row)) if self._filter_text else ""
        old = next((number for number, (_, each) in enumerate(self._all) if same(each)), None)
        if old is not None:
            del self._all[old]
        at = self._sorted_position(row, len(self._all) if old is None else old)
        self._all.insert(at, (text, row))
        before = next((number for number, each in enumerate(self._rows) if same(each)), None)
        after = None
        if self._passes(text):
            after = at if not self._words else sum(1 for each, _ in self._all[:at] if self._passes(each))
        if before is not None and after is None:
            self.beginRemoveRows(QModelIndex(), before, before)
            del self._rows[before]
            self.endRemoveRows()
        elif before is None and after is not None:
            self.beginInsertRows(QModelIndex(), after, after)
            self._rows.insert(after, row)
            self.endInsertRows()
        elif before is not None and after is not None:
            if after != before:  # Qt counts the destination in the rows before the move
                self.beginMoveRows(QModelIndex(), before, before, QModelIndex(), after + 1 if after > before else after)
                del self._rows[before]
                self._rows.insert(after, row)
                self.endMoveRows()
            self._rows[after] = row
            self.dataChanged.emit(self.index(after, 0), self.index(after, len(self.columns) - 1))

    def remove_row(self, same: Callable[[T], bool]) -> None:
        """Take out the row ``same`` picks, without a reset."""
        self._given = None
        self._all = [(text, each) for text, each in self._all if not same(each)]
        shown = next((number for number, each in enumerate(self._rows) if same(each)), None)
        if shown is not None:
            self.beginRemoveRows(QModelIndex(), shown, shown)
            del self._rows[shown]
            self.endRemoveRows()

    def _sorted_position(self, row: T, unsorted: int) -> int:
        """Where ``row`` goes in the sorted rows: after those that sort equal (``unsorted`` if not sorted)."""
        if self._sort is None:
            return unsorted
        column, order = self._sort
        key = self.columns[column].sort_key or self.columns[column].display
        wanted, descending = key(row), order == Qt.SortOrder.DescendingOrder
        low, high = 0, len(self._all)
        while low < high:
            middle = (low + high) // 2
            found = key(self._all[middle][1])
            if (found >= wanted) if descending else (found <= wanted):
                low = middle + 1
            else:
                high = middle
        return low

    def rows(self) -> list[T]:
        """The rows shown, in the order shown."""
        return list(self._rows)

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def find(self, match: Callable[[T], bool]) -> int | None:
        """The number of the first row shown that matches, or None."""
        return next((number for number, row in enumerate(self._rows) if match(row)), None)

    # -- Qt's interface ------------------------------------------------------------------------

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
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.warn is not None and column.warn(row):
                return QBrush(WARNING_COLOUR)
            if self._muted and self._muted(row):
                return QBrush(MUTED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and column.warn is not None and column.warn(row):
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
