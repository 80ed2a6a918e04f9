"""Every window fits a laptop screen: 1366×768 and 1280×720 at 100 % (1920×1080 at 150 % gives the same
room as 1280×720).  A window whose minimum size is larger than the room, or that shows a control cut off
or outside the window at that size, or a wrapped text cut off at the top or bottom, fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLabel,
    QWidget,
)
from pytestqt.qtbot import QtBot

from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.widgets.screen import fitted
from tests.helpers.screens import SCREENS, dialogs, is_control, resident_with_everything


def describe(widget: QWidget) -> str:
    return widget.accessibleName() or getattr(widget, "text", lambda: "")() or widget.objectName()


def scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside a scroll area's viewport: reachable by scrolling, so not cut off."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return True
        parent = area
    return False


def cut_off(top: QWidget) -> list[str]:
    """The visible controls of ``top`` squeezed below their smallest size, or that lie (partly) outside
    it or outside a widget they are in."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or not is_control(widget) or scrolled(widget, top):
            continue
        smallest = widget.minimumSizeHint()
        if smallest.isValid() and (widget.width() < smallest.width() or widget.height() < smallest.height()):
            found.append(f"{type(widget).__name__} {describe(widget)!r} squeezed to {widget.size().toTuple()}")
            continue
        ancestor: QWidget | None = widget.parentWidget()
        while ancestor is not None:
            rect = QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())
            if not ancestor.rect().contains(rect):
                where = f"at {rect.getRect()} in {ancestor.size().toTuple()}"
                found.append(f"{type(widget).__name__} {describe(widget)!r} {where}")
                break
            if ancestor is top:
                break
            ancestor = ancestor.parentWidget()
    return found


def clipped_text(top: QWidget) -> list[str]:
    """The visible wrapped texts of ``top`` lower than their lines need (a message cut off top and bottom)."""
    return [
        f"{label.text()[:40]!r} {label.height()} px of {label.heightForWidth(label.width())}"
        for label in top.findChildren(QLabel)
        if label.isVisible() and label.wordWrap() and label.height() < label.heightForWidth(label.width())
    ]


def minimum_of(widget: QWidget) -> QSize:
    return widget.minimumSizeHint().expandedTo(widget.minimumSize())


@pytest.mark.parametrize("screen", SCREENS)
def test_the_main_window_fits_with_every_dossier_tab(
    qtbot: QtBot, window: MainWindow, services: Services, screen: str
) -> None:
    width, height = SCREENS[screen]
    client = resident_with_everything(services)
    window.refresh_clients(client.id)
    minimum = minimum_of(window)
    assert minimum.width() <= width and minimum.height() <= height, f"minimum {minimum.toTuple()} on {screen}"
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size() == QSize(width, height))
    for tab in range(window.dossier.tabs.count()):
        window.dossier.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert cut_off(window) == [], f"tab {window.dossier.tabs.tabText(tab)} on {screen}"


@pytest.mark.parametrize("screen", SCREENS)
def test_every_dialog_fits(
    qtbot: QtBot, window: MainWindow, services: Services, settings: Settings, tmp_path: Path, screen: str
) -> None:
    width, height = SCREENS[screen]
    client = resident_with_everything(services)
    checked = []
    for name, make in dialogs(window, services, settings, client, tmp_path):
        dialog = make()
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
        dialog.show()
        qtbot.waitExposed(dialog)
        minimum = minimum_of(dialog)
        assert minimum.width() <= width and minimum.height() <= height, f"{name}: minimum {minimum.toTuple()}"
        size = fitted(dialog.geometry(), minimum, QRect(0, 0, width, height)).size()
        dialog.resize(size)

        def resized(d: QDialog = dialog, s: QSize = size) -> bool:
            return d.size() == s

        qtbot.waitUntil(resized)
        assert cut_off(dialog) == [], f"{name} on {screen}"
        assert clipped_text(dialog) == [], f"{name} on {screen}"
        dialog.done(QDialog.DialogCode.Rejected)
        checked.append(name)
    assert len(checked) == 35


def test_a_window_remembered_larger_than_the_screen_opens_inside_it(
    qtbot: QtBot, services: Services, settings: Settings
) -> None:
    first = MainWindow(services, settings)
    qtbot.addWidget(first)
    first.setGeometry(2400, 1600, 2000, 1300)  # from a larger screen, now gone
    settings.window_geometry = bytes(first.saveGeometry().data())
    first.close()

    again = MainWindow(services, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    room = again.screen().availableGeometry()
    assert room.contains(again.geometry()), (again.geometry().getRect(), room.getRect())


def test_fitted_shrinks_and_moves_a_window_onto_the_room_but_not_below_its_minimum() -> None:
    room = QRect(0, 0, 1366, 688)
    assert fitted(QRect(50, 40, 1280, 800), QSize(700, 400), room) == QRect(50, 0, 1280, 688)
    assert fitted(QRect(900, 500, 800, 300), QSize(700, 200), room) == QRect(566, 388, 800, 300)
    assert fitted(QRect(0, 0, 400, 300), QSize(500, 350), room) == QRect(0, 0, 500, 350)


def test_a_first_window_opens_inside_a_screen_smaller_than_it_would_like(window: MainWindow) -> None:
    room = window.screen().availableGeometry()
    assert room.width() < 1280  # the test screen is smaller than the window's own size
    assert room.contains(window.geometry()), (window.geometry().getRect(), room.getRect())
