"""The dossier's routes and signals, the overview "what has been tried" (read back from a real PDF),
and the settings dialog with a coordinator's catalog copy."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from clientsteun import paths
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.deadlines import DeadlineState
from clientsteun.domain.routes import (
    EvidenceInput,
    LinkKind,
    NewAttachment,
    Outcome,
    RouteInput,
    SignalInput,
    StepInput,
    StepState,
)
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.dossier.panel import SIGNALS
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.dialogs import SignalDialog
from clientsteun.ui.routes.overview import TriedOverviewDialog
from clientsteun.ui.settings_dialog import SettingsDialog
from clientsteun.ui.widgets.fields import choose
from clientsteun.ui.widgets.table_model import ROW_ROLE, WARNING_COLOUR
from tests.helpers.modals import answer_box, when_modal
from tests.helpers.mouse import double_click
from tests.helpers.pdf import body, collapsed
from tests.helpers.preview import wait_for_pdf
from tests.helpers.residents import add_resident


def urgency_route(services: Services, client_id: int) -> int:
    """Scenario 1 up to the refusal: the objection clock runs and has passed by the clock's today (23-11-2026)."""
    routes = services.routes
    route = routes.save_route(
        None, RouteInput(client_id, "housing_urgency", "Urgentieverklaring", organisation="Gemeente Zeist")
    )
    routes.save_step(None, StepInput(route.id, date(2026, 7, 1), "applied"))
    routes.save_step(
        None,
        StepInput(route.id, date(2026, 9, 1), "decision", outcome=Outcome.REFUSED, reason="Niet dakloos genoeg"),
    )
    routes.save_step(None, StepInput(route.id, date(2026, 12, 8), "hearing", state=StepState.PLANNED))
    routes.save_evidence(
        None,
        EvidenceInput(route.id, date(2026, 6, 20), "Gereageerd op 14 woningen via de woningsite"),
        NewAttachment("reacties.txt", "text/plain", b"14 reacties"),
    )
    routes.set_document(route.id, "brp_extract", date(2026, 6, 25))
    return route.id


def text_of(pdf: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(pdf).pages))


def test_dossier_lists_routes_with_the_next_deadline_marked_when_passed(window: MainWindow, services: Services) -> None:
    client = add_resident(services, "Sanne Verzonnen", "Zeist")
    urgency_route(services, client.id)
    services.routes.save_signal(
        None, SignalInput(client.id, date(2026, 11, 1), "no_response", "Woningcorporatie reageert niet op brieven.")
    )
    window.refresh_clients(client.id)

    model = window.dossier.routes_tab.model
    assert model.rowCount() == 1
    view = model.index(0, 0).data(ROW_ROLE)
    assert view.next_deadline.name == "Bezwaar maken kan tot en met"
    assert view.next_deadline.state is DeadlineState.PASSED
    assert model.index(0, 1).data() == "Besluit: afgewezen"  # the hearing is only planned
    assert model.index(0, 2).data() == "Bezwaar maken kan tot en met 13-10-2026 (verlopen)"  # 1 September + 6 weeks
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole).color() == WARNING_COLOUR
    assert model.index(0, 3).data() == "Gemeente Zeist"
    assert "termijn verlopen" in window.dossier.tabs.tabText(3)
    assert window.dossier.signals_tab.model.rowCount() == 1
    assert window.dossier.signals_tab.model.index(0, 1).data() == "Geen reactie"
    assert window.dossier.tabs.tabText(SIGNALS) == "Signalen (1)"


def test_overview_lists_every_attempt_in_date_order_and_saves_a_logged_pdf(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    client = add_resident(services, "Sanne Verzonnen", "Zeist")
    route_id = urgency_route(services, client.id)
    other = services.routes.save_route(None, RouteInput(client.id, "other", "Ingeschreven als woningzoekende"))
    services.routes.save_step(None, StepInput(other.id, date(2026, 3, 2), "applied", note="Bij WoningNet 🏠"))
    services.routes.add_link(route_id, other.id, LinkKind.BELONGS_TO)
    views = services.routes.list_routes(client.id)
    before = len(services.audit.entries())
    dialog = TriedOverviewDialog("Sanne", views, services.catalog.routes, date(2026, 11, 23), services.audit, client.id)
    qtbot.addWidget(dialog)

    assert len(dialog.preview.pages) == 1
    assert dialog.pdf_button.isEnabled() and dialog.print_button.isEnabled()
    shown = collapsed(body(dialog.pdf))
    order = [shown.index(text) for text in ("02-03-2026", "20-06-2026", "01-07-2026", "01-09-2026", "08-12-2026")]
    assert order == sorted(order)
    assert "afgewezen — Niet dakloos genoeg" in shown  # outcome and reason as the route window writes them
    assert "Hoorzitting (gepland)" in shown
    assert "bijlage: reacties.txt" in shown

    pdf = tmp_path / "overzicht.pdf"
    assert services.audit.entries()[before:] == []  # showing is not logged
    dialog.save_pdf(pdf)
    assert pdf.read_bytes() == dialog.pdf
    text = text_of(pdf)
    for expected in (
        "Wat is er al geprobeerd?",
        "Gedaan: Gereageerd op 14 woningen via de woningsite",
        "Besluit",
        "afgewezen",
        "Bezwaar maken kan tot en met",
        "Uittreksel uit de BRP met adresgeschiedenis",
        "Documenten nog nodig",
        "23 november 2026",
    ):
        assert expected in text, expected
    logged = [(e.action, e.client_id, e.detail) for e in services.audit.entries()[before:]]
    assert logged == [(AuditAction.EXPORT, client.id, "overzicht wat is geprobeerd, pdf")]


def test_overview_without_routes_says_so(qtbot: QtBot, services: Services) -> None:
    dialog = TriedOverviewDialog("Sanne", [], services.catalog.routes, date(2026, 11, 23), services.audit, 1)
    qtbot.addWidget(dialog)
    assert "Er zijn nog geen routes vastgelegd." in body(dialog.pdf)


def test_overview_from_the_window_logs_the_export_with_the_resident(
    window: MainWindow, services: Services, tmp_path: Path
) -> None:
    client = add_resident(services, "Sanne Verzonnen", "Zeist")
    urgency_route(services, client.id)
    window.refresh_clients(client.id)

    def save_and_close(dialog: TriedOverviewDialog) -> None:
        wait_for_pdf(dialog.preview)  # the window makes it on a worker thread
        dialog.save_pdf(tmp_path / "uit.pdf")
        dialog.reject()

    answer = when_modal(TriedOverviewDialog, save_and_close)
    window.dossier.routes_tab.show_tried.emit(client.id)
    assert answer.handled
    entry = services.audit.entries()[-1]
    assert (entry.action, entry.client_id) == (AuditAction.EXPORT, client.id)
    assert "Sanne" not in entry.detail


def test_deleting_a_route_asks_and_keeps_its_signals(window: MainWindow, services: Services) -> None:
    client = add_resident(services, "Sanne Verzonnen", "Zeist")
    route_id = urgency_route(services, client.id)
    services.routes.save_signal(
        None, SignalInput(client.id, date(2026, 11, 1), "waiting_list", "Lange wachtlijst.", route_id=route_id)
    )
    window.refresh_clients(client.id)

    keep = answer_box("No")
    window.dossier.routes_tab.delete_route.emit(route_id)
    assert keep.handled
    assert len(services.routes.list_routes(client.id)) == 1

    delete = answer_box("Yes")
    window.dossier.routes_tab.delete_route.emit(route_id)
    assert delete.handled
    assert services.routes.list_routes(client.id) == []
    assert window.dossier.routes_tab.model.rowCount() == 0
    signals = services.routes.list_signals(client.id)
    assert len(signals) == 1 and signals[0].data.route_id is None


@pytest.fixture
def catalog_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "catalogus-coordinator"
    shutil.copytree(paths.catalog_dir(), folder)
    return folder


def test_settings_accept_a_valid_catalog_copy(qtbot: QtBot, settings: Settings, catalog_copy: Path) -> None:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.catalog_edit.setText(str(catalog_copy))
    dialog.due_soon_spin.setValue(10)
    dialog.save()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert settings.catalog_folder == str(catalog_copy)
    assert settings.due_soon_days == 10


def test_settings_tell_a_coordinator_when_the_catalog_names_no_decree_days_for_this_year_or_next(
    qtbot: QtBot, settings: Settings, catalog_copy: Path
) -> None:
    covered = SettingsDialog(settings, today=date(2027, 6, 1))  # the shipped decree covers 2026 to 2028
    qtbot.addWidget(covered)
    assert covered.decree_label.isHidden()
    dialog = SettingsDialog(settings, today=date(2028, 6, 1))
    qtbot.addWidget(dialog)
    assert not dialog.decree_label.isHidden()
    assert dialog.decree_label.text().startswith(
        "De catalogus noemt nog geen dagen die in 2029 met een feestdag zijn gelijkgesteld (Algemene termijnenwet, "
        "art. 3 lid 3). Zoek het besluit voor 2029 op"
    )
    routes = catalog_copy / "routes.toml"
    text = routes.read_text(encoding="utf-8")
    start = text.index("[[decree]]")
    routes.write_text(text[:start] + text[text.index("checked = false", start) + len("checked = false") :])
    dialog.catalog_edit.setText(str(catalog_copy))
    dialog.catalog_edit.editingFinished.emit()
    assert "noemt nog geen dagen die in 2028 " in dialog.decree_label.text()  # this year first


def test_settings_refuse_a_broken_catalog_copy_naming_file_and_entry(
    qtbot: QtBot, settings: Settings, catalog_copy: Path
) -> None:
    routes = catalog_copy / "routes.toml"
    routes.write_text(
        routes.read_text(encoding="utf-8").replace('after = "reported"', 'after = "gemeld"', 1), encoding="utf-8"
    )
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.catalog_edit.setText(str(catalog_copy))
    refused = answer_box("OK")
    dialog.save()
    assert refused.handled
    assert "routes.toml" in refused.text
    assert "deadline_rule wmo_investigation" in refused.text
    assert "onbekende stap 'gemeld'" in refused.text
    assert settings.catalog_folder == ""
    assert dialog.result() != SettingsDialog.DialogCode.Accepted


def test_settings_dialog_changes_the_idle_lock_of_the_open_window(window: MainWindow) -> None:
    def shorter(dialog: SettingsDialog) -> None:
        dialog.idle_spin.setValue(2)
        dialog.save()

    answer = when_modal(SettingsDialog, shorter)
    window.settings_action.trigger()
    assert answer.handled
    assert window.safety.idle.idle_seconds == 120
    assert window.settings.idle_lock_minutes == 2


def test_record_change_and_delete_a_signal_from_the_dossier(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    client = add_resident(services, "Sanne Verzonnen", "Zeist")
    window.refresh_clients(client.id)

    def record(dialog: SignalDialog) -> None:
        assert dialog.municipality_edit.text() == "Zeist"  # from the resident
        assert dialog.date_edit.text() == "23-11-2026"
        choose(dialog.theme_edit, "waiting_list")
        dialog.organisation_edit.setText("GGZ Midden")
        dialog.description_edit.setPlainText("Negen maanden wachtlijst voor behandeling.")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    recorded = when_modal(SignalDialog, record)
    window.dossier.signals_tab.new_signal.emit(client.id)
    assert recorded.handled
    model = window.dossier.signals_tab.model
    assert [model.index(0, column).data() for column in range(5)] == [
        "23-11-2026", "Wachtlijst", "GGZ Midden", "Negen maanden wachtlijst voor behandeling.", "nee",
    ]  # fmt: skip

    def share(dialog: SignalDialog) -> None:
        assert dialog.description_edit.toPlainText() == "Negen maanden wachtlijst voor behandeling."
        dialog.shareable_check.setChecked(True)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    changed = when_modal(SignalDialog, share)
    double_click(qtbot, window.dossier.signals_tab.view, model.index(0, 3))
    assert changed.handled
    assert model.index(0, 4).data() == "ja"
    (signal,) = services.routes.list_signals(client.id)
    assert (signal.data.theme, signal.data.shareable, signal.data.municipality) == ("waiting_list", True, "Zeist")

    delete = answer_box("Yes")
    window.dossier.signals_tab.delete_signal.emit(signal.id)
    assert delete.handled
    assert services.routes.list_signals(client.id) == []
    assert model.rowCount() == 0


def test_opening_a_route_that_is_gone_says_so(window: MainWindow) -> None:
    message = answer_box("OK")
    window.dossier.routes_tab.open_route.emit(999)
    assert message.handled
    assert "bestaat niet (meer)" in message.text
