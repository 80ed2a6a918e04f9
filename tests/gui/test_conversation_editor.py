"""The conversation editor as opened from the main window: drafts, cancel, templates, long notes."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import Client, ConversationInput
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.conversations.editor import ConversationEditor
from clientsteun.ui.main_window import MainWindow
from tests.helpers.modals import StandardButton, answer_box
from tests.helpers.residents import add_resident

UNSAVED_QUESTION = "U heeft dit gesprek nog niet opgeslagen. Wat wilt u doen?"


@pytest.fixture
def resident(window: MainWindow, services: Services) -> Client:
    client = add_resident(services, "Quinten Fictief", "Hengelo", first_contact=date(2026, 11, 1))
    window.refresh_clients(client.id)
    assert window.current_client_id() == client.id
    return client


def open_new_conversation(qtbot: QtBot, window: MainWindow) -> ConversationEditor:
    qtbot.mouseClick(window.dossier.conversation_button, Qt.MouseButton.LeftButton)
    editor = window.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    return editor


def type_at_end(qtbot: QtBot, editor: ConversationEditor, text: str) -> None:
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.notes_edit, text)


def click(qtbot: QtBot, editor: ConversationEditor, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(editor.buttons.button(which), Qt.MouseButton.LeftButton)


def test_typing_is_kept_as_a_draft_after_the_autosave_delay(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client, settings: Settings
) -> None:
    assert settings.autosave_delay_ms == 200
    editor = open_new_conversation(qtbot, window)
    type_at_end(qtbot, editor, "Brief van de woningcorporatie samen gelezen.")
    assert editor.dirty
    assert services.conversations.list_drafts() == []  # not before the delay has passed

    qtbot.waitUntil(lambda: len(services.conversations.list_drafts()) == 1, timeout=3000)
    (draft,) = services.conversations.list_drafts()
    assert draft.id == editor.draft_id
    assert draft.conversation_id is None
    assert draft.data.client_id == resident.id
    assert draft.data.notes == editor.notes_edit.toPlainText()
    assert draft.data.notes.endswith("Brief van de woningcorporatie samen gelezen.")
    assert not editor.dirty
    assert editor.status_label.text().startswith("Concept bewaard om")

    # More typing updates the same draft; saving the conversation removes it.
    type_at_end(qtbot, editor, " Afspraak gemaakt.")
    qtbot.waitUntil(lambda: services.conversations.list_drafts()[0].data.notes.endswith("Afspraak gemaakt."))
    assert [d.id for d in services.conversations.list_drafts()] == [draft.id]
    with qtbot.waitSignal(editor.saved):
        click(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    assert services.conversations.list_drafts() == []
    (conversation,) = services.clients.get_dossier(resident.id).conversations
    assert conversation.data.notes.endswith("samen gelezen. Afspraak gemaakt.")
    assert window.editor is None


def test_moving_the_focus_keeps_a_draft_at_once(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client, settings: Settings
) -> None:
    settings.autosave_delay_ms = 60_000  # the timer cannot be what saves here
    editor = open_new_conversation(qtbot, window)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    editor.notes_edit.setFocus()
    qtbot.waitUntil(editor.notes_edit.hasFocus)
    type_at_end(qtbot, editor, "Gesprek over de schuldhulp.")
    assert services.conversations.list_drafts() == []

    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_Tab)  # Tab leaves the notes

    assert not editor.notes_edit.hasFocus()
    (draft,) = services.conversations.list_drafts()
    assert draft.data.notes.endswith("Gesprek over de schuldhulp.")
    assert not editor.dirty


def test_cancel_with_changes_asks_and_discard_removes_the_draft(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    editor = open_new_conversation(qtbot, window)
    type_at_end(qtbot, editor, "Dit wil de inwoner toch niet vastleggen.")
    qtbot.waitUntil(lambda: len(services.conversations.list_drafts()) == 1)

    answer = answer_box("Niet opslaan")
    with qtbot.waitSignal(editor.closed):
        click(qtbot, editor, QDialogButtonBox.StandardButton.Cancel)

    assert answer.handled
    assert answer.text == UNSAVED_QUESTION
    assert services.conversations.list_drafts() == []
    assert services.clients.get_dossier(resident.id).conversations == ()
    assert window.editor is None


def test_cancel_with_changes_then_cancel_keeps_editing_and_save_saves(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    editor = open_new_conversation(qtbot, window)
    type_at_end(qtbot, editor, "Nog even doorschrijven.")
    text = editor.notes_edit.toPlainText()

    answer = answer_box(StandardButton.Cancel)
    click(qtbot, editor, QDialogButtonBox.StandardButton.Cancel)
    assert answer.handled
    assert editor.isVisible()
    assert window.editor is editor
    assert editor.notes_edit.toPlainText() == text

    answer = answer_box(StandardButton.Save)
    with qtbot.waitSignal(editor.saved):
        click(qtbot, editor, QDialogButtonBox.StandardButton.Cancel)
    assert answer.handled
    (conversation,) = services.clients.get_dossier(resident.id).conversations
    last_question = text.splitlines()[-2]  # the template's questions left unanswered are not saved
    assert conversation.data.notes == f"{last_question}\nNog even doorschrijven."
    assert services.conversations.list_drafts() == []
    assert window.editor is None


def test_cancel_without_changes_closes_without_asking(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    editor = open_new_conversation(qtbot, window)
    answer = answer_box("Niet opslaan", timeout_ms=500)
    with qtbot.waitSignal(editor.closed):
        click(qtbot, editor, QDialogButtonBox.StandardButton.Cancel)
    answer.cancel()
    assert not answer.handled
    assert window.editor is None
    assert services.conversations.list_drafts() == []


def test_first_meeting_gets_its_template_and_later_conversations_do_not(
    qtbot: QtBot, window: MainWindow, services: Services, catalog: Catalog, resident: Client
) -> None:
    first_meeting = catalog.template("first_meeting")
    assert first_meeting is not None
    editor = open_new_conversation(qtbot, window)
    assert editor.kind_edit.currentData() == "first_meeting"
    assert editor.notes_edit.toPlainText() == first_meeting.text.strip() + "\n"
    assert not editor.dirty  # an untouched template is nothing to keep
    with qtbot.waitSignal(editor.saved):
        click(qtbot, editor, QDialogButtonBox.StandardButton.Save)

    editor = open_new_conversation(qtbot, window)
    assert editor.kind_edit.currentData() == "home_visit"
    assert editor.notes_edit.toPlainText() == ""

    # Choosing a kind with a template fills the still empty note ...
    preparation = catalog.template("preparation")
    assert preparation is not None
    editor.kind_edit.setCurrentIndex(editor.kind_edit.findData("preparation"))
    assert editor.notes_edit.toPlainText() == preparation.text.strip() + "\n"
    # ... and a template can be inserted from the chooser with the keyboard.
    editor.template_edit.setFocus()
    qtbot.keyClick(editor.template_edit, Qt.Key.Key_Down)
    assert editor.template_edit.currentIndex() == 0  # the chooser resets itself
    assert editor.notes_edit.toPlainText().count(first_meeting.text.strip()) == 1
    assert editor.notes_edit.toPlainText().count(preparation.text.strip()) == 1


def long_note(length: int = 50_000) -> str:
    """Fictional text with emoji (outside the BMP), skin tones, flags, accents and tabs."""
    lines = [
        "Inwoner vertelt over de huurachterstand 🏠 en de brief van de gemeente ✉️.",
        "Crème brûlée, één, naïef, Zoë, Ĳsselmeer — ‘aanhalingstekens’ en «guillemets».",
        "Samen gebeld 📞👍🏽 met de consulent; afspraak voor volgende week 🇳🇱.",
        "\tIngesprongen regel met tab en getallen 1.234,56 € en 100%.",
        "Familie: 👨‍👩‍👧‍👦 komt ook mee naar het keukentafelgesprek. 😊",
    ]
    text = ""
    number = 0
    while len(text) < length:
        text += f"{number:05d} {lines[number % len(lines)]}\n"
        number += 1
    return text[:length]


def test_a_note_of_50000_characters_with_emoji_is_saved_exactly(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    note = long_note()
    assert len(note) == 50_000
    editor = open_new_conversation(qtbot, window)
    editor.notes_edit.selectAll()
    QApplication.clipboard().setText(note)
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # paste over the template
    assert editor.notes_edit.toPlainText() == note

    with qtbot.waitSignal(editor.saved) as blocker:
        click(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    conversation_id = blocker.args[0]
    assert services.conversations.get_conversation(conversation_id).data.notes == note

    window.conversations.open_conversation(conversation_id)
    reopened = window.editor
    assert reopened is not None
    assert reopened.notes_edit.toPlainText() == note
    assert not reopened.dirty
    assert services.conversations.search("keukentafelgesprek")[0].conversation_id == conversation_id


def test_a_wrong_date_in_the_editor_explains_and_saves_no_conversation(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    editor = open_new_conversation(qtbot, window)
    type_at_end(qtbot, editor, "Kort gesprek op straat.")
    editor.date_edit.setFocus()
    qtbot.keyClick(editor.date_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.date_edit, "31-02-2026")

    answer = answer_box(StandardButton.Ok)
    click(qtbot, editor, QDialogButtonBox.StandardButton.Save)
    assert answer.handled
    assert answer.text == "Deze datum bestaat niet. Controleer de dag en de maand."
    assert editor.isVisible()
    assert services.clients.get_dossier(resident.id).conversations == ()
    # The draft still keeps the typing, with the last date that was valid.
    qtbot.waitUntil(lambda: len(services.conversations.list_drafts()) == 1)
    (draft,) = services.conversations.list_drafts()
    assert draft.data.held_on == date(2026, 11, 23)
    assert draft.data.notes.endswith("Kort gesprek op straat.")


def test_a_second_conversation_cannot_be_opened_next_to_the_first(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    editor = open_new_conversation(qtbot, window)
    answer = answer_box(StandardButton.Ok)
    qtbot.mouseClick(window.dossier.conversation_button, Qt.MouseButton.LeftButton)
    assert answer.handled
    assert answer.title == "Er is al een gesprek open"
    assert window.editor is editor


def test_closing_the_window_keeps_an_open_conversation_as_a_draft(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client, settings: Settings
) -> None:
    settings.autosave_delay_ms = 60_000
    editor = open_new_conversation(qtbot, window)
    type_at_end(qtbot, editor, "Halverwege het verslag gaat de laptop dicht.")
    assert services.conversations.list_drafts() == []
    window.close()
    (draft,) = services.conversations.list_drafts()
    assert draft.data.notes.endswith("Halverwege het verslag gaat de laptop dicht.")
    assert window.editor is None
    assert window.settings.window_geometry != b""


def test_steady_typing_without_pauses_still_stores_drafts(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client, settings: Settings
) -> None:
    editor = open_new_conversation(qtbot, window)
    # A keystroke every 100 ms never leaves the 200 ms pause the normal autosave waits for.
    for _ in range(14):
        type_at_end(qtbot, editor, "x")
        qtbot.wait(100)
        if services.conversations.list_drafts():
            break
    (draft,) = services.conversations.list_drafts()
    assert draft.data.notes.endswith("x")


def test_highlight_marks_the_words_search_found_ignoring_accents(
    qtbot: QtBot, window: MainWindow, services: Services, resident: Client
) -> None:
    note = "😀 Eén keer gebeld met de gemeente; daarna één brief."
    conversation = services.conversations.save_conversation(
        None, ConversationInput(resident.id, date(2026, 11, 20), "phone_call", notes=note)
    )
    window.conversations.open_conversation(conversation.id, ("een",))
    editor = window.editor
    assert editor is not None
    marked = [selection.cursor.selectedText() for selection in editor.notes_edit.extraSelections()]
    assert marked == ["Eén", "één"]  # not the 'een' inside 'gemeente'; positions right after an emoji
    assert editor.notes_edit.textCursor().position() == 3  # at the first hit (the emoji counts two)


def test_the_areas_of_life_are_as_high_as_their_rows_at_any_width(
    qtbot: QtBot, window: MainWindow, resident: Client
) -> None:
    editor = open_new_conversation(qtbot, window)
    domains = editor.domains
    for width in (720, 520):
        editor.resize(width, editor.height())
        qtbot.waitUntil(lambda: not domains.verticalScrollBar().maximum())  # nothing hidden below
        last = domains.visualRect(domains.model().index(domains.count() - 1, 0))
        assert 0 <= domains.viewport().height() - last.bottom() <= last.height() / 2  # no empty box underneath
    editor.dirty = False
    editor.reject()
