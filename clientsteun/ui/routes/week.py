"""What asks for attention, after unlocking: what is overdue and what is due this week (deadlines,
planned steps, agreements), calmly, with the way to each resident's dossier.  Closable; the status
bar brings it back.  While it is open, a write that changes the agenda reads it again (``apply``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from clientsteun.domain.agenda import AgendaItem
from clientsteun.domain.changes import Area, Changes
from clientsteun.services import Services
from clientsteun.ui.routes.agenda import agenda_columns, compute_agenda
from clientsteun.ui.tasks import InlineExecutor, Tasks
from clientsteun.ui.widgets.screen import fit_on_screen
from clientsteun.ui.widgets.table_model import RowTableModel
from clientsteun.ui.widgets.table_view import make_table

WEEK_DAYS = 7
WHAT_COLUMN = 4


def this_week(items: list[AgendaItem], today: date) -> list[AgendaItem]:
    """Overdue items, then what is due in the coming seven days, soonest first."""
    end = today + timedelta(days=WEEK_DAYS)
    return sorted((i for i in items if i.overdue or i.on <= end), key=lambda i: (not i.overdue, i.on))


class WeekOverview(QDialog):
    """Announces the resident whose dossier the user wants to see; stays open beside the window."""

    open_resident = Signal(int)

    def __init__(
        self, services: Services, today: Callable[[], date], due_soon_days: int, parent: QWidget | None = None,
        tasks: Tasks | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wat vraagt aandacht"))
        self.services = services
        self.today = today
        self.due_soon_days = due_soon_days
        self.tasks = tasks if tasks is not None else Tasks(InlineExecutor(), self)
        self._reading = 0  # the newest computation asked for: an older one that ends later is dropped
        self.summary = QLabel(self.tr("Even kijken wat er deze week speelt…"))
        self.summary.setWordWrap(True)
        self.model: RowTableModel[AgendaItem] = RowTableModel(agenda_columns(today), parent=self)
        self.table = make_table(self.model, stretch=WHAT_COLUMN, accessible_name=self.tr("Verlopen en deze week"))
        self.table.setWordWrap(False)
        self.table.open_row.connect(self._open)
        hint = QLabel(self.tr("Kies Enter of dubbelklik om het dossier te openen. Dit overzicht komt terug via "
                              "‘Wat vraagt aandacht’ onderin het venster."))  # fmt: skip
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        fit_on_screen(self, 900, 420)
        self.refresh()

    def apply(self, changes: Changes) -> None:
        """Read again while open when a write changed the agenda (as the agenda window does)."""
        if self.isVisible() and changes.touches(Area.AGENDA):
            self.refresh()

    def refresh(self) -> None:
        self._reading += 1
        self.tasks.run(
            functools.partial(compute_agenda, self.services.on_own_connection, self.due_soon_days),
            on_done=functools.partial(self._show, self._reading),
            label=self.tr("Overzicht wordt gemaakt…"),
            parent=self,
        )

    def _show(self, reading: int, items: list[AgendaItem]) -> None:
        if reading != self._reading:
            return  # a newer computation is on its way
        current = self.table.currentIndex()
        chosen = self.model.row_at(current.row()).uid if current.isValid() else None
        shown = this_week(items, self.today())
        self.model.set_rows(shown)
        overdue = sum(1 for item in shown if item.overdue)
        if not shown:
            self.summary.setText(self.tr("Niets verlopen en deze week niets te doen."))
        else:
            self.summary.setText(
                self.tr("{overdue} verlopen, {week} deze week.").format(overdue=overdue, week=len(shown) - overdue)
            )
        if shown:  # the row chosen stays chosen when the overview is read again
            row = next((number for number, item in enumerate(shown) if item.uid == chosen), 0)
            self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, index: QModelIndex) -> None:
        self.open_resident.emit(self.model.row_at(index.row()).resident.id)
