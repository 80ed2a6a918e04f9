"""Meetings with organisations and the resident's preparation: the actions of the dossier's tab
"Gesprekken met instanties", the guided preparation, Samen-modus and the sheet's preview.

Actions only write; the meetings tab is read again when a change names ``Area.MEETINGS`` for the
resident on screen, or when another resident's dossier is shown.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from clientsteun.domain.changes import Area, Changes
from clientsteun.domain.meetings import Meeting
from clientsteun.services import Services
from clientsteun.services.base import Clock
from clientsteun.services.safety import SafetyService
from clientsteun.settings import Settings
from clientsteun.ui.dossier.meetings_tab import when_text
from clientsteun.ui.dossier.panel import MEETINGS, DossierPanel
from clientsteun.ui.errors import guarded
from clientsteun.ui.meetings.dialogs import HoldDialog, MeetingDialog, ReportDialog
from clientsteun.ui.meetings.preparation import PreparationDialog, PreparationPanel
from clientsteun.ui.meetings.sheet_preview import SheetPreviewDialog
from clientsteun.ui.meetings.together import TogetherWindow
from clientsteun.ui.safety.unlock import confirm_passphrase
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.forms import confirm
from clientsteun.ui.widgets.table_view import selected_row


class MeetingsController(QObject):
    def __init__(
        self, services: Services, settings: Settings, clock: Clock, dossier: DossierPanel, window: QWidget,
        tasks: Tasks, lock_action: QAction | None = None,
    ) -> None:  # fmt: skip
        """``lock_action`` (the safety menu's "Nu vergrendelen") works in Samen-modus too."""
        super().__init__(window)
        self.lock_action = lock_action
        self.services = services
        self.settings = settings
        self.clock = clock
        self.dossier = dossier
        self.window = window  # dialogs show over it
        self.tasks = tasks  # the sheet is rendered on it
        self.safety = SafetyService(services.database.path, services.clock)  # to check the passphrase
        self.preparation: PreparationDialog | None = None  # the preparation beside the dossier, while open
        self.together: TogetherWindow | None = None  # Samen-modus, while it is on
        self._hidden: list[QWidget] = []  # the windows Samen-modus hid, to show again
        tab = dossier.meetings_tab
        tab.new_meeting.connect(self.new_meeting)
        tab.edit_meeting.connect(self.edit_meeting)
        tab.prepare.connect(self.prepare)
        tab.prepare_together.connect(self.prepare_together)
        tab.hold_meeting.connect(self.hold_meeting)
        tab.record_report.connect(self.record_report)
        tab.delete_meeting.connect(self.delete_meeting)
        dossier.shown.connect(self.show_meetings)

    def apply(self, changes: Changes) -> None:
        """The meetings tab of the resident on screen, when a change names their meetings."""
        if changes.touches(Area.MEETINGS) and changes.client_id == self.dossier.client_id:
            self.show_meetings(changes.client_id)

    @guarded
    def show_meetings(self, client_id: int) -> None:
        self.dossier.show_meetings(self.services.meetings.list_meetings(client_id))

    def _meeting(self, meeting_id: int) -> Meeting:
        return self.services.meetings.get_meeting(meeting_id)

    # -- meetings ------------------------------------------------------------------------------

    @guarded
    def new_meeting(self, client_id: int) -> None:
        """Plan a meeting; it is chosen in the tab afterwards."""
        views = self.services.routes.list_routes(client_id)
        dialog = MeetingDialog(
            self.services.catalog, client_id, views, lambda data: self.services.meetings.save_meeting(None, data),
            self.clock().date(), parent=self.window,
        )  # fmt: skip
        if dialog.exec():
            self.dossier.tabs.setCurrentIndex(MEETINGS)
            self.dossier.meetings_tab.select(dialog.result_value.id)

    @guarded
    def edit_meeting(self, meeting_id: int) -> None:
        meeting = self._meeting(meeting_id)
        views = self.services.routes.list_routes(meeting.data.client_id)
        MeetingDialog(
            self.services.catalog, meeting.data.client_id, views,
            lambda data: self.services.meetings.save_meeting(meeting_id, data), self.clock().date(), meeting,
            parent=self.window,
        ).exec()  # fmt: skip

    @guarded
    def hold_meeting(self, meeting_id: int) -> None:
        """ "Gesprek gehouden…": the conversation of that day, and what was agreed as agreements."""
        HoldDialog(
            self.services.catalog, lambda held: self.services.meetings.hold_meeting(meeting_id, held), self.window
        ).exec()

    @guarded
    def record_report(self, meeting_id: int) -> None:
        meeting = self._meeting(meeting_id)
        ReportDialog(meeting, lambda report: self.services.meetings.set_report(meeting_id, *report), self.window).exec()

    @guarded
    def delete_meeting(self, meeting_id: int) -> None:
        meeting = self._meeting(meeting_id)
        name = self.services.catalog.meetings.name(meeting.data.kind)
        question = self.tr(
            "Het gesprek ‘{name}’ van {when} verwijderen? De voorbereiding en een gekoppelde stap blijven bewaard."
        ).format(name=name, when=when_text(meeting))
        if confirm(self.window, question):
            self.services.meetings.delete_meeting(meeting_id)

    # -- the preparation -----------------------------------------------------------------------

    def _panel(self, meeting_id: int, *, together: bool) -> PreparationPanel:
        """The preparation's screens; in Samen-modus the sheet shows in large type and is not saved to a
        file (a file dialog would show the names of other files)."""
        panel = PreparationPanel(
            self.services, self._meeting(meeting_id), self.settings.autosave_delay_ms, lambda: self.clock().date()
        )
        panel.show_sheet.connect(lambda: self.show_sheet(panel, large=together, can_save=not together))
        return panel

    @guarded
    def prepare(self, meeting_id: int) -> None:
        """The guided preparation beside the dossier."""
        dialog = PreparationDialog(self._panel(meeting_id, together=False), self.window)
        self.preparation = dialog
        try:
            dialog.exec()
        finally:
            self.preparation = None
            dialog.deleteLater()

    def show_sheet(self, panel: PreparationPanel, *, large: bool, can_save: bool) -> None:
        """The sheet as it will print, over the preparation."""
        dialog = SheetPreviewDialog(
            self.services, panel.client_id, panel.meeting.id, self.tasks, panel.window(), large=large, can_save=can_save
        )
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    # -- Samen-modus ---------------------------------------------------------------------------

    @guarded
    def prepare_together(self, meeting_id: int) -> None:
        """Samen-modus: the preparation alone on the screen, in large type; every other window hides."""
        if self.together is not None:
            return
        panel = self._panel(meeting_id, together=True)
        together = TogetherWindow(panel, self._confirm_leave)
        together.left.connect(self._left)
        if self.lock_action is not None:
            together.addAction(self.lock_action)  # its shortcut locks from Samen-modus as well
        together.destroyed.connect(lambda _object=None: self._gone(together))
        self.together = together
        screen = self.window.screen()
        self._hidden = [
            widget for widget in QApplication.topLevelWidgets() if widget.isVisible() and widget is not together
        ]
        together.setGeometry(screen.geometry())  # whole, also where no window manager obeys
        together.showFullScreen()
        together.activateWindow()
        for widget in self._hidden:  # after showing Samen-modus: the app always has a window open
            widget.hide()

    def together_for(self, client_id: int) -> None:
        """Samen-modus from the menu: for the meeting chosen in the tab, else the next one planned."""
        chosen: Meeting | None = selected_row(self.dossier.meetings_tab.view)
        meeting = chosen if chosen is not None and chosen.data.client_id == client_id else None
        meeting = meeting or self.services.meetings.next_meeting(client_id)
        if meeting is None:
            QMessageBox.information(
                self.window, self.tr("Geen gesprek gepland"),
                self.tr("Plan eerst een gesprek in het tabblad Gesprekken met instanties."),
            )  # fmt: skip
            return
        self.prepare_together(meeting.id)

    def _confirm_leave(self, parent: QWidget) -> bool:
        intro = self.tr("Typ het wachtwoord om de samen-modus te verlaten.")
        return confirm_passphrase(self.safety, intro, parent)

    def _left(self) -> None:
        """Back to the dossier: the windows Samen-modus hid show again."""
        for widget in self._hidden:
            if shiboken6.isValid(widget):
                widget.show()
        self._hidden = []
        self.window.activateWindow()

    def _gone(self, together: TogetherWindow) -> None:
        if self.together is together:
            self.together = None

    def close_together(self) -> None:
        """The app quits (from the lock's question): Samen-modus closes without asking."""
        if self.together is not None and shiboken6.isValid(self.together):
            self.together.force_close()
        self.together = None
        self._hidden = []
