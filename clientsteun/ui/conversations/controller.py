"""Conversations: the one editor open at a time, drafts offered after a crash, and searching notes."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from clientsteun.domain.dates import format_date, format_time
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import Conversation, ConversationInput, Draft, SearchHit
from clientsteun.services import Services
from clientsteun.services.base import Clock
from clientsteun.settings import Settings
from clientsteun.ui.conversations.editor import ConversationEditor
from clientsteun.ui.conversations.search import SearchDialog, search_apart
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.errors import guarded
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.forms import confirm


class ConversationsController(QObject):
    def __init__(
        self, services: Services, settings: Settings, clock: Clock, dossier: DossierPanel,
        show_resident: Callable[[int], None], window: QWidget, tasks: Tasks,
    ) -> None:  # fmt: skip
        super().__init__(window)
        self.tasks = tasks
        self.services = services
        self.settings = settings
        self.clock = clock
        self.show_resident = show_resident
        self.window = window
        self.editor: ConversationEditor | None = None
        self.search_dialog: SearchDialog | None = None
        dossier.new_conversation.connect(self.new_conversation)
        dossier.timeline_tab.open_conversation.connect(self.open_conversation)

    # -- the editor ----------------------------------------------------------------------------

    @guarded
    def new_conversation(self, client_id: int) -> None:
        catalog = self.services.catalog
        first = not self.services.clients.has_conversations(client_id)
        kind = catalog.first_conversation_kind if first else catalog.next_conversation_kind
        self._open_editor(ConversationInput(client_id, self.clock().date(), kind), None)

    @guarded
    def open_conversation(self, conversation_id: int, terms: tuple[str, ...] = ()) -> None:
        """Open a conversation, or the unsaved version of it when one was kept."""
        if self.editor is not None and self.editor.conversation_id == conversation_id:
            self.editor.raise_()
            self.editor.activateWindow()
        else:
            draft = self.services.conversations.draft_of(conversation_id)
            if draft is not None:
                self._open_editor(draft.data, conversation_id, draft.id)
            else:
                self._open_editor(self.services.conversations.get_conversation(conversation_id).data, conversation_id)
        if terms and self.editor is not None and self.editor.conversation_id == conversation_id:
            self.editor.highlight(terms)

    def _open_editor(self, data: ConversationInput, conversation_id: int | None, draft_id: int | None = None) -> None:
        if self.editor is not None:
            QMessageBox.information(
                self.window,
                self.tr("Er is al een gesprek open"),
                self.tr("Sla eerst het gesprek op dat nu open staat."),
            )
            self.editor.raise_()
            self.editor.activateWindow()
            return
        name = self.services.clients.get_client(data.client_id).display_name
        conversations = self.services.conversations

        def save(cid: int | None, value: ConversationInput, draft: int | None, what: str | None = None) -> Conversation:
            return conversations.save_conversation(cid, value, draft_id=draft, at_request=what)

        self.editor = ConversationEditor(
            self.services.catalog, name, data,
            conversation_id=conversation_id,
            save=save,
            save_draft=conversations.save_draft,
            discard_draft=conversations.discard_draft,
            delete=conversations.delete_conversation,
            autosave_ms=self.settings.autosave_delay_ms,
            draft_id=draft_id,
            parent=self.window,
            correct=None if conversation_id is None else save,
        )  # fmt: skip
        self.editor.closed.connect(self._editor_closed)
        self.editor.show()
        self.editor.notes_edit.setFocus()

    def _editor_closed(self) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = None

    def save_draft_now(self) -> None:
        """Keep what is typed in the open conversation (the window is being locked)."""
        if self.editor is not None:
            self.editor.save_draft_now()

    def resident_gone(self, client_id: int) -> None:
        if self.editor is not None and self.editor.client_id == client_id:
            self.editor.abandon()  # its draft went with the resident

    def keep_for_quit(self) -> bool:
        """Quitting: an open conversation is kept as a draft, offered again at the next start.
        False when it could not be stored and the user goes back to it."""
        if self.editor is None or self.editor.keep_as_draft():
            return True
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Gesprek kon niet worden bewaard"),
            self.tr(
                "Het gesprek dat open staat kon niet worden bewaard. Als u nu afsluit, gaat wat u "
                "typte verloren. Ga terug naar het gesprek en probeer het op te slaan, of kopieer "
                "de tekst."
            ),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        back = box.addButton(self.tr("Terug naar het gesprek"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(self.tr("Toch afsluiten"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(back)
        box.exec()
        if box.clickedButton() is back:
            if self.editor is not None:
                self.editor.raise_()
            return False
        if self.editor is not None:
            self.editor.abandon()
        return True

    # -- drafts after a crash ------------------------------------------------------------------

    @guarded
    def offer_drafts(self) -> None:
        """After a crash: offer what was being typed, newest first."""
        for draft in self.services.conversations.list_drafts():
            if self.editor is not None:
                return  # the rest stays for the next start
            self._offer_draft(draft)

    def _offer_draft(self, draft: Draft) -> None:
        try:
            name = self.services.clients.get_client(draft.data.client_id).display_name
        except ClientsteunError:
            self.services.conversations.discard_draft(draft.id)
            return
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(self.tr("Niet opgeslagen gesprek gevonden"))
        box.setText(
            self.tr(
                "Er is een gespreksverslag bij {name} dat nog niet was opgeslagen "
                "(bewaard op {date} om {time}). Wilt u verder schrijven?"
            ).format(name=name, date=format_date(draft.saved_at.date()), time=format_time(draft.saved_at.time()))
        )
        restore = box.addButton(self.tr("Verder schrijven"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Weggooien"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        clicked = box.clickedButton()
        if clicked is restore:
            self.show_resident(draft.data.client_id)
            self._open_editor(draft.data, draft.conversation_id, draft.id)
        elif clicked is discard and confirm(self.window, self.tr("Het niet opgeslagen verslag definitief weggooien?")):
            self.services.conversations.discard_draft(draft.id)

    # -- search --------------------------------------------------------------------------------

    def open_search(self, query: str) -> SearchDialog:
        if self.search_dialog is None:
            search = functools.partial(search_apart, self.services.on_own_connection)  # on a worker thread
            self.search_dialog = SearchDialog(self.services.catalog, search, self.window, self.tasks)
            self.search_dialog.open_hit.connect(self.open_hit)
        self.search_dialog.query_edit.setText(query)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.run()
        return self.search_dialog

    def open_hit(self, hit: SearchHit) -> None:
        self.show_resident(hit.client_id)
        self.open_conversation(hit.conversation_id, hit.terms)
