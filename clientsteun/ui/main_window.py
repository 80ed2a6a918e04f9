"""The main window: the residents list beside the dossier, the menus and the toolbar.

It composes; the controllers act.  Each area's controller owns its actions and dialogs
(``residents``, ``conversations``, ``routes``; the safety menu its own); the window routes every
change the services announce to the controllers, which refresh only what the change names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QThreadPool
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QWidget,
)

from clientsteun import __version__
from clientsteun.domain.changes import Changes
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.conversations.controller import ConversationsController
from clientsteun.ui.conversations.editor import ConversationEditor
from clientsteun.ui.coordinator.dialog import CoordinatorDialog
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.meetings.controller import MeetingsController
from clientsteun.ui.privacy.controller import PrivacyController
from clientsteun.ui.residents.controller import ResidentsController
from clientsteun.ui.residents.list_panel import ClientListPanel
from clientsteun.ui.rights.controller import RightsController
from clientsteun.ui.routes.controller import RoutesController
from clientsteun.ui.safety.lock import SafetyMenu
from clientsteun.ui.settings_dialog import SettingsDialog
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.screen import restore_on_screen


class MainWindow(QMainWindow):
    """Over ``services``, whose clock is the one clock of the app; ``settings`` is the one settings object."""

    def __init__(self, services: Services, settings: Settings, tasks: Tasks | None = None) -> None:
        """Slow work runs on ``tasks`` (by default Qt's thread pool)."""
        super().__init__()
        self.services = services
        self.settings = settings
        self.clock = services.clock
        self.setWindowTitle(self.tr("Clientsteun"))

        self.client_list = ClientListPanel(settings.show_closed)
        self.dossier = DossierPanel(services.catalog, self.clock)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.client_list)
        self.splitter.addWidget(self.dossier)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 760])
        self.setCentralWidget(self.splitter)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.week_button = QPushButton(self.tr("Wat vraagt aandacht"))  # the overview after unlocking, again
        self.week_button.setFlat(True)
        self.statusBar().addPermanentWidget(self.week_button)

        self.residents = ResidentsController(
            services, settings, self.clock, self.client_list, self.dossier, self.status_label, self
        )
        self.tasks = tasks if tasks is not None else Tasks(QThreadPool.globalInstance(), self)
        self.conversations = ConversationsController(
            services, settings, self.clock, self.dossier, self.residents.show, self, self.tasks
        )
        self.routes = RoutesController(
            services, settings, self.clock, self.dossier, self.residents.show, self, self.tasks
        )
        self.residents.gone.connect(self.conversations.resident_gone)
        self.privacy = PrivacyController(services, settings, self.tasks, self.dossier, self)
        self.rights = RightsController(services, self.dossier, self, self.tasks, self.privacy)
        self.rights.imported.connect(self.residents.show)
        self.week_button.clicked.connect(self.routes.show_week)

        self.safety = SafetyMenu(
            self, services, settings, self.tasks,
            editor_open=lambda: self.conversations.editor is not None,
            keep_draft=self.conversations.save_draft_now,
            refresh=self.refresh_clients,
        )  # fmt: skip
        self.meetings = MeetingsController(
            services, settings, self.clock, self.dossier, self, self.tasks, self.safety.lock_action
        )
        self._build_actions()
        restore_on_screen(self, settings.window_geometry, 1280, 800)  # remembered, within the screen
        if settings.splitter_state:
            self.splitter.restoreState(QByteArray(settings.splitter_state))
        self._stop_listening: Callable[[], None] | None = services.changes.subscribe(self.apply_changes)
        self.refresh_clients()

    # -- building ------------------------------------------------------------------------------

    def _action(
        self, text: str, slot: Callable[[], Any], *shortcuts: QKeySequence | QKeySequence.StandardKey | str
    ) -> QAction:
        """A menu action; its shortcuts (the first is shown in the menu) work anywhere in the window."""
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        action.setShortcuts([QKeySequence(shortcut) for shortcut in shortcuts])
        return action

    def _build_actions(self) -> None:
        self.new_client_action = self._action(
            self.tr("&Nieuwe inwoner…"), self.residents.new_client, QKeySequence.StandardKey.New
        )
        self.new_conversation_action = self._action(
            self.tr("Nieuw &gesprek…"), lambda: self._for_open(self.conversations.new_conversation), "Ctrl+G"
        )
        self.new_agreement_action = self._action(
            self.tr("Nieuwe &afspraak…"), lambda: self._for_open(self.residents.new_agreement), "Ctrl+Shift+A"
        )
        self.new_meeting_action = self._action(
            self.tr("Gesprek met instantie &plannen…"), lambda: self._for_open(self.meetings.new_meeting),
            "Ctrl+Shift+G",
        )  # fmt: skip
        self.together_action = self._action(
            self.tr("Sa&men voorbereiden…"), lambda: self._for_open(self.meetings.together_for)
        )
        self.search_action = self._action(
            self.tr("&Zoeken in notities"), self.focus_search, QKeySequence.StandardKey.Find
        )
        self.filter_action = self._action(self.tr("&Filter de lijst"), self.client_list.filter_edit.setFocus, "Ctrl+L")
        self.agenda_action = self._action(self.tr("A&genda"), self.routes.show_agenda, "Ctrl+Shift+D")
        self.calculator_action = self._action(
            self.tr("Termijn &berekenen…"), self.routes.show_calculator, "Ctrl+Shift+T"
        )
        self.list_action = self._action(self.tr("Naar de &lijst met inwoners"), self.focus_list, "Ctrl+1")
        self.dossier_action = self._action(self.tr("Naar het &dossier"), self.focus_dossier, "Ctrl+2")
        self.next_tab_action = self._action(
            self.tr("&Volgend tabblad"), lambda: self.dossier.step_tab(1), "Ctrl+PgDown", "Ctrl+Tab"
        )
        self.previous_tab_action = self._action(
            self.tr("V&orig tabblad"), lambda: self.dossier.step_tab(-1), "Ctrl+PgUp", "Ctrl+Shift+Tab"
        )
        self.settings_action = self._action(self.tr("&Instellingen…"), self.edit_settings)
        self.coordinator_action = self._action(self.tr("Rapportage voor de &coördinator…"), self.show_coordinator)
        quit_action = self._action(self.tr("A&fsluiten"), self.close, QKeySequence.StandardKey.Quit)
        about_action = self._action(self.tr("&Over Clientsteun"), self.show_about)

        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        file_menu.addAction(self.new_client_action)
        file_menu.addAction(self.new_conversation_action)
        file_menu.addAction(self.new_agreement_action)
        file_menu.addAction(self.new_meeting_action)
        file_menu.addAction(self.together_action)
        file_menu.addSeparator()
        file_menu.addAction(self.rights.rights_action)
        file_menu.addAction(self.rights.import_action)
        file_menu.addAction(self.privacy.retention_action)
        file_menu.addAction(self.coordinator_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        find_menu = self.menuBar().addMenu(self.tr("&Zoeken"))
        find_menu.addAction(self.search_action)
        find_menu.addAction(self.filter_action)
        find_menu.addSeparator()
        find_menu.addAction(self.agenda_action)
        find_menu.addAction(self.calculator_action)
        view_menu = self.menuBar().addMenu(self.tr("Bee&ld"))
        for action in (self.list_action, self.dossier_action, self.next_tab_action, self.previous_tab_action):
            view_menu.addAction(action)
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
        self.search_edit.returnPressed.connect(lambda: self.conversations.open_search(self.search_edit.text()))
        toolbar.addWidget(self.search_edit)

    # -- what the window offers the safety menu and the start ----------------------------------

    def apply_changes(self, changes: Changes) -> None:
        """A write was committed: each area refreshes what ``changes`` names, and nothing else.

        A refresh that fails does not make the write fail (it is stored): the error goes to the
        exception hook instead of back into the service call and the form that made it.
        """
        try:
            self.residents.apply(changes)
            self.routes.apply(changes)
            self.meetings.apply(changes)
            self.privacy.apply(changes)
        except Exception:
            sys.excepthook(*sys.exc_info())

    def refresh_clients(self, select: int | None = None) -> None:
        """Read the list and the dossier on screen (or ``select`` another) again, after a restore or
        a changed setting: when anything may differ."""
        self.residents.reload(select)

    def current_client_id(self) -> int | None:
        return self.dossier.client_id

    @property
    def editor(self) -> ConversationEditor | None:
        """The conversation open, if any (the lock keeps it as a draft)."""
        return self.conversations.editor

    def offer_drafts(self) -> None:
        self.conversations.offer_drafts()

    # -- small things --------------------------------------------------------------------------

    def _for_open(self, action: Callable[[int], Any]) -> None:
        """Something new for the resident on screen, whose dossier must be open."""
        client_id = self.current_client_id()
        if client_id is None:
            QMessageBox.information(
                self, self.tr("Geen inwoner gekozen"), self.tr("Kies eerst een inwoner in de lijst.")
            )
            return
        if not self.dossier.conversation_button.isEnabled():
            QMessageBox.information(
                self, self.tr("Dossier gesloten"),
                self.tr("Dit dossier is gesloten. Kies Heropenen om er iets nieuws in vast te leggen."),
            )  # fmt: skip
            return
        action(client_id)

    def focus_list(self) -> None:
        self.client_list.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_dossier(self) -> None:
        self.dossier.tabs.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def edit_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self, today=self.clock().date())
        saved = dialog.exec()
        dialog.deleteLater()  # not kept under the window until it closes
        if saved:
            self.safety.apply_settings(self.settings)
            self.refresh_clients()

    def show_coordinator(self) -> None:
        """The period's summary per municipality, exported or combined from several laptops' packages."""
        dialog = CoordinatorDialog(self.services, self.settings, self, tasks=self.tasks)
        dialog.exec()
        dialog.deleteLater()  # not kept under the window until it closes

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("Over Clientsteun"),
            self.tr(
                "Clientsteun {version}\nDossiers voor onafhankelijke cliëntondersteuning.\nDatabase: {path}"
            ).format(version=__version__, path=self.services.database.path),
        )

    def _stop(self) -> None:
        """Hear no more changes: the window is going."""
        if self._stop_listening is not None:
            self._stop_listening()
            self._stop_listening = None

    def shut_down(self) -> None:
        """When the application quits: a last backup (unless locked), then close the database."""
        self._stop()
        self.safety.stop_watching()
        self.tasks.wait()  # a job on its own connection ends before the database closes
        self.safety.close_backup()
        self.services.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.meetings.close_together()  # quitting from the lock's question while in Samen-modus
        if self.safety.locked:  # quitting from the lock: the draft was kept when locking
            if self.editor is not None:
                self.editor.abandon()
            self.safety.stop_watching()
            self._stop()
            event.accept()
            return
        # An open conversation is kept as a draft and offered again at the next start.
        if not self.conversations.keep_for_quit():
            event.ignore()
            return
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.splitter_state = bytes(self.splitter.saveState().data())
        self.settings.sync()
        self.safety.stop_watching()  # a closed window has nothing left to lock
        self._stop()
        event.accept()
