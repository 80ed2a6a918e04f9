"""The dialog "Rechten van de inwoner" and its controller: the copy with a passage left out, the requests
register, the statement and corrections, the hand-over with its transfer passphrase shown once, reading
a dossier in (asked for its transfer passphrase, and what to do when the resident is already here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QInputDialog, QProgressDialog
from pytestqt.qtbot import QtBot

from clientsteun.domain.model import (
    AgreementInput,
    ClientInput,
    ConversationInput,
    HelpQuestionInput,
    NetworkMember,
    TimelineKind,
)
from clientsteun.domain.notes import MAX_NOTE_CHARS
from clientsteun.domain.rights import RequestKind
from clientsteun.domain.routes import RouteInput, StepInput
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.dossier.dialogs import AgreementDialog, ClientDialog, HelpQuestionDialog
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.rights.dialog import RightsDialog
from clientsteun.ui.rights.transfer import TransferPassphraseDialog
from clientsteun.ui.tasks import Tasks
from tests.helpers.dialogs import open_dialog, press_save, retype
from tests.helpers.modals import ModalAnswer, StandardButton, answer_box, when_modal
from tests.helpers.pdf import body

JOB_TIMEOUT_MS = 10_000


def _resident(services: Services) -> int:
    client = services.clients.create_client(
        ClientInput(name="Fenna Verzonnen", municipality="Nergenshuizen", network=(NetworkMember("Bram Bedacht"),))
    )
    services.conversations.save_conversation(
        None, ConversationInput(client.id, date(2026, 3, 2), "intake", notes="Bram Bedacht zorgt voor de post.")
    )
    return client.id


def _dialog(qtbot: QtBot, window: MainWindow, services: Services) -> RightsDialog:
    """The dialog as the menu opens it, once its passages are read on the window's worker thread."""
    dialog = window.rights.rights_dialog(_resident(services))
    open_dialog(qtbot, dialog)
    qtbot.waitUntil(dialog.pdf_button.isEnabled, timeout=JOB_TIMEOUT_MS)
    return dialog


def _done(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.tasks.busy, timeout=JOB_TIMEOUT_MS)


def test_the_copy_lists_what_names_others_and_leaves_the_ticked_passage_out(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, window, services)
    assert dialog.mention_list.count() == 1
    item = dialog.mention_list.item(0)
    assert item.text() == "Gesprek van 02-03-2026 (intake) – noemt iemand uit het netwerk"  # a kind not in the catalog
    item.setCheckState(Qt.CheckState.Checked)
    written = tmp_path / "kopie.pdf"
    window.rights.save_copy(dialog, written, pdf=True)
    _done(qtbot, window)
    assert dialog.status.text() == "Kopie opgeslagen als kopie.pdf."
    shown = body(written.read_bytes())
    assert "Fenna Verzonnen" in shown and "zorgt voor de post" not in shown and "weggelaten" in shown
    last = services.audit.entries()[-1]
    assert last.detail == "kopie voor de inwoner, pdf; 1 stukken weggelaten"


def test_the_dialog_names_its_resident_and_each_passage_s_record_but_not_the_other_person(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client_id = _resident(services)
    route = services.routes.save_route(
        None, RouteInput(client_id, "wmo", "Hulp bij het huishouden", contact="Bram Bedacht belt mee")
    )
    services.routes.save_step(None, StepInput(route.id, date(2026, 11, 2), "applied", note="Met Bram Bedacht"))
    dialog = window.rights.rights_dialog(client_id)
    open_dialog(qtbot, dialog)
    qtbot.waitUntil(dialog.pdf_button.isEnabled, timeout=JOB_TIMEOUT_MS)
    assert dialog.heading.text() == "Fenna Verzonnen" and dialog.heading.isVisible()
    labels = [dialog.mention_list.item(row).text() for row in range(dialog.mention_list.count())]
    step = services.catalog.routes.step_name("applied")
    assert labels == [
        "Gesprek van 02-03-2026 (intake) – noemt iemand uit het netwerk",
        "Route (Hulp bij het huishouden) – noemt iemand uit het netwerk",
        f"Stap van een route van 02-11-2026 ({step}, Hulp bij het huishouden) – noemt iemand uit het netwerk",
    ]
    assert not any("Bram" in label for label in labels)
    rows = dialog.mention_list
    assert rows.height() < 6 * rows.sizeHintForRow(0)  # as high as its few rows, not an empty box


def test_a_request_is_added_put_off_with_a_reason_and_answered(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    dialog = _dialog(qtbot, window, services)
    dialog.kind_edit.setCurrentIndex(dialog.kind_edit.findData(RequestKind.ERASURE))
    dialog.received_edit.set_value(date(2026, 11, 2))
    dialog.add_request()
    assert [r.kind for r in dialog.requests.rows()] == [RequestKind.ERASURE]
    dialog.answer_request()
    assert "Kies eerst een verzoek" in dialog.status.text()
    dialog.request_view.selectRow(0)
    dialog.answer_date.set_value(date(2027, 1, 15))
    dialog.extension_reason.setText("Er zijn veel stukken")
    dialog.extend_request()
    assert dialog.requests.rows()[0].due_on == date(2027, 1, 15)
    assert any(item.what.startswith("Antwoord op verzoek om wissen") for item in services.agenda.agenda())
    dialog.request_view.selectRow(0)
    dialog.answer_date.set_value(date(2026, 12, 1))
    dialog.answer_request()
    assert dialog.requests.rows()[0].answered_on == date(2026, 12, 1)
    assert not any(item.uid.startswith("request-") for item in services.agenda.agenda())


def test_the_statement_and_a_correction_are_listed_and_in_the_timeline(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    dialog = _dialog(qtbot, window, services)
    dialog.statement_edit.setPlainText("Ik ben het niet eens met het verslag.")
    dialog.add_statement()
    dialog.corrected_edit.setText("verslag van 2 maart")
    dialog.add_correction()
    lines = [dialog.note_list.item(row).text() for row in range(dialog.note_list.count())]
    assert lines == [
        "23-11-2026 – Verklaring: Ik ben het niet eens met het verslag.",
        "23-11-2026 – Correctie: Gecorrigeerd op verzoek van de inwoner: verslag van 2 maart",
    ]
    kinds = {entry.kind for entry in services.dossier.open(dialog.client_id).timeline}
    assert {TimelineKind.STATEMENT, TimelineKind.CORRECTED} <= kinds


def test_the_details_form_s_correction_box_leaves_a_note(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    client_id = _resident(services)

    def correct(dialog: ClientDialog) -> None:
        assert dialog.correction.isVisible()
        retype(qtbot, dialog.name_edit, "Fenna Verbeterd")
        dialog.correction.setChecked(True)
        press_save(qtbot, dialog)

    answer = when_modal(ClientDialog, correct)
    window.residents.edit_client(client_id)
    assert answer.handled
    (note,) = services.requests.notes(client_id)
    assert note.text == "Gecorrigeerd op verzoek van de inwoner: naam"


def test_editing_an_agreement_at_the_resident_s_request_leaves_the_same_note(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client_id = _resident(services)
    agreement = services.agreements.save_agreement(None, AgreementInput(client_id, "Huurtoeslag aanvragen", "inwoner"))
    window.residents.show(client_id)

    def correct(dialog: AgreementDialog) -> None:
        assert dialog.correction.isVisible()
        retype(qtbot, dialog.who_edit.lineEdit(), "supporter")
        dialog.correction.setChecked(True)
        press_save(qtbot, dialog)

    answer = when_modal(AgreementDialog, correct)
    window.residents.edit_agreement(agreement.id)
    assert answer.handled
    (note,) = services.requests.notes(client_id)
    assert note.text == "Gecorrigeerd op verzoek van de inwoner: afspraak: wie het doet"  # the field, no values
    assert window.dossier.agreements_tab.agreement(agreement.id).data.who == "supporter"  # type: ignore[union-attr]
    hidden: list[bool] = []

    def look(dialog: AgreementDialog) -> None:
        hidden.append(dialog.correction.isHidden())
        dialog.reject()

    new = when_modal(AgreementDialog, look)
    window.residents.new_agreement(client_id)
    assert new.handled and hidden == [True]  # a new agreement has nothing to correct: no box


def test_correcting_a_conversation_saves_it_with_one_note_and_a_refused_save_leaves_none(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client_id = _resident(services)
    (line,) = services.clients.get_dossier(client_id).conversations
    window.conversations.open_conversation(line.id)
    editor = window.editor
    assert editor is not None and editor.correction.isVisible()
    editor.correction.setChecked(True)
    editor.duration_edit.setValue(45)
    editor.notes_edit.setPlainText("x" * (MAX_NOTE_CHARS + 1))
    answer = answer_box(StandardButton.Ok)
    assert not editor.save()  # too long: refused, and no note either
    assert answer.handled and services.requests.notes(client_id) == []
    editor.notes_edit.setPlainText("Bram Bedacht helpt met de post.")
    assert editor.save()
    (note,) = services.requests.notes(client_id)
    assert note.text == "Gecorrigeerd op verzoek van de inwoner: gesprek van 02-03-2026: duur, notities"
    assert services.conversations.get_conversation(line.id).data.duration_minutes == 45


def test_a_new_version_of_the_help_question_at_the_resident_s_request_leaves_one_note(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client_id = _resident(services)
    services.clients.add_help_question(client_id, HelpQuestionInput(date(2026, 3, 2), "Hulp bij post", "Overzicht"))
    window.residents.show(client_id)

    def correct(dialog: HelpQuestionDialog) -> None:
        assert dialog.correction.isVisible()
        dialog.asked_edit.setPlainText("Hulp bij brieven")
        dialog.correction.setChecked(True)
        press_save(qtbot, dialog)

    answer = when_modal(HelpQuestionDialog, correct)
    window.residents.new_help_question(client_id)
    assert answer.handled
    (note,) = services.requests.notes(client_id)
    assert note.text == "Gecorrigeerd op verzoek van de inwoner: hulpvraag: wat er wordt gevraagd"
    assert services.clients.help_questions(client_id)[0].asked == "Hulp bij brieven"


def test_hand_over_shows_the_passphrase_once_and_import_asks_for_it(
    qtbot: QtBot, window: MainWindow, services: Services, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, window, services)
    seen: list[str] = []

    def note_it(shown: TransferPassphraseDialog) -> None:
        assert not shown.ok.isEnabled()
        shown.reject()  # Escape before noting it: the passphrase stays on screen
        assert shown.isVisible()
        seen.append(shown.passphrase.text())
        qtbot.mouseClick(shown.noted, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(shown.ok, Qt.MouseButton.LeftButton)

    answer = when_modal(TransferPassphraseDialog, note_it)
    handed = tmp_path / "overdracht.clientsteun"
    window.rights.hand_over(dialog, handed)
    _done(qtbot, window)
    assert answer.handled and handed.exists()
    (passphrase,) = seen

    def type_passphrase(text: str) -> ModalAnswer[QInputDialog]:
        def type_it(box: QInputDialog) -> None:
            box.setTextValue(text)
            box.accept()

        return when_modal(QInputDialog, type_it)

    wrong = type_passphrase("bakol-tumer-sifan-dorek-mipas-lutav")
    error = answer_box(StandardButton.Ok)
    window.rights.import_file(handed)
    _done(qtbot, window)
    qtbot.waitUntil(lambda: error.handled, timeout=JOB_TIMEOUT_MS)
    assert wrong.handled and "overdrachtswachtwoord" in error.text
    typed = type_passphrase(passphrase)
    already = answer_box("Als kopie inlezen")
    told = answer_box(StandardButton.Ok)  # "intake" is no conversation kind of this catalog: kept, and said
    window.rights.import_file(handed)
    _done(qtbot, window)
    qtbot.waitUntil(lambda: already.handled and told.handled, timeout=JOB_TIMEOUT_MS)
    assert typed.handled and "kent niet: soort gesprek ‘intake’" in told.text
    residents = services.clients.list_clients()
    assert [c.name for c in residents] == ["Fenna Verzonnen", "Fenna Verzonnen"]
    assert window.dossier.client_id == max(c.id for c in residents)  # the new dossier is shown


def test_recording_the_hand_over_closes_the_dossier(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    dialog = _dialog(qtbot, window, services)
    yes = answer_box(StandardButton.Yes)
    window.rights.record_hand_over(dialog, erase=False)
    assert yes.handled and not dialog.isVisible()
    client = services.clients.get_client(dialog.client_id)
    assert (client.status.value, client.close_reason) == ("closed", "overgedragen")


def test_the_hand_over_is_made_on_a_worker_thread_with_progress_and_the_window_stays_responsive(
    qtbot: QtBot, services: Services, settings: Settings, tmp_path: Path
) -> None:
    window = MainWindow(services, settings, Tasks(QThreadPool.globalInstance(), progress_delay_ms=1))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    dialog = _dialog(qtbot, window, services)
    ticks: list[int] = []
    progress_seen: set[str] = set()

    def beat() -> None:  # on the UI thread, while the job runs
        if window.tasks.busy:
            ticks.append(1)
            progress_seen.update(p.labelText() for p in dialog.findChildren(QProgressDialog) if p.isVisible())

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(5)

    def note_it(shown: TransferPassphraseDialog) -> None:
        shown.noted.click()
        shown.ok.click()

    noted = when_modal(TransferPassphraseDialog, note_it)
    handed = tmp_path / "overdracht.clientsteun"

    window.rights.hand_over(dialog, handed)  # Argon2id at its real cost, about 0.2 s
    assert window.tasks.busy, "it returns at once; the work is on a worker thread"
    _done(qtbot, window)
    heartbeat.stop()

    assert ticks, "the UI thread handled its timer while the file was being encrypted"
    assert progress_seen == {"Het overdrachtsbestand wordt versleuteld…"}
    assert noted.handled and handed.exists()
    QThreadPool.globalInstance().waitForDone(JOB_TIMEOUT_MS)
