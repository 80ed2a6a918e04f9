"""Agreements: who does what by when; late ones in red and counted on the tab."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Signal, SignalInstance
from PySide6.QtWidgets import QVBoxLayout, QWidget

from clientsteun.domain.dates import format_date
from clientsteun.domain.model import Agreement
from clientsteun.domain.timeline import first_line
from clientsteun.services.base import Clock
from clientsteun.ui.dossier.rich_text import tr
from clientsteun.ui.widgets.buttons import button, button_row
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table, selected_row


class AgreementsTab(QWidget):
    new_agreement = Signal(int)  # client id
    edit_agreement = Signal(int)  # agreement id
    toggle_done = Signal(int)  # agreement id
    delete_agreement = Signal(int)  # agreement id

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.client_id: int | None = None
        self.closed = False
        self.model: RowTableModel[Agreement] = RowTableModel(
            [
                Column(tr("Wat"), lambda a: first_line(a.data.description)),
                Column(tr("Wie"), lambda a: a.data.who),
                Column(tr("Uiterlijk"), self._due_text, warn=self._late),
                Column(tr("Klaar op"), lambda a: format_date(a.done_on)),
            ],
            muted=lambda a: a.done_on is not None,
            key=lambda a: a.id,
            parent=self,
        )
        self.view = make_table(self.model, stretch=0, accessible_name=self.tr("Afspraken"))
        self.view.open_row.connect(self._edit_at)
        self.done_button = button(self.tr("Klaar / weer open"), lambda: self._emit_selected(self.toggle_done))
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(button_row(
            button(self.tr("Nieuwe afspraak"), self._new),
            button(self.tr("Wijzigen"), lambda: self._emit_selected(self.edit_agreement)),
            self.done_button,
            button(self.tr("Verwijderen…"), lambda: self._emit_selected(self.delete_agreement)),
        ))  # fmt: skip

    def today(self) -> date:
        return self.clock().date()

    def show_agreements(self, client_id: int, agreements: Sequence[Agreement], *, closed: bool = False) -> None:
        """In a closed dossier nothing is late any more: no one is still working on it."""
        self.client_id = client_id
        if closed != self.closed:
            self.closed = closed
            self.model.set_rows([])  # the same rows again would not be redrawn
        self.model.set_rows(agreements)

    def _late(self, agreement: Agreement) -> bool:
        return not self.closed and agreement.is_overdue(self.today())

    def agreement(self, agreement_id: int) -> Agreement | None:
        """One of the agreements shown (the only ones the user can point at)."""
        row = self.model.find(lambda a: a.id == agreement_id)
        return None if row is None else self.model.row_at(row)

    def _due_text(self, agreement: Agreement) -> str:
        """The date, and "te laat" in words as well as in red."""
        due = format_date(agreement.data.due_on)
        return f"{due} ({tr('te laat')})" if self._late(agreement) else due

    def title(self) -> str:
        overdue = sum(1 for a in self.model.rows() if self._late(a))
        title = self.tr("Afspraken")
        return f"{title} ({overdue} {self.tr('te laat')})" if overdue else title

    def _new(self) -> None:
        if self.client_id is not None:
            self.new_agreement.emit(self.client_id)

    def _emit_selected(self, signal: SignalInstance) -> None:
        agreement: Agreement | None = selected_row(self.view)
        if agreement is not None:
            signal.emit(agreement.id)

    def _edit_at(self, index: QModelIndex) -> None:
        self.edit_agreement.emit(index.data(ROW_ROLE).id)
