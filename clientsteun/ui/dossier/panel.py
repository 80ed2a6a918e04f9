"""The dossier of one resident: a header with the resident's actions above seven tabs, one class each.

Each part announces what the user wants (a signal with the id it is about) to the controller of its
room; the panel itself knows nothing of the database.  Until a resident is chosen it shows a hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date, format_long
from clientsteun.domain.dossier import DossierRoutes, DossierView
from clientsteun.domain.meetings import Meeting
from clientsteun.domain.model import Client, ClientStatus, ConsentState, TimelineEntry
from clientsteun.domain.timeline import with_route_entries
from clientsteun.services.base import Clock
from clientsteun.ui.dossier.agreements_tab import AgreementsTab
from clientsteun.ui.dossier.details_tab import DetailsTab
from clientsteun.ui.dossier.help_question_tab import HelpQuestionTab
from clientsteun.ui.dossier.meetings_tab import MeetingsTab
from clientsteun.ui.dossier.rich_text import warning
from clientsteun.ui.dossier.routes_tab import RoutesTab
from clientsteun.ui.dossier.signals_tab import SignalsTab
from clientsteun.ui.dossier.timeline_tab import TimelineTab
from clientsteun.ui.widgets.buttons import button

TIMELINE, HELP_QUESTION, AGREEMENTS, ROUTES, MEETINGS, SIGNALS, DETAILS = range(7)


class DossierPanel(QStackedWidget):
    """Shows a DossierView; the header's buttons announce intents about the resident shown."""

    edit_client = Signal(int)
    close_client = Signal(int)
    reopen_client = Signal(int)
    delete_client = Signal(int)
    new_conversation = Signal(int)
    new_agreement = Signal(int)
    shown = Signal(int)  # a resident's dossier was shown: the meetings tab is read by its controller

    def __init__(self, catalog: Catalog, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.view: DossierView | None = None
        self.timeline: tuple[TimelineEntry, ...] = ()  # as shown: its route entries read again with the routes

        self.empty = QLabel(self.tr("Kies een inwoner in de lijst, of maak een nieuwe inwoner aan."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self.name_label = QLabel()
        self.name_label.setObjectName("dossierName")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta_label = QLabel()
        self.meta_label.setWordWrap(True)
        self.edit_button = button(self.tr("Gegevens wijzigen"), lambda: self._emit(self.edit_client))
        self.conversation_button = button(self.tr("Nieuw gesprek"), lambda: self._emit(self.new_conversation))
        self.agreement_button = button(self.tr("Nieuwe afspraak"), lambda: self._emit(self.new_agreement))
        self.close_button = button(self.tr("Dossier sluiten"), self._close_or_reopen)
        self.delete_button = button(self.tr("Verwijderen…"), lambda: self._emit(self.delete_client))
        buttons = QHBoxLayout()
        for pushed in (self.edit_button, self.conversation_button, self.agreement_button):
            buttons.addWidget(pushed)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.delete_button)

        self.timeline_tab = TimelineTab(catalog)
        self.help_question_tab = HelpQuestionTab()
        self.agreements_tab = AgreementsTab(clock)
        self.routes_tab = RoutesTab(catalog)
        self.meetings_tab = MeetingsTab(catalog)
        self.signals_tab = SignalsTab(catalog)
        self.details_tab = DetailsTab(catalog)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Dossier"))
        self.tabs.addTab(self.timeline_tab, self.tr("Tijdlijn"))
        self.tabs.addTab(self.help_question_tab, self.tr("Hulpvraag"))
        self.tabs.addTab(self.agreements_tab, self.tr("Afspraken"))
        self.tabs.addTab(self.routes_tab, self.tr("Routes"))
        self.tabs.addTab(self.meetings_tab, self.meetings_tab.title())
        self.tabs.addTab(self.signals_tab, self.tr("Signalen"))
        self.tabs.addTab(self.details_tab, self.tr("Gegevens"))
        self.timeline_tab.open_route.connect(self.routes_tab.open_route)  # opened as from the Routes tab
        self.timeline_tab.show_signal.connect(self.show_signal)
        self.timeline_tab.show_help_question.connect(lambda: self.tabs.setCurrentIndex(HELP_QUESTION))
        self.timeline_tab.show_details.connect(lambda: self.tabs.setCurrentIndex(DETAILS))

        self.content = QWidget()
        layout = QVBoxLayout(self.content)
        layout.addWidget(self.name_label)
        layout.addWidget(self.meta_label)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self.addWidget(self.empty)
        self.addWidget(self.content)

    @property
    def client_id(self) -> int | None:
        """The resident shown, or None when no dossier is."""
        return self.view.client.id if self.view is not None else None

    # -- showing -------------------------------------------------------------------------------

    def show_view(self, view: DossierView) -> None:
        self.view = view
        client = view.client
        self.name_label.setText(client.display_name)
        self.meta_label.setText(self._meta_text(client))
        closed = client.status is ClientStatus.CLOSED
        self.close_button.setText(self.tr("Heropenen") if closed else self.tr("Dossier sluiten"))
        for pushed in (self.conversation_button, self.agreement_button):  # a closed dossier takes nothing new
            pushed.setEnabled(not closed)
            pushed.setToolTip(self.tr("Het dossier is gesloten. Kies Heropenen om iets nieuws vast te leggen.")
                              if closed else "")  # fmt: skip
        self.timeline = view.timeline
        self.help_question_tab.show_questions(client.id, view.help_questions)
        self.agreements_tab.show_agreements(client.id, view.agreements, closed=closed)
        self.tabs.setTabText(AGREEMENTS, self.agreements_tab.title())
        self.details_tab.show_client(client)
        self.show_routes(view.routes)
        self.setCurrentWidget(self.content)
        self.shown.emit(client.id)

    def show_routes(self, routes: DossierRoutes) -> None:
        """The routes and signals only: what a change to a route or a signal makes stale."""
        if self.view is None:
            return
        client_id = self.view.client.id
        closed = self.view.client.status is ClientStatus.CLOSED
        self.routes_tab.show_routes(client_id, routes.routes, closed=closed)
        self.signals_tab.show_signals(client_id, routes.signals)
        self.timeline = with_route_entries(self.timeline, routes.timeline)
        self.timeline_tab.show_timeline(client_id, self.timeline)
        self.tabs.setTabText(ROUTES, self.routes_tab.title())
        self.tabs.setTabText(SIGNALS, self.signals_tab.title())

    def show_meetings(self, meetings: Sequence[Meeting]) -> None:
        """The meetings with organisations (read by the meetings controller)."""
        if self.view is None:
            return
        closed = self.view.client.status is ClientStatus.CLOSED
        self.meetings_tab.show_meetings(self.view.client.id, meetings, closed=closed)
        self.tabs.setTabText(MEETINGS, self.meetings_tab.title())

    def show_signal(self, signal_id: int) -> None:
        """The tab of signals, with ``signal_id`` selected."""
        self.tabs.setCurrentIndex(SIGNALS)
        view = self.signals_tab.view
        row = self.signals_tab.model.find(lambda signal: signal.id == signal_id)
        if row is not None:
            view.setCurrentIndex(self.signals_tab.model.index(row, 0))
            view.scrollTo(view.currentIndex())
        view.setFocus()

    def step_tab(self, step: int) -> None:
        """The next (1) or previous (-1) tab, round the end."""
        count = self.tabs.count()
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)

    def clear(self) -> None:
        """Show no dossier (its resident is gone)."""
        self.view = None
        self.setCurrentWidget(self.empty)

    def _meta_text(self, client: Client) -> str:
        parts = [escape(client.details.municipality)] if client.details.municipality else []
        if client.details.first_contact:
            parts.append(
                escape(self.tr("eerste contact {date}").format(date=format_long(client.details.first_contact)))
            )
        if client.status is ClientStatus.CLOSED:
            parts.append(escape(self.tr("gesloten op {date}").format(date=format_long(client.closed_on))))
            parts.append(escape(self.tr("heropen het dossier om een gesprek of afspraak vast te leggen")))
        else:
            parts.append(escape(self.tr("dossier open")))
        parts.append(self._consent_text(client))
        return " · ".join(parts)

    def _consent_text(self, client: Client) -> str:
        consent = client.details.consent
        state = client.consent_state(self.clock().date())
        if consent is None or state is ConsentState.NONE:
            return warning(self.tr("geen toestemming vastgelegd"))
        if state is ConsentState.WITHDRAWN:
            return warning(self.tr("toestemming ingetrokken op {date}").format(date=format_date(consent.withdrawn_on)))
        if state is ConsentState.EXPIRED:
            return warning(self.tr("toestemming verlopen op {date}").format(date=format_date(consent.valid_until)))
        if consent.valid_until:
            return escape(self.tr("toestemming tot {date}").format(date=format_date(consent.valid_until)))
        return escape(self.tr("toestemming gegeven op {date}").format(date=format_date(consent.given_on)))

    # -- intents -------------------------------------------------------------------------------

    def _emit(self, signal: SignalInstance) -> None:
        if self.view is not None:
            signal.emit(self.view.client.id)

    def _close_or_reopen(self) -> None:
        if self.view is not None:
            closed = self.view.client.status is ClientStatus.CLOSED
            self._emit(self.reopen_client if closed else self.close_client)
