"""A supporter's first morning with Clientsteun, through the real window on a real database file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.domain.dates import format_date
from clientsteun.ui.dossier.dialogs import AgreementDialog, ClientDialog
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.widgets.table_model import ROW_ROLE
from tests.e2e.conftest import TODAY
from tests.helpers.modals import StandardButton, answer_box, when_modal

OpenWindow = Callable[[Path, Path], MainWindow]  # the open_window fixture
NOTE = "Huurachterstand van twee maanden besproken. Samen een brief aan de woningcorporatie geschreven."


def toolbar_button(window: MainWindow, text: str) -> QWidget:
    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert toolbar is not None
    action = next(a for a in toolbar.actions() if a.text().replace("&", "").removesuffix("…") == text)
    button = toolbar.widgetForAction(action)
    assert button is not None
    return button


def press_save(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def expect_no_message(window: MainWindow) -> None:
    """At start, with nothing left behind, no draft is offered."""
    answer = answer_box(StandardButton.Ok, timeout_ms=300)
    window.offer_drafts()
    answer.cancel()
    assert not answer.handled, f"unexpected message: {answer.title}"


def test_record_a_resident_then_find_the_note_after_a_restart(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    db = tmp_path / "werkmap" / "clientsteun.db"
    settings_file = tmp_path / "instellingen.ini"
    today = TODAY
    window = open_window(db, settings_file)
    expect_no_message(window)
    assert window.dossier.currentWidget() is window.dossier.empty

    # A new resident, typed into the form.
    def fill_in_resident(dialog: ClientDialog) -> None:
        assert dialog.windowTitle() == "Nieuwe inwoner"
        assert dialog.first_contact_edit.text() == format_date(today)
        qtbot.keyClicks(dialog.name_edit, "Ursula Fictief")
        qtbot.keyClicks(dialog.municipality_edit.lineEdit(), "Haaksbergen")
        qtbot.keyClicks(dialog.phone_edit, "06-11223344")
        qtbot.keyClicks(dialog.consent_given, format_date(today))
        qtbot.keyClicks(dialog.consent_record, "Gespreksverslagen en afspraken")
        press_save(qtbot, dialog.buttons)

    answer = when_modal(ClientDialog, fill_in_resident)
    qtbot.mouseClick(toolbar_button(window, "Nieuwe inwoner"), Qt.MouseButton.LeftButton)
    assert answer.handled
    assert window.dossier.currentWidget() is window.dossier.content
    assert window.dossier.name_label.text() == "Ursula Fictief"
    assert f"toestemming gegeven op {format_date(today)}" in window.dossier.meta_label.text()
    (row,) = [window.client_list.model.index(r, 0).data(ROW_ROLE) for r in range(window.client_list.model.rowCount())]
    assert (row.display_name, row.municipality) == ("Ursula Fictief", "Haaksbergen")
    assert window.client_list.current_client_id() == row.id

    # The first conversation: the first-meeting template is offered; the note is typed below it.
    qtbot.mouseClick(window.dossier.conversation_button, Qt.MouseButton.LeftButton)
    editor = window.editor
    assert editor is not None
    assert editor.kind_edit.currentData() == "first_meeting"
    assert editor.notes_edit.toPlainText().strip()  # the template
    qtbot.keyClick(editor.notes_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.notes_edit, NOTE)
    with qtbot.waitSignal(editor.saved):
        press_save(qtbot, editor.buttons)
    assert window.editor is None
    timeline = window.dossier.timeline_tab.model
    assert timeline.index(0, 1).data() == "Gesprek: Kennismaking"
    assert window.client_list.model.index(0, 2).data() == format_date(today)  # last contact

    # An agreement, through its dialog.
    due = today + timedelta(days=7)

    def fill_in_agreement(dialog: AgreementDialog) -> None:
        qtbot.keyClicks(dialog.description_edit, "Betalingsregeling voorstellen aan de woningcorporatie")
        qtbot.keyClicks(dialog.who_edit.lineEdit(), "Inwoner")
        qtbot.keyClicks(dialog.due_edit, format_date(due))
        press_save(qtbot, dialog.buttons)

    agreement = when_modal(AgreementDialog, fill_in_agreement)
    qtbot.mouseClick(window.dossier.agreement_button, Qt.MouseButton.LeftButton)
    assert agreement.handled
    agreements = window.dossier.agreements_tab.model
    assert agreements.rowCount() == 1
    assert agreements.index(0, 0).data() == "Betalingsregeling voorstellen aan de woningcorporatie"
    assert agreements.index(0, 2).data() == format_date(due)
    assert window.client_list.model.index(0, 3).data() == "1"

    # Quit (as the application does), then start again on the same file.
    window.close()
    window.services.close()
    assert settings_file.exists()

    window = open_window(db, settings_file)
    expect_no_message(window)
    assert window.client_list.model.rowCount() == 1
    assert window.client_list.model.index(0, 0).data() == "Ursula Fictief"

    qtbot.keyClicks(window.search_edit, "woningcorporatie brief")
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    dialog = window.conversations.search_dialog
    assert dialog is not None
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 1).data() == "Ursula Fictief"
    assert dialog.model.index(0, 2).data() == "Kennismaking"

    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # open the hit
    editor = window.editor
    assert editor is not None
    assert NOTE in editor.notes_edit.toPlainText()
    assert len(editor.notes_edit.extraSelections()) >= 2  # "brief" and "woningcorporatie", marked
    assert editor.highlight(("woningcorporatie",)) >= 1
    assert window.dossier.name_label.text() == "Ursula Fictief"

    # Nothing changed, so Cancel closes without a question.
    no_question = answer_box("Niet opslaan", timeout_ms=300)
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    no_question.cancel()
    assert not no_question.handled
    assert window.editor is None
