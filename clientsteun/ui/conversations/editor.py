"""Writing up a conversation.  Typing is kept as a draft a moment after the last keystroke, every
few seconds during steady typing, when focus moves, and when the app quits, so a crash loses at
most the last few seconds."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.catalog_reader import CatalogItem
from clientsteun.domain.dates import format_date, format_time, parse_time
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import Conversation, ConversationInput
from clientsteun.domain.notes import MAX_NOTE_CHARS, NOTE_WARNING_CHARS, template_questions, without_unanswered
from clientsteun.domain.text import word_prefix_spans
from clientsteun.ui.errors import show_error
from clientsteun.ui.rights.correction import CorrectionBox, changed_fields, correction_what
from clientsteun.ui.widgets.fields import CheckList, DateField
from clientsteun.ui.widgets.forms import Unsaved, ask_about_unsaved
from clientsteun.ui.widgets.screen import fit_on_screen

log = logging.getLogger(__name__)
HIGHLIGHT = QColor("#ffe082")
LONGEST_WAIT_FACTOR = 4  # typing without a pause still stores a draft every 4 autosave delays (6 s)

SaveConversation = Callable[[int | None, ConversationInput, int | None], Conversation]
# The same save as a correction at the resident's request, naming what was corrected (the dated note).
CorrectConversation = Callable[[int | None, ConversationInput, int | None, str], Conversation]
SaveDraft = Callable[[int | None, int | None, ConversationInput], int]


class AreaList(CheckList):
    """The areas of life side by side, each read whole, in as many rows as the width needs: as high as
    those rows, with no empty box under them."""

    def __init__(self, items: tuple[CatalogItem, ...], checked: tuple[str, ...]) -> None:
        super().__init__(items, checked)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it grows instead
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it wraps instead

    def minimumSizeHint(self) -> QSize:
        """One row (a scroll area asks for room for its scroll bars, which this list never shows)."""
        return QSize(super().minimumSizeHint().width(), self.sizeHintForRow(0) + 2 * self.frameWidth())

    def updateGeometries(self) -> None:
        super().updateGeometries()  # after every layout of the items, as the width changes
        wanted = self.contentsSize().height() + 2 * self.frameWidth()
        if self.count() and wanted != self.height():
            self.setFixedHeight(wanted)


class ConversationEditor(QDialog):
    saved = Signal(int)  # conversation id
    closed = Signal()

    def __init__(
        self,
        catalog: Catalog,
        client_name: str,
        data: ConversationInput,
        *,
        conversation_id: int | None,
        save: SaveConversation,
        save_draft: SaveDraft,
        discard_draft: Callable[[int], None],
        delete: Callable[[int], None],
        autosave_ms: int,
        draft_id: int | None = None,
        parent: QWidget | None = None,
        correct: CorrectConversation | None = None,
    ) -> None:
        """``correct`` (for a saved conversation): the box that saves as a correction at the resident's request."""
        super().__init__(parent)
        self.catalog = catalog
        self._before = data  # what the correction note compares with
        self.correction = CorrectionBox(correct is not None)
        self._correct = correct
        self.conversation_id = conversation_id
        self.draft_id = draft_id
        self._save = save
        self._save_draft = save_draft
        self._discard_draft = discard_draft
        self._delete = delete
        self.client_id = data.client_id
        self._last_date: date = data.held_on
        self.dirty = draft_id is not None  # a restored draft is not saved yet
        title = self.tr("Nieuw gesprek") if conversation_id is None else self.tr("Gesprek")
        self.setWindowTitle(f"{title} — {client_name}")

        self.date_edit = DateField(data.held_on, required=True)
        self.date_edit.setAccessibleName(self.tr("Datum"))
        self.time_edit = QLineEdit(format_time(data.start_time))
        self.time_edit.setAccessibleName(self.tr("Begintijd"))
        self.time_edit.setPlaceholderText(self.tr("uu:mm"))
        self.time_edit.setMaximumWidth(80)
        self.duration_edit = QSpinBox()
        self.duration_edit.setAccessibleName(self.tr("Duur"))
        self.duration_edit.setRange(0, 24 * 60)
        self.duration_edit.setSingleStep(15)
        self.duration_edit.setSuffix(self.tr(" min"))
        self.duration_edit.setSpecialValueText(self.tr("onbekend"))
        self.duration_edit.setValue(data.duration_minutes or 0)
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(QLabel(self.tr("om")))
        when.addWidget(self.time_edit)
        when.addWidget(QLabel(self.tr("duur")))
        when.addWidget(self.duration_edit)
        when.addStretch(1)

        self.kind_edit = QComboBox()
        for kind in catalog.conversation_kinds:
            self.kind_edit.addItem(kind.name, kind.code)
        _select_code(self.kind_edit, data.kind)
        self.medium_edit = QComboBox()
        self.medium_edit.addItem(self.tr("(niet ingevuld)"), "")
        for medium in catalog.media:
            self.medium_edit.addItem(medium.name, medium.code)
        _select_code(self.medium_edit, data.medium)
        self.contact_edit = QCheckBox(self.tr("Er was contact"))
        self.contact_edit.setChecked(data.contact_made)
        self.participants_edit = QLineEdit(data.participants)
        self.domains = AreaList(catalog.life_domains, data.life_domains)

        self.template_edit = QComboBox()
        self.template_edit.addItem(self.tr("Sjabloon invoegen…"), "")
        for template in catalog.note_templates:
            self.template_edit.addItem(template.name, template.code)
        self.template_edit.activated.connect(self._insert_chosen_template)
        self.notes_edit = QPlainTextEdit(data.notes)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setAccessibleName(self.tr("Notities"))
        self.notes_edit.setMinimumHeight(220)
        self._questions = template_questions(t.text for t in catalog.note_templates)
        self.length_label = QLabel()  # says when a note comes near its limit, before it is reached
        self.length_label.setObjectName("noteLength")
        self.length_label.setWordWrap(True)
        self._allowed = max(MAX_NOTE_CHARS, len(data.notes))  # a longer note already stored still saves
        self.notes_edit.textChanged.connect(self._show_length)

        self.status_label = QLabel()
        self.status_label.setObjectName("draftStatus")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.delete_button = QPushButton(self.tr("Gesprek verwijderen…"))
        self.delete_button.setVisible(conversation_id is not None)
        self.delete_button.clicked.connect(self.delete)

        form = QFormLayout()
        form.addRow(self.tr("Datum *"), when)
        form.addRow(self.tr("Soort gesprek"), self.kind_edit)
        form.addRow(self.tr("Hoe"), self.medium_edit)
        form.addRow("", self.contact_edit)
        form.addRow(self.tr("Wie waren erbij"), self.participants_edit)
        form.addRow(self.tr("Levensgebieden"), self.domains)
        notes_header = QHBoxLayout()
        notes_header.addWidget(QLabel(self.tr("Notities")))
        notes_header.addStretch(1)
        notes_header.addWidget(self.template_edit)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.correction)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(notes_header)
        layout.addWidget(self.notes_edit, 1)
        layout.addWidget(self.length_label)
        layout.addLayout(bottom)
        fit_on_screen(self, 720, 720)

        if draft_id is not None:
            self.status_label.setText(
                self.tr("Dit is de versie die nog niet was opgeslagen. Kies Opslaan om hem te bewaren.")
            )
        elif conversation_id is None and not data.notes:
            self._offer_kind_template()
        # A template offered: typing starts after its first question; else in the form's first field.
        offered = draft_id is None and conversation_id is None and not data.notes and self.notes_edit.toPlainText()
        (self.notes_edit if offered else self.date_edit).setFocus(Qt.FocusReason.OtherFocusReason)
        self._timer = QTimer(self)  # restarts at every change: saves after a pause in typing
        self._timer.setSingleShot(True)
        self._timer.setInterval(autosave_ms)
        self._timer.timeout.connect(self.save_draft_now)
        self._longest_wait = QTimer(self)  # does not restart: saves during long steady typing too
        self._longest_wait.setSingleShot(True)
        self._longest_wait.setInterval(autosave_ms * LONGEST_WAIT_FACTOR)
        self._longest_wait.timeout.connect(self.save_draft_now)
        for signal in (
            self.date_edit.textEdited, self.time_edit.textEdited, self.participants_edit.textEdited,
            self.duration_edit.valueChanged, self.kind_edit.currentIndexChanged,
            self.medium_edit.currentIndexChanged, self.contact_edit.toggled,
            self.domains.itemChanged, self.notes_edit.textChanged,
        ):  # fmt: skip
            signal.connect(self._changed)
        self.kind_edit.currentIndexChanged.connect(self._offer_kind_template)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    # -- collecting ----------------------------------------------------------------------------

    def collect(self) -> ConversationInput:
        """The form as input; raises InvalidInput for a wrong date or time."""
        held_on = self.date_edit.value()
        assert held_on is not None  # required field
        data = self._input(held_on, parse_time(self.time_edit.text()))
        return replace(data, notes=without_unanswered(data.notes, self._questions))  # unanswered ones go

    def _what(self, data: ConversationInput) -> str:
        """What a correction at the resident's request changed: the conversation and the fields, no values."""
        fields = {
            "held_on": self.tr("datum"), "start_time": self.tr("begintijd"), "duration_minutes": self.tr("duur"),
            "kind": self.tr("soort gesprek"), "medium": self.tr("hoe"), "contact_made": self.tr("of er contact was"),
            "participants": self.tr("wie erbij waren"), "life_domains": self.tr("levensgebieden"),
            "notes": self.tr("notities"),
        }  # fmt: skip
        record = self.tr("gesprek van {day}").format(day=format_date(self._before.held_on))
        return correction_what(record, changed_fields(self._before, data, fields))

    def _collect_for_draft(self) -> ConversationInput:
        """Like ``collect`` but never fails: a half-typed date keeps the last good one."""
        try:
            held_on = self.date_edit.value() or self._last_date
        except ClientsteunError:
            held_on = self._last_date
        self._last_date = held_on
        try:
            start = parse_time(self.time_edit.text())
        except ClientsteunError:
            start = None
        return self._input(held_on, start)

    def _input(self, held_on: date, start: time | None) -> ConversationInput:
        return ConversationInput(
            client_id=self.client_id,
            held_on=held_on,
            kind=self.kind_edit.currentData() or "",
            medium=self.medium_edit.currentData() or "",
            start_time=start,
            duration_minutes=self.duration_edit.value() or None,
            contact_made=self.contact_edit.isChecked(),
            participants=self.participants_edit.text(),
            life_domains=self.domains.checked_codes(),
            notes=self.notes_edit.toPlainText(),
        )

    def _show_length(self) -> None:
        length = self.notes_edit.document().characterCount() - 1
        if length > self._allowed:
            text = self.tr("Deze notitie is {over} tekens te lang (de grens is {limit}). Zet een deel in een "
                           "nieuw gesprek; zo kan hij niet worden opgeslagen.")  # fmt: skip
            self.length_label.setText(text.format(over=length - self._allowed, limit=self._allowed))
        elif length >= NOTE_WARNING_CHARS:
            text = self.tr("Nog {left} tekens ruimte in deze notitie (de grens is {limit}).")
            self.length_label.setText(text.format(left=self._allowed - length, limit=self._allowed))
        else:
            self.length_label.clear()
        self.length_label.setVisible(bool(self.length_label.text()))

    # -- autosave ------------------------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        self.dirty = True
        self._timer.start()
        if not self._longest_wait.isActive():
            self._longest_wait.start()

    def _on_focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if self.dirty and old is not None and self.isAncestorOf(old):
            self.save_draft_now()

    def save_draft_now(self) -> bool:
        """Store the draft if anything changed since the last one; False if that failed."""
        self._stop_timers()
        if not self.dirty:
            return True
        try:
            self.draft_id = self._save_draft(self.draft_id, self.conversation_id, self._collect_for_draft())
        except ClientsteunError as error:
            log.warning("draft not saved: %s", type(error).__name__)
            self.status_label.setText(self.tr("Let op: concept kon niet worden bewaard. Sla het gesprek zo op."))
            return False
        self.dirty = False
        self.status_label.setText(self.tr("Concept bewaard om {time}").format(time=_now_text()))
        return True

    # -- finishing -----------------------------------------------------------------------------

    def save(self) -> bool:
        self._stop_timers()
        try:
            conversation_id, draft_id, correct = self.conversation_id, self.draft_id, self._correct
            save = self.correction.saving(
                lambda value: self._save(conversation_id, value, draft_id),
                None if correct is None else lambda value, what: correct(conversation_id, value, draft_id, what),
                self._what,
            )
            conversation = save(self.collect())
        except ClientsteunError as error:
            show_error(self, error)
            return False
        self.conversation_id = conversation.id
        self.draft_id = None
        self.dirty = False
        self.saved.emit(conversation.id)
        self._finish()
        self.accept()
        return True

    def reject(self) -> None:
        if self.dirty or self.draft_id is not None:
            answer = ask_about_unsaved(
                self,
                self.tr("Gesprek niet opgeslagen"),
                self.tr("U heeft dit gesprek nog niet opgeslagen. Wat wilt u doen?"),
            )
            if answer is Unsaved.SAVE:
                self.save()
                return
            if answer is Unsaved.KEEP_EDITING:
                return
            self._stop_timers()
            if self.draft_id is not None:
                try:
                    self._discard_draft(self.draft_id)
                except ClientsteunError as error:
                    show_error(self, error)
                    return
            self.draft_id = None
            self.dirty = False
        self._finish()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()

    def delete(self) -> None:
        """Remove this conversation (and its draft) after asking; the dossier keeps the rest."""
        if self.conversation_id is None:
            return
        answer = QMessageBox.warning(
            self,
            self.tr("Gesprek verwijderen"),
            self.tr("Wilt u dit gesprek en de notities ervan verwijderen? Dit kan niet ongedaan worden gemaakt."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._delete(self.conversation_id)
        except ClientsteunError as error:
            show_error(self, error)
            return
        self.saved.emit(self.conversation_id)  # the dossier changed
        self.abandon()

    def keep_as_draft(self) -> bool:
        """On quit: keep what is typed as a draft, offered again at the next start.

        Returns False, leaving the editor open, when the draft could not be stored.
        """
        if not self.save_draft_now():
            return False
        self.abandon()
        return True

    def abandon(self) -> None:
        """Close without saving anything more (the conversation or resident is gone, or kept)."""
        self._finish()
        self.done(QDialog.DialogCode.Rejected)

    def _stop_timers(self) -> None:
        self._timer.stop()
        self._longest_wait.stop()

    def _finish(self) -> None:
        self._stop_timers()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus_changed)
        self.closed.emit()

    # -- templates and highlights --------------------------------------------------------------

    def _insert_chosen_template(self, index: int) -> None:
        template = self.catalog.template(self.template_edit.itemData(index) or "")
        self.template_edit.setCurrentIndex(0)
        if template is not None:  # added at the end of the note, on a line of its own
            self.notes_edit.moveCursor(QTextCursor.MoveOperation.End)
            apart = "\n" if self.notes_edit.toPlainText() and not self.notes_edit.toPlainText().endswith("\n") else ""
            self.notes_edit.insertPlainText(apart + template.text.strip() + "\n")
            self.notes_edit.setFocus()

    def _offer_kind_template(self) -> None:
        """An empty note gets the template that belongs to the kind of conversation."""
        if self.notes_edit.toPlainText().strip():
            return
        kind = next((k for k in self.catalog.conversation_kinds if k.code == self.kind_edit.currentData()), None)
        template = self.catalog.template(kind.template) if kind and kind.template else None
        if template is not None:
            text = template.text.strip() + "\n"
            self.notes_edit.setPlainText(text)
            cursor = self.notes_edit.textCursor()  # on the line after the first question: typing answers it
            cursor.setPosition(_utf16(text, text.find("\n") + 1))
            self.notes_edit.setTextCursor(cursor)

    def highlight(self, terms: tuple[str, ...]) -> int:
        """Mark the words the search found (same rules: word starts, no case, no accents) and go
        to the first; returns how many were marked."""
        text = self.notes_edit.toPlainText()
        marked = QTextCharFormat()
        marked.setBackground(HIGHLIGHT)
        selections = []
        for start, end in word_prefix_spans(text, terms):
            cursor = QTextCursor(self.notes_edit.document())
            cursor.setPosition(_utf16(text, start))
            cursor.setPosition(_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = marked
            selections.append(selection)
        self.notes_edit.setExtraSelections(selections)
        if selections:
            cursor = QTextCursor(self.notes_edit.document())
            cursor.setPosition(selections[0].cursor.selectionStart())
            self.notes_edit.setTextCursor(cursor)
            self.notes_edit.ensureCursorVisible()
        return len(selections)


def _utf16(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units: an emoji is two."""
    return len(text[:index].encode("utf-16-le")) // 2


def _select_code(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    if index < 0 and code:  # a code the catalog no longer has stays selectable
        combo.addItem(code, code)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


def _now_text() -> str:
    return datetime.now().strftime("%H:%M:%S")
