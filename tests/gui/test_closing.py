"""Closing a dossier asks what to do with what is still open, and a closed dossier shows as closed:
nothing late in red, no new conversation or agreement without a word."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from clientsteun.services import Services
from clientsteun.ui.dossier.dialogs import CloseDialog
from clientsteun.ui.dossier.panel import AGREEMENTS, ROUTES
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.widgets.table_model import WARNING_COLOUR
from tests.helpers.modals import StandardButton, answer_box, when_modal
from tests.helpers.screens import resident_with_everything

CLOSED_ON = date(2026, 11, 23)


def close_through_the_dialog(qtbot: QtBot, window: MainWindow, finish: bool) -> list[str]:
    """Close the dossier on screen; returns what the dialog said besides its fields."""
    said: list[str] = []

    def close(dialog: CloseDialog) -> None:
        said.append(dialog.finish_check.text() if dialog.finish_check.isVisible() else "")
        said.extend(label.text() for label in dialog.findChildren(QLabel) if "route" in label.text())
        dialog.finish_check.setChecked(finish)
        qtbot.keyClicks(dialog.reason_edit, "Hulpvraag beantwoord")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    answer = when_modal(CloseDialog, close)
    qtbot.mouseClick(window.dossier.close_button, Qt.MouseButton.LeftButton)
    assert answer.handled
    return said


def test_closing_offers_to_finish_open_agreements_and_names_open_routes(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client = resident_with_everything(services)  # an agreement late since 1 November, two routes
    window.refresh_clients(client.id)
    open_routes = sum(1 for view in services.routes.list_routes(client.id) if view.open_deadlines)
    assert window.dossier.tabs.tabText(AGREEMENTS) == "Afspraken (1 te laat)"

    said = close_through_the_dialog(qtbot, window, finish=True)

    assert said[0] == "De open afspraken (1) op klaar zetten op de sluitdatum"
    assert (len(said) == 2 and said[1].startswith(f"{open_routes} route(s) hebben nog een open termijn")) == (
        open_routes > 0
    )
    agreements = services.dossier.open(client.id).agreements
    assert [a.done_on for a in agreements] == [CLOSED_ON]
    assert services.clients.get_client(client.id).closed_on == CLOSED_ON


def test_a_closed_dossier_shows_nothing_late_and_takes_nothing_new_without_a_word(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client = resident_with_everything(services)
    window.refresh_clients(client.id)
    close_through_the_dialog(qtbot, window, finish=False)

    assert services.dossier.open(client.id).agreements[0].done_on is None  # left open, as chosen
    dossier = window.dossier
    assert dossier.tabs.tabText(AGREEMENTS) == "Afspraken"
    assert dossier.tabs.tabText(ROUTES) == "Routes"
    model = dossier.agreements_tab.model
    assert model.index(0, 2).data() == "01-11-2026"
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is None
    row = window.client_list.model.find(lambda c: c.id == client.id)
    assert row is not None
    late_cell = window.client_list.model.index(row, 3)
    assert "te laat" not in late_cell.data()
    assert late_cell.data(Qt.ItemDataRole.ForegroundRole) != QBrush(WARNING_COLOUR)  # muted grey, as closed
    assert "bij 0 zijn afspraken te laat" in window.status_label.text()
    assert not dossier.conversation_button.isEnabled() and not dossier.agreement_button.isEnabled()
    assert "Heropenen" in dossier.conversation_button.toolTip()
    assert "heropen het dossier" in dossier.meta_label.text()

    answer = answer_box(StandardButton.Ok)
    window.new_conversation_action.trigger()
    assert answer.handled and answer.title == "Dossier gesloten"
    assert window.editor is None

    qtbot.mouseClick(dossier.close_button, Qt.MouseButton.LeftButton)  # reopen
    assert dossier.conversation_button.isEnabled()
    assert dossier.tabs.tabText(AGREEMENTS) == "Afspraken (1 te laat)"
