"""The dossier panel: timeline newest first, consent state, late agreements, intents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.qtbot import QtBot

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import parse_date
from clientsteun.domain.model import Consent, HelpQuestionInput, TimelineKind
from clientsteun.services import Services
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.widgets.table_model import ROW_ROLE, WARNING_COLOUR
from tests.gui.mouse import double_click
from tests.gui.residents import add_agreement, add_conversation, add_resident

WARNING_STYLE = "color:#b3261e"


@pytest.fixture
def panel(qtbot: QtBot, catalog: Catalog, clock: Callable[[], datetime]) -> DossierPanel:
    built = DossierPanel(catalog, lambda: clock().date())
    qtbot.addWidget(built)
    built.show()
    return built


def column(panel: DossierPanel, number: int) -> list[str]:
    model = panel.timeline_model
    return [model.index(row, number).data() for row in range(model.rowCount())]


def test_timeline_shows_everything_newest_first(panel: DossierPanel, services: Services) -> None:
    client = add_resident(services, "Femke Wolterink", "Deventer", first_contact=date(2026, 9, 1))
    services.clients.add_help_question(
        client.id, HelpQuestionInput(date(2026, 9, 15), "Hulp bij post", "Rust in het hoofd")
    )
    add_conversation(services, client.id, date(2026, 10, 1), "Brieven van de energiemaatschappij gesorteerd.")
    add_conversation(services, client.id, date(2026, 11, 10), "Samen de gemeente gebeld.\nTweede regel.")
    add_conversation(services, client.id, date(2026, 9, 20), "Kennismaking bij de bibliotheek.", "first_meeting")
    add_agreement(services, client.id, "Formulier bijzondere bijstand invullen", "Cliëntondersteuner")  # 23-11-2026

    panel.show_dossier(services.clients.get_dossier(client.id))

    dates = [parse_date(text) for text in column(panel, 0)]
    assert dates == sorted(dates, reverse=True)
    assert column(panel, 0) == ["23-11-2026", "10-11-2026", "01-10-2026", "20-09-2026", "15-09-2026", "01-09-2026"]
    assert column(panel, 1) == [
        "Afspraak gemaakt",
        "Gesprek: Huisbezoek",
        "Gesprek: Huisbezoek",
        "Gesprek: Kennismaking",
        "Hulpvraag vastgelegd",
        "Eerste contact",
    ]
    assert column(panel, 2)[1] == "Samen de gemeente gebeld."  # the first line of the note
    assert panel.timeline_model.index(1, 0).data(ROW_ROLE).kind is TimelineKind.CONVERSATION
    assert panel.name_label.text() == "Femke Wolterink"
    assert "Deventer" in panel.meta_label.text()
    assert "eerste contact 1 september 2026" in panel.meta_label.text()
    assert "Rust in het hoofd" in panel.question_wants.text()


def test_double_click_on_a_conversation_in_the_timeline_asks_to_open_it(
    qtbot: QtBot, panel: DossierPanel, services: Services
) -> None:
    client = add_resident(services, "Gijs Haverkamp")
    conversation = add_conversation(services, client.id, date(2026, 11, 2), "Telefonisch contact.")
    panel.show_dossier(services.clients.get_dossier(client.id))
    index = panel.timeline_model.index(0, 2)
    with qtbot.waitSignal(panel.open_conversation) as blocker:
        double_click(qtbot, panel.timeline_view, index)
    assert blocker.args == [conversation.id]


@pytest.mark.parametrize(
    ("consent", "expected", "warned"),
    [
        (None, "geen toestemming vastgelegd", True),
        (Consent(date(2026, 9, 1), "Gespreksverslagen"), "toestemming gegeven op 01-09-2026", False),
        (Consent(date(2026, 9, 1), valid_until=date(2027, 12, 31)), "toestemming tot 31-12-2027", False),
        (Consent(date(2025, 9, 1), valid_until=date(2026, 10, 31)), "toestemming verlopen op 31-10-2026", True),
        (Consent(date(2026, 9, 1), withdrawn_on=date(2026, 11, 1)), "toestemming ingetrokken op 01-11-2026", True),
    ],
    ids=["none", "given", "valid-until", "expired", "withdrawn"],
)
def test_consent_state_is_shown(
    panel: DossierPanel, services: Services, consent: Consent | None, expected: str, warned: bool
) -> None:
    client = add_resident(services, "Hanna Brinkhorst", "Enschede", consent=consent)  # the clock says 23-11-2026
    panel.show_dossier(services.clients.get_dossier(client.id))
    meta = panel.meta_label.text()
    assert expected in meta
    assert (WARNING_STYLE in meta) is warned
    if consent is None:
        assert "Nog geen toestemming vastgelegd." in panel.details_label.text()


def test_late_agreement_is_red_and_counted_on_the_tab(panel: DossierPanel, services: Services) -> None:
    client = add_resident(services, "Ilse Dijkstra")
    add_agreement(services, client.id, "Bezwaar insturen", "Inwoner", due_on=date(2026, 11, 16))
    add_agreement(services, client.id, "Afspraak maken bij de bank", "Inwoner", due_on=date(2026, 12, 4))
    panel.show_dossier(services.clients.get_dossier(client.id))

    assert panel.tabs.tabText(2) == "Afspraken (1 te laat)"
    model = panel.agreement_model
    late = model.index(0, 2)
    assert late.data() == "16-11-2026"
    brush = late.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color() == WARNING_COLOUR
    assert late.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None

    services.agreements.set_done(model.index(0, 0).data(ROW_ROLE).id, date(2026, 11, 23))
    panel.show_dossier(services.clients.get_dossier(client.id))
    assert panel.tabs.tabText(2) == "Afspraken"


def test_buttons_announce_intents_for_the_shown_resident(qtbot: QtBot, panel: DossierPanel, services: Services) -> None:
    client = add_resident(services, "Jesse Nijenhuis")
    panel.show_dossier(services.clients.get_dossier(client.id))
    for button, signal in [
        (panel.edit_button, panel.edit_client),
        (panel.conversation_button, panel.new_conversation),
        (panel.agreement_button, panel.new_agreement),
        (panel.close_button, panel.close_client),
        (panel.delete_button, panel.delete_client),
    ]:
        with qtbot.waitSignal(signal) as blocker:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert blocker.args == [client.id]

    services.clients.close_client(client.id, date(2026, 11, 23), "Hulpvraag beantwoord")
    panel.show_dossier(services.clients.get_dossier(client.id))
    assert panel.close_button.text() == "Heropenen"
    assert "gesloten op 23 november 2026" in panel.meta_label.text()
    with qtbot.waitSignal(panel.reopen_client) as blocker:
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [client.id]
