"""The dialog "Rechten van de inwoner": their copy, the hand-over, their requests and their own statement.

Each tab is one right: the copy (PDF or JSON, with the passages that name other people listed so the
supporter can leave them out), the hand-over to a colleague, the register of requests (due within a
month, put off by at most two more with a reason) and the resident's own statement or a correction
made at their request.  What writes a file asks for it here and writes through the services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date
from clientsteun.domain.dossier_format import Body, Mention
from clientsteun.domain.errors import QT_TRANSLATE_NOOP
from clientsteun.domain.rights import REQUEST_WORDS, DossierNote, NoteKind, RequestKind, RightsRequest
from clientsteun.services import Services
from clientsteun.ui.errors import guarded
from clientsteun.ui.widgets.fields import DateField, choice_box, note, plain_text, text_label
from clientsteun.ui.widgets.screen import fit_on_screen
from clientsteun.ui.widgets.table_model import Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table, selected_row

SECTION_WORDS = {
    "conversations": QT_TRANSLATE_NOOP("RightsDialog", "Gesprek"),
    "agreements": QT_TRANSLATE_NOOP("RightsDialog", "Afspraak"),
    "help_questions": QT_TRANSLATE_NOOP("RightsDialog", "Hulpvraag"),
    "routes": QT_TRANSLATE_NOOP("RightsDialog", "Route"),
    "routes.steps": QT_TRANSLATE_NOOP("RightsDialog", "Stap van een route"),
    "routes.evidence": QT_TRANSLATE_NOOP("RightsDialog", "Bewijs bij een route"),
    "meetings": QT_TRANSLATE_NOOP("RightsDialog", "Gesprek met een organisatie"),
    "meetings.companions": QT_TRANSLATE_NOOP("RightsDialog", "Wie gaat er mee"),
    "preparations.questions": QT_TRANSLATE_NOOP("RightsDialog", "Vraag voor een gesprek"),
    "signals": QT_TRANSLATE_NOOP("RightsDialog", "Signaal"),
    "notes": QT_TRANSLATE_NOOP("RightsDialog", "Notitie"),
}
DATE_FIELDS = ("held_on", "on", "recorded_on", "created_on", "received_on")
HEADING_SCALE = 1.3
FEWEST_ROWS, MOST_ROWS = 3, 10  # the list of passages is this many rows high at least, then scrolls


def _fit_rows(rows: QListWidget) -> None:
    """As high as its rows (``FEWEST_ROWS`` to ``MOST_ROWS``): one passage does not sit above an empty box."""
    shown = min(max(rows.count(), FEWEST_ROWS), MOST_ROWS)
    row_height = rows.sizeHintForRow(0) if rows.count() else rows.fontMetrics().height()
    rows.setFixedHeight(max(shown * row_height + 2 * rows.frameWidth() + 4, rows.minimumSizeHint().height()))


def _tr(text: str) -> str:
    return QCoreApplication.translate("RightsDialog", text)


def _located(body: Body, mention: Mention) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The record ``mention`` points at, and the record it belongs to (the route of a step)."""
    top, _, inner = mention.section.partition(".")
    for record in body[top]:
        if not inner and record["uuid"] == mention.uuid:
            return record, None
        for child in record.get(inner, ()) if inner else ():
            if child["uuid"] == mention.uuid:
                return child, record
    raise KeyError(mention.uuid)


def _day(record: dict[str, Any] | None) -> str:
    found = next((record[f] for f in DATE_FIELDS if isinstance(record.get(f), str)), None) if record else None
    return format_date(date.fromisoformat(found)) if found else ""


def _which(body: Body, section: str, record: dict[str, Any], parent: dict[str, Any] | None,
           catalog: Catalog) -> tuple[str, list[str]]:  # fmt: skip
    """The day and what tells the record apart (a kind, a title, an organisation): never its free text,
    which is where another person's name would be."""
    routes = catalog.routes
    if section == "conversations":
        return _day(record), [catalog.kind_name(record["kind"])]
    if section == "routes":
        return "", [record["title"]]
    if section == "routes.steps":
        return _day(record), [routes.step_name(record["kind"]), parent["title"] if parent else ""]
    if section == "routes.evidence":
        return _day(record), [parent["title"] if parent else ""]
    if section in ("meetings", "meetings.companions"):
        meeting = parent or record
        return _day(meeting), [catalog.meetings.name(meeting["kind"]), meeting["organisation"]]
    if section == "preparations.questions" and parent is not None:
        held: dict[str, Any] | None = next((m for m in body["meetings"] if m["uuid"] == parent["meeting_uuid"]), None)
        return _day(held), [catalog.meetings.name(held["kind"])] if held else []
    if section == "signals":
        return _day(record), [routes.theme_name(record["theme"]), record["organisation"]]
    if section == "notes":
        return _day(record), [_tr("Verklaring") if record["kind"] == NoteKind.STATEMENT else _tr("Correctie")]
    return _day(record), []


def mention_label(body: Body, mention: Mention, catalog: Catalog) -> str:
    """ "Gesprek van 02-03-2026 (Intake) – noemt iemand uit het netwerk": which record, never the text itself."""
    record, parent = _located(body, mention)
    day, details = _which(body, mention.section, record, parent, catalog)
    what = _tr(SECTION_WORDS.get(mention.section, mention.section))
    if day:
        what = _tr("{what} van {day}").format(what=what, day=day)
    shown = [detail for detail in details if detail]
    if shown:
        what = _tr("{what} ({details})").format(what=what, details=", ".join(shown))
    who = []
    if mention.network:
        who.append(_tr("iemand uit het netwerk"))
    if mention.other_resident:
        who.append(_tr("een andere inwoner"))
    return _tr("{what} – noemt {who}").format(what=what, who=_tr(" en ").join(who))


class RightsDialog(QDialog):
    def __init__(self, services: Services, client_id: int, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.client_id = client_id
        self.setWindowTitle(self.tr("Rechten van de inwoner: {name}").format(name=name))
        self.heading = text_label(name, bold=True, scale=HEADING_SCALE)  # the one resident this is about
        self.heading.setAccessibleName(self.tr("Inwoner"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Rechten van de inwoner"))
        self.tabs.addTab(self._copy_page(), self.tr("Kopie"))
        self.tabs.addTab(self._hand_over_page(), self.tr("Overdracht"))
        self.tabs.addTab(self._requests_page(), self.tr("Verzoeken"))
        self.tabs.addTab(self._statement_page(), self.tr("Verklaring en correctie"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.status = note()  # what could not be done, said in place
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.fill()
        fit_on_screen(self, 720, 560)

    # -- the copy ------------------------------------------------------------------------------

    def _copy_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            note(
                self.tr(
                    "De inwoner mag alles zien wat over hem of haar is vastgelegd, en een kopie meenemen. "
                    "Hieronder staan de stukken die ook andere mensen noemen. Vink aan wat u weglaat; het "
                    "logboek telt hoeveel stukken zijn weggelaten."
                )
            )
        )
        self.mention_list = QListWidget()
        self.mention_list.setAccessibleName(self.tr("Stukken die andere mensen noemen"))
        self.mention_list.addItem(self.tr("Het dossier wordt gelezen…"))  # until ``show_mentions``
        _fit_rows(self.mention_list)
        layout.addWidget(self.mention_list)
        row = QHBoxLayout()
        self.pdf_button = QPushButton(self.tr("Kopie opslaan als &pdf…"))  # the controller saves, on its tasks
        self.json_button = QPushButton(self.tr("Kopie opslaan als &JSON…"))
        self.pdf_button.setEnabled(False)  # until the passages to leave out are listed
        self.json_button.setEnabled(False)
        row.addWidget(self.pdf_button)
        row.addWidget(self.json_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def left_out(self) -> list[str]:
        items = (self.mention_list.item(row) for row in range(self.mention_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def choose_copy(self, *, pdf: bool) -> Path | None:
        kind = self.tr("PDF-bestanden (*.pdf)") if pdf else self.tr("JSON-bestanden (*.json)")
        suggested = "kopie-dossier.pdf" if pdf else "kopie-dossier.json"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Kopie opslaan als"), suggested, kind)
        return Path(path) if path else None

    def show_mentions(self, body: Body, mentions: list[Mention]) -> None:
        """The passages that name other people, read on a worker thread (``RightsController``)."""
        self.mention_list.clear()
        for mention in mentions:
            item = QListWidgetItem(mention_label(body, mention, self.services.catalog))
            item.setData(Qt.ItemDataRole.UserRole, mention.uuid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.mention_list.addItem(item)
        if not self.mention_list.count():
            self.mention_list.addItem(self.tr("Geen stukken gevonden die andere mensen noemen."))
        _fit_rows(self.mention_list)
        self.pdf_button.setEnabled(True)
        self.json_button.setEnabled(True)

    # -- the hand-over -------------------------------------------------------------------------

    def _hand_over_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            note(
                self.tr(
                    "Draagt u dit dossier over aan een collega? Maak een versleuteld overdrachtsbestand. U ziet "
                    "één keer een overdrachtswachtwoord: geef dat op een andere manier door dan het bestand. "
                    "Heeft uw collega het dossier ingelezen, leg dan hier de overdracht vast."
                )
            )
        )
        self.hand_over_button = QPushButton(self.tr("&Overdrachtsbestand maken…"))
        layout.addWidget(self.hand_over_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.close_choice = QRadioButton(self.tr("Het dossier hier sluiten (reden: overgedragen)"))
        self.close_choice.setChecked(True)
        self.erase_choice = QRadioButton(self.tr("Het dossier hier voorgoed wissen"))
        layout.addWidget(self.close_choice)
        layout.addWidget(self.erase_choice)
        self.record_button = QPushButton(self.tr("Overdracht &vastleggen…"))
        layout.addWidget(self.record_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    # -- the requests --------------------------------------------------------------------------

    def _requests_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            note(
                self.tr(
                    "Een verzoek om inzage, correctie, wissen of een kopie beantwoordt u binnen een maand. "
                    "Met een reden mag het hoogstens twee maanden later. Open verzoeken staan in de agenda."
                )
            )
        )
        self.requests: RowTableModel[RightsRequest] = RowTableModel(
            [
                Column(self.tr("Verzoek"), lambda r: _tr(REQUEST_WORDS[r.kind])),
                Column(self.tr("Ontvangen"), lambda r: format_date(r.received_on)),
                Column(self.tr("Antwoord uiterlijk"), lambda r: format_date(r.due_on)),
                Column(self.tr("Beantwoord"), lambda r: format_date(r.answered_on) or _tr("nog niet")),
                Column(self.tr("Reden van uitstel"), lambda r: r.extension_reason),
            ],
            key=lambda r: r.id,
            parent=self,
        )  # fmt: skip
        self.request_view = make_table(self.requests, stretch=4, accessible_name=self.tr("Verzoeken"))
        layout.addWidget(self.request_view)
        form = QFormLayout()
        self.kind_edit = choice_box([(_tr(word), kind) for kind, word in REQUEST_WORDS.items()], RequestKind.ACCESS)
        self.received_edit = DateField(self.services.clock().date(), required=True)
        self.request_note = QLineEdit()
        self.request_note.setAccessibleName(self.tr("Toelichting bij het verzoek"))
        add = QPushButton(self.tr("Verzoek &toevoegen"))
        add.clicked.connect(self.add_request)
        form.addRow(self.tr("Soort verzoek"), self.kind_edit)
        form.addRow(self.tr("Ontvangen op"), self.received_edit)
        form.addRow(self.tr("Toelichting"), self.request_note)
        form.addRow("", add)
        self.answer_date = DateField(self.services.clock().date())
        self.extension_reason = QLineEdit()
        self.extension_reason.setAccessibleName(self.tr("Reden van uitstel"))
        answered = QPushButton(self.tr("Gekozen verzoek &beantwoord op deze datum"))
        answered.clicked.connect(self.answer_request)
        extend = QPushButton(self.tr("Antwoord &uitstellen tot deze datum"))
        extend.clicked.connect(self.extend_request)
        form.addRow(self.tr("Datum"), self.answer_date)
        form.addRow(self.tr("Reden van uitstel"), self.extension_reason)
        buttons = QHBoxLayout()
        buttons.addWidget(answered)
        buttons.addWidget(extend)
        form.addRow("", buttons)
        layout.addLayout(form)
        return page

    @guarded
    def add_request(self) -> None:
        received = self.received_edit.value()
        assert received is not None  # a required field
        kind = RequestKind(self.kind_edit.currentData())
        self.services.requests.add_request(self.client_id, kind, received, self.request_note.text())
        self.request_note.clear()
        self.fill()

    def _chosen(self, act: Callable[[RightsRequest, date], Any]) -> None:
        request: RightsRequest | None = selected_row(self.request_view)
        on = self.answer_date.value()
        if request is None or on is None:
            self.status.setText(self.tr("Kies eerst een verzoek in de lijst en vul de datum in."))
            return
        self.status.clear()
        act(request, on)
        self.fill()

    @guarded
    def answer_request(self) -> None:
        self._chosen(lambda request, on: self.services.requests.answer_request(request.id, on))

    @guarded
    def extend_request(self) -> None:
        reason = self.extension_reason.text()
        self._chosen(lambda request, on: self.services.requests.extend_request(request.id, on, reason))

    # -- the statement and corrections ---------------------------------------------------------

    def _statement_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            note(
                self.tr(
                    "Is de inwoner het niet eens met wat er staat? Verbeter het waar het staat en leg hier vast "
                    "dat het op verzoek is gecorrigeerd (zonder de oude tekst). De inwoner mag ook een eigen "
                    "verklaring laten opnemen; die komt in de kopie."
                )
            )
        )
        self.note_list = QListWidget()
        self.note_list.setAccessibleName(self.tr("Correcties en verklaringen"))
        layout.addWidget(self.note_list)
        form = QFormLayout()
        self.statement_date = DateField(self.services.clock().date(), required=True)
        self.statement_edit = plain_text("", 70)
        self.statement_edit.setAccessibleName(self.tr("Verklaring van de inwoner"))
        add_statement = QPushButton(self.tr("Verklaring &opnemen"))
        add_statement.clicked.connect(self.add_statement)
        self.corrected_edit = QLineEdit()
        self.corrected_edit.setAccessibleName(self.tr("Wat is verbeterd"))
        self.corrected_edit.setPlaceholderText(self.tr("bijvoorbeeld: verslag van het gesprek van 2 maart"))
        add_correction = QPushButton(self.tr("&Correctie op verzoek vastleggen"))
        add_correction.clicked.connect(self.add_correction)
        form.addRow(self.tr("Datum"), self.statement_date)
        form.addRow(self.tr("Verklaring"), self.statement_edit)
        form.addRow("", add_statement)
        form.addRow(self.tr("Wat is verbeterd"), self.corrected_edit)
        form.addRow("", add_correction)
        layout.addLayout(form)
        return page

    @guarded
    def add_statement(self) -> None:
        on = self.statement_date.value()
        assert on is not None  # a required field
        self.services.requests.add_statement(self.client_id, on, self.statement_edit.toPlainText())
        self.statement_edit.clear()
        self.fill()

    @guarded
    def add_correction(self) -> None:
        self.services.requests.record_correction(self.client_id, self.corrected_edit.text())
        self.corrected_edit.clear()
        self.fill()

    # -- reading -------------------------------------------------------------------------------

    @guarded
    def fill(self) -> None:
        """The requests and notes; the passages come from ``show_mentions``."""
        self.requests.set_rows(self.services.requests.list_requests(self.client_id))
        self.note_list.clear()
        for dossier_note in self.services.requests.notes(self.client_id):
            self.note_list.addItem(_note_line(dossier_note))


def _note_line(dossier_note: DossierNote) -> str:
    kind = _tr("Verklaring") if dossier_note.kind is NoteKind.STATEMENT else _tr("Correctie")
    return f"{format_date(dossier_note.on)} – {kind}: {dossier_note.text}"
