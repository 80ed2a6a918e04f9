"""The dossier panel and its tabs: timeline newest first, consent state, late agreements, intents."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import parse_date
from clientsteun.domain.model import Consent, HelpQuestionInput, TimelineKind
from clientsteun.domain.routes import RouteInput, SignalInput
from clientsteun.services import Services
from clientsteun.ui.dossier.panel import AGREEMENTS, SIGNALS, DossierPanel
from clientsteun.ui.widgets.table_model import ROW_ROLE, WARNING_COLOUR
from tests.conftest import FakeClock
from tests.helpers.mouse import double_click
from tests.helpers.residents import add_agreement, add_conversation, add_resident

WARNING_STYLE = "color:#b3261e"


@pytest.fixture
def panel(qtbot: QtBot, catalog: Catalog, clock: FakeClock) -> DossierPanel:
    built = DossierPanel(catalog, clock)
    qtbot.addWidget(built)
    built.show()
    return built


def column(panel: DossierPanel, number: int) -> list[str]:
    model = panel.timeline_tab.model
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

    panel.show_view(services.dossier.open(client.id))

    dates = [parse_date(text) for text in column(panel, 0)]
    assert dates == sorted((day for day in dates if day is not None), reverse=True)
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
    assert panel.timeline_tab.model.index(1, 0).data(ROW_ROLE).kind is TimelineKind.CONVERSATION
    assert panel.name_label.text() == "Femke Wolterink"
    assert "Deventer" in panel.meta_label.text()
    assert "eerste contact 1 september 2026" in panel.meta_label.text()
    assert "Rust in het hoofd" in panel.help_question_tab.wants.text()


def test_double_click_on_a_conversation_in_the_timeline_asks_to_open_it(
    qtbot: QtBot, panel: DossierPanel, services: Services
) -> None:
    client = add_resident(services, "Gijs Haverkamp")
    conversation = add_conversation(services, client.id, date(2026, 11, 2), "Telefonisch contact.")
    panel.show_view(services.dossier.open(client.id))
    index = panel.timeline_tab.model.index(0, 2)
    with qtbot.waitSignal(panel.timeline_tab.open_conversation) as blocker:
        double_click(qtbot, panel.timeline_tab.view, index)
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
    panel.show_view(services.dossier.open(client.id))
    meta = panel.meta_label.text()
    assert expected in meta
    assert (WARNING_STYLE in meta) is warned
    if consent is None:
        assert "Nog geen toestemming vastgelegd." in panel.details_tab.text()


def test_late_agreement_is_red_and_counted_on_the_tab(panel: DossierPanel, services: Services) -> None:
    client = add_resident(services, "Ilse Dijkstra")
    add_agreement(services, client.id, "Bezwaar insturen", "Inwoner", due_on=date(2026, 11, 16))
    add_agreement(services, client.id, "Afspraak maken bij de bank", "Inwoner", due_on=date(2026, 12, 4))
    panel.show_view(services.dossier.open(client.id))

    assert panel.tabs.tabText(AGREEMENTS) == "Afspraken (1 te laat)"
    model = panel.agreements_tab.model
    late = model.index(0, 2)
    assert late.data() == "16-11-2026 (te laat)"  # in words as well as in red
    brush = late.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color() == WARNING_COLOUR
    assert late.data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is None

    services.agreements.set_done(model.index(0, 0).data(ROW_ROLE).id, date(2026, 11, 23))
    panel.show_view(services.dossier.open(client.id))
    assert panel.tabs.tabText(AGREEMENTS) == "Afspraken"


def test_buttons_announce_intents_for_the_shown_resident(qtbot: QtBot, panel: DossierPanel, services: Services) -> None:
    client = add_resident(services, "Jesse Nijenhuis")
    assert panel.client_id is None and panel.currentWidget() is panel.empty
    panel.show_view(services.dossier.open(client.id))
    assert panel.client_id == client.id and panel.currentWidget() is panel.content
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
    panel.show_view(services.dossier.open(client.id))
    assert panel.close_button.text() == "Heropenen"
    assert "gesloten op 23 november 2026" in panel.meta_label.text()
    with qtbot.waitSignal(panel.reopen_client) as blocker:
        qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [client.id]


def press(qtbot: QtBot, tab: QWidget, text: str) -> None:
    (found,) = [b for b in tab.findChildren(QPushButton) if b.text() == text]
    qtbot.mouseClick(found, Qt.MouseButton.LeftButton)


def test_each_tab_announces_what_the_user_wants_with_the_id_it_is_about(
    qtbot: QtBot, panel: DossierPanel, services: Services
) -> None:
    client = add_resident(services, "Jesse Nijenhuis", "Enschede")
    question = services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 11, 1), "Hulp bij post"))
    agreement = add_agreement(services, client.id, "Bezwaar insturen", due_on=date(2026, 12, 1))
    route = services.routes.save_route(None, RouteInput(client.id, "wmo", "Wmo"))
    signal = services.routes.save_signal(None, SignalInput(client.id, date(2026, 11, 20), "no_response", "Stilte"))
    panel.show_view(services.dossier.open(client.id))
    for view in (panel.help_question_tab.view, panel.agreements_tab.view, panel.routes_tab.view):
        view.selectRow(0)
    panel.signals_tab.view.selectRow(0)

    tab = panel.help_question_tab
    agreements = panel.agreements_tab
    routes = panel.routes_tab
    signals = panel.signals_tab
    for owner, text, signal_of, expected in [
        (tab, "Nieuwe versie vastleggen", tab.new_version, client.id),
        (tab, "Versie verwijderen…", tab.delete_version, question.id),
        (agreements, "Nieuwe afspraak", agreements.new_agreement, client.id),
        (agreements, "Wijzigen", agreements.edit_agreement, agreement.id),
        (agreements, "Klaar / weer open", agreements.toggle_done, agreement.id),
        (agreements, "Verwijderen…", agreements.delete_agreement, agreement.id),
        (routes, "Nieuwe route…", routes.new_route, client.id),
        (routes, "Openen", routes.open_route, route.id),
        (routes, "Verwijderen…", routes.delete_route, route.id),
        (routes, "Wat is er geprobeerd?", routes.show_tried, client.id),
        (signals, "Nieuw signaal…", signals.new_signal, client.id),
        (signals, "Wijzigen", signals.edit_signal, signal.id),
        (signals, "Verwijderen…", signals.delete_signal, signal.id),
    ]:
        with qtbot.waitSignal(signal_of) as blocker:
            press(qtbot, owner, text)
        assert blocker.args == [expected], text

    timeline = panel.timeline_tab
    row = timeline.model.find(lambda entry: entry.kind is TimelineKind.AGREEMENT)
    assert row is not None
    with qtbot.waitSignal(timeline.edit_agreement) as blocker:
        double_click(qtbot, timeline.view, timeline.model.index(row, 2))
    assert blocker.args == [agreement.id]
    assert panel.tabs.tabText(SIGNALS) == "Signalen (1)"


def test_only_the_routes_and_signals_are_shown_again_after_a_route_change(
    panel: DossierPanel, services: Services
) -> None:
    client = add_resident(services, "Jesse Nijenhuis")
    panel.show_view(services.dossier.open(client.id))
    shown = panel.view
    services.routes.save_signal(None, SignalInput(client.id, date(2026, 11, 20), "no_response", "Stilte"))
    panel.show_routes(services.dossier.routes(client.id))
    assert panel.view is shown  # the rest of the dossier was not read again
    assert panel.signals_tab.model.rowCount() == 1
    assert panel.tabs.tabText(SIGNALS) == "Signalen (1)"
