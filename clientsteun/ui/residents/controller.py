"""Residents and their dossiers: the list, the dossier on screen, and every action on a resident,
a help question or an agreement, with its dialogs.

Actions only write; what they changed comes back through the services' change feed
(``apply``), which refreshes the one list row and the part of the dossier a change names.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from clientsteun.domain.changes import DOSSIER_MAIN, Area, Changes
from clientsteun.domain.model import Agreement, ClientInput, HelpQuestionInput
from clientsteun.services import Services
from clientsteun.services.base import Clock
from clientsteun.settings import Settings
from clientsteun.ui.dossier.dialogs import AgreementDialog, ClientDialog, CloseDialog, HelpQuestionDialog
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.errors import guarded
from clientsteun.ui.residents.list_panel import ClientListPanel
from clientsteun.ui.widgets.forms import confirm


class ResidentsController(QObject):
    gone = Signal(int)  # a resident was deleted: whatever shows them closes

    def __init__(
        self, services: Services, settings: Settings, clock: Clock, client_list: ClientListPanel,
        dossier: DossierPanel, status_label: QLabel, window: QWidget,
    ) -> None:  # fmt: skip
        super().__init__(window)
        self.services = services
        self.settings = settings
        self.clock = clock
        self.client_list = client_list
        self.dossier = dossier
        self.status_label = status_label
        self.window = window  # dialogs and messages show over it

        client_list.client_selected.connect(self.show_client)
        # Only the user's own click is remembered, not the list showing a closed dossier it was sent to.
        client_list.closed_check.clicked.connect(self._remember_show_closed)
        dossier.edit_client.connect(self.edit_client)
        dossier.close_client.connect(self.close_client)
        dossier.reopen_client.connect(self.reopen_client)
        dossier.new_agreement.connect(self.new_agreement)
        dossier.help_question_tab.new_version.connect(self.new_help_question)
        dossier.help_question_tab.delete_version.connect(self.delete_help_question)
        agreements = dossier.agreements_tab
        agreements.new_agreement.connect(self.new_agreement)
        agreements.edit_agreement.connect(self.edit_agreement)
        agreements.toggle_done.connect(self.toggle_agreement_done)
        agreements.delete_agreement.connect(self.delete_agreement)
        dossier.timeline_tab.edit_agreement.connect(self.edit_agreement)

    def today(self) -> date:
        return self.clock().date()

    # -- the list and the dossier --------------------------------------------------------------

    @guarded
    def reload(self, select: int | None = None) -> None:
        """Read the whole list and the dossier on screen (or ``select`` another) again: after a
        restore or a changed setting, when any row may differ."""
        keep = select if select is not None else self.dossier.client_id
        self.client_list.set_clients(self.services.clients.list_clients(), keep)
        self.status_label.setText(self.client_list.summary())
        if keep is not None:
            self.show_client(keep)

    @guarded
    def show_client(self, client_id: int) -> None:
        self.dossier.show_view(self.services.dossier.open(client_id))

    def show(self, client_id: int) -> None:
        """Select the resident in the list and show their dossier (from the agenda, a search, a draft)."""
        self.client_list.select_client(client_id)
        if self.dossier.client_id != client_id:
            self.show_client(client_id)

    @guarded
    def apply(self, changes: Changes) -> None:
        """Refresh what ``changes`` names: the resident's row, and the part of the dossier shown."""
        client_id = changes.client_id
        if changes.touches(Area.RESIDENTS):
            row = self.services.clients.list_row(client_id)
            if row is None:
                self._remove(client_id)
                return
            self.client_list.put_client(row)
            self.status_label.setText(self.client_list.summary())
        if client_id != self.dossier.client_id:
            return
        if changes.touches(DOSSIER_MAIN):
            self.show_client(client_id)
        elif changes.touches(Area.ROUTES | Area.SIGNALS | Area.EVIDENCE):  # evidence: the timeline lists it
            self.dossier.show_routes(self.services.dossier.routes(client_id))

    def _remove(self, client_id: int) -> None:
        self.client_list.remove_client(client_id)
        self.status_label.setText(self.client_list.summary())
        if self.dossier.client_id == client_id:
            self.dossier.clear()
        self.gone.emit(client_id)

    def _remember_show_closed(self, checked: bool) -> None:
        self.settings.show_closed = checked

    # -- residents -----------------------------------------------------------------------------

    def _municipalities(self) -> list[str]:
        return sorted({row.municipality for row in self.client_list.clients() if row.municipality})

    @guarded
    def new_client(self) -> None:
        dialog = ClientDialog(
            self.services.catalog, self._municipalities(), self.services.clients.create_client,
            today=self.today(), parent=self.window,
        )  # fmt: skip
        if dialog.exec():
            self.show(dialog.result_value.id)

    @guarded
    def edit_client(self, client_id: int) -> None:
        client = self.services.clients.get_client(client_id)

        def save(details: ClientInput) -> object:
            if dialog.correction.isChecked():  # at the resident's request: a dated note says so
                return self.services.requests.correct_details(client_id, details)
            return self.services.clients.update_client(client_id, details)

        dialog = ClientDialog(
            self.services.catalog, self._municipalities(), save, details=client.details, parent=self.window
        )
        dialog.exec()

    @guarded
    def close_client(self, client_id: int) -> None:
        """Asks what to do with what is still open: agreements can be finished, open routes are named."""

        def close(value: tuple[date, str, bool]) -> object:
            closed_on, reason, finish = value
            return self.services.clients.close_client(client_id, closed_on, reason, finish_agreements=finish)

        view = self.dossier.view if self.dossier.client_id == client_id else None
        agreements = sum(1 for a in view.agreements if a.done_on is None) if view else 0
        routes = sum(1 for r in view.routes.routes if r.open_deadlines) if view else 0
        CloseDialog(close, self.today(), open_agreements=agreements, open_routes=routes, parent=self.window).exec()

    @guarded
    def reopen_client(self, client_id: int) -> None:
        self.services.clients.reopen_client(client_id)

    # -- help question -------------------------------------------------------------------------

    @guarded
    def new_help_question(self, client_id: int) -> None:
        questions = self.services.clients.help_questions(client_id)
        latest = questions[0] if questions else None
        previous = HelpQuestionInput(latest.recorded_on, latest.asked, latest.really_wants) if latest else None
        clients = self.services.clients
        HelpQuestionDialog(
            lambda q: clients.add_help_question(client_id, q), self.today(), previous, parent=self.window,
            correct=lambda q, what: clients.add_help_question(client_id, q, at_request=what),
        ).exec()  # fmt: skip

    @guarded
    def delete_help_question(self, question_id: int) -> None:
        if confirm(self.window, self.tr("Deze versie van de hulpvraag verwijderen?")):
            self.services.clients.delete_help_question(question_id)

    # -- agreements ----------------------------------------------------------------------------

    @guarded
    def new_agreement(self, client_id: int) -> None:
        save = self.services.agreements.save_agreement
        AgreementDialog(self.services.catalog, client_id, lambda a: save(None, a), parent=self.window).exec()

    def _agreement(self, agreement_id: int) -> Agreement | None:
        return self.dossier.agreements_tab.agreement(agreement_id)

    @guarded
    def edit_agreement(self, agreement_id: int) -> None:
        agreement = self._agreement(agreement_id)
        if agreement is not None:
            save = self.services.agreements.save_agreement
            AgreementDialog(
                self.services.catalog, agreement.data.client_id, lambda a: save(agreement_id, a),
                current=agreement.data, parent=self.window,
                correct=lambda a, what: save(agreement_id, a, at_request=what),
            ).exec()  # fmt: skip

    @guarded
    def toggle_agreement_done(self, agreement_id: int) -> None:
        agreement = self._agreement(agreement_id)
        if agreement is not None:
            self.services.agreements.set_done(agreement_id, None if agreement.done_on else self.today())

    @guarded
    def delete_agreement(self, agreement_id: int) -> None:
        if self._agreement(agreement_id) is not None and confirm(self.window, self.tr("Deze afspraak verwijderen?")):
            self.services.agreements.delete_agreement(agreement_id)
