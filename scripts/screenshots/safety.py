"""The lock, the audit log and the first start; the resident's rights, the retention worklist and
the coordinator's figures."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from clientsteun.ui.coordinator.dialog import CoordinatorDialog
from clientsteun.ui.safety.audit_log import AuditLogDialog
from clientsteun.ui.safety.unlock import NewPassphraseDialog, UnlockDialog

from .stage import PASSPHRASE, Stage, settle

RETENTION_MONTHS = 12


def take_lock(stage: Stage) -> None:
    def photograph_the_lock() -> None:
        unlock = QApplication.activeModalWidget()
        assert isinstance(unlock, UnlockDialog)
        unlock.move(440, 300)
        stage.grab("locked.png")
        unlock.passphrase.setText(PASSPHRASE)
        unlock.unlock_button.click()

    QTimer.singleShot(800, photograph_the_lock)
    stage.window.safety.lock()
    settle(2000)


def take_audit_log(stage: Stage) -> None:
    """Last: by now the log holds the exports of the sheets, the overview and the package."""
    stage.window.safety.backup_to_file(target=str(stage.folder / "kopie.db"))
    settle(3000)  # made and checked on a worker thread, logged when done
    stage.services.audit.export_csv(stage.folder / "logboek.csv")
    log = AuditLogDialog(stage.services.audit, stage.window)
    stage.show_at(log, 190, 140)
    stage.grab("audit-log.png", log)
    log.close()


def take_first_start(stage: Stage) -> None:
    first = NewPassphraseDialog(
        "Welkom bij Clientsteun",
        "Clientsteun bewaart alle gegevens versleuteld op deze laptop. Kies een wachtwoord dat alleen u kent.",
        offer_recovery=True,
    )
    first.first.setText("paarse olifant")
    first.show()
    stage.grab("first-start.png", first)
    first.close()


def take_rights(stage: Stage, client_id: int) -> None:
    stage.window.client_list.select_client(client_id)
    dialog = stage.window.rights.rights_dialog(client_id)
    stage.show_at(dialog, 120, 40)
    settle(1200)  # the passages naming others are read on a worker thread
    stage.grab("rights.png", dialog)
    dialog.close()


def take_retention(stage: Stage) -> None:
    """``stage``: a demo that ended over a year ago, so its closed dossiers are past a year's retention."""
    stage.settings.retention_months = RETENTION_MONTHS
    stage.window.privacy.show_retention()
    dialog = stage.window.privacy.retention
    assert dialog is not None
    dialog.move(160, 90)
    stage.grab("retention.png", dialog)
    dialog.close()


def take_coordinator(stage: Stage) -> None:
    dialog = CoordinatorDialog(stage.services, stage.settings, stage.window)  # its work done at once
    dialog.move(60, 0)
    dialog.show()
    dialog.show_figures()  # the last quarter that is over, every municipality
    settle(1500)  # the charts are drawn for the preview tab
    stage.grab("coordinator.png", dialog)
    dialog.close()


def take(stage: Stage, client_id: int) -> None:
    """The lock, the first start, ``client_id``'s rights and the coordinator's figures."""
    take_lock(stage)
    take_first_start(stage)
    take_rights(stage, client_id)
    take_coordinator(stage)
