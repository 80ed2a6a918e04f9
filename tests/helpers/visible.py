"""Everything a person can read on the screen now: the texts of every visible window and widget."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def _model_texts(model: QAbstractItemModel) -> Iterator[str]:
    """Every cell of a list or table model (a list model's column count is not public: cells are
    walked until an index is no longer valid)."""
    for row in range(model.rowCount()):
        column = 0
        while (index := model.index(row, column)).isValid():
            for role in ROLES:
                value = index.data(role)
                if isinstance(value, str):
                    yield value
            column += 1


def widget_texts(widget: QWidget) -> Iterator[str]:
    """What ``widget`` shows or says of itself (title, text, items, names for screen readers, tips)."""
    yield widget.windowTitle()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    yield widget.toolTip()
    if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
        yield widget.text()
    if isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield widget.toPlainText()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(number) for number in range(widget.count()))
    if isinstance(widget, QTabBar):
        yield from (widget.tabText(number) for number in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _model_texts(widget.model())
    if isinstance(widget, QTableView):
        header = widget.horizontalHeader()
        for column in range(header.count()):
            yield str(widget.model().headerData(column, Qt.Orientation.Horizontal))


def visible_texts() -> list[str]:
    """The texts of every visible top-level window of the app and its visible widgets."""
    found: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                found += [text for text in widget_texts(widget) if text]
    return found
