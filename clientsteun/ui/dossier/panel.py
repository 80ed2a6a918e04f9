"""The dossier of one resident: header, timeline, help question, agreements, routes, signals and details."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date, format_long
from clientsteun.domain.deadlines import DeadlineState, RouteView
from clientsteun.domain.model import (
    Agreement,
    ClientStatus,
    ConsentState,
    Dossier,
    HelpQuestion,
    TimelineEntry,
    TimelineKind,
)
from clientsteun.domain.routes import Signal as RouteSignal
from clientsteun.domain.timeline import first_line
from clientsteun.ui.routes.words import progress_text
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dossier", text)


def _timeline_kind_name(kind: TimelineKind, catalog: Catalog, entry_kind: str = "") -> str:
    names = {
        TimelineKind.CONVERSATION: _tr("Gesprek"),
        TimelineKind.HELP_QUESTION: _tr("Hulpvraag vastgelegd"),
        TimelineKind.AGREEMENT: _tr("Afspraak gemaakt"),
        TimelineKind.AGREEMENT_DONE: _tr("Afspraak klaar"),
        TimelineKind.FIRST_CONTACT: _tr("Eerste contact"),
        TimelineKind.CLOSED: _tr("Dossier gesloten"),
    }
    name = names[kind]
    return f"{name}: {catalog.kind_name(entry_kind)}" if entry_kind else name


def _button(text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(slot)
    return button


class DossierPanel(QWidget):
    """Shows a Dossier and announces what the user wants to do with it."""

    edit_client = Signal(int)
    close_client = Signal(int)
    reopen_client = Signal(int)
    delete_client = Signal(int)
    new_conversation = Signal(int)
    open_conversation = Signal(int)
    new_help_question = Signal(int)
    delete_help_question = Signal(int)
    new_agreement = Signal(int)
    edit_agreement = Signal(int)
    toggle_agreement_done = Signal(int)
    delete_agreement = Signal(int)
    new_route = Signal(int)  # client id
    open_route = Signal(int)  # route id
    delete_route = Signal(int)  # route id
    show_tried = Signal(int)  # client id: the overview "what has been tried"
    new_signal = Signal(int)  # client id
    edit_signal = Signal(int)  # signal id
    delete_signal = Signal(int)  # signal id

    def __init__(self, catalog: Catalog, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.today = today
        self.dossier: Dossier | None = None
        self._conversation_kinds: dict[int, str] = {}

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

        self.edit_button = _button(self.tr("Gegevens wijzigen"), lambda: self._emit(self.edit_client))
        self.conversation_button = _button(self.tr("Nieuw gesprek"), lambda: self._emit(self.new_conversation))
        self.agreement_button = _button(self.tr("Nieuwe afspraak"), lambda: self._emit(self.new_agreement))
        self.close_button = _button(self.tr("Dossier sluiten"), self._close_or_reopen)
        self.delete_button = _button(self.tr("Verwijderen…"), lambda: self._emit(self.delete_client))
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.conversation_button, self.agreement_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.delete_button)

        self.timeline_model: RowTableModel[TimelineEntry] = RowTableModel(
            [
                Column(_tr("Datum"), lambda e: format_date(e.on)),
                Column(_tr("Wat"), self._timeline_kind),
                Column(_tr("Omschrijving"), lambda e: e.text),
            ],
            parent=self,
        )
        self.timeline_view = make_table(self.timeline_model, stretch=2, accessible_name=self.tr("Tijdlijn"))
        self.timeline_view.doubleClicked.connect(self._open_timeline_entry)

        self.question_asked = QLabel()
        self.question_wants = QLabel()
        for label in (self.question_asked, self.question_wants):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question_model: RowTableModel[HelpQuestion] = RowTableModel(
            [
                Column(_tr("Datum"), lambda q: format_date(q.recorded_on)),
                Column(_tr("Wat er wordt gevraagd"), lambda q: first_line(q.asked)),
                Column(_tr("Wat de inwoner echt wil"), lambda q: first_line(q.really_wants)),
            ],
            parent=self,
        )
        self.question_view = make_table(
            self.question_model, stretch=2, accessible_name=self.tr("Versies van de hulpvraag")
        )
        question_page = QWidget()
        question_layout = QVBoxLayout(question_page)
        question_layout.addWidget(self.question_asked)
        question_layout.addWidget(self.question_wants)
        question_layout.addWidget(QLabel(self.tr("Eerdere versies:")))
        question_layout.addWidget(self.question_view, 1)
        question_buttons = QHBoxLayout()
        question_buttons.addWidget(
            _button(self.tr("Nieuwe versie vastleggen"), lambda: self._emit(self.new_help_question))
        )
        question_buttons.addWidget(_button(self.tr("Versie verwijderen…"), self._delete_question))
        question_buttons.addStretch(1)
        question_layout.addLayout(question_buttons)

        self.agreement_model: RowTableModel[Agreement] = RowTableModel(
            [
                Column(_tr("Wat"), lambda a: first_line(a.data.description)),
                Column(_tr("Wie"), lambda a: a.data.who),
                Column(
                    _tr("Uiterlijk"), lambda a: format_date(a.data.due_on), warn=lambda a: a.is_overdue(self.today())
                ),
                Column(_tr("Klaar op"), lambda a: format_date(a.done_on)),
            ],
            muted=lambda a: a.done_on is not None,
            parent=self,
        )
        self.agreement_view = make_table(self.agreement_model, stretch=0, accessible_name=self.tr("Afspraken"))
        self.agreement_view.doubleClicked.connect(lambda index: self.edit_agreement.emit(index.data(ROW_ROLE).id))
        agreement_page = QWidget()
        agreement_layout = QVBoxLayout(agreement_page)
        agreement_layout.addWidget(self.agreement_view, 1)
        agreement_buttons = QHBoxLayout()
        agreement_buttons.addWidget(_button(self.tr("Nieuwe afspraak"), lambda: self._emit(self.new_agreement)))
        agreement_buttons.addWidget(_button(self.tr("Wijzigen"), lambda: self._emit_agreement(self.edit_agreement)))
        self.done_button = _button(
            self.tr("Klaar / weer open"), lambda: self._emit_agreement(self.toggle_agreement_done)
        )
        agreement_buttons.addWidget(self.done_button)
        agreement_buttons.addWidget(
            _button(self.tr("Verwijderen…"), lambda: self._emit_agreement(self.delete_agreement))
        )
        agreement_buttons.addStretch(1)
        agreement_layout.addLayout(agreement_buttons)

        self.route_model: RowTableModel[RouteView] = RowTableModel(
            [
                Column(_tr("Route"), lambda v: v.route.data.title),
                Column(_tr("Stand"), lambda v: progress_text(v.progress, self.catalog.routes)),
                Column(
                    _tr("Eerstvolgende termijn"),
                    self._next_deadline_text,
                    sort_key=lambda v: v.next_deadline.due_on if v.next_deadline else date.max,
                    warn=lambda v: v.next_deadline is not None and v.next_deadline.state is DeadlineState.PASSED,
                ),
                Column(_tr("Instantie"), lambda v: v.route.data.organisation),
            ],
            parent=self,
        )
        self.route_view = make_table(self.route_model, stretch=0, accessible_name=self.tr("Routes"))
        self.route_view.doubleClicked.connect(self._open_route_at)
        route_page = QWidget()
        route_layout = QVBoxLayout(route_page)
        route_layout.addWidget(self.route_view, 1)
        route_buttons = QHBoxLayout()
        route_buttons.addWidget(_button(self.tr("Nieuwe route…"), lambda: self._emit(self.new_route)))
        route_buttons.addWidget(_button(self.tr("Openen"), lambda: self._emit_route(self.open_route)))
        route_buttons.addWidget(_button(self.tr("Verwijderen…"), lambda: self._emit_route(self.delete_route)))
        route_buttons.addStretch(1)
        route_buttons.addWidget(_button(self.tr("Wat is er geprobeerd?"), lambda: self._emit(self.show_tried)))
        route_layout.addLayout(route_buttons)

        self.signal_model: RowTableModel[RouteSignal] = RowTableModel(
            [
                Column(_tr("Datum"), lambda s: format_date(s.data.on), sort_key=lambda s: s.data.on),
                Column(_tr("Thema"), lambda s: self.catalog.routes.theme_name(s.data.theme)),
                Column(_tr("Instantie"), lambda s: s.data.organisation),
                Column(_tr("Omschrijving"), lambda s: first_line(s.data.description)),
                Column(_tr("Mag in rapportage"), lambda s: _tr("ja") if s.data.shareable else _tr("nee")),
            ],
            parent=self,
        )
        self.signal_view = make_table(self.signal_model, stretch=3, accessible_name=self.tr("Signalen"))
        self.signal_view.doubleClicked.connect(lambda index: self.edit_signal.emit(index.data(ROW_ROLE).id))
        signal_page = QWidget()
        signal_layout = QVBoxLayout(signal_page)
        signal_intro = QLabel(
            self.tr(
                "Een signaal is een knelpunt dat laat zien waar het systeem mensen vastzet, zoals diensten "
                "die op elkaar wachten. De coördinator meldt signalen zonder namen."
            )
        )
        signal_intro.setWordWrap(True)
        signal_layout.addWidget(signal_intro)
        signal_layout.addWidget(self.signal_view, 1)
        signal_buttons = QHBoxLayout()
        signal_buttons.addWidget(_button(self.tr("Nieuw signaal…"), lambda: self._emit(self.new_signal)))
        signal_buttons.addWidget(_button(self.tr("Wijzigen"), lambda: self._emit_signal(self.edit_signal)))
        signal_buttons.addWidget(_button(self.tr("Verwijderen…"), lambda: self._emit_signal(self.delete_signal)))
        signal_buttons.addStretch(1)
        signal_layout.addLayout(signal_buttons)

        self.details_label = QLabel()
        self.details_label.setWordWrap(True)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tabs = QTabWidget()
        self.tabs.addTab(self.timeline_view, self.tr("Tijdlijn"))
        self.tabs.addTab(question_page, self.tr("Hulpvraag"))
        self.tabs.addTab(agreement_page, self.tr("Afspraken"))
        self.tabs.addTab(route_page, self.tr("Routes"))
        self.tabs.addTab(signal_page, self.tr("Signalen"))
        self.tabs.addTab(self.details_label, self.tr("Gegevens"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.meta_label)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    # -- showing -------------------------------------------------------------------------------

    def show_dossier(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self._conversation_kinds = {c.id: c.data.kind for c in dossier.conversations}
        client = dossier.client
        self.name_label.setText(client.display_name)
        self.meta_label.setText(self._meta_text(dossier))
        closed = client.status is ClientStatus.CLOSED
        self.close_button.setText(self.tr("Heropenen") if closed else self.tr("Dossier sluiten"))
        self.timeline_model.set_rows(dossier.timeline)
        self.agreement_model.set_rows(dossier.agreements)
        self.question_model.set_rows(dossier.help_questions)
        current = dossier.help_questions[0] if dossier.help_questions else None
        self.question_asked.setText(
            "<b>{}</b><br>{}".format(escape(self.tr("Wat wordt er gevraagd?")), _html(current.asked if current else ""))
        )
        self.question_wants.setText(
            "<b>{}</b><br>{}".format(
                escape(self.tr("Wat wil de inwoner echt? Wat is belangrijk?")),
                _html(current.really_wants if current else ""),
            )
        )
        self.details_label.setText(self._details_html(dossier))
        overdue = sum(1 for a in dossier.agreements if a.is_overdue(self.today()))
        title = self.tr("Afspraken")
        self.tabs.setTabText(2, f"{title} ({overdue} {self.tr('te laat')})" if overdue else title)

    def show_routes(self, views: Sequence[RouteView], signals: Sequence[RouteSignal]) -> None:
        self.route_model.set_rows(views)
        self.signal_model.set_rows(signals)
        passed = sum(1 for view in views if any(d.state is DeadlineState.PASSED for d in view.open_deadlines))
        title = self.tr("Routes")
        self.tabs.setTabText(3, f"{title} ({passed} {self.tr('termijn verlopen')})" if passed else title)
        self.tabs.setTabText(4, f"{self.tr('Signalen')} ({len(signals)})" if signals else self.tr("Signalen"))

    def _next_deadline_text(self, view: RouteView) -> str:
        deadline = view.next_deadline
        if deadline is None:
            return ""
        text = f"{format_date(deadline.due_on)} · {deadline.name}"
        return f"{text} ({self.tr('verlopen')})" if deadline.state is DeadlineState.PASSED else text

    def _meta_text(self, dossier: Dossier) -> str:
        client = dossier.client
        parts = [escape(client.details.municipality)] if client.details.municipality else []
        if client.details.first_contact:
            parts.append(
                escape(self.tr("eerste contact {date}").format(date=format_long(client.details.first_contact)))
            )
        if client.status is ClientStatus.CLOSED:
            parts.append(escape(self.tr("gesloten op {date}").format(date=format_long(client.closed_on))))
        else:
            parts.append(escape(self.tr("dossier open")))
        parts.append(self._consent_text(dossier))
        return " · ".join(parts)

    def _consent_text(self, dossier: Dossier) -> str:
        consent = dossier.client.details.consent
        state = dossier.client.consent_state(self.today())
        if consent is None or state is ConsentState.NONE:
            return _warning(self.tr("geen toestemming vastgelegd"))
        if state is ConsentState.WITHDRAWN:
            return _warning(self.tr("toestemming ingetrokken op {date}").format(date=format_date(consent.withdrawn_on)))
        if state is ConsentState.EXPIRED:
            return _warning(self.tr("toestemming verlopen op {date}").format(date=format_date(consent.valid_until)))
        if consent.valid_until:
            return escape(self.tr("toestemming tot {date}").format(date=format_date(consent.valid_until)))
        return escape(self.tr("toestemming gegeven op {date}").format(date=format_date(consent.given_on)))

    def _details_html(self, dossier: Dossier) -> str:
        d = dossier.client.details
        rows = [
            (self.tr("Naam"), d.name),
            (self.tr("Roepnaam of schuilnaam"), d.alias),
            (self.tr("Telefoon"), d.phone),
            (self.tr("E-mail"), d.email),
            (self.tr("Adres"), d.address),
            (self.tr("Gemeente"), d.municipality),
            (self.tr("Eerste contact"), format_long(d.first_contact)),
            (self.tr("Levensgebieden"), ", ".join(self.catalog.life_domain_name(c) for c in d.life_domains)),
        ]
        if dossier.client.status is ClientStatus.CLOSED:
            rows.append((self.tr("Reden van sluiten"), dossier.client.close_reason))
        html = [_table_html(rows)]
        html.append(f"<h3>{escape(self.tr('Netwerk'))}</h3>")
        if d.network:
            html.append("<ul>")
            html += [
                "<li>" + escape(" — ".join(part for part in (m.name, m.role, m.phone) if part)) + "</li>"
                for m in d.network
            ]
            html.append("</ul>")
        else:
            html.append(escape(self.tr("Nog niemand vastgelegd.")))
        html.append(f"<h3>{escape(self.tr('Toestemming'))}</h3>")
        if d.consent:
            c = d.consent
            consent_rows = [
                (self.tr("Gegeven op"), format_long(c.given_on)),
                (self.tr("Wat mag worden vastgelegd"), c.may_record),
                (self.tr("Met wie mag worden gedeeld"), c.share_with),
                (self.tr("Geldig tot"), format_long(c.valid_until)),
                (self.tr("Ingetrokken op"), format_long(c.withdrawn_on)),
            ]
            html.append(_table_html([(label, value) for label, value in consent_rows if value]))
        else:
            html.append(_warning(self.tr("Nog geen toestemming vastgelegd.")))
        return "".join(html)

    def _timeline_kind(self, entry: TimelineEntry) -> str:
        kind = self._conversation_kinds.get(entry.ref_id, "") if entry.kind is TimelineKind.CONVERSATION else ""
        return _timeline_kind_name(entry.kind, self.catalog, kind)

    # -- intents -------------------------------------------------------------------------------

    def _emit(self, signal: SignalInstance) -> None:
        if self.dossier is not None:
            signal.emit(self.dossier.client.id)

    def _emit_agreement(self, signal: SignalInstance) -> None:
        index = self.agreement_view.currentIndex()
        if index.isValid():
            signal.emit(index.data(ROW_ROLE).id)

    def _emit_route(self, signal: SignalInstance) -> None:
        index = self.route_view.currentIndex()
        if index.isValid():
            signal.emit(index.data(ROW_ROLE).route.id)

    def _open_route_at(self, index: QModelIndex) -> None:
        self.open_route.emit(index.data(ROW_ROLE).route.id)

    def _emit_signal(self, signal: SignalInstance) -> None:
        index = self.signal_view.currentIndex()
        if index.isValid():
            signal.emit(index.data(ROW_ROLE).id)

    def _close_or_reopen(self) -> None:
        if self.dossier is not None:
            closed = self.dossier.client.status is ClientStatus.CLOSED
            self._emit(self.reopen_client if closed else self.close_client)

    def _delete_question(self) -> None:
        index = self.question_view.currentIndex()
        if index.isValid():
            self.delete_help_question.emit(index.data(ROW_ROLE).id)

    def _open_timeline_entry(self, index: QModelIndex) -> None:
        entry: TimelineEntry = index.data(ROW_ROLE)
        if entry.kind is TimelineKind.CONVERSATION:
            self.open_conversation.emit(entry.ref_id)
        elif entry.kind in (TimelineKind.AGREEMENT, TimelineKind.AGREEMENT_DONE):
            self.edit_agreement.emit(entry.ref_id)


def _table_html(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td><b>{escape(label)}</b></td><td>{_html(value)}</td></tr>" for label, value in rows)
    return f"<table cellspacing='4'>{cells}</table>"


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _warning(text: str) -> str:
    return f"<span style='color:#b3261e; font-weight:bold'>{escape(text)}</span>"
