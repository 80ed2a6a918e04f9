"""The residents list: filter as you type, sort, open and overdue agreements at a glance."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.dates import format_date
from clientsteun.domain.model import ClientStatus, ClientSummary
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table

LAST_CONTACT_COLUMN = 2
KEYBOARD_PAUSE_MS = 300  # arrow keys held or pressed quickly open no dossier on the way


def _tr(text: str) -> str:
    return QCoreApplication.translate("ClientList", text)


def client_columns() -> list[Column[ClientSummary]]:
    return [
        Column(_tr("Naam"), lambda c: c.display_name, lambda c: c.display_name.casefold()),
        Column(_tr("Gemeente"), lambda c: c.municipality, lambda c: c.municipality.casefold()),
        Column(
            _tr("Laatste contact"),
            lambda c: format_date(c.last_contact),
            lambda c: c.last_contact.toordinal() if c.last_contact else 0,
        ),
        Column(
            _tr("Afspraken"),
            _agreements_text,
            lambda c: (c.overdue_agreements, c.open_agreements),
            align_right=True,
            warn=lambda c: c.overdue_agreements > 0 and c.status is ClientStatus.OPEN,
        ),
    ]


def _agreements_text(row: ClientSummary) -> str:
    if row.overdue_agreements and row.status is ClientStatus.OPEN:  # a closed dossier is late with nothing
        return _tr("{open} ({late} te laat)").format(open=row.open_agreements, late=row.overdue_agreements)
    return str(row.open_agreements) if row.open_agreements else ""


class ClientListPanel(QWidget):
    """Announces the resident the user picks; knows nothing about the database."""

    client_selected = Signal(int)

    def __init__(self, show_closed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._all: list[ClientSummary] = []
        self._shown_id: int | None = None  # the resident last announced
        self._changing = False  # rows are being put or removed: the current row is Qt's, not the user's
        self.model: RowTableModel[ClientSummary] = RowTableModel(
            client_columns(),
            muted=lambda c: c.status is ClientStatus.CLOSED,
            filter_text=lambda c: f"{c.display_name}\n{c.name}\n{c.municipality}",
            key=lambda c: c.id,
            parent=self,
        )
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter op naam of gemeente…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter de lijst met inwoners"))
        self.filter_edit.textChanged.connect(self.model.set_filter)
        self.closed_check = QCheckBox(self.tr("Ook gesloten dossiers"))
        self.closed_check.setChecked(show_closed)
        self.closed_check.toggled.connect(self._apply_closed_filter)

        self.table = make_table(self.model, stretch=0, accessible_name=self.tr("Inwoners"), sortable=True)
        self.table.sortByColumn(LAST_CONTACT_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)
        self.table.open_row.connect(lambda _index: self._announce_current())  # Enter: at once
        self.pause = QTimer(self)  # arrow keys open the dossier after a pause, not at every press
        self.pause.setSingleShot(True)
        self.pause.setInterval(KEYBOARD_PAUSE_MS)
        self.pause.timeout.connect(self._announce_current)
        self.model.modelReset.connect(self._restore_selection)  # after filtering and sorting

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.closed_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)

    def set_clients(self, rows: list[ClientSummary], keep_selection: int | None = None) -> None:
        """New rows; ``keep_selection`` is selected without announcing it (the caller shows it)."""
        if keep_selection is not None:
            self._shown_id = keep_selection
        self._all = list(rows)
        self._apply_closed_filter()
        if keep_selection is not None:
            self.select_client(keep_selection)

    def _apply_closed_filter(self) -> None:
        self.model.set_rows([c for c in self._all if self._listed(c)])

    def _listed(self, row: ClientSummary) -> bool:
        return self.closed_check.isChecked() or row.status is ClientStatus.OPEN

    def put_client(self, row: ClientSummary) -> None:
        """One resident's row, new or changed, without reloading the list.  A closed dossier on
        screen stays in view (closed ones are shown then), as ``select_client`` does."""
        if row.id == self._shown_id and not self._listed(row):
            self.closed_check.setChecked(True)
        at = next((number for number, each in enumerate(self._all) if each.id == row.id), None)
        if at is None:
            self._all.append(row)
        else:
            self._all[at] = row
        with self._quiet():
            if self._listed(row):
                self.model.put_row(row, lambda each: each.id == row.id)
            else:
                self.model.remove_row(lambda each: each.id == row.id)
        if row.id == self._shown_id:
            self._select_visible(row.id)  # back in view (it passes the filter again), or still there

    def remove_client(self, client_id: int) -> None:
        """A resident who is gone; when they were on screen, nothing is selected after."""
        self._all = [each for each in self._all if each.id != client_id]
        with self._quiet():
            self.model.remove_row(lambda each: each.id == client_id)
            if client_id == self._shown_id:
                self._shown_id = None
                self.table.setCurrentIndex(QModelIndex())
                self.table.clearSelection()

    @contextmanager
    def _quiet(self) -> Iterator[None]:
        """Rows that move or go make Qt pick another current row: that is not the user's choice."""
        self._changing = True
        try:
            yield
        finally:
            self._changing = False

    def clients(self) -> list[ClientSummary]:
        """Every resident given to the list, also those hidden by the filter."""
        return list(self._all)

    def summary(self) -> str:
        late = sum(1 for row in self._all if row.overdue_agreements and row.status is ClientStatus.OPEN)
        return self.tr("{count} inwoners · bij {late} zijn afspraken te laat").format(count=len(self._all), late=late)

    def _restore_selection(self) -> None:
        """After the rows changed, select the resident shown before if they are still listed."""
        if self._shown_id is not None:
            self._select_visible(self._shown_id)

    def select_client(self, client_id: int) -> bool:
        """Select a resident in the list (showing closed dossiers if needed); False if unknown."""
        summary = next((c for c in self._all if c.id == client_id), None)
        if summary is None:
            return False
        if summary.status is ClientStatus.CLOSED and not self.closed_check.isChecked():
            self.closed_check.setChecked(True)
        if self._select_visible(client_id):
            return True
        self.filter_edit.clear()  # hidden by the filter: clear it and look again
        return self._select_visible(client_id)

    def _select_visible(self, client_id: int) -> bool:
        row = self.model.find(lambda c: c.id == client_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def current_client_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE).id if index.isValid() else None

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._changing:
            return
        if self.table.moving_by_keys:
            self.pause.start()  # moving with the keys: the dossier follows when the user pauses
        else:
            self._announce_current()

    def _announce_current(self) -> None:
        # Filtering and sorting reset the model; selecting the same resident again is no news.
        self.pause.stop()
        client_id = self.current_client_id()
        if client_id is not None and client_id != self._shown_id:
            self._shown_id = client_id
            self.client_selected.emit(client_id)
