"""The agenda of all open dossiers: deadlines, planned steps and agreements, soonest first.

Filters by resident, municipality and kind, shows what a resident can do about a deadline that has
passed, and exports what is shown as an iCalendar file (.ics) for Outlook, Google or a phone.  The
agenda is computed on a worker thread (``ui/tasks.py``, over a connection of its own): the dialog
says "Agenda wordt berekend…" until it arrives.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.agenda import AgendaItem, AgendaKind, within
from clientsteun.domain.dates import format_date
from clientsteun.domain.deadlines import DUE_SOON_DAYS
from clientsteun.services import Services
from clientsteun.ui.errors import guarded
from clientsteun.ui.routes.words import actor_word, open_state_text
from clientsteun.ui.tasks import InlineExecutor, Tasks
from clientsteun.ui.widgets.screen import fit_on_screen
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table

COMING_WEEKS_DAYS = 28  # "Alleen komende 4 weken"
DATE_COLUMN, KIND_COLUMN, RESIDENT_COLUMN, MUNICIPALITY_COLUMN, WHAT_COLUMN, WHO_COLUMN, STATE_COLUMN = range(7)


def _tr(text: str) -> str:
    return QCoreApplication.translate("AgendaDialog", text)


def kind_word(kind: AgendaKind) -> str:
    return {
        AgendaKind.DEADLINE: _tr("Termijn"),
        AgendaKind.MEETING: _tr("Gepland"),
        AgendaKind.AGREEMENT: _tr("Afspraak"),
        AgendaKind.REPORT: _tr("Herinnering"),
        AgendaKind.REQUEST: _tr("Verzoek AVG"),
    }[kind]


def who_word(item: AgendaItem) -> str:
    """Who must act: the authority or the resident before a deadline, whoever does an agreement."""
    return item.who if item.actor is None else actor_word(item.actor)


def compute_agenda(connect: Callable[[], AbstractContextManager[Services]], due_soon_days: int) -> list[AgendaItem]:
    """The job: the agenda read over a connection of its own (``Services.on_own_connection``)."""
    with connect() as services:
        return services.agenda.agenda(due_soon_days)


def agenda_columns(today: Callable[[], date]) -> list[Column[AgendaItem]]:
    kinds = list(AgendaKind)

    def soonest(item: AgendaItem) -> tuple[date, int, str, str]:  # the order of ``sorted_agenda``
        return (item.on, kinds.index(item.kind), item.resident.name.casefold(), item.uid)

    def overdue(item: AgendaItem) -> bool:
        return item.overdue

    return [
        Column(_tr("Datum"), lambda i: format_date(i.on), soonest, warn=overdue),
        Column(_tr("Soort"), lambda i: kind_word(i.kind)),
        Column(_tr("Inwoner"), lambda i: i.resident.name, lambda i: i.resident.name.casefold()),
        Column(_tr("Gemeente"), lambda i: i.resident.municipality, lambda i: i.resident.municipality.casefold()),
        Column(_tr("Wat"), lambda i: i.what, lambda i: i.what.casefold()),
        Column(_tr("Wie moet handelen"), who_word, lambda i: who_word(i).casefold()),
        Column(_tr("Stand"), lambda i: open_state_text(i.state, i.on, today()), soonest, warn=overdue),
    ]


class AgendaDialog(QDialog):
    """Announces the resident whose dossier the user wants to see; works with show() and exec()."""

    open_resident = Signal(int)  # the client id

    def __init__(
        self,
        services: Services,
        today: Callable[[], date],
        due_soon_days: int = DUE_SOON_DAYS,
        parent: QWidget | None = None,
        tasks: Tasks | None = None,
    ) -> None:
        """The agenda is computed on ``tasks`` (by default at once, on this thread)."""
        super().__init__(parent)
        self.services = services
        self.today = today
        self.due_soon_days = due_soon_days
        self.tasks = tasks if tasks is not None else Tasks(InlineExecutor(), self)
        self._all: list[AgendaItem] = []
        self._reading = 0  # the latest computation asked for; an older one that arrives late is dropped
        self.computing = False
        self.setWindowTitle(self.tr("Agenda"))
        fit_on_screen(self, 1100, 600)

        self.resident_filter = QComboBox()
        self.resident_filter.setAccessibleName(self.tr("Toon de agenda van"))
        self.municipality_filter = QComboBox()
        self.municipality_filter.setAccessibleName(self.tr("Toon de agenda in gemeente"))
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Toon soort"))
        self.kind_filter.addItem(self.tr("Alles"), "")
        self.kind_filter.addItem(self.tr("Termijnen"), AgendaKind.DEADLINE.value)
        self.kind_filter.addItem(self.tr("Gepland"), AgendaKind.MEETING.value)
        self.kind_filter.addItem(self.tr("Afspraken"), AgendaKind.AGREEMENT.value)
        self.kind_filter.addItem(self.tr("Herinneringen"), AgendaKind.REPORT.value)
        self.kind_filter.addItem(self.tr("Verzoeken AVG"), AgendaKind.REQUEST.value)
        self.coming_weeks = QCheckBox(self.tr("Alleen komende 4 weken"))
        self.coming_weeks.setToolTip(self.tr("Verlopen punten blijven altijd zichtbaar."))
        for combo in (self.resident_filter, self.municipality_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.coming_weeks.toggled.connect(self._apply_filters)

        self.model: RowTableModel[AgendaItem] = RowTableModel(agenda_columns(today), parent=self)
        self.table = make_table(self.model, stretch=WHAT_COLUMN, accessible_name=self.tr("Agenda"), sortable=True)
        self.table.sortByColumn(DATE_COLUMN, Qt.SortOrder.AscendingOrder)  # soonest first
        self.table.setWordWrap(False)
        self.table.open_row.connect(self._on_double_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.model.modelReset.connect(self._update_selection)

        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.advice.setFrameShape(QFrame.Shape.StyledPanel)
        self.advice.setMargin(8)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice.setAccessibleName(self.tr("Wat de inwoner nu kan doen"))
        self.count = QLabel()
        self.status = QLabel()  # where the last export went
        self.status.setWordWrap(True)

        self.names_check = QCheckBox(self.tr("Namen in het agendabestand zetten"))
        self.names_check.setToolTip(
            self.tr(
                "Een agenda wordt vaak bewaard bij een clouddienst, zoals Google of Microsoft. "
                "Zonder namen staat er ‘inwoner’ met het nummer van het dossier."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_button = buttons.addButton(self.tr("Dossier openen"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self._open_clicked)
        self.export_button = buttons.addButton(
            self.tr("Exporteren naar agenda (.ics)…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.clicked.connect(self._export_clicked)
        buttons.rejected.connect(self.reject)

        filters = QHBoxLayout()
        for text, combo in (
            (self.tr("&Inwoner:"), self.resident_filter),
            (self.tr("&Gemeente:"), self.municipality_filter),
            (self.tr("&Soort:"), self.kind_filter),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
        filters.addWidget(self.coming_weeks)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.names_check)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.advice)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.refresh()

    # -- content -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the agenda again on a worker thread; the filters chosen stay."""
        self._reading += 1
        self.computing = True
        self.count.setText(self.tr("Agenda wordt berekend…"))
        self.export_button.setEnabled(False)
        self.tasks.run(
            functools.partial(compute_agenda, self.services.on_own_connection, self.due_soon_days),
            on_done=functools.partial(self._show, self._reading),
            label=self.tr("Agenda wordt berekend…"),
            parent=self,
        )

    def _show(self, reading: int, items: list[AgendaItem]) -> None:
        if reading != self._reading:
            return  # a newer computation is on its way
        self.computing = False
        self._all = items
        residents = sorted({(i.resident.name.casefold(), i.resident.name, i.resident.id) for i in self._all})
        names = [name for _, name, _ in residents]
        choices = [  # two residents with the same name are told apart by their number
            (name if names.count(name) == 1 else f"{name} ({resident_id})", resident_id)
            for _, name, resident_id in residents
        ]
        municipalities = sorted({i.resident.municipality for i in self._all} - {""}, key=str.casefold)
        _fill(self.resident_filter, self.tr("Alle inwoners"), choices)
        _fill(self.municipality_filter, self.tr("Alle gemeenten"), [(m, m) for m in municipalities])
        self._apply_filters()

    def items(self) -> list[AgendaItem]:
        """The items shown, in the order shown."""
        return self.model.rows()

    def _apply_filters(self) -> None:
        resident = self.resident_filter.currentData()
        municipality = self.municipality_filter.currentData()
        kind = self.kind_filter.currentData()
        shown = [
            item
            for item in self._all
            if (not resident or item.resident.id == resident)
            and (not municipality or item.resident.municipality == municipality)
            and (not kind or item.kind.value == kind)
        ]
        if self.coming_weeks.isChecked():
            shown = within(shown, self.today(), COMING_WEEKS_DAYS)
        self.model.set_rows(shown)
        self._update_count()

    def _update_count(self) -> None:
        rows = self.model.rows()
        overdue = sum(item.overdue for item in rows)
        text = self._points(len(rows))
        if overdue:
            text = self.tr("{points}, waarvan {overdue} verlopen").format(points=text, overdue=overdue)
        self.count.setText(text)
        self.export_button.setEnabled(bool(rows))

    def _points(self, count: int) -> str:
        return self.tr("1 punt") if count == 1 else self.tr("{count} punten").format(count=count)

    # -- the selected item ---------------------------------------------------------------------

    def current_item(self) -> AgendaItem | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _on_current(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_selection()

    def _update_selection(self) -> None:
        item = self.current_item()
        self.open_button.setEnabled(item is not None)
        if item is not None and item.overdue and item.kind is AgendaKind.DEADLINE and item.advice:
            advice = QCoreApplication.translate("deadlines", item.advice)
            self.advice.setText(self.tr("<b>Wat kan de inwoner nu doen?</b> {advice}").format(advice=_html(advice)))
        elif item is not None and item.overdue:
            self.advice.setText(_html(self.tr("Deze datum is voorbij.")))
        else:
            self.advice.setText(_html(self.tr("Kies een verlopen termijn om te zien wat de inwoner nu kan doen.")))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_resident.emit(self.model.row_at(index.row()).resident.id)

    def _open_clicked(self) -> None:
        item = self.current_item()
        if item is not None:
            self.open_resident.emit(item.resident.id)

    # -- export --------------------------------------------------------------------------------

    def _export_clicked(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Agenda exporteren"), "clientsteun-agenda.ics", self.tr("Agendabestand (*.ics)")
        )
        if target:
            path = Path(target)
            if path.suffix.lower() != ".ics":
                path = path.with_name(path.name + ".ics")
            self.export_to(path, self.names_check.isChecked())

    @guarded
    def export_to(self, path: Path, with_names: bool) -> int:
        """Write the items shown to ``path`` as an .ics file (logged); returns how many.

        An item dated outside 1900-2200 (stored before dates were limited) is left out, and the
        status line says so.
        """
        shown = self.model.rows()
        count = self.services.agenda.export_ics(path, shown, with_names=with_names)
        points = self._points(count)
        if with_names:
            done = self.tr("{points} opgeslagen in {file}, met namen.")
        else:
            done = self.tr("{points} opgeslagen in {file}, zonder namen.")
        text = done.format(points=points, file=path.name)
        if len(shown) > count:
            left_out = self.tr(
                "{points} weggelaten: de datum ligt buiten 1900-2200 en past in geen agenda. "
                "Verbeter die datum in het dossier."
            )
            text += " " + left_out.format(points=self._points(len(shown) - count))
        self.status.setText(text)
        return count


def _fill(combo: QComboBox, everything: str, choices: Sequence[tuple[str, object]]) -> None:
    """Replace a filter's choices, keeping the one chosen when it is still there."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    try:
        combo.clear()
        combo.addItem(everything, None)
        for text, data in choices:
            combo.addItem(text, data)
        found = combo.findData(chosen) if chosen is not None else -1
        combo.setCurrentIndex(max(found, 0))
    finally:
        combo.blockSignals(False)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
