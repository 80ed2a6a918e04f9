"""Scenarios 1 and 2 of the domain brief, worked in the real window on a real database file.

1. A mother lost her home after a divorce. Her supporter records every route tried; the urgency
   declaration is refused, which starts a 6-week objection clock; the objection is lodged and the
   declaration is granted on objection. The overview lists every attempt with dates (as a PDF).
2. A man with debts and psychiatric problems is sent back and forth: debt counselling waits for
   treatment and treatment waits for the debts. The app sees the circle and the supporter records
   a signal that may be reported without names.

Everything a supporter does here goes through the dialogs (the routes, steps, evidence, links and
the signal); only the residents themselves are made through the services.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from clientsteun.domain.dates import format_date, format_long
from clientsteun.domain.deadlines import DeadlineState
from clientsteun.domain.model import ClientInput, HelpQuestionInput
from clientsteun.domain.routes import Actor, LinkKind, Outcome, RouteStatus
from clientsteun.domain.sheet import SheetVariant
from clientsteun.ui.dossier.panel import SIGNALS
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.agenda import AgendaDialog
from clientsteun.ui.routes.dialogs import LinkDialog, RouteDialog, SignalDialog, StepDialog
from clientsteun.ui.routes.evidence import EvidenceDialog
from clientsteun.ui.routes.overview import TriedOverviewDialog
from clientsteun.ui.routes.window import RouteWindow
from clientsteun.ui.widgets.fields import choose
from clientsteun.ui.widgets.table_model import ROW_ROLE
from tests.e2e.conftest import TODAY
from tests.helpers.modals import ModalAnswer, when_modal
from tests.helpers.preview import wait_for_pdf

OpenWindow = Callable[[Path, Path], MainWindow]  # the open_window fixture


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


class Supporter:
    """Drives the dialogs; every armed answer is kept until the test ends (see tests/gui/modals.py)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.answers: list[ModalAnswer[Any]] = []

    def when(self, kind: type[Any], act: Callable[[Any], object]) -> ModalAnswer[Any]:
        answer = when_modal(kind, act)
        self.answers.append(answer)
        return answer

    def new_route(self, client_id: int, kind: str, title: str, work: Callable[[RouteWindow], None], **more: Any) -> int:
        """Nieuwe route…, fill in the form; the route window opens, ``work`` is done in it, then it closes."""
        made: list[int] = []

        def fill(dialog: RouteDialog) -> None:
            choose(dialog.kind_edit, kind)
            dialog.title_edit.setText(title)
            dialog.organisation_edit.setText(more.get("organisation", ""))
            for code in more.get("circumstances", ()):
                dialog.circumstance_checks[code].setChecked(True)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

        def work_and_close(route_window: RouteWindow) -> None:
            made.append(route_window.route_id)
            work(route_window)
            route_window.reject()

        form = self.when(RouteDialog, fill)
        route = self.when(RouteWindow, work_and_close)
        self.window.dossier.routes_tab.new_route.emit(client_id)
        assert form.handled and route.handled
        return made[0]

    def open_route(self, route_id: int, work: Callable[[RouteWindow], None]) -> None:
        def work_and_close(route_window: RouteWindow) -> None:
            work(route_window)
            route_window.reject()

        answer = self.when(RouteWindow, work_and_close)
        self.window.dossier.routes_tab.open_route.emit(route_id)
        assert answer.handled

    def step(
        self, route_window: RouteWindow, on: date, kind: str, outcome: Outcome | None = None, reason: str = ""
    ) -> None:
        def fill(dialog: StepDialog) -> None:
            dialog.date_edit.setText(format_date(on))
            choose(dialog.kind_edit, kind)
            if outcome is not None:
                choose(dialog.outcome_edit, outcome.value)
            dialog.reason_edit.setPlainText(reason)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

        answer = self.when(StepDialog, fill)
        route_window.new_step()
        assert answer.handled

    def evidence(self, route_window: RouteWindow, on: date, description: str, file: Path) -> None:
        def fill(dialog: EvidenceDialog) -> None:
            dialog.date_edit.setText(format_date(on))
            dialog.description_edit.setPlainText(description)
            dialog.attach_file(file)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

        answer = self.when(EvidenceDialog, fill)
        route_window.evidence.new_evidence()
        assert answer.handled

    def link(self, route_window: RouteWindow, to_route: int, kind: LinkKind) -> None:
        def fill(dialog: LinkDialog) -> None:
            choose(dialog.kind_edit, kind.value)
            choose(dialog.route_edit, to_route)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

        answer = self.when(LinkDialog, fill)
        route_window.add_link()
        assert answer.handled


def deadlines(route_window: RouteWindow) -> dict[str, Any]:
    model = route_window.deadline_model
    return {
        model.index(row, 0).data(ROW_ROLE).rule.code: model.index(row, 0).data(ROW_ROLE)
        for row in range(model.rowCount())
    }


def test_scenario_1_urgency_declaration_refused_objected_and_granted(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_window(tmp_path / "clientsteun.db", tmp_path / "instellingen.ini")
    services = window.services
    mother = services.clients.create_client(
        ClientInput("Mirjam Verzonnen", municipality="Zeist", first_contact=days_ago(420))
    ).id
    services.clients.add_help_question(
        mother, HelpQuestionInput(days_ago(420), "Een urgentieverklaring", "Een veilige plek voor mij en de kinderen")
    )
    window.refresh_clients(mother)
    supporter = Supporter(window)
    letter = tmp_path / "reacties-woningsite.pdf"
    letter.write_bytes(b"%PDF-1.4\n% verzonnen overzicht van reacties op woningen\n")

    supporter.new_route(
        mother, "other", "Ingeschreven als woningzoekende", lambda w: supporter.step(w, days_ago(400), "applied")
    )
    supporter.new_route(
        mother, "other", "Tijdelijk bij familie gewoond", lambda w: supporter.step(w, days_ago(200), "other")
    )

    def corporation(route_window: RouteWindow) -> None:
        supporter.step(route_window, days_ago(150), "applied")
        supporter.step(route_window, days_ago(140), "decision", Outcome.REFUSED, "Geen woning beschikbaar")
        assert deadlines(route_window) == {}  # a corporation's "no" is not a decision under the Awb

    supporter.new_route(mother, "other", "Gevraagd bij de woningcorporatie", corporation)

    refused_on = days_ago(10)

    def urgency(route_window: RouteWindow) -> None:
        supporter.step(route_window, days_ago(70), "applied")
        supporter.evidence(route_window, days_ago(75), "Gereageerd op 14 woningen via de woningsite", letter)
        supporter.step(route_window, refused_on, "decision", Outcome.REFUSED, "Eigen zoekgedrag onvoldoende aangetoond")
        term = deadlines(route_window)["objection_term"]
        assert term.actor is Actor.RESIDENT
        assert refused_on + timedelta(weeks=6) <= term.due_on <= refused_on + timedelta(weeks=6, days=4)  # Atw
        assert term.state in (DeadlineState.UPCOMING, DeadlineState.DUE_SOON)
        assert "afgewezen" in route_window.status_label.text()
        assert "Eigen zoekgedrag" in route_window.status_label.text()

    urgency_id = supporter.new_route(
        mother, "housing_urgency", "Urgentieverklaring", urgency, organisation="Gemeente Zeist"
    )

    # The objection clock is in the agenda, for the resident to act on.
    def look_at_agenda(agenda: AgendaDialog) -> None:
        items = [item for item in agenda.items() if item.route_id == urgency_id]
        assert [(item.what, item.actor) for item in items] == [("Bezwaar maken kan tot en met", Actor.RESIDENT)]
        agenda.reject()

    agenda = supporter.when(AgendaDialog, look_at_agenda)
    window.agenda_action.trigger()
    assert agenda.handled

    lodged_on = days_ago(5)

    def object_and_win(route_window: RouteWindow) -> None:
        supporter.step(route_window, lodged_on, "objection")
        found = deadlines(route_window)
        assert found["objection_term"].state is DeadlineState.MET
        decision_due = found["objection_decision"]
        assert decision_due.actor is Actor.AUTHORITY
        assert decision_due.due_on >= found["objection_term"].due_on + timedelta(weeks=6)  # Awb 7:10
        assert "Loopt na afwijzing" in route_window.status_label.text()
        supporter.step(route_window, TODAY, "objection_decision", Outcome.GRANTED)
        assert route_window.status_label.text().startswith("Besluit: toegekend")
        assert all(d.state is DeadlineState.MET for d in deadlines(route_window).values())

    supporter.open_route(urgency_id, object_and_win)

    views = services.routes.list_routes(mother)
    assert [v.route.data.title for v in views] == [
        "Ingeschreven als woningzoekende", "Tijdelijk bij familie gewoond",
        "Gevraagd bij de woningcorporatie", "Urgentieverklaring",
    ]  # fmt: skip
    granted = views[-1]
    assert (granted.progress.status, granted.progress.outcome) == (RouteStatus.DECIDED, Outcome.GRANTED)
    assert services.routes.attachment(granted.route.evidence[0].id).data == letter.read_bytes()
    assert window.dossier.routes_tab.model.rowCount() == 4

    # The overview: every attempt, dated, oldest first, saved as a PDF.
    pdf = tmp_path / "wat-is-geprobeerd.pdf"

    def save(overview: TriedOverviewDialog) -> None:
        wait_for_pdf(overview.preview)
        overview.save_pdf(pdf)
        overview.reject()

    overview = supporter.when(TriedOverviewDialog, save)
    window.dossier.routes_tab.show_tried.emit(mother)
    assert overview.handled
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))
    dated = [format_date(days_ago(n)) for n in (400, 200, 150, 140, 75, 70, 10, 5)] + [format_date(TODAY)]
    positions = [text.index(day) for day in dated]
    assert positions == sorted(positions)
    for expected in (
        "Geen woning beschikbaar",
        "Eigen zoekgedrag onvoldoende aangetoond",
        "Besluit op bezwaar",
        "toegekend",
    ):
        assert expected in text

    # The preparation sheet (no meeting planned: a general sheet) lists every attempt with its date,
    # for the resident and for the supporter, as the app and the command line print it.
    for variant in SheetVariant:
        sheet = tmp_path / f"blad-{variant.value}.pdf"
        services.sheet.export_sheet(sheet, services.sheet.sheet_data(mother, variant=variant), mother, variant=variant)
        printed = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(sheet).pages))
        for title in ("Ingeschreven als woningzoekende", "Tijdelijk bij familie gewoond",
                      "Gevraagd bij de woningcorporatie", "Urgentieverklaring"):  # fmt: skip
            assert title in printed, (variant, title)
        shown = format_long if variant is SheetVariant.RESIDENT else format_date  # "19 oktober 2025" / 19-10-2025
        for day in (400, 200, 150, 140, 75, 70, 10, 5, 0):
            assert shown(days_ago(day)) in printed, (variant, day)
        assert "Mirjam Verzonnen" in printed
    assert "Ik kreeg een besluit: afgewezen — Eigen zoekgedrag onvoldoende aangetoond" in re.sub(
        r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(tmp_path / "blad-inwoner.pdf").pages)
    )


def test_scenario_2_services_waiting_for_each_other_become_a_signal(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    window = open_window(tmp_path / "clientsteun.db", tmp_path / "instellingen.ini")
    services = window.services
    man = services.clients.create_client(ClientInput("Kees Bedacht", municipality="Amersfoort")).id
    window.refresh_clients(man)
    supporter = Supporter(window)

    def apply_urgently(route_window: RouteWindow) -> None:
        supporter.step(route_window, TODAY - timedelta(days=1), "applied")
        assert deadlines(route_window)["debt_first_conversation_urgent"].rule.term.amount == 3  # working days

    debts = supporter.new_route(
        man, "debt_counselling", "Schuldhulpverlening", apply_urgently, organisation="Gemeente Amersfoort",
        circumstances=("threat",),
    )  # fmt: skip
    treatment = supporter.new_route(
        man, "other", "Behandeling bij de GGZ", lambda w: supporter.step(w, days_ago(30), "applied")
    )

    supporter.open_route(debts, lambda w: supporter.link(w, treatment, LinkKind.WAITS_FOR))
    assert services.routes.get_route(debts).circle == ()

    def record_signal(dialog: SignalDialog) -> None:
        assert dialog.theme_edit.currentData() == "circular"
        assert "Schuldhulpverlening" in dialog.description_edit.toPlainText()
        assert "Behandeling bij de GGZ" in dialog.description_edit.toPlainText()
        assert dialog.municipality_edit.text() == "Amersfoort"
        dialog.shareable_check.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    def close_the_circle(route_window: RouteWindow) -> None:
        question = supporter.when(QMessageBox, lambda box: next(
            b for b in box.buttons() if b.text() == "Signaal vastleggen…").click())  # fmt: skip
        signal = supporter.when(SignalDialog, record_signal)
        supporter.link(route_window, debts, LinkKind.WAITS_FOR)
        assert question.handled and signal.handled
        assert "Routes wachten op elkaar" in question.title
        assert route_window.banner.isVisible()
        assert "wacht op" in route_window.banner_label.text()
        assert route_window.signal_model.rowCount() == 1

    supporter.open_route(treatment, close_the_circle)

    assert set(services.routes.get_route(debts).circle) == {debts, treatment}
    (signal,) = services.routes.list_signals(man)
    assert (signal.data.theme, signal.data.shareable, signal.data.route_id) == ("circular", True, treatment)
    assert window.dossier.signals_tab.model.rowCount() == 1
    assert window.dossier.signals_tab.model.index(0, 4).data() == "ja"
    assert window.dossier.tabs.tabText(SIGNALS) == "Signalen (1)"
