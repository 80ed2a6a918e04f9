"""The retention worklist: closed dossiers past the organisation's period, to erase or anonymise as one
confirmed action for the rows selected."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, SignalInstance
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from clientsteun.domain.dates import format_date
from clientsteun.domain.privacy import RetentionItem
from clientsteun.ui.widgets.screen import fit_on_screen
from clientsteun.ui.widgets.table_model import ROW_ROLE, Column, RowTableModel
from clientsteun.ui.widgets.table_view import make_table

SHARED_COLUMNS = (1, 2, 3, 4)


def _columns() -> list[Column[RetentionItem]]:
    def tr(text: str) -> str:
        return QCoreApplication.translate("RetentionDialog", text)

    return [
        Column(tr("Nummer"), lambda item: str(item.client_id), sort_key=lambda item: item.client_id, align_right=True),
        Column(tr("Naam"), lambda item: item.display_name),
        Column(tr("Gemeente"), lambda item: item.municipality),
        Column(tr("Gesloten op"), lambda item: format_date(item.closed_on), sort_key=lambda item: item.closed_on),
        Column(tr("Termijn verstreken op"), lambda item: format_date(item.ends_on), sort_key=lambda item: item.ends_on),
    ]


class RetentionDialog(QDialog):
    """Shows the worklist (``show_items``); announces what the user chose for the rows selected."""

    erase_requested = Signal(list)  # the residents' numbers
    anonymise_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bewaartermijn verstreken"))
        self.state = QLabel()
        self.state.setObjectName("retentionState")
        self.state.setWordWrap(True)
        self.model: RowTableModel[RetentionItem] = RowTableModel(_columns(), key=lambda item: item.client_id)
        self.table = make_table(  # the number as wide as it is; name, place and both dates share the rest
            self.model, stretch=SHARED_COLUMNS, accessible_name=self.tr("Dossiers met verstreken bewaartermijn")
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        explain = QLabel(
            self.tr(
                "Wissen haalt het hele dossier voorgoed weg. Anonimiseren laat alleen over wat de tellingen nodig "
                "hebben (gemeente, leefgebieden, soorten routes en uitkomsten, soorten contact), met datums per "
                "maand; namen, contactgegevens, het netwerk, bestanden en alle vrije tekst gaan weg."
            )
        )
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.erase_button = buttons.addButton(self.tr("Wissen…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.anonymise_button = buttons.addButton(self.tr("Anonimiseren…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.erase_button.clicked.connect(lambda _checked=False: self._request(self.erase_requested))
        self.anonymise_button.clicked.connect(lambda _checked=False: self._request(self.anonymise_requested))
        buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.table)
        layout.addWidget(explain)
        layout.addWidget(buttons)
        fit_on_screen(self, 820, 480)
        self._update_buttons()

    def show_items(self, items: list[RetentionItem], months: int) -> None:
        if months <= 0:
            text = self.tr(
                "Er is nog geen bewaartermijn gekozen. Kies die in Bestand, Instellingen (uw organisatie beslist)."
            )
        elif not items:
            text = self.tr("Geen gesloten dossiers waarvan de bewaartermijn van {months} maanden is verstreken.")
        elif len(items) == 1:
            text = self.tr("Eén dossier is langer dan {months} maanden gesloten.")
        else:
            text = self.tr("{count} dossiers zijn langer dan {months} maanden gesloten. Kies er een of meer.")
        self.state.setText(text.format(count=len(items), months=months))
        self.model.set_rows(items)
        self._update_buttons()

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return sorted(index.data(ROW_ROLE).client_id for index in rows)

    def _update_buttons(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.erase_button.setEnabled(chosen)
        self.anonymise_button.setEnabled(chosen)

    def _request(self, signal: SignalInstance) -> None:
        chosen = self.selected_ids()
        if chosen:
            signal.emit(chosen)
