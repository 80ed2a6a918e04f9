"""Small input widgets that read what people type the Dutch way."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

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
