"""The conversation editor: in a first meeting typing answers the template's first question, questions
left unanswered are not saved, and the editor says a note is nearing its limit before it is reached."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.notes import MAX_NOTE_CHARS
from clientsteun.services import Services
from clientsteun.ui.conversations.editor import ConversationEditor
from clientsteun.ui.main_window import MainWindow
from tests.helpers.residents import add_resident


def new_first_meeting(qtbot: QtBot, window: MainWindow, services: Services) -> ConversationEditor:
    client = add_resident(services, "Quinten Fictief", "Hengelo", first_contact=date(2026, 11, 1))
    window.refresh_clients(client.id)
    qtbot.mouseClick(window.dossier.conversation_button, Qt.MouseButton.LeftButton)
    editor = window.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_typing_answers_the_first_question_and_unanswered_ones_are_not_saved(
    qtbot: QtBot, window: MainWindow, services: Services, catalog: Catalog
) -> None:
    editor = new_first_meeting(qtbot, window, services)
    first = catalog.template("first_meeting")
    assert first is not None
    assert editor.focusWidget() is editor.notes_edit
    qtbot.keyClicks(editor.notes_edit, "Goed, maar de huur is te hoog.")
    question = first.text.strip().splitlines()[0]
    assert editor.notes_edit.toPlainText().startswith(f"{question}\nGoed, maar de huur is te hoog.\n")

    with qtbot.waitSignal(editor.saved) as saved:
        qtbot.keyClick(editor.notes_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stored = services.conversations.get_conversation(saved.args[0]).data.notes
    assert stored == f"{question}\nGoed, maar de huur is te hoog.\n"


def test_the_editor_says_how_much_room_is_left_before_the_limit_and_when_it_is_passed(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    editor = new_first_meeting(qtbot, window, services)
    assert editor.length_label.isHidden()
    editor.notes_edit.setPlainText("a" * 95_000)
    assert editor.length_label.text() == "Nog 5000 tekens ruimte in deze notitie (de grens is 100000)."
    assert not editor.length_label.isHidden()
    editor.notes_edit.setPlainText("a" * (MAX_NOTE_CHARS + 7))
    assert editor.length_label.text().startswith("Deze notitie is 7 tekens te lang")
    editor.notes_edit.setPlainText("kort")
    assert editor.length_label.isHidden()
    editor.abandon()
