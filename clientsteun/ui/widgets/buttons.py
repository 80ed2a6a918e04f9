"""Push buttons and a row of them, made the one way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def button(text: str, slot: Callable[[], Any]) -> QPushButton:
    pushed = QPushButton(text)
    pushed.clicked.connect(slot)
    return pushed


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """The buttons on the left, the rest of the row empty."""
    row = QHBoxLayout()
    for pushed in buttons:
        row.addWidget(pushed)
    row.addStretch(1)
    return row
