"""Signals: where the system holds the resident back, to be reported without names."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal, SignalInstance
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date
from clientsteun.domain.routes import Signal as RouteSignal
from clientsteun.domain.timeline import first_line
from clientsteun.ui.dossier.rich_text import tr
from clientsteun.ui.widgets.buttons import button, button_row
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table, selected_row


class SignalsTab(QWidget):
    new_signal = Signal(int)  # client id
    edit_signal = Signal(int)  # signal id
    delete_signal = Signal(int)  # signal id

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.model: RowTableModel[RouteSignal] = RowTableModel(
            [
                Column(tr("Datum"), lambda s: format_date(s.data.on), sort_key=lambda s: s.data.on),
                Column(tr("Thema"), lambda s: catalog.routes.theme_name(s.data.theme)),
                Column(tr("Instantie"), lambda s: s.data.organisation),
                Column(tr("Omschrijving"), lambda s: first_line(s.data.description)),
                Column(tr("Mag in rapportage"), lambda s: tr("ja") if s.data.shareable else tr("nee")),
            ],
            key=lambda s: s.id,
            parent=self,
        )
        self.view = make_table(self.model, stretch=3, accessible_name=self.tr("Signalen"))
        self.view.open_row.connect(self._edit_at)
        intro = QLabel(
            self.tr(
                "Een signaal is een knelpunt dat laat zien waar het systeem mensen vastzet, zoals diensten "
                "die op elkaar wachten. De coördinator meldt signalen zonder namen."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(button_row(
            button(self.tr("Nieuw signaal…"), self._new),
            button(self.tr("Wijzigen"), lambda: self._emit_selected(self.edit_signal)),
            button(self.tr("Verwijderen…"), lambda: self._emit_selected(self.delete_signal)),
        ))  # fmt: skip

    def show_signals(self, client_id: int, signals: Sequence[RouteSignal]) -> None:
        self.client_id = client_id
        self.model.set_rows(signals)

    def signal(self, signal_id: int) -> RouteSignal | None:
        """One of the signals shown (the only ones the user can point at)."""
        row = self.model.find(lambda s: s.id == signal_id)
        return None if row is None else self.model.row_at(row)

    def title(self) -> str:
        count = self.model.rowCount()
        return f"{self.tr('Signalen')} ({count})" if count else self.tr("Signalen")

    def _new(self) -> None:
        if self.client_id is not None:
            self.new_signal.emit(self.client_id)

    def _emit_selected(self, signal: SignalInstance) -> None:
        chosen: RouteSignal | None = selected_row(self.view)
        if chosen is not None:
            signal.emit(chosen.id)

    def _edit_at(self, index: QModelIndex) -> None:
        self.edit_signal.emit(index.data(ROW_ROLE).id)
