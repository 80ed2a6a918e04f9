"""The route window and its forms on a real database: steps start legal clocks, evidence keeps its
files byte for byte, routes that wait for each other lead to a signal, the reversed test is kept."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QDialogButtonBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import Deadline, DeadlineState
from clientsteun.domain.model import Client, ClientInput, HelpQuestionInput
from clientsteun.domain.routes import LinkKind, Outcome, Route, RouteInput, StepInput, StepState
from clientsteun.services import Services
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.dialogs import LinkDialog, RouteDialog, SignalDialog, StepDialog
from clientsteun.ui.routes.evidence import EvidenceDialog
from clientsteun.ui.routes.text import explanation_text
from clientsteun.ui.routes.window import RouteWindow
from clientsteun.ui.widgets.forms import FormDialog
from clientsteun.ui.widgets.table_model import WARNING_COLOUR
from tests.conftest import FakeClock
from tests.helpers.dialogs import open_dialog, press_save, press_save_expecting_error, retype
from tests.helpers.modals import StandardButton, answer_box, when_modal

OBJECTION = "Bezwaar maken kan tot en met"
REFUSAL_REASON = "Geen urgentie: zij kan tijdelijk bij familie wonen"


@pytest.fixture
def resident(services: Services) -> Client:
    return services.clients.create_client(ClientInput(name="Samira de Vries", municipality="Zwolle"))


def add_route(services: Services, client: Client, kind: str = "housing_urgency", title: str = "Urgentie") -> Route:
    return services.routes.save_route(None, RouteInput(client.id, kind, title, organisation="Gemeente Zwolle"))


@pytest.fixture
def main(window: MainWindow) -> MainWindow:
    """The main window, whose routes' controller opens route windows and reloads them at every change."""
    return window


def open_window(main: MainWindow, route_id: int) -> RouteWindow:
    """The route's window as the app opens it (shown rather than run modally, so the test can act)."""
    window = main.routes.make_route_window(route_id)  # a child of the main window, deleted when closed
    window.show()
    return window


def press(qtbot: QtBot, window: QWidget, text: str) -> None:
    """Click the visible button with this text, as a user does."""
    found = [b for b in window.findChildren(QPushButton) if b.text() == text and b.isVisible()]
    assert len(found) == 1, f"{len(found)} visible buttons {text!r}"
    qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)


def save(dialog: FormDialog[Any]) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def choose(combo_owner: object, name: str, data: object) -> None:
    combo = getattr(combo_owner, name)
    index = combo.findData(data)
    assert index >= 0, f"{data!r} not in {name}"
    combo.setCurrentIndex(index)


def add_step_through_window(
    qtbot: QtBot, window: RouteWindow, on: str, kind: str, outcome: Outcome | None = None, reason: str = ""
) -> None:
    def fill(dialog: StepDialog) -> None:
        retype(qtbot, dialog.date_edit, on)
        choose(dialog, "kind_edit", kind)
        assert dialog.outcome_edit.isEnabled() == (outcome is not None)
        if outcome is not None:
            choose(dialog, "outcome_edit", outcome.value)
        qtbot.keyClicks(dialog.reason_edit, reason)
        save(dialog)

    window.tabs.setCurrentIndex(0)
    answer = when_modal(StepDialog, fill)
    press(qtbot, window, "Nieuwe stap")
    assert answer.handled


def column(model: QAbstractItemModel, number: int) -> list[str]:
    return [model.index(row, number).data() for row in range(model.rowCount())]


# -- the route form ----------------------------------------------------------------------------------


def test_route_form_explains_the_kind_and_saves_a_new_route(
    qtbot: QtBot, catalog: Catalog, services: Services, resident: Client
) -> None:
    question = services.clients.add_help_question(
        resident.id, HelpQuestionInput(date(2026, 9, 1), "Een huis", "Een veilige plek voor mij en de kinderen")
    )
    dialog = RouteDialog(
        catalog, resident.id, (question,), lambda data: services.routes.save_route(None, data), parent=None
    )
    open_dialog(qtbot, dialog)

    choose(dialog, "kind_edit", "debt_counselling")
    assert dialog.title_edit.text() == "Schuldhulpverlening"  # the kind's name while nothing else was typed
    assert "eerste gesprek" in dialog.explanation_label.text()
    assert dialog.law_label.text() == "Wet gemeentelijke schuldhulpverlening, art. 4 en 4a"
    assert dialog.goal_edit.currentData() == "domain:finances"  # the kind's area of life
    assert list(dialog.circumstance_checks) == ["threat", "committee"]  # what changes a term of this kind
    dialog.circumstance_checks["committee"].setChecked(True)

    choose(dialog, "kind_edit", "housing_urgency")
    assert dialog.title_edit.text() == "Urgentieverklaring voor een woning"
    assert dialog.goal_edit.currentData() == "domain:housing"
    assert list(dialog.circumstance_checks) == ["committee"]
    assert dialog.circumstance_codes() == ("committee",)  # still applies: kept
    retype(qtbot, dialog.title_edit, "Urgentie bij gemeente Zwolle")
    choose(dialog, "goal_edit", f"question:{question.id}")
    choose(dialog, "kind_edit", "wmo")  # a title typed by the user stays
    choose(dialog, "kind_edit", "housing_urgency")
    assert dialog.title_edit.text() == "Urgentie bij gemeente Zwolle"
    assert dialog.goal_edit.currentData() == f"question:{question.id}"  # chosen by the user: kept
    choose(dialog, "goal_edit", "domain:domestic_relations")
    qtbot.keyClicks(dialog.organisation_edit, "Gemeente Zwolle")
    qtbot.keyClicks(dialog.reference_edit, "URG-2026-0412")
    press_save(qtbot, dialog)

    (view,) = services.routes.list_routes(resident.id)
    data = view.route.data
    assert (data.kind, data.title, data.organisation, data.reference) == (
        "housing_urgency", "Urgentie bij gemeente Zwolle", "Gemeente Zwolle", "URG-2026-0412"
    )  # fmt: skip
    assert (data.life_domain, data.help_question_id, data.circumstances) == ("domestic_relations", None, ("committee",))

    # Changing it later: the help question as the goal, everything else kept.
    edit = RouteDialog(catalog, resident.id, (question,), lambda d: services.routes.save_route(view.route.id, d), data)
    open_dialog(qtbot, edit)
    assert edit.goal_edit.currentData() == "domain:domestic_relations"
    assert edit.circumstance_codes() == ("committee",)
    choose(edit, "goal_edit", f"question:{question.id}")
    assert edit.goal_edit.currentText() == "Hulpvraag van 01-09-2026: Een veilige plek voor mij en de kinderen"
    press_save(qtbot, edit)
    changed = services.routes.get_route(view.route.id).view.route.data
    assert changed == RouteInput(
        resident.id, "housing_urgency", "Urgentie bij gemeente Zwolle", question.id, "", "Gemeente Zwolle", "",
        "URG-2026-0412", ("committee",),
    )  # fmt: skip


# -- steps and deadlines ---------------------------------------------------------------------------------


def test_a_refusal_starts_the_objection_clock_which_turns_red_when_passed(
    qtbot: QtBot, main: MainWindow, services: Services, resident: Client, clock: FakeClock
) -> None:
    route = add_route(services, resident)
    window = open_window(main, route.id)
    assert window.status_label.text() == "Nog niet begonnen"

    add_step_through_window(qtbot, window, "01-09-2026", "applied")
    add_step_through_window(qtbot, window, "02-11-2026", "decision", Outcome.REFUSED, REFUSAL_REASON)

    assert window.status_label.text() == f"Besluit: afgewezen — {REFUSAL_REASON}"
    assert column(window.step_model, 3)[-1] == f"afgewezen — {REFUSAL_REASON}"
    model = window.deadline_model
    row = column(model, 1).index(OBJECTION)
    assert model.index(row, 0).data() == "14-12-2026"  # six weeks after the decision
    assert model.index(row, 2).data() == "Inwoner"
    assert model.index(row, 3).data() == "over 21 dagen"
    assert model.index(row, 4).data() == "02-11-2026, de datum van de brief (verzenddatum niet ingevuld)"
    assert model.index(row, 5).data() == "Awb art. 6:7 en 6:8"
    assert model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert window.next_label.text() == f"Eerstvolgende termijn: {OBJECTION} 14 december 2026 (over 21 dagen)"

    clock.value += timedelta(weeks=7)  # nobody objected in time
    window.reload()

    row = column(model, 1).index(OBJECTION)
    assert model.index(row, 3).data() == "verlopen, 28 dagen geleden"
    brush = model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush) and brush.color() == WARNING_COLOUR
    assert window.advice_label.isVisible()
    assert window.advice_label.text().startswith(f"{OBJECTION}: De bezwaartermijn is voorbij.")
    assert window.tabs.tabText(0) == "Stappen en termijnen (1 verlopen)"


def test_an_objection_after_a_refusal_is_said_in_the_header(
    qtbot: QtBot, main: MainWindow, services: Services, resident: Client
) -> None:
    route = add_route(services, resident)
    for on, kind, outcome in [(date(2026, 9, 1), "applied", None), (date(2026, 11, 2), "decision", Outcome.REFUSED)]:
        services.routes.save_step(None, StepInput(route.id, on, kind, outcome=outcome))
    window = open_window(main, route.id)
    add_step_through_window(qtbot, window, "20-11-2026", "objection")

    assert window.status_label.text() == "Loopt na afwijzing: Bezwaar ingediend"
    objection = column(window.deadline_model, 1).index(OBJECTION)
    assert window.deadline_model.index(objection, 3).data() == "gehaald op 20-11-2026"


def test_a_wrong_date_in_the_step_form_explains_and_keeps_everything_typed(
    qtbot: QtBot, catalog: Catalog, services: Services, resident: Client
) -> None:
    route = add_route(services, resident)
    today = date(2026, 11, 23)
    dialog = StepDialog(catalog, route.id, route.data.kind, lambda s: services.routes.save_step(None, s), today)
    open_dialog(qtbot, dialog)
    choose(dialog, "kind_edit", "decision")
    retype(qtbot, dialog.date_edit, "31-02-2026")
    qtbot.keyClicks(dialog.note_edit, "Brief kwam per post")

    assert press_save_expecting_error(qtbot, dialog) == "Deze datum bestaat niet. Controleer de dag en de maand."
    assert dialog.date_edit.text() == "31-02-2026"
    assert dialog.note_edit.toPlainText() == "Brief kwam per post"
    retype(qtbot, dialog.date_edit, "27-10-2026")
    assert press_save_expecting_error(qtbot, dialog) == "Kies de uitkomst van het besluit."
    assert services.routes.get_route(route.id).view.route.steps == ()

    choose(dialog, "outcome_edit", Outcome.PARTLY_GRANTED.value)
    choose(dialog, "state_edit", StepState.DONE.value)
    press_save(qtbot, dialog)
    (step,) = services.routes.get_route(route.id).view.route.steps
    assert (step.data.on, step.data.outcome, step.data.note) == (
        date(2026, 10, 27), Outcome.PARTLY_GRANTED, "Brief kwam per post"
    )  # fmt: skip


def test_the_step_form_keeps_the_days_sent_and_received_and_the_new_date_a_letter_names(
    qtbot: QtBot, catalog: Catalog, services: Services, resident: Client
) -> None:
    route = add_route(services, resident)
    today = date(2026, 11, 23)
    dialog = StepDialog(catalog, route.id, route.data.kind, lambda s: services.routes.save_step(None, s), today)
    open_dialog(qtbot, dialog)
    choose(dialog, "kind_edit", "decision")
    assert not dialog.new_due_edit.isEnabled()  # a decision names no new date
    choose(dialog, "kind_edit", "extension")
    assert dialog.new_due_edit.isEnabled()
    retype(qtbot, dialog.date_edit, "10-11-2026")
    retype(qtbot, dialog.sent_edit, "11-11-2026")
    retype(qtbot, dialog.received_edit, "09-11-2026")
    retype(qtbot, dialog.new_due_edit, "05-01-2027")
    qtbot.keyClicks(dialog.note_edit, "Verdaagd per brief")

    assert press_save_expecting_error(qtbot, dialog) == (
        "De brief kan niet zijn ontvangen vóór hij is verstuurd of gedateerd."
    )
    typed = [field.text() for field in (dialog.date_edit, dialog.sent_edit, dialog.received_edit, dialog.new_due_edit)]
    assert typed == ["10-11-2026", "11-11-2026", "09-11-2026", "05-01-2027"]
    assert dialog.note_edit.toPlainText() == "Verdaagd per brief"
    retype(qtbot, dialog.received_edit, "31-11-2026")
    assert press_save_expecting_error(qtbot, dialog) == "Deze datum bestaat niet. Controleer de dag en de maand."
    assert services.routes.get_route(route.id).view.route.steps == ()

    retype(qtbot, dialog.received_edit, "13-11-2026")
    press_save(qtbot, dialog)
    (step,) = services.routes.get_route(route.id).view.route.steps
    assert (step.data.kind, step.data.on, step.data.sent_on, step.data.received_on, step.data.new_due_on) == (
        "extension", date(2026, 11, 10), date(2026, 11, 11), date(2026, 11, 13), date(2027, 1, 5)
    )  # fmt: skip

    edit = StepDialog(catalog, route.id, route.data.kind, lambda s: s, today, step.data)
    open_dialog(qtbot, edit)
    assert [edit.sent_edit.text(), edit.received_edit.text(), edit.new_due_edit.text()] == [
        "11-11-2026", "13-11-2026", "05-01-2027"
    ]  # fmt: skip
    choose(edit, "kind_edit", "decision")  # a new date only goes with a step that names one
    choose(edit, "outcome_edit", Outcome.REFUSED.value)
    assert not edit.new_due_edit.isEnabled()
    assert edit.build().new_due_on is None


def test_a_notice_of_default_sent_too_early_is_said_with_the_day_a_notice_works(
    qtbot: QtBot, main: MainWindow, services: Services, resident: Client
) -> None:
    """Issue 11: an application of 1 September 2026 (decision due 27 October) and a notice of default on
    10 September: no penalty deadline, and the window says the notice is premature and from when one works."""
    route = add_route(services, resident, "social_assistance", "Bijstand")
    services.routes.save_step(None, StepInput(route.id, date(2026, 9, 1), "applied"))
    window = open_window(main, route.id)
    add_step_through_window(qtbot, window, "10-09-2026", "notice_of_default")

    model = window.deadline_model
    # No "Besluit na ingebrekestelling; daarna dwangsom": a premature notice starts no penalty.
    assert column(model, 1) == ["Voorschot op de bijstand", "Besluit op de aanvraag"]
    assert column(model, 0) == ["29-09-2026", "27-10-2026"]
    assert column(model, 3)[1] == "verlopen, 27 dagen geleden; ingebrekestelling te vroeg, telt vanaf 28-10-2026"
    assert column(model, 4) == ["01-09-2026, de datum van de stap"] * 2
    assert window.explanation.toPlainText() == (
        "Besluit op de aanvraag (27-10-2026):\n"
        "– De ingebrekestelling van donderdag 10 september 2026 kwam te vroeg: de termijn liep nog tot en met "
        "dinsdag 27 oktober 2026. Een ingebrekestelling telt pas als de instantie haar na afloop van de termijn "
        "ontvangt, dus op of na woensdag 28 oktober 2026. Er is daarom geen dwangsom; stuur zo nodig een nieuwe "
        "(Awb art. 4:17 lid 3)."
    )


# -- evidence and the checklist -------------------------------------------------------------------------


def test_evidence_keeps_its_file_byte_for_byte(
    qtbot: QtBot, main: MainWindow, services: Services, resident: Client, tmp_path: Path
) -> None:
    letter = tmp_path / "weigering woningcorporatie.pdf"
    content = b"%PDF-1.4\n" + os.urandom(40_000) + b"\x00\r\n\x1a"
    letter.write_bytes(content)
    route = add_route(services, resident)
    window = open_window(main, route.id)
    window.tabs.setCurrentIndex(1)

    def fill(dialog: EvidenceDialog) -> None:
        missing = answer_box(StandardButton.Ok)
        dialog.attach_file(tmp_path / "bestaat niet.pdf")
        assert missing.handled
        assert missing.text == "Dit bestand kon niet worden gelezen. Bestaat het nog, en mag u het openen?"
        dialog.attach_file(letter)
        assert dialog.file_label.text().startswith("weigering woningcorporatie.pdf (39 kB)")
        qtbot.keyClicks(dialog.description_edit, "Brief van de woningcorporatie: geen noodwoning")
        save(dialog)

    answer = when_modal(EvidenceDialog, fill)
    press(qtbot, window, "Nieuw")
    assert answer.handled

    panel = window.evidence
    assert column(panel.model, 2) == ["weigering woningcorporatie.pdf (39 kB)"]
    panel.view.selectRow(0)
    out = tmp_path / "uit" / "kopie.pdf"
    out.parent.mkdir()
    panel.save_attachment_as(target=str(out))
    assert out.read_bytes() == content
    assert any(entry.action is AuditAction.EXPORT for entry in services.audit.entries())

    def remove(dialog: EvidenceDialog) -> None:  # the file goes, the effort stays
        dialog.remove_file()
        save(dialog)

    answer = when_modal(EvidenceDialog, remove)
    press(qtbot, window, "Wijzigen")
    assert answer.handled
    (evidence,) = services.routes.get_route(route.id).view.route.evidence
    assert evidence.attachment is None
    assert evidence.data.description == "Brief van de woningcorporatie: geen noodwoning"


def test_ticking_a_document_records_today(qtbot: QtBot, main: MainWindow, services: Services, resident: Client) -> None:
    route = add_route(services, resident)
    window = open_window(main, route.id)
    documents = window.evidence.documents
    codes = [documents.item(row).data(Qt.ItemDataRole.UserRole) for row in range(documents.count())]
    assert codes[:3] == ["income_statement", "brp_extract", "landlord_statement"]
    item = documents.item(1)

    item.setCheckState(Qt.CheckState.Checked)
    assert services.routes.get_route(route.id).view.route.documents == {"brp_extract": date(2026, 11, 23)}
    assert documents.item(1).text() == "Uittreksel uit de BRP met adresgeschiedenis — verzameld op 23-11-2026"

    documents.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert services.routes.get_route(route.id).view.route.documents == {}
    assert documents.item(1).text() == "Uittreksel uit de BRP met adresgeschiedenis"


# -- links and signals ---------------------------------------------------------------------------------


def test_routes_waiting_for_each_other_lead_to_a_signal(
    qtbot: QtBot, main: MainWindow, services: Services, resident: Client
) -> None:
    debts = add_route(services, resident, "debt_counselling", "Schuldhulp")
    care = add_route(services, resident, "other", "Behandeling bij de GGZ")
    services.routes.add_link(care.id, debts.id, LinkKind.WAITS_FOR)  # treatment first wants the debts solved
    window = open_window(main, debts.id)
    window.tabs.setCurrentIndex(2)
    assert not window.banner.isVisible()
    assert column(window.link_model, 0) == ["Behandeling bij de GGZ wacht hierop"]

    def link(dialog: LinkDialog) -> None:
        choose(dialog, "route_edit", care.id)
        choose(dialog, "kind_edit", LinkKind.WAITS_FOR.value)
        save(dialog)

    def record(dialog: SignalDialog) -> None:
        assert dialog.theme_edit.currentData() == "circular"
        assert dialog.municipality_edit.text() == "Zwolle"
        assert dialog.theme_label.text().startswith("Bijvoorbeeld: schuldhulp wil eerst behandeling")
        dialog.shareable_check.setChecked(True)
        save(dialog)

    linked = when_modal(LinkDialog, link)
    offer = answer_box("Signaal vastleggen…")
    recorded = when_modal(SignalDialog, record)
    press(qtbot, window, "Koppelen…")

    assert linked.handled and offer.handled and recorded.handled
    circle = "Schuldhulp wacht op Behandeling bij de GGZ, Behandeling bij de GGZ wacht op Schuldhulp"
    assert offer.title == "Routes wachten op elkaar"
    assert circle in offer.text
    assert window.banner.isVisible()
    assert window.banner_label.text() == f"Deze route wacht in een cirkel: {circle}"
    assert column(window.link_model, 0) == ["Behandeling bij de GGZ wacht hierop", "wacht op: Behandeling bij de GGZ"]
    (signal,) = services.routes.list_signals(resident.id)
    assert (signal.data.theme, signal.data.route_id, signal.data.shareable) == ("circular", debts.id, True)
    assert circle in signal.data.description
    assert column(window.signal_model, 1) == ["Voorwaarden van diensten sluiten elkaar uit"]

    # Unlinking asks first; afterwards the circle is gone.
    window.link_view.selectRow(1)
    confirm = answer_box(StandardButton.Yes)
    press(qtbot, window, "Ontkoppelen")
    assert confirm.text == "Wilt u de koppeling ‘wacht op: Behandeling bij de GGZ’ weghalen?"
    assert not window.banner.isVisible()


# -- the reversed test ---------------------------------------------------------------------------------


def test_the_reversed_test_is_saved_and_shown_again_after_reopening(
    qtbot: QtBot, main: MainWindow, services: Services, resident: Client
) -> None:
    route = add_route(services, resident, "wmo", "Hulp bij het huishouden")
    window = open_window(main, route.id)
    window.tabs.setCurrentIndex(3)
    answers = ["Zelf het huis schoon houden", "Rugklachten", "Dochter woont in Groningen", "", "", "Wmo 2015"]
    for edit, text in zip(window.test_edits, answers, strict=True):
        qtbot.keyClicks(edit, text)
    press(qtbot, window, "Omgekeerde toets opslaan")

    # Changing the details keeps the reversed test.
    def rename(dialog: RouteDialog) -> None:
        retype(qtbot, dialog.organisation_edit, "Wmo-loket Zwolle")
        save(dialog)

    answer = when_modal(RouteDialog, rename)
    press(qtbot, window, "Gegevens wijzigen…")
    assert answer.handled
    assert "Instantie: Wmo-loket Zwolle" in window.meta_label.text()
    window.close()
    assert not window.isVisible()  # nothing unsaved: no question

    again = open_window(main, route.id)
    assert [edit.toPlainText() for edit in again.test_edits] == answers
    assert services.routes.get_route(route.id).view.route.data.reversed_test.legal_basis == "Wmo 2015"

    # Closing with a change asks; "Niet opslaan" throws it away.
    qtbot.keyClicks(again.test_edits[3], "Geen geld over")
    question = answer_box("Niet opslaan")
    again.close()
    assert question.handled and not again.isVisible()
    assert services.routes.get_route(route.id).view.route.data.reversed_test.paying_self == ""


def test_linking_without_another_route_says_what_to_do_first(
    qtbot: QtBot, main: MainWindow, services: Services, resident: Client
) -> None:
    route = add_route(services, resident)
    window = open_window(main, route.id)
    window.tabs.setCurrentIndex(2)
    answer = answer_box(StandardButton.Ok)
    press(qtbot, window, "Koppelen…")
    assert answer.text == "De inwoner heeft nog geen andere route. Leg eerst de andere route vast in het dossier."
    assert window.link_model.rowCount() == 0


def test_the_window_says_why_the_algemene_termijnenwet_moved_a_date(
    qtbot: QtBot, main: MainWindow, services: Services, resident: Client
) -> None:
    """An objection term ending on Easter Monday runs on to the Tuesday (the example in DOMAIN.md)."""
    objection = add_route(services, resident, "objection", "Bezwaar")
    services.routes.save_step(None, StepInput(objection.id, date(2026, 2, 23), "decision", outcome=Outcome.REFUSED))
    window = open_window(main, objection.id)
    assert not window.explanation.isHidden()
    assert window.explanation.toPlainText() == (
        "Bezwaar maken kan tot en met (07-04-2026):\n"
        "– De termijn eindigde op maandag 6 april 2026 (Tweede Paasdag). "
        "Volgens de Algemene termijnenwet schuift de datum op naar dinsdag 7 april 2026."
    )


def test_the_atw_note_names_a_weekend_day_or_art_2(catalog: Catalog) -> None:
    rule = catalog.routes.rules[0]
    days_off = catalog.routes.days_off

    def note(started: date, term_end: date, due: date) -> str:
        deadline = Deadline(rule, started, term_end, due, False, None, DeadlineState.UPCOMING)
        return explanation_text([deadline], days_off)

    assert "eindigde op zaterdag 28 november 2026 (weekend)" in note(
        date(2026, 10, 17), date(2026, 11, 28), date(2026, 11, 30)
    )
    # A 3-day term from Saturday 4 April 2026 ends on Tuesday the 7th, a working day, but holds only one
    # (Easter Monday is free): art. 2 lengthens it to Wednesday.
    assert note(date(2026, 4, 4), date(2026, 4, 7), date(2026, 4, 8)) == (
        f"{rule.name} (08-04-2026):\n– De termijn is verlengd tot woensdag 8 april 2026, zodat er minstens twee "
        "werkdagen in vallen (Algemene termijnenwet, art. 2)."
    )
    assert note(date(2026, 4, 4), date(2026, 4, 8), date(2026, 4, 8)) == ""  # not moved, nothing to say
