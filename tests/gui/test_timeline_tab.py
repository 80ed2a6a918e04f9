"""The timeline tab: every kind of event, a chip per kind to filter on, and Enter opening the item."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import Client, Consent, HelpQuestionInput, TimelineKind
from clientsteun.domain.routes import EvidenceInput, Outcome, RouteInput, SignalInput, StepInput
from clientsteun.services import Services
from clientsteun.ui.dossier.panel import DETAILS, HELP_QUESTION, SIGNALS, DossierPanel
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.window import RouteWindow
from clientsteun.ui.widgets.table_model import ROW_ROLE
from tests.conftest import FakeClock
from tests.helpers.modals import when_modal
from tests.helpers.residents import add_agreement, add_conversation, add_resident

K = TimelineKind
CHIPS = ["Gesprekken", "Afspraken", "Routes", "Bewijs", "Signalen", "Toestemming", "Overig"]


@pytest.fixture
def panel(qtbot: QtBot, catalog: Catalog, clock: FakeClock) -> DossierPanel:
    built = DossierPanel(catalog, clock)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    return built


def busy_resident(services: Services) -> tuple[Client, int]:
    """A resident with one of everything the timeline lists; and their route's id."""
    client = add_resident(
        services, "Roos Verzonnen", "Deventer", first_contact=date(2026, 9, 1),
        consent=Consent(date(2026, 9, 1), "Gespreksverslagen"),
    )  # fmt: skip
    services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 9, 2), "Een woning"))
    add_conversation(services, client.id, date(2026, 9, 20), "Kennismaking.")
    add_agreement(services, client.id, "Inkomensverklaring opvragen")
    route = services.routes.save_route(None, RouteInput(client.id, "housing_urgency", "Urgentie Roos"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 10, 1), "applied"))
    services.routes.save_step(
        None, StepInput(route.id, date(2026, 11, 5), "decision", outcome=Outcome.REFUSED, reason="Inkomen te hoog")
    )
    services.routes.save_evidence(None, EvidenceInput(route.id, date(2026, 10, 15), "Veertien woningen gereageerd"))
    services.routes.save_signal(None, SignalInput(client.id, date(2026, 11, 12), "waiting_list", "Twee jaar wachten"))
    return client, route.id


def kinds(panel: DossierPanel) -> set[TimelineKind]:
    return {entry.kind for entry in panel.timeline_tab.model.rows()}


def row_of(panel: DossierPanel, kind: TimelineKind) -> int:
    row = panel.timeline_tab.model.find(lambda entry: entry.kind is kind)
    assert row is not None, kind
    return row


def press_enter_on(qtbot: QtBot, panel: DossierPanel, kind: TimelineKind) -> None:
    view = panel.timeline_tab.view
    panel.tabs.setCurrentWidget(panel.timeline_tab)
    view.setFocus()
    view.setCurrentIndex(view.model().index(row_of(panel, kind), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)


def test_the_timeline_names_each_kind_of_event(panel: DossierPanel, services: Services) -> None:
    client, _route = busy_resident(services)
    panel.show_view(services.dossier.open(client.id))
    model = panel.timeline_tab.model
    texts = {model.index(row, 1).data(): model.index(row, 2).data() for row in range(model.rowCount())}
    assert texts["Urgentieverklaring voor een woning: Besluit – afgewezen"] == "Urgentie Roos — Inkomen te hoog"
    assert texts["Urgentieverklaring voor een woning: Aanvraag ingediend"] == "Urgentie Roos"
    assert texts["Bewijs: Urgentieverklaring voor een woning"] == "Veertien woningen gereageerd"
    assert texts["Signaal: Wachtlijst"] == "Twee jaar wachten"
    assert texts["Toestemming gegeven"] == "Gespreksverslagen"
    assert model.index(0, 1).data() == "Afspraak gemaakt"  # 23-11-2026, the newest


def test_the_chips_filter_the_rows_and_stay_while_the_dossier_is_read_again(
    panel: DossierPanel, services: Services
) -> None:
    client, route_id = busy_resident(services)
    tab = panel.timeline_tab
    panel.show_view(services.dossier.open(client.id))
    assert [chip.label for chip, _kinds in tab.chips] == CHIPS
    assert all(chip.isChecked() for chip, _kinds in tab.chips)  # everything shown at first
    everything = tab.model.rowCount()
    assert kinds(panel) == {
        K.CONVERSATION, K.AGREEMENT, K.ROUTE_STEP, K.EVIDENCE, K.SIGNAL, K.CONSENT_GIVEN, K.HELP_QUESTION,
        K.FIRST_CONTACT,
    }  # fmt: skip
    assert tab.count_label.text() == ""

    tab.chip("Gesprekken").click()
    tab.chip("Routes").click()
    assert K.CONVERSATION not in kinds(panel) and K.ROUTE_STEP not in kinds(panel)
    assert K.EVIDENCE in kinds(panel) and K.AGREEMENT in kinds(panel)
    assert tab.count_label.text() == f"{everything - 3} van {everything} getoond"

    services.routes.save_evidence(None, EvidenceInput(route_id, date(2026, 11, 20), "Nog eens gebeld"))
    panel.show_routes(services.dossier.routes(client.id))  # what the controller does after the change
    assert not tab.chip("Gesprekken").isChecked()  # the filter stays
    assert K.CONVERSATION not in kinds(panel) and K.ROUTE_STEP not in kinds(panel)
    assert [e.text for e in tab.model.rows() if e.kind is K.EVIDENCE] == [
        "Nog eens gebeld",
        "Veertien woningen gereageerd",
    ]
    panel.show_view(services.dossier.open(client.id))
    assert K.CONVERSATION not in kinds(panel)

    for label in CHIPS:
        tab.chip(label).setChecked(False)
    assert tab.model.rowCount() == 0
    tab.chip("Toestemming").setChecked(True)
    assert kinds(panel) == {K.CONSENT_GIVEN}

    other = add_resident(services, "Sem Bedacht", first_contact=date(2026, 3, 1))
    panel.show_view(services.dossier.open(other.id))
    assert all(chip.isChecked() for chip, _kinds in tab.chips)  # another resident: nothing of theirs hidden
    assert kinds(panel) == {K.FIRST_CONTACT}


def test_enter_opens_what_a_row_is_about(qtbot: QtBot, panel: DossierPanel, services: Services) -> None:
    client, route_id = busy_resident(services)
    panel.show_view(services.dossier.open(client.id))
    for kind in (K.ROUTE_STEP, K.EVIDENCE):
        with qtbot.waitSignal(panel.routes_tab.open_route) as opened:  # as the Routes tab opens a route
            press_enter_on(qtbot, panel, kind)
        assert opened.args == [route_id]

    press_enter_on(qtbot, panel, K.SIGNAL)
    assert panel.tabs.currentIndex() == SIGNALS
    signal = services.routes.list_signals(client.id)[0]
    assert panel.signals_tab.view.currentIndex().data(ROW_ROLE) == signal
    assert panel.signals_tab.view.hasFocus()

    press_enter_on(qtbot, panel, K.CONSENT_GIVEN)
    assert panel.tabs.currentIndex() == DETAILS
    press_enter_on(qtbot, panel, K.HELP_QUESTION)
    assert panel.tabs.currentIndex() == HELP_QUESTION

    with qtbot.waitSignal(panel.timeline_tab.edit_agreement):
        press_enter_on(qtbot, panel, K.AGREEMENT)


def test_enter_on_a_route_step_opens_the_route_window(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    client, route_id = busy_resident(services)
    window.residents.show(client.id)
    seen: list[int] = []

    def close(route: RouteWindow) -> None:
        seen.append(route.route_id)
        route.done(QDialog.DialogCode.Rejected)

    answer = when_modal(RouteWindow, close)
    press_enter_on(qtbot, window.dossier, K.ROUTE_STEP)
    qtbot.waitUntil(lambda: answer.handled)
    assert seen == [route_id]


def test_the_timeline_refreshes_when_a_signal_evidence_or_consent_is_saved(
    window: MainWindow, services: Services
) -> None:
    client, route_id = busy_resident(services)
    window.residents.show(client.id)
    model = window.dossier.timeline_tab.model

    def second_row() -> tuple[TimelineKind, str]:  # below the agreement made today
        entry = model.row_at(1)
        return entry.kind, entry.text

    services.routes.save_evidence(None, EvidenceInput(route_id, date(2026, 11, 21), "Brief nagestuurd"))
    assert second_row() == (K.EVIDENCE, "Brief nagestuurd")
    services.routes.save_signal(None, SignalInput(client.id, date(2026, 11, 22), "circular", "Wachten op elkaar"))
    assert second_row() == (K.SIGNAL, "Wachten op elkaar")
    services.routes.save_step(None, StepInput(route_id, date(2026, 11, 22), "objection"))
    assert second_row() == (K.ROUTE_STEP, "Urgentie Roos")
    details = services.clients.get_client(client.id).details
    assert details.consent is not None
    withdrawn = replace(details, consent=replace(details.consent, withdrawn_on=date(2026, 11, 23)))
    services.clients.update_client(client.id, withdrawn)
    assert second_row() == (K.CONSENT_WITHDRAWN, "Gespreksverslagen")


def test_the_chips_are_reached_with_tab_and_switched_with_space(
    qtbot: QtBot, panel: DossierPanel, services: Services
) -> None:
    client = add_resident(services, "Sem Bedacht", first_contact=date(2026, 3, 1))
    panel.show_view(services.dossier.open(client.id))
    panel.activateWindow()
    tab = panel.timeline_tab
    first = tab.chips[0][0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    reached: list[QWidget | None] = [first]
    for _ in range(len(CHIPS)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached[: len(CHIPS)] == [chip for chip, _kinds in tab.chips]
    assert reached[-1] is tab.view  # and on to the table
    assert [chip.accessibleName() for chip, _kinds in tab.chips][:2] == ["Gesprekken tonen", "Afspraken tonen"]
    signals = tab.chip("Signalen")
    signals.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(signals, Qt.Key.Key_Space)
    assert not signals.isChecked()
