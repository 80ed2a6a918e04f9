"""The main window and its controllers: confirmations, drafts offered after a crash, dialogs opened as modals,
and each change refreshing only what it names."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from clientsteun.domain.errors import NotFound
from clientsteun.domain.model import Client, ConversationInput, TimelineKind
from clientsteun.domain.routes import EvidenceInput, RouteInput, SignalInput, StepInput
from clientsteun.services import Services
from clientsteun.services.privacy import PrivacyService
from clientsteun.services.routes import RouteService
from clientsteun.ui.dossier.dialogs import ClientDialog, CloseDialog
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.privacy.erase import EraseDialog
from clientsteun.ui.routes.agenda import AgendaDialog
from tests.helpers.modals import StandardButton, answer_box, answer_boxes, when_modal
from tests.helpers.residents import add_agreement, add_conversation, add_resident


@pytest.fixture
def resident(window: MainWindow, services: Services) -> Client:
    client = add_resident(services, "Tessa Fictief", "Oldenzaal", first_contact=date(2026, 10, 1))
    add_conversation(services, client.id, date(2026, 11, 2), "Samen naar het wijkteam.")
    add_agreement(services, client.id, "Inkomensverklaring opvragen", due_on=date(2026, 11, 30))
    window.refresh_clients(client.id)
    assert window.current_client_id() == client.id
    return client


def visible_names(window: MainWindow) -> list[str]:
    model = window.client_list.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_deleting_a_resident_asks_first_and_cancel_keeps_everything(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    """Deleting is erasing (``tests/gui/test_privacy.py`` erases with the passphrase); Cancel is the default."""
    seen: dict[str, object] = {}

    def cancel(dialog: EraseDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["default_is_cancel"] = dialog.cancel_button.isDefault() and not dialog.erase_button.isDefault()
        dialog.reject()

    answer = when_modal(EraseDialog, cancel)
    qtbot.mouseClick(window.dossier.delete_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: answer.handled)  # once the backups were looked into, on the worker thread
    assert seen == {"title": "Dossier wissen", "default_is_cancel": True}  # Enter by mistake does not erase
    dossier = services.clients.get_dossier(resident.id)
    assert len(dossier.conversations) == 1
    assert len(dossier.agreements) == 1
    assert visible_names(window) == ["Tessa Fictief"]
    assert window.dossier.currentWidget() is window.dossier.content


def test_new_conversation_without_a_chosen_resident_explains(qtbot: QtBot, window: MainWindow) -> None:
    answer = answer_box(StandardButton.Ok)
    window.new_conversation_action.trigger()
    assert answer.handled
    assert answer.title == "Geen inwoner gekozen"
    assert window.editor is None


def test_editing_a_resident_through_the_dialog_updates_list_and_dossier(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    def edit(dialog: ClientDialog) -> None:
        assert dialog.name_edit.text() == "Tessa Fictief"  # the form shows what is stored
        municipality = dialog.municipality_edit.lineEdit()
        assert municipality is not None
        municipality.selectAll()
        qtbot.keyClicks(municipality, "Losser")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    answer = when_modal(ClientDialog, edit)
    qtbot.mouseClick(window.dossier.edit_button, Qt.MouseButton.LeftButton)
    assert answer.handled
    assert services.clients.get_client(resident.id).details.municipality == "Losser"
    assert window.client_list.model.index(0, 1).data() == "Losser"
    assert "Losser" in window.dossier.meta_label.text()


def test_closing_a_dossier_through_the_dialog(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    def close(dialog: CloseDialog) -> None:
        assert dialog.date_edit.text() == "23-11-2026"
        qtbot.keyClicks(dialog.reason_edit, "Hulpvraag beantwoord")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    answer = when_modal(CloseDialog, close)
    qtbot.mouseClick(window.dossier.close_button, Qt.MouseButton.LeftButton)
    assert answer.handled
    client = services.clients.get_client(resident.id)
    assert client.closed_on == date(2026, 11, 23)
    assert client.close_reason == "Hulpvraag beantwoord"
    assert window.dossier.close_button.text() == "Heropenen"
    assert window.client_list.closed_check.isChecked()  # so the closed dossier stays in view
    assert window.settings.show_closed is False  # but that is not remembered as the user's choice

    qtbot.mouseClick(window.dossier.close_button, Qt.MouseButton.LeftButton)  # reopen: no question
    assert services.clients.get_client(resident.id).closed_on is None
    assert window.dossier.close_button.text() == "Dossier sluiten"


@pytest.fixture
def draft_id(services: Services, resident: Client) -> int:
    data = ConversationInput(resident.id, date(2026, 11, 23), "home_visit", notes="Half verslag van het huisbezoek")
    return services.conversations.save_draft(None, None, data)


def test_offered_draft_continue_writing_opens_it(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client, draft_id: int
) -> None:
    window.client_list.filter_edit.setText("iemand anders")  # the resident is out of view
    answers = answer_boxes("Verder schrijven")
    window.offer_drafts()
    assert answers[0].handled
    assert answers[0].title == "Niet opgeslagen gesprek gevonden"
    assert "Tessa Fictief" in answers[0].text

    editor = window.editor
    assert editor is not None
    assert editor.notes_edit.toPlainText() == "Half verslag van het huisbezoek"
    assert editor.draft_id == draft_id
    assert editor.dirty  # restored, not yet saved
    assert window.client_list.current_client_id() == resident.id
    with qtbot.waitSignal(editor.saved):
        qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert services.conversations.list_drafts() == []
    assert len(services.clients.get_dossier(resident.id).conversations) == 2


def test_offered_draft_later_keeps_it(window: MainWindow, services: Services, draft_id: int) -> None:
    answers = answer_boxes("Later")
    window.offer_drafts()
    assert answers[0].handled
    assert window.editor is None
    assert [d.id for d in services.conversations.list_drafts()] == [draft_id]


@pytest.mark.parametrize(("sure", "kept"), [(StandardButton.Yes, False), (StandardButton.No, True)])
def test_offered_draft_throw_away_asks_to_be_sure(
    window: MainWindow, services: Services, draft_id: int, sure: StandardButton, kept: bool
) -> None:
    answers = answer_boxes("Weggooien", sure)
    window.offer_drafts()
    assert len(answers) == 2
    assert all(a.handled for a in answers)
    assert answers[1].text == "Het niet opgeslagen verslag definitief weggooien?"
    assert window.editor is None
    assert bool(services.conversations.list_drafts()) is kept


def test_deleting_a_conversation_from_the_editor_asks_first(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    (conversation,) = services.clients.get_dossier(resident.id).conversations
    window.conversations.open_conversation(conversation.id)
    editor = window.editor
    assert editor is not None and editor.delete_button.isVisible()

    answer = answer_box(StandardButton.Cancel)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert answer.handled and "niet ongedaan" in answer.text
    assert window.editor is editor
    assert services.conversations.get_conversation(conversation.id).data.notes == "Samen naar het wijkteam."

    answer = answer_box(StandardButton.Yes)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert answer.handled
    assert window.editor is None
    with pytest.raises(NotFound):
        services.conversations.get_conversation(conversation.id)
    assert window.dossier.view is not None and window.dossier.view.conversations == ()
    assert window.dossier.timeline_tab.model.index(0, 1).data() == "Afspraak gemaakt"  # the conversation is gone
    assert len(services.clients.get_dossier(resident.id).agreements) == 1  # the rest stays


def test_a_new_conversation_has_nothing_to_delete(window: MainWindow, resident: Client) -> None:
    window.conversations.new_conversation(resident.id)
    assert window.editor is not None
    assert not window.editor.delete_button.isVisible()


def test_deleting_a_resident_closes_their_open_new_conversation(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    window.conversations.new_conversation(resident.id)
    editor = window.editor
    assert editor is not None
    qtbot.keyClicks(editor.notes_edit, "Nog niet opgeslagen")
    assert editor.save_draft_now()
    services.privacy.erase_client(resident.id)  # as confirmed with the passphrase (tests/gui/test_privacy.py)
    assert window.editor is None
    assert services.conversations.list_drafts() == []
    assert visible_names(window) == []


def test_quitting_when_the_draft_cannot_be_stored_asks_before_losing_the_typing(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    window.conversations.new_conversation(resident.id)
    editor = window.editor
    assert editor is not None
    qtbot.keyClicks(editor.notes_edit, " Belangrijk")
    # The resident is removed behind the editor's back (as by another program, whose writes this window
    # does not hear): no draft can be stored.
    PrivacyService(services.database, services.clock).erase_client(resident.id)

    answer = answer_box("Terug naar het gesprek")
    window.close()
    assert answer.handled and "verloren" in answer.text
    assert window.isVisible() and window.editor is editor
    assert editor.notes_edit.toPlainText().endswith("Belangrijk")

    answer = answer_box("Toch afsluiten")
    window.close()
    assert answer.handled
    assert not window.isVisible()
    assert window.editor is None


def test_a_conversation_with_an_unsaved_version_opens_that_version(
    window: MainWindow, services: Services, resident: Client
) -> None:
    (conversation,) = services.clients.get_dossier(resident.id).conversations
    newer = ConversationInput(resident.id, date(2026, 11, 2), "home_visit", notes="Samen naar het wijkteam. En meer.")
    draft = services.conversations.save_draft(None, conversation.id, newer)
    window.conversations.open_conversation(conversation.id)
    assert window.editor is not None
    assert window.editor.draft_id == draft
    assert window.editor.notes_edit.toPlainText() == "Samen naar het wijkteam. En meer."
    assert "nog niet was opgeslagen" in window.editor.status_label.text()


def test_a_search_hit_for_the_open_conversation_marks_it_and_another_one_leaves_it_alone(
    window: MainWindow, services: Services, resident: Client
) -> None:
    (conversation,) = services.clients.get_dossier(resident.id).conversations
    other = add_conversation(services, resident.id, date(2026, 11, 10), "Wijkteam gebeld.")
    window.conversations.open_conversation(conversation.id, ("wijkteam",))
    editor = window.editor
    assert editor is not None and len(editor.notes_edit.extraSelections()) == 1

    answer = answer_box(StandardButton.Ok)  # "there is already a conversation open"
    window.conversations.open_conversation(other.id, ("gebeld",))
    assert answer.handled
    assert window.editor is editor
    assert len(editor.notes_edit.extraSelections()) == 1  # its own marks are untouched

    window.conversations.open_conversation(conversation.id, ("samen",))  # the same one: brought forward, newly marked
    assert window.editor is editor
    assert [s.cursor.selectedText() for s in editor.notes_edit.extraSelections()] == ["Samen"]


# -- a change refreshes what it names -------------------------------------------------------------


class ModelEvents:
    """What a table model told its views: resets, and the rows changed, inserted, moved or removed."""

    def __init__(self, model: QAbstractItemModel) -> None:
        self.seen: list[str] = []
        model.modelReset.connect(lambda: self.seen.append("reset"))
        model.dataChanged.connect(lambda first, _last: self.seen.append(f"changed {first.row()}"))
        model.rowsInserted.connect(lambda _parent, first, _last: self.seen.append(f"inserted {first}"))
        model.rowsMoved.connect(lambda *_args: self.seen.append("moved"))
        model.rowsRemoved.connect(lambda _parent, first, _last: self.seen.append(f"removed {first}"))


def test_saving_a_route_step_refreshes_the_route_and_the_dossier_not_the_residents_list(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    route = services.routes.save_route(None, RouteInput(resident.id, "wmo", "Wmo", organisation="Wmo-loket"))
    services.routes.save_evidence(None, EvidenceInput(route.id, date(2026, 11, 1), "Formulier opgevraagd"))
    route_window = window.routes.make_route_window(route.id)  # a child of the window, deleted when closed
    route_window.show()
    list_events = ModelEvents(window.client_list.model)
    routes_events = ModelEvents(window.dossier.routes_tab.model)
    timeline_events = ModelEvents(window.dossier.timeline_tab.model)
    step_events = ModelEvents(route_window.step_model)
    evidence_events = ModelEvents(route_window.evidence.model)

    services.routes.save_step(None, StepInput(route.id, date(2026, 11, 2), "applied"))

    assert list_events.seen == []  # a step cannot change the residents list
    assert timeline_events.seen == ["reset"]  # the step joins the timeline, read with the routes alone
    assert window.dossier.timeline_tab.model.find(lambda entry: entry.kind is TimelineKind.ROUTE_STEP) is not None
    assert evidence_events.seen == []  # nor the route's evidence, which is not read again
    assert route_window.evidence.model.rowCount() == 1
    assert routes_events.seen == ["changed 0"]  # the same route, shown anew in its row
    assert step_events.seen == ["reset"]  # a step more
    assert route_window.step_model.rowCount() == 1
    assert window.dossier.routes_tab.model.index(0, 1).data() == "Loopt: Aanvraag ingediend"

    services.routes.save_evidence(None, EvidenceInput(route.id, date(2026, 11, 3), "Brief gestuurd"))
    assert evidence_events.seen == ["reset"] and route_window.evidence.model.rowCount() == 2
    assert routes_events.seen == ["changed 0"]  # the dossier does not show evidence
    route_window.close()
    assert window.routes.route_window is None

    services.routes.save_step(None, StepInput(route.id, date(2026, 11, 3), "conversation"))  # the window is closed
    assert window.dossier.routes_tab.model.rowCount() == 1
    assert list_events.seen == []


def test_an_agreement_refreshes_its_resident_row_and_the_status_line_not_the_whole_list(
    window: MainWindow, services: Services, resident: Client
) -> None:
    other = add_resident(services, "Anouk Verzonnen", "Losser")
    assert window.client_list.model.rowCount() == 2
    events = ModelEvents(window.client_list.model)
    assert window.status_label.text() == "2 inwoners · bij 0 zijn afspraken te laat"

    add_agreement(services, other.id, "Brief meenemen", due_on=date(2026, 11, 20))  # late

    assert "reset" not in events.seen
    row = window.client_list.model.find(lambda c: c.id == other.id)
    assert row is not None and events.seen == [f"changed {row}"]
    assert window.client_list.model.index(row, 3).data() == "1 (1 te laat)"
    assert window.status_label.text() == "2 inwoners · bij 1 zijn afspraken te laat"
    assert window.current_client_id() == resident.id  # the dossier on screen stays
    assert window.client_list.current_client_id() == resident.id


def test_a_new_conversation_moves_its_resident_up_in_the_list_keeping_the_selection(
    window: MainWindow, services: Services, resident: Client
) -> None:
    other = add_resident(services, "Anouk Verzonnen", "Losser")
    assert visible_names(window) == ["Tessa Fictief", "Anouk Verzonnen"]  # last contact first
    events = ModelEvents(window.client_list.model)

    add_conversation(services, other.id, date(2026, 11, 20), "Kennismaking.")

    assert visible_names(window) == ["Anouk Verzonnen", "Tessa Fictief"]
    assert "reset" not in events.seen and "moved" in events.seen
    assert window.client_list.current_client_id() == resident.id
    assert window.current_client_id() == resident.id


def test_a_new_resident_is_added_to_the_list_and_shown(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    events = ModelEvents(window.client_list.model)

    def fill(dialog: ClientDialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Anouk Verzonnen")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    answer = when_modal(ClientDialog, fill)
    window.new_client_action.trigger()
    assert answer.handled
    assert "reset" not in events.seen and events.seen[0].startswith("inserted")
    assert sorted(visible_names(window)) == ["Anouk Verzonnen", "Tessa Fictief"]
    assert window.dossier.name_label.text() == "Anouk Verzonnen"
    assert window.client_list.current_client_id() == window.current_client_id() != resident.id


def test_an_open_agenda_follows_what_is_saved(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    client = add_resident(services, "Anouk Verzonnen", "Losser")
    seen: list[list[str]] = []

    def save_while_open(agenda: AgendaDialog) -> None:
        qtbot.waitUntil(lambda: not agenda.computing)  # computed on the window's thread pool
        seen.append([item.what for item in agenda.items()])
        add_agreement(services, client.id, "Loonstroken opsturen", due_on=date(2026, 11, 30))
        assert agenda.computing, "the save started a new computation"
        qtbot.waitUntil(lambda: not agenda.computing)
        seen.append([item.what for item in agenda.items()])
        agenda.reject()

    answer = when_modal(AgendaDialog, save_while_open)
    window.agenda_action.trigger()
    assert answer.handled
    assert seen == [[], ["Loonstroken opsturen"]]
    assert window.routes.agenda is None


def test_a_refresh_that_fails_leaves_the_write_done_and_the_other_views_refreshed(
    window: MainWindow, services: Services, resident: Client
) -> None:
    route = services.routes.save_route(None, RouteInput(resident.id, "wmo", "Wmo"))
    route_window = window.routes.make_route_window(route.id)
    route_window.show()
    # Another program deletes the route behind the window's back: its window cannot be read again.
    RouteService(services.database, services.clock, services.catalog).delete_route(route.id)

    message = answer_box(StandardButton.Ok)
    signal = services.routes.save_signal(None, SignalInput(resident.id, date(2026, 11, 20), "no_response", "Stilte"))

    assert message.handled and "bestaat niet (meer)" in message.text
    assert [s.id for s in services.routes.list_signals(resident.id)] == [signal.id]  # the write stands
    assert window.dossier.signals_tab.model.rowCount() == 1  # and the dossier shows it
    assert window.dossier.routes_tab.model.rowCount() == 0
    route_window.close()
