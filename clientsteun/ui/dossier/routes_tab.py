"""The routes tried for the resident: where each stands and its next deadline, red when it passed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Signal, SignalInstance
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date
from clientsteun.domain.deadlines import DeadlineState, RouteView
from clientsteun.ui.dossier.rich_text import tr
from clientsteun.ui.routes.words import progress_text
from clientsteun.ui.widgets.buttons import button, button_row
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table, selected_row


def next_deadline_text(view: RouteView) -> str:
    deadline = view.next_deadline
    if deadline is None:
        return ""
    text = f"{deadline.name} {format_date(deadline.due_on)}"  # "Bezwaar maken kan tot en met 07-12-2026"
    return f"{text} ({tr('verlopen')})" if deadline.state is DeadlineState.PASSED else text


class RoutesTab(QWidget):
    new_route = Signal(int)  # client id
    open_route = Signal(int)  # route id
    delete_route = Signal(int)  # route id
    show_tried = Signal(int)  # client id: the overview "what has been tried"

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_id: int | None = None
        self.closed = False  # a closed dossier's passed deadlines are no longer shown as late
        self.model: RowTableModel[RouteView] = RowTableModel(
            [
                Column(tr("Route"), lambda v: v.route.data.title),
                Column(tr("Stand"), lambda v: progress_text(v.progress, catalog.routes)),
                Column(
                    tr("Eerstvolgende termijn"),
                    next_deadline_text,
                    sort_key=lambda v: v.next_deadline.due_on if v.next_deadline else date.max,
                    warn=lambda v: (
                        not self.closed
                        and v.next_deadline is not None
                        and v.next_deadline.state is DeadlineState.PASSED
                    ),
                ),
                Column(tr("Instantie"), lambda v: v.route.data.organisation),
            ],
            key=lambda v: v.route.id,
            parent=self,
        )
        self.view = make_table(self.model, stretch=0, accessible_name=self.tr("Routes"))
        # The route's name and its next deadline share the room, so a long deadline never squeezes the name.
        self.view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.open_row.connect(self._open_at)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        buttons = button_row(
            button(self.tr("Nieuwe route…"), lambda: self._emit_client(self.new_route)),
            button(self.tr("Openen"), lambda: self._emit_selected(self.open_route)),
            button(self.tr("Verwijderen…"), lambda: self._emit_selected(self.delete_route)),
        )
        buttons.addWidget(button(self.tr("Wat is er geprobeerd?"), lambda: self._emit_client(self.show_tried)))
        layout.addLayout(buttons)

    def show_routes(self, client_id: int, views: Sequence[RouteView], *, closed: bool = False) -> None:
        self.client_id = client_id
        if closed != self.closed:
            self.closed = closed
            self.model.set_rows([])  # the same rows again would not be redrawn
        self.model.set_rows(views)

    def title(self) -> str:
        if self.closed:
            return self.tr("Routes")
        passed = sum(
            1 for view in self.model.rows() if any(d.state is DeadlineState.PASSED for d in view.open_deadlines)
        )
        title = self.tr("Routes")
        return f"{title} ({passed} {self.tr('termijn verlopen')})" if passed else title

    def _emit_client(self, signal: SignalInstance) -> None:
        if self.client_id is not None:
            signal.emit(self.client_id)

    def _emit_selected(self, signal: SignalInstance) -> None:
        view: RouteView | None = selected_row(self.view)
        if view is not None:
            signal.emit(view.route.id)

    def _open_at(self, index: QModelIndex) -> None:
        self.open_route.emit(index.data(ROW_ROLE).route.id)
