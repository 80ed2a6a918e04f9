"""Every control a user can reach has a name a screen reader says: its text, the label of its form row,
or a name given to it.  A control without one fails, with where it is.  What is late is said in words,
not in red alone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QBrush
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.dossier.panel import AGREEMENTS
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.widgets.table_model import WARNING_COLOUR
from tests.helpers.screens import controls, dialogs, resident_with_everything


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name).replace("&", "").strip()


def nameless(top: QWidget) -> list[str]:
    return [f"{type(w).__name__} in {type(w.parentWidget()).__name__}" for w in controls(top) if not spoken_name(w)]


def test_every_control_of_the_main_window_has_a_name(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    client = resident_with_everything(services)
    window.refresh_clients(client.id)
    tabs = window.dossier.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        assert nameless(window) == [], tabs.tabText(index)


def test_every_control_of_every_dialog_has_a_name(
    qtbot: QtBot, window: MainWindow, services: Services, settings: Settings, tmp_path: Path
) -> None:
    client = resident_with_everything(services)
    found = {}
    for name, make in dialogs(window, services, settings, client, tmp_path):
        dialog = make()
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
        dialog.show()
        qtbot.waitExposed(dialog)
        if missing := nameless(dialog):
            found[name] = missing
        dialog.done(QDialog.DialogCode.Rejected)
    assert found == {}


def test_what_is_late_says_so_in_words_as_well_as_in_red(window: MainWindow, services: Services) -> None:
    client = resident_with_everything(services)  # its agreement was due on 1 November
    window.refresh_clients(client.id)
    tables = [window.client_list.table, window.dossier.agreements_tab.view, window.dossier.routes_tab.view]
    red_rows = 0
    for view in tables:
        model = view.model()
        for row in range(model.rowCount()):
            cells = [model.index(row, column) for column in range(model.columnCount())]
            if any(cell.data(Qt.ItemDataRole.ForegroundRole) == QBrush(WARNING_COLOUR) for cell in cells):
                red_rows += 1
                words = " ".join(str(cell.data(Qt.ItemDataRole.DisplayRole)) for cell in cells)
                assert "te laat" in words or "verlopen" in words, (view.accessibleName(), words)
    assert red_rows >= 2  # the resident's row and the agreement
    assert "te laat" in window.dossier.tabs.tabText(AGREEMENTS)
