"""The resident's right to be forgotten in the window: erasing a dossier (the dossier's "Verwijderen…"),
and the retention worklist with its erasing and anonymising.  Every such action asks the passphrase again."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from clientsteun.domain.changes import Area, Changes
from clientsteun.domain.privacy import ResidentMark
from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services import Services
from clientsteun.services.privacy import Copies, Erased, Rewritten
from clientsteun.services.safety import SafetyService
from clientsteun.settings import Settings
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.errors import guarded
from clientsteun.ui.privacy.erase import EraseDialog
from clientsteun.ui.privacy.retention import RetentionDialog
from clientsteun.ui.safety.unlock import confirm_passphrase
from clientsteun.ui.tasks import Tasks


class PrivacyController(QObject):
    def __init__(
        self, services: Services, settings: Settings, tasks: Tasks, dossier: DossierPanel, window: QWidget
    ) -> None:
        super().__init__(window)
        self.services = services
        self.settings = settings
        self.tasks = tasks
        self.window = window
        self.safety = SafetyService(services.database.path, services.clock)  # to check the passphrase
        self.retention: RetentionDialog | None = None
        self._looking: set[int] = set()  # residents whose backups are being looked into for the erase confirmation
        self.retention_action = QAction(self.tr("&Bewaartermijn verstreken…"), window)
        self.retention_action.triggered.connect(lambda _checked=False: self.show_retention())
        dossier.delete_client.connect(self.erase_client)

    def apply(self, changes: Changes) -> None:
        """A resident changed somewhere: an open worklist is read again when their row may differ."""
        if self.retention is not None and self.retention.isVisible() and changes.touches(Area.RESIDENTS):
            self._fill_retention()

    def _passphrase(self, intro: str) -> bool:
        return confirm_passphrase(self.safety, intro, self.window)

    # -- one dossier ---------------------------------------------------------------------------

    @guarded
    def erase_client(
        self, client_id: int, erase: Callable[[int], Erased | None] | None = None,
        on_erased: Callable[[], None] | None = None,
    ) -> None:  # fmt: skip
        """Deleting a resident is erasing them: the confirmation names the copies that still hold them and
        offers to rewrite the backups, then the passphrase is asked again.  The one way a dossier is
        erased in the window; ``erase`` does the erasing when it is part of more (recording a hand-over),
        and ``on_erased`` follows once the dossier is erased.

        Which backups hold the resident is looked up on the task helper first: every backup in
        ``backups/`` and in the second folder (a USB stick or a network share, perhaps) is opened with
        the key.  The confirmation shows when that is done; the window stays responsive meanwhile."""
        if client_id in self._looking:
            return  # asked twice while the backups are being looked into: the one confirmation will come
        name = self.services.clients.get_client(client_id).display_name  # gone meanwhile: said at once
        policy = RetentionPolicy(self.settings.backups_daily, self.settings.backups_weekly)
        second = self.settings.second_backup_folder

        def job() -> Copies:
            with self.services.on_own_connection() as own:
                return own.privacy.copies(client_id, policy, second)

        self._looking.add(client_id)
        self.tasks.run(
            job,
            on_done=functools.partial(self._confirm_erase, client_id, name, erase, on_erased),
            always=functools.partial(self._looking.discard, client_id),
            label=self.tr("Er wordt nagekeken welke reservekopieën deze inwoner nog bevatten…"),
            parent=self.window,
        )

    @guarded
    def _confirm_erase(
        self, client_id: int, name: str, erase: Callable[[int], Erased | None] | None,
        on_erased: Callable[[], None] | None, copies: Copies,
    ) -> None:  # fmt: skip
        dialog = EraseDialog(name, copies, self.window)
        if not dialog.exec():
            return
        if not self._passphrase(self.tr("Typ uw wachtwoord om het dossier voorgoed te wissen.")):
            return
        erased = (erase or self.services.privacy.erase_client)(client_id)
        assert erased is not None, "erasing says what it erased"
        if dialog.rewrite_backups:
            self._rewrite([erased.resident])
        if on_erased is not None:
            on_erased()

    def _rewrite(self, residents: Sequence[ResidentMark]) -> None:
        """Rewrite the backups without ``residents`` on the task helper (each backup is copied and rebuilt)."""
        second = self.settings.second_backup_folder

        def job() -> list[Rewritten]:
            with self.services.on_own_connection() as own:
                return [own.privacy.rewrite_backups(resident, second) for resident in residents]

        self.tasks.run(
            job, on_done=self._rewritten, label=self.tr("De reservekopieën worden herschreven…"), parent=self.window
        )

    def _rewritten(self, results: list[Rewritten]) -> None:
        failed = {path for result in results for path in result.failed}
        if failed:
            QMessageBox.warning(
                self.window,
                self.tr("Reservekopieën herschrijven"),
                self.tr(
                    "{count} reservekopieën konden niet worden herschreven en zijn gebleven zoals ze waren. "
                    "Probeer het later opnieuw of vraag uw coördinator om hulp."
                ).format(count=len(failed)),
            )

    # -- the retention worklist ----------------------------------------------------------------

    @guarded
    def show_retention(self) -> None:
        if self.retention is None:
            self.retention = RetentionDialog(self.window)
            self.retention.erase_requested.connect(self.erase_past)
            self.retention.anonymise_requested.connect(self.anonymise_past)
        self._fill_retention()
        self.retention.show()
        self.retention.raise_()

    def _fill_retention(self) -> None:
        assert self.retention is not None
        months = self.settings.retention_months
        self.retention.show_items(self.services.privacy.retention_list(months), months)

    def _confirm_selection(self, question: str) -> tuple[bool, bool]:
        """One confirmation for the selection, then the passphrase; returns (go on, rewrite the backups)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Bewaartermijn verstreken"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.retention or self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        rewrite = QCheckBox(self.tr("Ook de reservekopieën in de map ‘backups’ herschrijven zonder deze dossiers"))
        rewrite.setChecked(True)
        box.setCheckBox(rewrite)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False, False
        return self._passphrase(self.tr("Typ uw wachtwoord om door te gaan.")), rewrite.isChecked()

    @guarded
    def erase_past(self, client_ids: list[int]) -> None:
        go, rewrite = self._confirm_selection(
            self.tr("{count} dossier(s) voorgoed wissen? Dit kan niet ongedaan worden gemaakt.").format(
                count=len(client_ids)
            )
        )
        if not go:
            return
        residents = self.services.privacy.erase_clients(client_ids)
        self._fill_retention()
        if rewrite:
            self._rewrite(residents)

    @guarded
    def anonymise_past(self, client_ids: list[int]) -> None:
        go, rewrite = self._confirm_selection(
            self.tr(
                "{count} dossier(s) anonimiseren? Namen, contactgegevens, het netwerk, bestanden en alle vrije tekst "
                "gaan voorgoed weg; de datums worden per maand. Dit kan niet ongedaan worden gemaakt. De "
                "reservekopieën bevatten de dossiers nog volledig: herschrijven haalt ze daar weg."
            ).format(count=len(client_ids))
        )
        if not go:
            return
        residents = self.services.privacy.anonymise_clients(client_ids)
        self._fill_retention()
        if rewrite:
            self._rewrite(residents)
