"""Forms: a failed save explains in Dutch, keeps the dialog open with everything typed, and saves nothing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput, Consent
from clientsteun.services import Services
from clientsteun.ui.dossier.dialogs import AgreementDialog, ClientDialog, HelpQuestionDialog
from tests.helpers.dialogs import open_dialog, press_save, press_save_expecting_error, retype
from tests.helpers.modals import StandardButton, answer_box
from tests.helpers.residents import add_resident

TODAY = date(2026, 11, 23)


@pytest.fixture
def client_dialog(qtbot: QtBot, catalog: Catalog, services: Services) -> ClientDialog:
    dialog = ClientDialog(catalog, ["Utrecht", "Zwolle"], services.clients.create_client, today=TODAY)
    open_dialog(qtbot, dialog)
    return dialog


@pytest.mark.parametrize("name", ["", "   "], ids=["empty", "spaces"])
def test_client_without_a_name_explains_and_keeps_everything_typed(
    qtbot: QtBot, client_dialog: ClientDialog, services: Services, name: str
) -> None:
    d = client_dialog
    qtbot.keyClicks(d.name_edit, name)
    qtbot.keyClicks(d.phone_edit, "06-98765432")
    qtbot.keyClicks(d.email_edit, "k.fictief@example.org")
    qtbot.keyClicks(d.address_edit, "Lindelaan 12")
    retype(qtbot, d.municipality_edit.lineEdit(), "Zwolle")
    d.domains.item(3).setCheckState(Qt.CheckState.Checked)  # Huisvesting

    message = press_save_expecting_error(qtbot, d)

    assert message == "Vul een naam in. Een roepnaam of schuilnaam mag ook."
    assert services.clients.list_clients() == []
    assert d.phone_edit.text() == "06-98765432"
    assert d.email_edit.text() == "k.fictief@example.org"
    assert d.address_edit.text() == "Lindelaan 12"
    assert d.municipality_edit.currentText() == "Zwolle"
    assert d.first_contact_edit.text() == "23-11-2026"
    assert d.domains.checked_codes() == ("housing",)

    # Fill in the name and save again: what was typed before is saved with it.
    retype(qtbot, d.name_edit, "Kees Fictief")
    press_save(qtbot, d)
    created = d.result_value
    assert created.details.name == "Kees Fictief"
    assert created.details.phone == "06-98765432"
    assert created.details.municipality == "Zwolle"
    assert created.details.first_contact == TODAY
    assert created.details.life_domains == ("housing",)
    assert [c.display_name for c in services.clients.list_clients()] == ["Kees Fictief"]


WRONG_DATES = [
    ("31-02-2026", "Deze datum bestaat niet. Controleer de dag en de maand."),
    ("2026-11-22", "Deze datum klopt niet. Schrijf de datum als dag-maand-jaar, bijvoorbeeld 22-11-2026."),
]


@pytest.mark.parametrize(("typed", "message"), WRONG_DATES, ids=["no-such-day", "year-first"])
def test_wrong_first_contact_date_explains_and_saves_nothing(
    qtbot: QtBot, client_dialog: ClientDialog, services: Services, typed: str, message: str
) -> None:
    qtbot.keyClicks(client_dialog.name_edit, "Lotte Fictief")
    retype(qtbot, client_dialog.first_contact_edit, typed)
    assert press_save_expecting_error(qtbot, client_dialog) == message
    assert services.clients.list_clients() == []
    assert client_dialog.first_contact_edit.text() == typed
    assert client_dialog.name_edit.text() == "Lotte Fictief"


@pytest.mark.parametrize(("typed", "message"), WRONG_DATES, ids=["no-such-day", "year-first"])
def test_wrong_due_date_of_an_agreement_explains_and_saves_nothing(
    qtbot: QtBot, catalog: Catalog, services: Services, typed: str, message: str
) -> None:
    client = add_resident(services, "Maarten Fictief")
    dialog = AgreementDialog(catalog, client.id, lambda a: services.agreements.save_agreement(None, a))
    open_dialog(qtbot, dialog)
    qtbot.keyClicks(dialog.description_edit, "Uittreksel van de bank opvragen")
    retype(qtbot, dialog.who_edit.lineEdit(), "Inwoner")
    qtbot.keyClicks(dialog.due_edit, typed)
    assert press_save_expecting_error(qtbot, dialog) == message
    assert services.clients.get_dossier(client.id).agreements == ()
    assert dialog.description_edit.toPlainText() == "Uittreksel van de bank opvragen"

    retype(qtbot, dialog.due_edit, "1-12-2026")
    press_save(qtbot, dialog)
    (agreement,) = services.clients.get_dossier(client.id).agreements
    assert agreement.data.due_on == date(2026, 12, 1)
    assert agreement.data.who == "Inwoner"


def test_agreement_needs_who_does_it(qtbot: QtBot, catalog: Catalog, services: Services) -> None:
    client = add_resident(services, "Nadia Fictief")
    dialog = AgreementDialog(catalog, client.id, lambda a: services.agreements.save_agreement(None, a))
    open_dialog(qtbot, dialog)
    qtbot.keyClicks(dialog.description_edit, "Afspraak bij het wijkteam maken")
    assert press_save_expecting_error(qtbot, dialog) == "Vul in wie het doet."
    assert services.clients.get_dossier(client.id).agreements == ()


def test_consent_cannot_end_before_it_was_given(qtbot: QtBot, client_dialog: ClientDialog, services: Services) -> None:
    qtbot.keyClicks(client_dialog.name_edit, "Olaf Fictief")
    qtbot.keyClicks(client_dialog.consent_given, "01-09-2026")
    qtbot.keyClicks(client_dialog.consent_until, "01-08-2026")
    message = press_save_expecting_error(qtbot, client_dialog)
    assert message == "De toestemming kan niet eindigen vóór de datum waarop ze is gegeven."
    assert services.clients.list_clients() == []


def test_help_question_needs_a_date(qtbot: QtBot, services: Services) -> None:
    client = add_resident(services, "Priya Fictief")
    dialog = HelpQuestionDialog(lambda q: services.clients.add_help_question(client.id, q), TODAY)
    open_dialog(qtbot, dialog)
    qtbot.keyClicks(dialog.asked_edit, "Hulp bij het aanvragen van huurtoeslag")
    dialog.date_edit.clear()
    assert press_save_expecting_error(qtbot, dialog) == "Vul een datum in (dd-mm-jjjj)."
    assert services.clients.get_dossier(client.id).help_questions == ()
    qtbot.keyClicks(dialog.date_edit, "20-11-2026")
    press_save(qtbot, dialog)
    (question,) = services.clients.get_dossier(client.id).help_questions
    assert question.recorded_on == date(2026, 11, 20)
    assert question.asked == "Hulp bij het aanvragen van huurtoeslag"


def test_network_people_are_added_and_removed_with_the_buttons(
    qtbot: QtBot, client_dialog: ClientDialog, services: Services
) -> None:
    buttons = {b.text(): b for b in client_dialog.findChildren(QPushButton)}
    qtbot.keyClicks(client_dialog.name_edit, "Ruben Fictief")
    for _ in range(2):
        qtbot.mouseClick(buttons["Persoon toevoegen"], Qt.MouseButton.LeftButton)
    network = client_dialog.network
    assert network.rowCount() == 2
    for row, texts in enumerate([["Wim Fictief", "Buurman", "06-55554444"], ["Iemand die weg moet"]]):
        for column, text in enumerate(texts):
            item = network.item(row, column)
            assert item is not None, "an added row has a cell in each column"
            item.setText(text)
    network.setCurrentCell(1, 0)
    qtbot.mouseClick(buttons["Persoon verwijderen"], Qt.MouseButton.LeftButton)
    assert network.rowCount() == 1
    qtbot.mouseClick(buttons["Persoon toevoegen"], Qt.MouseButton.LeftButton)  # left empty: not saved

    press_save(qtbot, client_dialog)
    (member,) = services.clients.get_client(client_dialog.result_value.id).details.network
    assert (member.name, member.role, member.phone) == ("Wim Fictief", "Buurman", "06-55554444")


def test_consent_text_without_its_date_is_not_dropped_silently(
    qtbot: QtBot, client_dialog: ClientDialog, services: Services
) -> None:
    qtbot.keyClicks(client_dialog.name_edit, "Iris Fictief")
    qtbot.keyClicks(client_dialog.consent_share, "Alleen met de huisarts")
    message = press_save_expecting_error(qtbot, client_dialog)
    assert "datum" in message and "toestemming" in message
    assert services.clients.list_clients() == []
    assert client_dialog.consent_share.toPlainText() == "Alleen met de huisarts"


def test_a_recorded_consent_cannot_be_emptied_by_clearing_its_date(
    qtbot: QtBot, catalog: Catalog, services: Services
) -> None:
    client = services.clients.create_client(
        ClientInput(name="Jet Fictief", consent=Consent(date(2026, 1, 5), "Verslagen", "Niemand"))
    )
    dialog = ClientDialog(catalog, [], lambda d: services.clients.update_client(client.id, d), details=client.details)
    open_dialog(qtbot, dialog)
    dialog.consent_given.clear()
    assert "toestemming" in press_save_expecting_error(qtbot, dialog)
    assert services.clients.get_client(client.id).details.consent == client.details.consent


def test_cancel_after_typing_asks_and_can_go_back_save_or_throw_away(
    qtbot: QtBot, client_dialog: ClientDialog, services: Services
) -> None:
    cancel = client_dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.keyClicks(client_dialog.name_edit, "Kees Fictief")

    answer = answer_box(StandardButton.Cancel)  # "go back"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert answer.handled and "nog niet is opgeslagen" in answer.text
    assert client_dialog.isVisible() and client_dialog.name_edit.text() == "Kees Fictief"

    answer = answer_box("Niet opslaan")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert answer.handled
    assert not client_dialog.isVisible()
    assert services.clients.list_clients() == []


def test_cancel_after_typing_can_still_save(qtbot: QtBot, client_dialog: ClientDialog, services: Services) -> None:
    qtbot.keyClicks(client_dialog.name_edit, "Kees Fictief")
    answer = answer_box(StandardButton.Save)
    with qtbot.waitSignal(client_dialog.accepted):
        qtbot.keyClick(client_dialog, Qt.Key.Key_Escape)
    assert answer.handled
    assert [c.display_name for c in services.clients.list_clients()] == ["Kees Fictief"]


def test_cancel_without_changes_closes_without_a_question(qtbot: QtBot, client_dialog: ClientDialog) -> None:
    answer = answer_box(StandardButton.Cancel, timeout_ms=300)
    qtbot.mouseClick(client_dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.wait(350)
    assert not answer.handled
    assert not client_dialog.isVisible()
