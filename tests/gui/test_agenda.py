"""The agenda dialog: soonest first, overdue in red, filters, advice, export to .ics, open a dossier."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from clientsteun.domain.agenda import AgendaKind
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.dates import parse_date
from clientsteun.services import Services
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.agenda import (
    DATE_COLUMN,
    KIND_COLUMN,
    RESIDENT_COLUMN,
    STATE_COLUMN,
    WHAT_COLUMN,
    WHO_COLUMN,
    AgendaDialog,
)
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.table_model import WARNING_COLOUR
from tests.conftest import FakeClock
from tests.helpers.agenda import Agenda, fill_agenda
from tests.helpers.modals import answer_box, when_modal
from tests.helpers.mouse import double_click


@pytest.fixture
def made(services: Services, clock: FakeClock) -> Agenda:
    return fill_agenda(services, clock().date())


@pytest.fixture
def dialog(qtbot: QtBot, services: Services, clock: FakeClock, made: Agenda) -> Iterator[AgendaDialog]:
    built = AgendaDialog(services, lambda: clock().date(), 7)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    yield built


def column(dialog: AgendaDialog, number: int) -> list[str]:
    model = dialog.model
    return [model.index(row, number).data() for row in range(model.rowCount())]


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def test_rows_are_soonest_first_with_kind_who_and_state_in_words(
    dialog: AgendaDialog, made: Agenda, clock: FakeClock
) -> None:
    assert column(dialog, WHAT_COLUMN) == [
        "Bezwaar maken kan tot en met",
        "Loonstroken opsturen",
        "Gemeente beslist over de urgentie",
        "Hoorzitting",
        "Bezwaar maken kan tot en met",
    ]
    assert column(dialog, KIND_COLUMN) == ["Termijn", "Afspraak", "Termijn", "Gepland", "Termijn"]
    assert column(dialog, RESIDENT_COLUMN) == [
        "Fatima el Amrani", "Bram Oosterhout", "Fatima el Amrani", "Bram Oosterhout", "Bram Oosterhout",
    ]  # fmt: skip
    assert column(dialog, WHO_COLUMN) == ["Inwoner", "Inwoner", "Instantie", "", "Inwoner"]
    states = column(dialog, STATE_COLUMN)
    first = parse_date(column(dialog, DATE_COLUMN)[0])
    assert first is not None
    late = (clock().date() - first).days
    assert late > 1
    assert states[:4] == [
        f"verlopen, {late} dagen geleden",
        "vandaag",
        "binnenkort, over 2 dagen",
        "binnenkort, over 5 dagen",
    ]
    assert states[4].startswith("over ")
    assert column(dialog, DATE_COLUMN)[1] == "23-11-2026"  # Dutch dates
    assert dialog.count.text() == "5 punten, waarvan 1 verlopen"


def test_only_overdue_rows_are_red(dialog: AgendaDialog) -> None:
    model = dialog.model
    for row in range(model.rowCount()):
        for number in (DATE_COLUMN, STATE_COLUMN):
            brush = model.index(row, number).data(Qt.ItemDataRole.ForegroundRole)
            if row == 0:
                assert isinstance(brush, QBrush)
                assert brush.color() == WARNING_COLOUR
            else:
                assert brush is None
    assert model.index(0, WHAT_COLUMN).data(Qt.ItemDataRole.ForegroundRole) is None


def test_model_passes_the_model_tester(dialog: AgendaDialog, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(dialog.model)


def test_filter_choices_list_residents_and_municipalities_of_open_dossiers(dialog: AgendaDialog) -> None:
    residents = [dialog.resident_filter.itemText(i) for i in range(dialog.resident_filter.count())]
    assert residents == ["Alle inwoners", "Bram Oosterhout", "Fatima el Amrani"]  # not the closed dossier
    places = [dialog.municipality_filter.itemText(i) for i in range(dialog.municipality_filter.count())]
    assert places == ["Alle gemeenten", "Utrecht", "Zwolle"]


def test_filters_narrow_the_rows_and_the_count(dialog: AgendaDialog, made: Agenda) -> None:
    choose(dialog.resident_filter, "Bram Oosterhout")
    assert {item.resident.id for item in dialog.items()} == {made.bram}
    assert dialog.count.text() == "3 punten"
    choose(dialog.kind_filter, "Afspraken")
    assert column(dialog, WHAT_COLUMN) == ["Loonstroken opsturen"]
    assert dialog.count.text() == "1 punt"
    choose(dialog.resident_filter, "Alle inwoners")
    choose(dialog.kind_filter, "Termijnen")
    assert {item.kind for item in dialog.items()} == {AgendaKind.DEADLINE}
    choose(dialog.municipality_filter, "Utrecht")
    assert column(dialog, RESIDENT_COLUMN) == ["Fatima el Amrani", "Fatima el Amrani"]
    assert dialog.count.text() == "2 punten, waarvan 1 verlopen"


def test_coming_four_weeks_leaves_out_later_items_but_keeps_overdue_ones(
    dialog: AgendaDialog, clock: FakeClock
) -> None:
    dialog.coming_weeks.setChecked(True)
    today = clock().date()
    assert len(dialog.items()) == 4
    assert all(item.on <= today + timedelta(days=28) for item in dialog.items())
    assert dialog.items()[0].overdue
    dialog.coming_weeks.setChecked(False)
    assert len(dialog.items()) == 5


def test_a_selected_overdue_deadline_shows_its_advice(dialog: AgendaDialog) -> None:
    assert "Kies een verlopen termijn" in dialog.advice.text()
    assert not dialog.open_button.isEnabled()
    dialog.table.selectRow(0)
    assert "bezwaartermijn is voorbij" in dialog.advice.text()
    assert dialog.open_button.isEnabled()
    dialog.table.selectRow(2)
    assert "bezwaartermijn" not in dialog.advice.text()


def test_refresh_keeps_the_filter_chosen(dialog: AgendaDialog, made: Agenda) -> None:
    choose(dialog.resident_filter, "Fatima el Amrani")
    dialog.refresh()
    assert dialog.resident_filter.currentText() == "Fatima el Amrani"
    assert {item.resident.id for item in dialog.items()} == {made.fatima}


def test_export_to_writes_what_is_shown_and_logs_it(dialog: AgendaDialog, services: Services, tmp_path: Path) -> None:
    target = tmp_path / "agenda.ics"
    assert dialog.export_to(target, False) == 5
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 5
    assert "Fatima" not in text and "Bram" not in text
    entry = services.audit.entries()[-1]
    assert entry.action is AuditAction.EXPORT
    assert entry.detail == "agenda .ics, 5 punten, zonder namen"
    assert entry.client_id is None
    assert "5 punten opgeslagen in agenda.ics, zonder namen" in dialog.status.text()

    choose(dialog.kind_filter, "Gepland")
    assert dialog.export_to(target, True) == 1
    assert "SUMMARY:Gepland: Hoorzitting — Bram Oosterhout" in target.read_text(encoding="utf-8")
    assert services.audit.entries()[-1].detail == "agenda .ics, 1 punt, met namen"


def test_export_button_is_off_when_nothing_is_shown(dialog: AgendaDialog) -> None:
    assert dialog.export_button.isEnabled()
    choose(dialog.resident_filter, "Fatima el Amrani")
    choose(dialog.kind_filter, "Afspraken")
    assert dialog.items() == []
    assert dialog.count.text() == "0 punten"
    assert not dialog.export_button.isEnabled()


def test_export_that_fails_says_so_plainly_and_logs_nothing(
    dialog: AgendaDialog, services: Services, tmp_path: Path
) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    before = len(services.audit.entries())
    answer = answer_box(QMessageBox.StandardButton.Ok)
    assert dialog.export_to(blocker / "agenda.ics", False) is None
    assert answer.handled
    assert "bestand kon niet worden opgeslagen" in answer.text
    assert len(services.audit.entries()) == before


def test_double_click_asks_to_open_the_residents_dossier(qtbot: QtBot, dialog: AgendaDialog, made: Agenda) -> None:
    row = dialog.model.find(lambda item: item.kind is AgendaKind.MEETING)
    assert row is not None
    with qtbot.waitSignal(dialog.open_resident, timeout=2000) as signal:
        double_click(qtbot, dialog.table, dialog.model.index(row, RESIDENT_COLUMN))
    assert signal.args == [made.bram]


def test_open_button_asks_for_the_selected_residents_dossier(qtbot: QtBot, dialog: AgendaDialog, made: Agenda) -> None:
    dialog.table.selectRow(0)
    with qtbot.waitSignal(dialog.open_resident, timeout=2000) as signal:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == [made.fatima]


def test_works_as_a_modal_dialog_too(services: Services, clock: FakeClock, made: Agenda) -> None:
    built = AgendaDialog(services, lambda: clock().date(), 7)
    try:
        QTimer.singleShot(0, built.reject)
        assert built.exec() == QDialog.DialogCode.Rejected
    finally:
        built.deleteLater()


def test_from_the_windows_agenda_a_double_click_shows_that_dossier(
    qtbot: QtBot, window: MainWindow, made: Agenda
) -> None:
    window.refresh_clients(made.fatima)
    assert window.current_client_id() == made.fatima

    def pick_bram(agenda: AgendaDialog) -> None:
        qtbot.waitUntil(lambda: not agenda.computing)  # on the window's thread pool
        row = agenda.model.find(lambda item: item.kind is AgendaKind.MEETING)
        assert row is not None
        double_click(qtbot, agenda.table, agenda.model.index(row, RESIDENT_COLUMN))

    answer = when_modal(AgendaDialog, pick_bram)
    window.agenda_action.trigger()  # returns when the agenda has closed itself
    assert answer.handled
    assert answer.widget is not None and not answer.widget.isVisible()
    assert window.current_client_id() == made.bram
    assert window.dossier.name_label.text() == "Bram Oosterhout"


def test_the_agenda_is_computed_off_the_ui_thread(
    qtbot: QtBot, services: Services, clock: FakeClock, made: Agenda
) -> None:
    """Over a real thread pool the dialog shows at once, says it is computing, and fills in when the job is done."""
    tasks = Tasks(QThreadPool.globalInstance())
    built = AgendaDialog(services, lambda: clock().date(), 7, tasks=tasks)
    qtbot.addWidget(built)
    assert built.computing and built.count.text() == "Agenda wordt berekend…"  # no event handled yet
    assert built.model.rowCount() == 0 and not built.export_button.isEnabled()
    qtbot.waitUntil(lambda: not built.computing)
    assert built.model.rowCount() == 5
    assert built.count.text() == "5 punten, waarvan 1 verlopen"
    assert built.export_button.isEnabled()
