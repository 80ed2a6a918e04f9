"""Mouse gestures as a real mouse sends them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot


def double_click(qtbot: QtBot, view: QAbstractItemView, index: QModelIndex) -> None:
    """Press-release, then the double-click event: QTest's mouseDClick alone is not what a mouse sends."""
    view.scrollTo(index)
    where = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
