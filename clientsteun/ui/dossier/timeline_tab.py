"""The dossier's timeline: everything that happened, newest first, with a chip per kind to filter
on; Enter or a double-click opens what a row is about."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QToolButton, QVBoxLayout, QWidget

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date
from clientsteun.domain.model import TimelineEntry, TimelineKind
from clientsteun.domain.routes import Outcome
from clientsteun.ui.dossier.rich_text import tr
from clientsteun.ui.routes.words import outcome_word
from clientsteun.ui.widgets.flow_layout import FlowLayout
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table

K = TimelineKind
CHECK = "\u2713"
CHIP_STYLE = (
    "QToolButton { border: 1px solid #80868b; border-radius: 10px; padding: 2px 10px; background: palette(base); }"
    "QToolButton:checked { background: #d2e3fc; border-color: #1a5fb4; }"
    "QToolButton:focus { border: 2px solid palette(highlight); }"
)
CONSENT = frozenset({K.CONSENT_GIVEN, K.CONSENT_CHANGED, K.CONSENT_WITHDRAWN, K.CONSENT_EXPIRED})


class Chip(QToolButton):
    """A filter chip: on (a check mark, coloured) or off; Tab reaches it, Space switches it."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.setCheckable(True)
        self.setStyleSheet(CHIP_STYLE)
        self.setText(f"{CHECK} {label}")
        self.setMinimumWidth(self.sizeHint().width())  # as wide off as on: the row does not shift
        self.setChecked(True)
        self.toggled.connect(lambda on: self.setText(f"{CHECK} {label}" if on else label))


class TimelineTab(QWidget):
    open_conversation = Signal(int)  # conversation id
    edit_agreement = Signal(int)  # agreement id
    open_route = Signal(int)  # route id: a step or an effort on it
    show_signal = Signal(int)  # signal id
    show_help_question = Signal()
    show_details = Signal()  # consent, first contact, closing

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.client_id: int | None = None
        self._timeline: tuple[TimelineEntry, ...] = ()
        self.model: RowTableModel[TimelineEntry] = RowTableModel(
            [
                Column(tr("Datum"), lambda e: format_date(e.on)),
                Column(tr("Wat"), self._kind_name),
                Column(tr("Omschrijving"), lambda e: e.text),
            ],
            key=lambda e: (e.kind, e.ref_id),
            parent=self,
        )
        self.view = make_table(self.model, stretch=2, accessible_name=self.tr("Tijdlijn"))
        self.view.open_row.connect(self._open)
        header = self.view.horizontalHeader()  # a route step's kind can be long: it shares the width
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        chips = FlowLayout()  # wraps on a narrow screen instead of widening the window
        shown = QLabel(self.tr("Toon:"))
        chips.addWidget(shown)
        self.chips: list[tuple[Chip, frozenset[TimelineKind]]] = []
        groups = (  # each chip with the kinds of entry it shows
            (self.tr("Gesprekken"), {K.CONVERSATION}),
            (self.tr("Afspraken"), {K.AGREEMENT, K.AGREEMENT_DONE}),
            (self.tr("Routes"), {K.ROUTE_STEP}),
            (self.tr("Bewijs"), {K.EVIDENCE}),
            (self.tr("Signalen"), {K.SIGNAL}),
            (self.tr("Toestemming"), CONSENT),
            (self.tr("Overig"), {K.HELP_QUESTION, K.FIRST_CONTACT, K.CLOSED, K.CORRECTED, K.STATEMENT}),
        )
        for label, kinds in groups:
            chip = Chip(label)
            chip.setAccessibleName(self.tr("{kind} tonen").format(kind=label))
            chip.setToolTip(self.tr("{kind} tonen of verbergen in de tijdlijn").format(kind=label))
            chip.toggled.connect(self._show_rows)
            chips.addWidget(chip)
            self.chips.append((chip, frozenset(kinds)))
        self.count_label = QLabel()
        self.count_label.hide()
        chips.addWidget(self.count_label)
        for widget in (shown, self.count_label):
            widget.setMinimumHeight(chip.sizeHint().height())  # level with the chips

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(chips)
        layout.addWidget(self.view)

    def show_timeline(self, client_id: int, timeline: Sequence[TimelineEntry]) -> None:
        """Show ``timeline``; the chips stay as they are while the same resident's is shown anew, and
        are all on again for another resident (so nothing of theirs is hidden unnoticed)."""
        if client_id != self.client_id:
            self.client_id = client_id
            for chip, _kinds in self.chips:
                chip.blockSignals(True)
                chip.setChecked(True)
                chip.blockSignals(False)
        self._timeline = tuple(timeline)
        self._show_rows()

    def chip(self, label: str) -> Chip:
        """The chip called ``label``."""
        return next(chip for chip, _kinds in self.chips if chip.label == label)

    def _show_rows(self) -> None:
        shown = frozenset().union(*(kinds for chip, kinds in self.chips if chip.isChecked()))
        rows = [entry for entry in self._timeline if entry.kind in shown]
        self.model.set_rows(rows)
        hidden = len(self._timeline) - len(rows)
        self.count_label.setText(
            self.tr("{shown} van {total} getoond").format(shown=len(rows), total=len(self._timeline)) if hidden else ""
        )
        self.count_label.setVisible(bool(hidden))

    def _kind_name(self, entry: TimelineEntry) -> str:
        routes = self.catalog.routes
        match entry.kind:
            case K.CONVERSATION:
                kind = self.catalog.kind_name(entry.code) if entry.code else ""
                return tr("Gesprek: {kind}").format(kind=kind) if kind else tr("Gesprek")
            case K.ROUTE_STEP:
                step = f"{routes.kind(entry.code).name}: {routes.step_name(entry.step)}"
                return f"{step} – {outcome_word(Outcome(entry.outcome))}" if entry.outcome else step
            case K.EVIDENCE:
                return tr("Bewijs: {route}").format(route=routes.kind(entry.code).name)
            case K.SIGNAL:
                return tr("Signaal: {theme}").format(theme=routes.theme_name(entry.code))
        names = {
            K.HELP_QUESTION: tr("Hulpvraag vastgelegd"),
            K.AGREEMENT: tr("Afspraak gemaakt"),
            K.AGREEMENT_DONE: tr("Afspraak klaar"),
            K.CONSENT_GIVEN: tr("Toestemming gegeven"),
            K.CONSENT_CHANGED: tr("Toestemming gewijzigd"),
            K.CONSENT_WITHDRAWN: tr("Toestemming ingetrokken"),
            K.CONSENT_EXPIRED: tr("Toestemming verlopen"),
            K.FIRST_CONTACT: tr("Eerste contact"),
            K.CLOSED: tr("Dossier gesloten"),
            K.CORRECTED: tr("Gecorrigeerd op verzoek"),
            K.STATEMENT: tr("Verklaring van de inwoner"),
        }
        return names[entry.kind]

    def _open(self, index: QModelIndex) -> None:
        entry: TimelineEntry = index.data(ROW_ROLE)
        match entry.kind:
            case K.CONVERSATION:
                self.open_conversation.emit(entry.ref_id)
            case K.AGREEMENT | K.AGREEMENT_DONE:
                self.edit_agreement.emit(entry.ref_id)
            case K.ROUTE_STEP | K.EVIDENCE if entry.route_id is not None:
                self.open_route.emit(entry.route_id)
            case K.SIGNAL:
                self.show_signal.emit(entry.ref_id)
            case K.HELP_QUESTION:
                self.show_help_question.emit()
            case _:
                self.show_details.emit()
