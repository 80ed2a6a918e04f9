"""The one way lists are shown: a read-only table of whole rows, one column stretched."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from clientsteun.ui.table_model import RowTableModel

# Sizing columns to their contents looks at this many rows besides the visible ones.  Qt's default
# of 1,000 cost a third of a second on a long list, at every reset.
RESIZE_SAMPLE_ROWS = 50


def make_table(model: RowTableModel[Any], *, stretch: int, accessible_name: str, sortable: bool = False) -> QTableView:
    view = QTableView()
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
        mode = QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    return view
