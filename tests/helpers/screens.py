"""The main window with a resident in it, and every dialog of the app built over it, for the tests that
check each screen as a whole (it fits a laptop screen, Tab reaches each control, each control is named)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QToolBar, QWidget

from clientsteun.domain.meetings import MeetingInput
from clientsteun.domain.model import Client, Consent, Conversation, ConversationInput, HelpQuestionInput
from clientsteun.domain.routes import RouteInput, SignalInput
from clientsteun.services import Services
from clientsteun.services.safety import Backup, SafetyService, VaultState
from clientsteun.settings import Settings
from clientsteun.store.vault import Vault
from clientsteun.ui.conversations.editor import ConversationEditor
from clientsteun.ui.conversations.search import SearchDialog
from clientsteun.ui.coordinator.dialog import CoordinatorDialog
from clientsteun.ui.dossier.dialogs import AgreementDialog, ClientDialog, CloseDialog, HelpQuestionDialog
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.meetings.dialogs import HoldDialog, MeetingDialog, ReportDialog
from clientsteun.ui.meetings.preparation import PreparationDialog, PreparationPanel
from clientsteun.ui.meetings.sheet_preview import SheetPreviewDialog
from clientsteun.ui.rights.dialog import RightsDialog
from clientsteun.ui.rights.transfer import TransferPassphraseDialog
from clientsteun.ui.routes.agenda import AgendaDialog
from clientsteun.ui.routes.calculator import CalculatorDialog
from clientsteun.ui.routes.dialogs import LinkDialog, RouteDialog, SignalDialog, StepDialog
from clientsteun.ui.routes.evidence import EvidenceDialog
from clientsteun.ui.routes.overview import TriedOverviewDialog
from clientsteun.ui.routes.week import WeekOverview
from clientsteun.ui.routes.window import RouteWindow
from clientsteun.ui.safety.audit_log import AuditLogDialog
from clientsteun.ui.safety.start import continue_box, new_key_dialog, restore_box, unlock_dialog
from clientsteun.ui.safety.unlock import NewPassphraseDialog, RecoveryKeyDialog, UnlockDialog
from clientsteun.ui.settings_dialog import SettingsDialog
from clientsteun.ui.tasks import InlineExecutor, Tasks
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.helpers.residents import add_agreement, add_conversation, add_resident

TODAY = date(2026, 11, 23)
# A laptop screen less its taskbar (48 px) and the window's title bar (32 px): the room a window has.
SCREENS = {"1366x768": (1366, 768 - 48 - 32), "1280x720": (1280, 720 - 48 - 32)}


def nothing(_value: object) -> None:
    """A save that is never pressed in these tests."""


def resident_with_everything(services: Services) -> Client:
    """A resident with a conversation, an agreement, a help question, two routes and a signal."""
    client = add_resident(
        services, "Fenna Voorbeeld-Hoogeveen", "Zwolle", first_contact=date(2026, 10, 1),
        consent=Consent(given_on=date(2026, 10, 1)),
    )  # fmt: skip
    add_conversation(services, client.id, date(2026, 10, 1), "Eerste gesprek over de huur en de schulden.")
    add_agreement(services, client.id, "Brief van de gemeente meenemen", due_on=date(2026, 11, 1))
    services.clients.add_help_question(client.id, HelpQuestionInput(date(2026, 10, 1), "Hulp bij de huur"))
    route = services.routes.save_route(
        None, RouteInput(client.id, "wmo", "Ingeschreven als woningzoekende bij de corporatie", organisation="Gemeente")
    )
    services.routes.save_route(None, RouteInput(client.id, "housing_urgency", "Urgentie", organisation="Gemeente"))
    services.routes.save_signal(
        None, SignalInput(client.id, date(2026, 11, 2), "circular", "Wachttijd te lang", route_id=route.id)
    )
    return client


def dialogs(window: MainWindow, services: Services, settings: Settings, client: Client,
            tmp_path: Path) -> Iterator[tuple[str, Callable[[], QDialog]]]:  # fmt: skip
    """Each dialog of the app by name, built (not shown) over the window and ``client``."""
    catalog = services.catalog
    routes = services.routes.list_routes(client.id)
    route = routes[0].route
    evidence_parent: QWidget = window

    def save(conversation_id: int | None, value: ConversationInput, draft_id: int | None) -> Conversation:
        return services.conversations.save_conversation(conversation_id, value, draft_id=draft_id)

    yield "inwoner", lambda: ClientDialog(catalog, ["Zwolle"], nothing, today=TODAY, parent=window)
    yield "hulpvraag", lambda: HelpQuestionDialog(nothing, TODAY, parent=window)
    yield "afspraak", lambda: AgreementDialog(catalog, client.id, nothing, parent=window)
    yield "sluiten", lambda: CloseDialog(nothing, TODAY, parent=window)
    yield "gesprek", lambda: ConversationEditor(
        catalog, client.display_name, ConversationInput(client.id, TODAY, "first_meeting"),
        conversation_id=None, save=save, save_draft=lambda *_a: 0, discard_draft=nothing,
        delete=nothing, autosave_ms=60_000, parent=window,
    )  # fmt: skip
    yield "zoeken", lambda: SearchDialog(catalog, lambda _q: [], parent=window)
    yield "route", lambda: RouteDialog(catalog, client.id, (), nothing, parent=window)
    yield "stap", lambda: StepDialog(catalog, route.id, route.data.kind, nothing, TODAY, parent=window)
    yield "koppeling", lambda: LinkDialog({routes[1].route.id: routes[1].route.data.title}, nothing, parent=window)
    yield (
        "signaal",
        lambda: SignalDialog(
            catalog, nothing, SignalInput(client.id, TODAY, "circular", "", route_id=route.id), parent=window
        ),
    )
    yield "bewijs", lambda: EvidenceDialog(route.id, nothing, TODAY, parent=evidence_parent)
    yield "routevenster", lambda: RouteWindow(services, services.clock, route.id, window)
    yield (
        "geprobeerd",
        lambda: TriedOverviewDialog(
            client.display_name, routes, catalog.routes, TODAY, services.audit, client.id, window
        ),
    )
    yield "agenda", lambda: AgendaDialog(services, lambda: TODAY, 7, window)
    yield "termijn berekenen", lambda: CalculatorDialog(catalog.routes, lambda: TODAY, window)
    yield "aandacht", lambda: WeekOverview(services, lambda: TODAY, 7, window)
    yield "coördinator", lambda: CoordinatorDialog(services, settings, window)
    yield "logboek", lambda: AuditLogDialog(services.audit, window)
    yield "rechten", lambda: RightsDialog(services, client.id, client.display_name, window)
    yield "overdrachtswachtwoord", lambda: TransferPassphraseDialog("bakol-tumer-sifan-dorek-mipas-lutav", window)
    yield "instellingen", lambda: SettingsDialog(settings, window)
    yield "nieuw wachtwoord", lambda: NewPassphraseDialog("Wachtwoord kiezen", "Kies een wachtwoord.",
                                                          offer_recovery=True, parent=window)  # fmt: skip
    yield "herstelsleutel", lambda: RecoveryKeyDialog("ABCD-EFGH-IJKL-MNOP", tmp_path / "c.db", window)
    meeting = services.meetings.save_meeting(
        None, MeetingInput(client.id, TODAY, "kitchen_table", time(10, 0), route_ids=(route.id,))
    )
    yield "gesprek plannen", lambda: MeetingDialog(catalog, client.id, routes, nothing, TODAY, meeting, window)
    yield "gesprek gehouden", lambda: HoldDialog(catalog, nothing, window)
    yield "verslag", lambda: ReportDialog(meeting, nothing, window)
    yield (
        "voorbereiden",
        lambda: PreparationDialog(
            PreparationPanel(services, meeting, settings.autosave_delay_ms, lambda: TODAY), window
        ),
    )
    yield (
        "voorbereidingsblad",
        lambda: SheetPreviewDialog(services, client.id, meeting.id, Tasks(InlineExecutor()), window),
    )
    yield from start_dialogs(window, tmp_path)


def start_dialogs(window: MainWindow, tmp_path: Path) -> Iterator[tuple[str, Callable[[], QDialog]]]:
    """The dialogs and questions before the window opens: unlocking (also after a wrong passphrase and
    with the recovery key), choosing the first passphrase, and a damaged database."""
    why = "Het databasebestand is beschadigd. Dat kan gebeuren als de laptop uitvalt tijdens het opslaan."
    backup = Backup(tmp_path / "reservekopie.db", datetime(2026, 11, 22, 17, 5), "dagelijks")
    yield "ontgrendelen", lambda: unlock_dialog(locked(tmp_path / "slot.db"), window)
    yield "verkeerd wachtwoord", lambda: refused(unlock_dialog(locked(tmp_path / "slot.db"), window))
    yield "herstelsleutel typen", lambda: unlock_dialog(locked(tmp_path / "slot.db"), window).recovery_prompt()
    yield "welkom", lambda: new_key_dialog(VaultState.NEW, window)
    yield "versleutelen", lambda: new_key_dialog(VaultState.PLAINTEXT, window)
    yield "reservekopie terugzetten", lambda: restore_box(window, backup, why, allow_continue=True)
    yield "toch openen", lambda: continue_box(window, why)


def locked(db_path: Path) -> SafetyService:
    """A database's key file, locked with ``PASSPHRASE``."""
    vault = Vault.at(db_path)
    if vault.state() is VaultState.NEW:
        vault.create_key(PASSPHRASE, with_recovery=True, kdf=FAST_KDF)
    return SafetyService(db_path)


def refused(dialog: UnlockDialog) -> UnlockDialog:
    """The unlock dialog after a wrong passphrase: its message says so under the field."""
    dialog.show()
    dialog.passphrase.setText("verkeerd wachtwoord!")
    dialog.unlock_button.click()
    assert "klopt niet" in dialog.message.text()
    return dialog


def is_control(widget: QWidget) -> bool:
    """A control the user works with; the line edit inside a combo or spin box is part of that box."""
    if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
        return False
    return isinstance(widget, QAbstractButton) or bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def controls(top: QWidget) -> list[QWidget]:
    """What Tab should reach; the toolbar's buttons are the menus' actions, reached by their shortcuts."""
    return [
        w for w in top.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and is_control(w) and not isinstance(w.parentWidget(), QToolBar)
    ]  # fmt: skip
