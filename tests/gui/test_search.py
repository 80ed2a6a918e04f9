"""Searching all notes: hits in the dialog, and a hit opens the conversation with the words marked."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from clientsteun.domain.model import SearchHit
from clientsteun.domain.notes import SNIPPET_MAX_CHARS
from clientsteun.services import Services
from clientsteun.store.tables import ConversationRow
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.widgets.table_model import ROW_ROLE
from tests.helpers.modals import StandardButton, answer_box
from tests.helpers.mouse import double_click
from tests.helpers.residents import add_conversation, add_resident


@pytest.fixture
def notes(window: MainWindow, services: Services) -> dict[str, int]:
    rosa = add_resident(services, "Rosa Fictief", "Almelo")
    sem = add_resident(services, "Sem Fictief", "Hengelo")
    ids = {
        "rosa": add_conversation(
            services, rosa.id, date(2026, 11, 12),
            "Rosa heeft een huurachterstand van drie maanden.\nDe woningcorporatie stuurde een brief. "
            "Over de huurachterstand bellen we samen.",
        ).id,
        "sem": add_conversation(services, sem.id, date(2026, 11, 18), "Sem zoekt werk; geen huurproblemen.").id,
        "other": add_conversation(services, sem.id, date(2026, 10, 1), "Gesprek over vrijwilligerswerk.").id,
    }  # fmt: skip
    window.refresh_clients()
    return ids


def hits(window: MainWindow) -> list[SearchHit]:
    """The hits shown, once the search on the worker thread has reported back."""
    dialog = window.conversations.search_dialog
    assert dialog is not None
    deadline = time.monotonic() + 5
    while dialog.tasks.busy and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    assert not dialog.tasks.busy, "the search never reported back"
    return [dialog.model.index(row, 0).data(ROW_ROLE) for row in range(dialog.model.rowCount())]


def test_typing_in_the_toolbar_search_shows_the_hits(qtbot: QtBot, window: MainWindow, notes: dict[str, int]) -> None:
    qtbot.keyClicks(window.search_edit, "huurachterstand")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    dialog = window.conversations.search_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert [h.conversation_id for h in hits(window)] == [notes["rosa"]]
    assert dialog.count_label.text() == "1 gevonden"
    assert dialog.model.index(0, 1).data() == "Rosa Fictief"
    assert dialog.model.index(0, 0).data() == "12-11-2026"
    assert "huurachterstand" in dialog.model.index(0, 3).data()
    assert "<b style='background:#ffe082'>huurachterstand</b>" in dialog.preview.text()

    # A prefix finds words that start with it; all words must occur.
    dialog.query_edit.clear()
    qtbot.keyClicks(dialog.query_edit, "huur")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert {h.conversation_id for h in hits(window)} == {notes["rosa"], notes["sem"]}
    assert dialog.count_label.text() == "2 gevonden"

    dialog.query_edit.clear()
    qtbot.keyClicks(dialog.query_edit, "huur werk")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert [h.conversation_id for h in hits(window)] == [notes["sem"]]

    dialog.query_edit.clear()
    qtbot.keyClicks(dialog.query_edit, "fietsenmaker")
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert hits(window) == []
    assert dialog.count_label.text() == "Niets gevonden."
    assert dialog.preview.text() == ""


def test_search_text_that_looks_like_query_syntax_is_harmless(window: MainWindow, notes: dict[str, int]) -> None:
    dialog = window.conversations.open_search('"huurachterstand" -brief*)')  # FTS syntax is not passed through
    assert [h.conversation_id for h in hits(window)] == [notes["rosa"]]
    assert dialog.count_label.text() == "1 gevonden"


def test_open_hit_opens_the_conversation_with_the_words_highlighted(
    qtbot: QtBot, window: MainWindow, notes: dict[str, int]
) -> None:
    dialog = window.conversations.open_search("huurachterstand woningcorporatie")
    (hit,) = hits(window)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter on the selected hit

    editor = window.editor
    assert editor is not None
    assert editor.conversation_id == notes["rosa"]
    assert window.current_client_id() == hit.client_id
    assert window.client_list.current_client_id() == hit.client_id
    marked = editor.notes_edit.extraSelections()
    assert len(marked) == 3  # twice "huurachterstand", once "woningcorporatie"
    assert sorted(s.cursor.selectedText().lower() for s in marked) == [
        "huurachterstand", "huurachterstand", "woningcorporatie",
    ]  # fmt: skip
    assert editor.notes_edit.textCursor().position() == marked[0].cursor.selectionStart()
    assert editor.highlight(hit.terms) == 3
    assert editor.highlight(("huur",)) == 2  # a prefix of the word is marked too
    assert editor.highlight(("fietsenmaker",)) == 0
    assert editor.notes_edit.extraSelections() == []


def test_double_click_on_a_hit_opens_one_editor_and_no_warning(
    qtbot: QtBot, window: MainWindow, notes: dict[str, int]
) -> None:
    dialog = window.conversations.open_search("huurachterstand")
    qtbot.waitExposed(dialog)
    assert len(hits(window)) == 1
    warning = answer_box(StandardButton.Ok, timeout_ms=500)
    with qtbot.waitSignal(dialog.open_hit):
        double_click(qtbot, dialog.table, dialog.model.index(0, 3))
    warning.cancel()
    assert not warning.handled, f"unexpected message: {warning.title}"
    assert window.editor is not None
    assert window.editor.conversation_id == notes["rosa"]
    assert len(window.editor.notes_edit.extraSelections()) == 2


def test_the_same_search_dialog_is_reused(window: MainWindow, notes: dict[str, int]) -> None:
    first = window.conversations.open_search("huur")
    second = window.conversations.open_search("vrijwilligerswerk")
    assert first is second
    assert [h.conversation_id for h in hits(window)] == [notes["other"]]


def test_search_runs_off_the_ui_thread_and_a_huge_note_gives_a_short_fragment(
    window: MainWindow, services: Services, notes: dict[str, int]
) -> None:
    huge = ("woord " * 2_000) + "huurachterstand" + ("x" * 900_000)  # stored by an older version
    with services.database.transaction() as session:
        session.execute(update(ConversationRow).where(ConversationRow.id == notes["other"]).values(notes=huge))
    dialog = window.conversations.open_search("huurachterstand")
    assert dialog.count_label.text() == "Zoeken…"  # the window goes on while the worker searches
    found = {hit.conversation_id: hit for hit in hits(window)}
    assert set(found) == {notes["rosa"], notes["other"]}
    assert len(found[notes["other"]].snippet) <= SNIPPET_MAX_CHARS + 2
    assert "huurachterstand" in found[notes["other"]].snippet
    assert dialog.count_label.text() == "2 gevonden"
