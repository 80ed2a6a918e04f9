"""The main window: the residents list beside the dossier; it wires widgets to the services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from clientsteun import __version__
from clientsteun.domain.dates import format_date, format_time
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import (
    Agreement,
    ConversationInput,
    Draft,
    HelpQuestionInput,
    SearchHit,
)
from clientsteun.domain.routes import SignalInput
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.agenda import AgendaDialog
from clientsteun.ui.conversations.editor import ConversationEditor
from clientsteun.ui.conversations.search import SearchDialog
from clientsteun.ui.dossier.dialogs import AgreementDialog, ClientDialog, CloseDialog, HelpQuestionDialog
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.errors import guarded
from clientsteun.ui.residents.list_panel import ClientListPanel
from clientsteun.ui.routes.dialogs import RouteDialog, SignalDialog
from clientsteun.ui.routes.overview import TriedOverviewDialog
from clientsteun.ui.routes.window import RouteWindow
from clientsteun.ui.safety import SafetyMenu
from clientsteun.ui.settings_dialog import SettingsDialog


class MainWindow(QMainWindow):
    def __init__(self, services: Services, settings: Settings, today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.services = services
        self.settings = settings
        self.today = today
        self.editor: ConversationEditor | None = None
        self.search_dialog: SearchDialog | None = None
        self.setWindowTitle(self.tr("Clientsteun"))

        self.client_list = ClientListPanel(settings.show_closed)
        self.dossier = DossierPanel(services.catalog, today)
        self.empty = QLabel(self.tr("Kies een inwoner in de lijst, of maak een nieuwe inwoner aan."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.dossier)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.client_list)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 760])
        self.setCentralWidget(self.splitter)

        self.safety = SafetyMenu(self, settings)
        self._build_actions()
        self._wire()
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        if settings.window_geometry:
            self.restoreGeometry(QByteArray(settings.window_geometry))
        else:
            self.resize(1280, 800)
        if settings.splitter_state:
            self.splitter.restoreState(QByteArray(settings.splitter_state))
        self.refresh_clients()

    # -- building ------------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_actions(self) -> None:
        self.new_client_action = self._action(self.tr("Nieuwe inwoner"), self.new_client, QKeySequence.StandardKey.New)
        self.new_conversation_action = self._action(
            self.tr("Nieuw gesprek"), lambda: self._for_current(self.new_conversation), "Ctrl+G"
        )
        self.new_agreement_action = self._action(
            self.tr("Nieuwe afspraak"), lambda: self._for_current(self.new_agreement), "Ctrl+Shift+A"
        )
        self.search_action = self._action(
            self.tr("Zoeken in notities"), self.focus_search, QKeySequence.StandardKey.Find
        )
        self.filter_action = self._action(self.tr("Filter de lijst"), self.client_list.filter_edit.setFocus, "Ctrl+L")
        self.agenda_action = self._action(self.tr("Agenda"), self.show_agenda, "Ctrl+Shift+D")
        self.settings_action = self._action(self.tr("Instellingen…"), self.edit_settings)
        quit_action = self._action(self.tr("Afsluiten"), self.close, QKeySequence.StandardKey.Quit)
        about_action = self._action(self.tr("Over Clientsteun"), self.show_about)

        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        file_menu.addAction(self.new_client_action)
        file_menu.addAction(self.new_conversation_action)
        file_menu.addAction(self.new_agreement_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        find_menu = self.menuBar().addMenu(self.tr("&Zoeken"))
        find_menu.addAction(self.search_action)
        find_menu.addAction(self.filter_action)
        find_menu.addSeparator()
        find_menu.addAction(self.agenda_action)
        self.safety.fill_menu(self.menuBar().addMenu(self.tr("B&eveiliging")))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(about_action)

        toolbar = self.addToolBar(self.tr("Werkbalk"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_client_action)
        toolbar.addAction(self.new_conversation_action)
        toolbar.addAction(self.new_agreement_action)
        toolbar.addSeparator()
        toolbar.addAction(self.agenda_action)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Zoek in alle notities…"))
        self.search_edit.setAccessibleName(self.tr("Zoek in alle notities"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(280)
        self.search_edit.returnPressed.connect(lambda: self.open_search(self.search_edit.text()))
        toolbar.addWidget(self.search_edit)

    def _wire(self) -> None:
        self.client_list.client_selected.connect(self.show_client)
        # Only the user's own click is remembered, not the list showing a closed dossier it was sent to.
        self.client_list.closed_check.clicked.connect(self._remember_show_closed)
        d = self.dossier
        d.edit_client.connect(self.edit_client)
        d.close_client.connect(self.close_client)
        d.reopen_client.connect(self.reopen_client)
        d.delete_client.connect(self.delete_client)
        d.new_conversation.connect(self.new_conversation)
        d.open_conversation.connect(self.open_conversation)
        d.new_help_question.connect(self.new_help_question)
        d.delete_help_question.connect(self.delete_help_question)
        d.new_agreement.connect(self.new_agreement)
        d.edit_agreement.connect(self.edit_agreement)
        d.toggle_agreement_done.connect(self.toggle_agreement_done)
        d.delete_agreement.connect(self.delete_agreement)
        d.new_route.connect(self.new_route)
        d.open_route.connect(self.open_route)
        d.delete_route.connect(self.delete_route)
        d.new_signal.connect(self.new_signal)
        d.edit_signal.connect(self.edit_signal)
        d.show_tried.connect(self.show_tried)
        d.delete_signal.connect(self.delete_signal)

    # -- list and dossier ----------------------------------------------------------------------

    @guarded
    def refresh_clients(self, select: int | None = None) -> None:
        """Reload the list and the dossier on screen (or ``select`` another), each read once."""
        rows = self.services.clients.list_clients()
        keep = select if select is not None else self.current_client_id()
        self.client_list.set_clients(rows, keep)
        late = sum(1 for row in rows if row.overdue_agreements)
        self.status_label.setText(
            self.tr("{count} inwoners · bij {late} zijn afspraken te laat").format(count=len(rows), late=late)
        )
        if keep is not None:
            self.show_client(keep)

    @guarded
    def show_client(self, client_id: int) -> None:
        self.dossier.show_dossier(self.services.clients.get_dossier(client_id))
        routes = self.services.routes
        self.dossier.show_routes(
            routes.list_routes(client_id), routes.list_signals(client_id)
        )
        self.stack.setCurrentWidget(self.dossier)

    def current_client_id(self) -> int | None:
        return (
            self.dossier.dossier.client.id
            if self.dossier.dossier and self.stack.currentWidget() is self.dossier
            else None
        )

    def _for_current(self, action: Callable[[int], Any]) -> None:
        client_id = self.current_client_id()
        if client_id is None:
            QMessageBox.information(
                self, self.tr("Geen inwoner gekozen"), self.tr("Kies eerst een inwoner in de lijst.")
            )
            return
        action(client_id)

    # -- residents -----------------------------------------------------------------------------

    def _municipalities(self) -> list[str]:
        return sorted({row.municipality for row in self.client_list.clients() if row.municipality})

    @guarded
    def new_client(self) -> None:
        dialog = ClientDialog(
            self.services.catalog, self._municipalities(), self.services.clients.create_client,
            today=self.today(), parent=self,
        )  # fmt: skip
        if dialog.exec():
            self.refresh_clients(dialog.result_value.id)

    @guarded
    def edit_client(self, client_id: int) -> None:
        client = self.services.clients.get_client(client_id)
        dialog = ClientDialog(
            self.services.catalog, self._municipalities(),
            lambda details: self.services.clients.update_client(client_id, details),
            details=client.details, parent=self,
        )  # fmt: skip
        if dialog.exec():
            self.refresh_clients(client_id)

    @guarded
    def close_client(self, client_id: int) -> None:
        dialog = CloseDialog(
            lambda value: self.services.clients.close_client(client_id, *value), self.today(), parent=self
        )
        if dialog.exec():
            self.refresh_clients(client_id)

    @guarded
    def reopen_client(self, client_id: int) -> None:
        self.services.clients.reopen_client(client_id)
        self.refresh_clients(client_id)

    @guarded
    def delete_client(self, client_id: int) -> None:
        client = self.services.clients.get_client(client_id)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Dossier verwijderen"),
            self.tr(
                "Wilt u het dossier van {name} verwijderen, met alle gesprekken, afspraken en "
                "hulpvragen? Dit kan niet ongedaan worden gemaakt.\n\n"
                "Wilt u het dossier alleen afsluiten? Kies dan Annuleren en daarna ‘Dossier sluiten’."
            ).format(name=client.display_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a name is shown as typed, never as markup
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.services.clients.delete_client(client_id)
        if self.editor is not None and self.editor.client_id == client_id:
            self.editor.abandon()  # its draft went with the resident
        self.dossier.dossier = None
        self.stack.setCurrentWidget(self.empty)
        self.refresh_clients()

    # -- help question -------------------------------------------------------------------------

    @guarded
    def new_help_question(self, client_id: int) -> None:
        dossier = self.services.clients.get_dossier(client_id)
        latest = dossier.help_questions[0] if dossier.help_questions else None
        previous = HelpQuestionInput(latest.recorded_on, latest.asked, latest.really_wants) if latest else None
        dialog = HelpQuestionDialog(
            lambda q: self.services.clients.add_help_question(client_id, q), self.today(), previous, parent=self
        )
        if dialog.exec():
            self.refresh_clients(client_id)

    @guarded
    def delete_help_question(self, question_id: int) -> None:
        if self._confirm(self.tr("Deze versie van de hulpvraag verwijderen?")):
            self.services.clients.delete_help_question(question_id)
            self.refresh_clients()

    # -- agreements ----------------------------------------------------------------------------

    @guarded
    def new_agreement(self, client_id: int) -> None:
        dialog = AgreementDialog(
            self.services.catalog, client_id, lambda a: self.services.agreements.save_agreement(None, a), parent=self
        )
        if dialog.exec():
            self.refresh_clients(client_id)

    def _agreement(self, agreement_id: int) -> Agreement | None:
        """An agreement of the dossier on screen (the only ones the user can point at)."""
        dossier = self.dossier.dossier
        return next((a for a in dossier.agreements if a.id == agreement_id), None) if dossier else None

    @guarded
    def edit_agreement(self, agreement_id: int) -> None:
        agreement = self._agreement(agreement_id)
        if agreement is None:
            return
        dialog = AgreementDialog(
            self.services.catalog, agreement.data.client_id,
            lambda a: self.services.agreements.save_agreement(agreement_id, a),
            current=agreement.data, parent=self,
        )  # fmt: skip
        if dialog.exec():
            self.refresh_clients(agreement.data.client_id)

    @guarded
    def toggle_agreement_done(self, agreement_id: int) -> None:
        agreement = self._agreement(agreement_id)
        if agreement is None:
            return
        self.services.agreements.set_done(agreement_id, None if agreement.done_on else self.today())
        self.refresh_clients(agreement.data.client_id)

    @guarded
    def delete_agreement(self, agreement_id: int) -> None:
        agreement = self._agreement(agreement_id)
        if agreement is not None and self._confirm(self.tr("Deze afspraak verwijderen?")):
            self.services.agreements.delete_agreement(agreement_id)
            self.refresh_clients(agreement.data.client_id)

    # -- routes and signals --------------------------------------------------------------------

    @guarded
    def new_route(self, client_id: int) -> None:
        questions = self.services.clients.get_dossier(client_id).help_questions
        dialog = RouteDialog(
            self.services.catalog, client_id, questions, lambda r: self.services.routes.save_route(None, r), parent=self
        )
        if dialog.exec():
            self.refresh_clients(client_id)
            self.open_route(dialog.result_value.id)

    @guarded
    def open_route(self, route_id: int) -> None:
        window = RouteWindow(self.services, route_id, self.today, self.settings.due_soon_days, self)
        client_id = window.route.client_id
        window.changed.connect(lambda: self.refresh_clients(client_id))
        window.exec()
        window.deleteLater()  # a route window holds a whole route; it is made anew each time

    @guarded
    def new_signal(self, client_id: int) -> None:
        client = self.services.clients.get_client(client_id)
        data = SignalInput(client_id, self.today(), "", "", municipality=client.details.municipality)
        self._signal_dialog(None, data)

    @guarded
    def edit_signal(self, signal_id: int) -> None:
        """A signal of the dossier on screen (the only ones the user can point at)."""
        signal = next((s for s in self.dossier.signal_model.rows() if s.id == signal_id), None)
        if signal is not None:
            self._signal_dialog(signal_id, signal.data)

    def _signal_dialog(self, signal_id: int | None, data: SignalInput) -> None:
        dialog = SignalDialog(
            self.services.catalog, lambda s: self.services.routes.save_signal(signal_id, s), data, parent=self
        )
        if dialog.exec():
            self.refresh_clients(data.client_id)

    @guarded
    def delete_route(self, route_id: int) -> None:
        detail = self.services.routes.get_route(route_id)
        route = detail.view.route
        question = self.tr(
            "De route ‘{title}’ verwijderen, met alle stappen, bewijs en bijlagen? Signalen bij deze route "
            "blijven bewaard. Dit kan niet ongedaan worden gemaakt."
        ).format(title=route.data.title)
        if self._confirm(question):
            self.services.routes.delete_route(route_id)
            self.refresh_clients(route.client_id)

    @guarded
    def show_tried(self, client_id: int) -> None:
        client = self.services.clients.get_client(client_id)
        views = self.services.routes.list_routes(client_id)
        catalog = self.services.catalog.routes
        TriedOverviewDialog(
            client.display_name, views, catalog, self.today(), self.services.audit, client_id, self
        ).exec()

    @guarded
    def delete_signal(self, signal_id: int) -> None:
        client_id = self.current_client_id()
        if self._confirm(self.tr("Dit signaal verwijderen?")):
            self.services.routes.delete_signal(signal_id)
            self.refresh_clients(client_id)

    # -- conversations -------------------------------------------------------------------------

    @guarded
    def new_conversation(self, client_id: int) -> None:
        catalog = self.services.catalog
        first = not self.services.clients.get_dossier(client_id).conversations
        kind = catalog.first_conversation_kind if first else catalog.next_conversation_kind
        self._open_editor(ConversationInput(client_id, self.today(), kind), None)

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
                self, self.tr("Er is al een gesprek open"), self.tr("Sla eerst het gesprek op dat nu open staat.")
            )
            self.editor.raise_()
            self.editor.activateWindow()
            return
        name = self.services.clients.get_client(data.client_id).display_name
        conversations = self.services.conversations
        self.editor = ConversationEditor(
            self.services.catalog, name, data,
            conversation_id=conversation_id,
            save=lambda cid, value, draft: conversations.save_conversation(cid, value, draft_id=draft),
            save_draft=conversations.save_draft,
            discard_draft=conversations.discard_draft,
            delete=conversations.delete_conversation,
            autosave_ms=self.settings.autosave_delay_ms,
            draft_id=draft_id,
            parent=self,
        )  # fmt: skip
        self.editor.saved.connect(lambda _id: self.refresh_clients(data.client_id))
        self.editor.closed.connect(self._editor_closed)
        self.editor.show()
        self.editor.notes_edit.setFocus()

    def _editor_closed(self) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
        self.editor = None

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
        box = QMessageBox(self)
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
            self.client_list.select_client(draft.data.client_id)
            self._open_editor(draft.data, draft.conversation_id, draft.id)
        elif clicked is discard and self._confirm(self.tr("Het niet opgeslagen verslag definitief weggooien?")):
            self.services.conversations.discard_draft(draft.id)

    # -- agenda --------------------------------------------------------------------------------

    @guarded
    def show_agenda(self) -> None:
        """The agenda across residents; a double-click shows that resident's dossier."""
        dialog = AgendaDialog(self.services, self.today, self.settings.due_soon_days, self)
        dialog.open_resident.connect(self._show_from_agenda)
        dialog.open_resident.connect(dialog.accept)  # the dossier is behind the dialog
        dialog.exec()

    def _show_from_agenda(self, client_id: int) -> None:
        self.client_list.select_client(client_id)
        if self.current_client_id() != client_id:
            self.show_client(client_id)

    # -- search --------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def open_search(self, query: str) -> SearchDialog:
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.services.catalog, self.services.conversations.search, self)
            self.search_dialog.open_hit.connect(self.open_hit)
        self.search_dialog.query_edit.setText(query)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.run()
        return self.search_dialog

    def open_hit(self, hit: SearchHit) -> None:
        self.client_list.select_client(hit.client_id)  # shows the dossier when it is another resident
        if self.current_client_id() != hit.client_id:
            self.show_client(hit.client_id)
        self.open_conversation(hit.conversation_id, hit.terms)

    # -- small things --------------------------------------------------------------------------

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Weet u het zeker?"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _quit_anyway(self) -> bool:
        """The draft could not be stored (a full disk?): quitting would lose what was typed."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Gesprek kon niet worden bewaard"),
            self.tr(
                "Het gesprek dat open staat kon niet worden bewaard. Als u nu afsluit, gaat wat u "
                "typte verloren. Ga terug naar het gesprek en probeer het op te slaan, of kopieer "
                "de tekst."
            ),
            QMessageBox.StandardButton.NoButton,
            self,
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

    def edit_settings(self) -> None:
        if SettingsDialog(self.settings, self).exec():
            self.safety.apply_settings(self.settings)
            self.refresh_clients()

    def _remember_show_closed(self, checked: bool) -> None:
        self.settings.show_closed = checked

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Over Clientsteun"),
            self.tr(
                "Clientsteun {version}\nDossiers voor onafhankelijke cliëntondersteuning.\nDatabase: {path}"
            ).format(version=__version__, path=self.services.database.path),
        )

    def shut_down(self) -> None:
        """When the application quits: a last backup (unless locked), then close the database."""
        self.safety.stop_watching()
        self.safety.close_backup()
        self.services.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.safety.locked:  # quitting from the lock: the draft was kept when locking
            if self.editor is not None:
                self.editor.abandon()
            self.safety.stop_watching()
            event.accept()
            return
        # An open conversation is kept as a draft and offered again at the next start.
        if self.editor is not None and not self.editor.keep_as_draft() and not self._quit_anyway():
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.splitter_state = bytes(self.splitter.saveState().data())
        self.settings.sync()
        self.safety.stop_watching()  # a closed window has nothing left to lock
        event.accept()
