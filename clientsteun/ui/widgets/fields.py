"""Input fields and labels, made the one way: dates typed the Dutch way, plain text, lists to tick,
choices that keep a code the catalog no longer has."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from clientsteun.domain.catalog_reader import CatalogItem
from clientsteun.domain.dates import format_date, parse_date


class DateField(QLineEdit):
    """A date typed as dd-mm-jjjj; ``value()`` raises InvalidInput with a Dutch message."""

    def __init__(self, value: date | None = None, *, required: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.required = required
        self.setPlaceholderText(self.tr("dd-mm-jjjj"))
        self.setMaxLength(10)
        self.setMaximumWidth(130)
        self.set_value(value)

    def value(self) -> date | None:
        return parse_date(self.text(), required=self.required)

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))


def plain_text(text: str = "", height: int = 80) -> QPlainTextEdit:
    """A text of several lines; Tab moves on to the next field."""
    edit = QPlainTextEdit(text)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class CheckList(QListWidget):
    """Catalog items to tick, such as areas of life."""

    def __init__(self, items: tuple[CatalogItem, ...], checked: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        known = {item.code for item in items}
        for item in items:
            self._add(item.code, item.name, item.description, item.code in checked)
        for code in checked:  # a code the catalog no longer has is kept, not silently dropped
            if code not in known:
                self._add(code, code, "", True)

    def _add(self, code: str, name: str, tip: str, checked: bool) -> None:
        entry = QListWidgetItem(name, self)
        entry.setData(Qt.ItemDataRole.UserRole, code)
        entry.setToolTip(tip)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked_codes(self) -> tuple[str, ...]:
        return tuple(
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        )


def choice_box(items: Iterable[tuple[str, object]], current: object = None, missing: str = "") -> QComboBox:
    """A combo of (text, data); ``current`` is chosen, and added as ``missing`` when it is not there."""
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    if current is not None:
        choose(combo, current, missing)
    return combo


def choose(combo: QComboBox, data: object, missing: str = "") -> None:
    index = combo.findData(data)
    if index < 0:  # a code the catalog no longer has is kept, not silently dropped
        combo.addItem(missing or str(data), data)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def note(text: str = "") -> QLabel:
    """Plain text (never markup), wrapped."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def text_label(text: str = "", *, bold: bool = False, scale: float = 1.0) -> QLabel:
    """Plain text (never markup), wrapped and selectable."""
    label = note(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = label.font()
    font.setBold(bold)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label
