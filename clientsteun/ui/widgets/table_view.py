"""The one way lists are shown: a read-only table of whole rows, one column stretched; and the row
the user selected in it, to act on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMessageBox, QTableView, QWidget

from clientsteun.ui.errors import guarded
from clientsteun.ui.widgets.table_model import ROW_ROLE, RowTableModel

# Sizing columns to their contents looks at this many rows besides the visible ones.  Qt's default
# of 1,000 cost a third of a second on a long list, at every reset.
RESIZE_SAMPLE_ROWS = 50


class RowTable(QTableView):
    """A table the keyboard leaves with Tab (arrow keys move inside it); a row is opened with Enter or a
    double-click, announced once by ``open_row`` (``activated`` also fires on a single click in styles
    that open items that way)."""

    open_row = Signal(QModelIndex)

    def __init__(self) -> None:
        super().__init__()
        self.moving_by_keys = False  # True while a key press moves the current row
        self.setTabKeyNavigation(False)
        self.doubleClicked.connect(self._open)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        self.moving_by_keys = True
        try:
            super().keyPressEvent(event)
        finally:
            self.moving_by_keys = False

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_row.emit(index)


def make_table(
    model: RowTableModel[Any], *, stretch: int | tuple[int, ...], accessible_name: str, sortable: bool = False
) -> RowTable:
    """A table of ``model``'s rows; the ``stretch`` column(s) share the width the others leave (their
    text wraps), every other column is as wide as its contents."""
    stretched = (stretch,) if isinstance(stretch, int) else stretch
    view = RowTable()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setAccessibleName(accessible_name)
    view.setSortingEnabled(sortable)
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
    for column in range(model.columnCount()):
        mode = QHeaderView.ResizeMode.Stretch if column in stretched else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    return view


def selected_row(view: QAbstractItemView) -> Any:
    """The row value selected in ``view``, or None."""
    index = view.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None


@guarded  # a failure is told over ``parent``, the first argument
def delete_selected(parent: QWidget, view: QAbstractItemView, question: Callable[[Any], str],
                    delete: Callable[[int], None]) -> bool:  # fmt: skip
    """Ask first; True when the row selected in ``view`` was deleted."""
    row = selected_row(view)
    if row is None:
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Routes", "Verwijderen"), question(row),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, parent)  # fmt: skip
    box.setTextFormat(Qt.TextFormat.PlainText)  # titles are shown as typed, never as markup
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    delete(row.id)
    return True
