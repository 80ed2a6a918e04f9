"""Windows that fit the screen they open on: a laptop of 1366×768 (or 1280×720, or 1920×1080 at 150 %)
shows every window whole, whatever size it asked for or remembered."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A window not yet shown has no frame to measure: room for a title bar and a thin border.
ASSUMED_FRAME = QMargins(8, 32, 8, 8)


def fitted(wanted: QRect, minimum: QSize, available: QRect) -> QRect:
    """``wanted`` made no larger than ``available`` (never smaller than ``minimum``) and moved inside it."""
    width = max(min(wanted.width(), available.width()), minimum.width())
    height = max(min(wanted.height(), available.height()), minimum.height())
    left = min(max(wanted.left(), available.left()), available.right() + 1 - width)
    top = min(max(wanted.top(), available.top()), available.bottom() + 1 - height)
    return QRect(max(left, available.left()), max(top, available.top()), width, height)


def available_for(widget: QWidget) -> QRect:
    """The room on the screen ``widget`` (or the window it belongs to) is on, less the window's frame."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() if anchor.isVisible() else None
    screen = screen or QGuiApplication.screenAt(anchor.geometry().center()) or QGuiApplication.primaryScreen()
    if widget.isVisible():
        outer, inner = widget.frameGeometry(), widget.geometry()
        frame = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                         outer.right() - inner.right(), outer.bottom() - inner.bottom())  # fmt: skip
    else:
        frame = ASSUMED_FRAME
    return screen.availableGeometry() - frame


def fit_on_screen(widget: QWidget, width: int, height: int) -> None:
    """Give ``widget`` the size it would like, as far as its screen has room for it."""
    room = available_for(widget)
    wanted = QRect(widget.pos(), QSize(width, height))
    widget.resize(fitted(wanted, widget.minimumSizeHint().expandedTo(widget.minimumSize()), room).size())


def restore_on_screen(widget: QWidget, saved: bytes, width: int, height: int) -> None:
    """The size and place ``saved`` remembers (else ``width`` × ``height``), clamped to the screen it is on."""
    if not saved or not widget.restoreGeometry(QByteArray(saved)):
        widget.resize(width, height)
    room = available_for(widget)
    minimum = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    widget.setGeometry(fitted(widget.geometry(), minimum, room))
