"""The coordinator's screen over a real database with demo data: a period's figures as published, saving
the report and a package (logged), combining packages from two laptops, a damaged package refused by
name; and the signal's form showing the text a report shares, without names."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget
from pytestqt.qtbot import QtBot

from clientsteun.demo import fill_demo
from clientsteun.domain.audit import AuditAction
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput, NetworkMember
from clientsteun.domain.routes import SignalInput
from clientsteun.domain.summary import ALL_MUNICIPALITIES, Period, PublishedSummary, TableKey, publish_summary
from clientsteun.domain.summary_package import read_package
from clientsteun.services import Services
from clientsteun.services.summaries import combine_files
from clientsteun.settings import Settings
from clientsteun.store.database import open_database
from clientsteun.ui.coordinator.dialog import CoordinatorDialog, quarters, read_summary
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.dialogs import SignalDialog
from clientsteun.ui.tasks import Cancelled, CancelToken
from tests.conftest import TEST_KEY, FakeClock
from tests.helpers.dialogs import open_dialog, retype
from tests.helpers.modals import StandardButton, answer_box, when_modal
from tests.helpers.pdf import body, collapsed
from tests.helpers.preview import wait_for_pdf

TODAY = date(2026, 11, 23)
Q3 = Period(date(2026, 7, 1), date(2026, 9, 30))
CLIENTS = 40


@pytest.fixture
def demo(services: Services, catalog: Catalog) -> Services:
    fill_demo(services.database, catalog, clients=CLIENTS, today=TODAY)
    return services


@pytest.fixture
def dialog(qtbot: QtBot, demo: Services, settings: Settings) -> CoordinatorDialog:
    built = CoordinatorDialog(demo, settings)
    open_dialog(qtbot, built)
    return built


@pytest.fixture
def laptop(tmp_path: Path, catalog: Catalog, clock: FakeClock) -> Iterator[Services]:
    """A second supporter's database, with demo data of its own."""
    other = Services.create(open_database(tmp_path / "laptop2.db", TEST_KEY), catalog, clock)
    fill_demo(other.database, catalog, clients=CLIENTS, seed=2, today=TODAY)
    yield other
    other.close()


def texts(dialog: CoordinatorDialog, key: TableKey) -> list[list[str]]:
    """The cells of a table on screen, row by row (the totals row last)."""
    section = dialog.figures.section()
    assert section is not None
    view = dialog.figures.tables[[t.key for t in section.tables if t.row_labels].index(key)]
    model = view.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())] for row in range(model.rowCount())
    ]


def residents_shown(dialog: CoordinatorDialog) -> list[str]:
    return texts(dialog, TableKey.RESIDENTS)[0]


def residents_published(published: PublishedSummary) -> list[str]:
    table = published.sections[0].table(TableKey.RESIDENTS)
    assert table.row_totals is not None
    return [shown.text for shown in table.cells[0]] + [table.row_totals[0].text]


def check(dialog: CoordinatorDialog, name: str, ticked: bool) -> None:
    box: QListWidget = dialog.municipality_list
    for row in range(box.count()):
        item = box.item(row)
        if name in ("*", item.text()):
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)


def test_the_last_quarter_is_chosen_and_its_figures_are_shown_as_published(
    qtbot: QtBot, dialog: CoordinatorDialog, demo: Services, settings: Settings
) -> None:
    assert (dialog.from_edit.text(), dialog.to_edit.text()) == ("01-07-2026", "30-09-2026")
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    expected = publish_summary(demo.summaries.summary(Q3), settings.summary_threshold)
    sections = [dialog.figures.section_box.itemText(i) for i in range(dialog.figures.section_box.count())]
    assert sections == [ALL_MUNICIPALITIES, *demo.summaries.municipalities()]
    assert residents_shown(dialog) == residents_published(expected)
    assert dialog.figures.sentences.text().startswith("In dit kwartaal ondersteunden we")
    for key in (TableKey.CONTACTS, TableKey.ROUTES):  # every count on screen is 0, hidden, or 5 and more
        table = expected.sections[0].table(key)
        counts = len(table.column_labels) + 1
        for row in texts(dialog, key):
            for cell in row[:counts]:
                assert cell in ("0", "<5", "x") or int(cell) >= 5
    pdf = wait_for_pdf(dialog.preview)
    assert "Uitkomst van de routes, per soort" in collapsed(body(pdf))
    assert dialog.report_button.isEnabled()


def test_typed_dates_and_one_municipality(qtbot: QtBot, dialog: CoordinatorDialog, demo: Services) -> None:
    retype(qtbot, dialog.from_edit, "01-08-2026")
    retype(qtbot, dialog.to_edit, "15-11-2026")
    assert dialog.quarter_box.currentData() is None  # "Zelf kiezen"
    chosen = demo.summaries.municipalities()[0]
    check(dialog, "*", False)
    check(dialog, chosen, True)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    section_names = [dialog.figures.section_box.itemText(i) for i in range(dialog.figures.section_box.count())]
    assert section_names == [ALL_MUNICIPALITIES, chosen]
    assert "01-08-2026 t/m 15-11-2026" in dialog.status.text()
    assert dialog.figures.sentences.text().startswith("In deze periode")


def test_nothing_ticked_or_a_period_backwards_says_so_plainly(qtbot: QtBot, dialog: CoordinatorDialog) -> None:
    check(dialog, "*", False)
    answer = answer_box(StandardButton.Ok)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert answer.handled and answer.text == "Vink ten minste één gemeente aan."
    check(dialog, "*", True)
    retype(qtbot, dialog.to_edit, "01-01-2026")
    answer = answer_box(StandardButton.Ok)
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert answer.handled and "einddatum" in answer.text
    assert dialog.shown is None


def test_saving_the_report_as_xlsx_writes_the_file_and_logs_it(
    qtbot: QtBot, dialog: CoordinatorDialog, demo: Services, tmp_path: Path
) -> None:
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "kwartaal.xlsx"
    dialog.save_report(target)
    workbook = load_workbook(target, read_only=True)
    assert "Routes" in workbook.sheetnames
    entry = demo.audit.entries()[-1]
    assert entry.action is AuditAction.SUMMARY
    assert entry.detail.startswith("samenvatting .xlsx, 01-07-2026 t/m 30-09-2026")
    assert "kwartaal.xlsx" in dialog.message.text()


def test_a_package_is_saved_with_the_team_name_and_logged(
    qtbot: QtBot, dialog: CoordinatorDialog, demo: Services, tmp_path: Path
) -> None:
    retype(qtbot, dialog.team_edit, "Team Noord")
    target = tmp_path / "noord.json"
    dialog.save_package(target)
    package = read_package(target.name, target.read_bytes())
    assert (package.team, package.period) == ("Team Noord", Q3)
    assert demo.audit.entries()[-1].action is AuditAction.SUMMARY_PACKAGE


def test_the_screen_says_all_together_counts_every_municipality(dialog: CoordinatorDialog) -> None:
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(text.startswith("Alle gemeenten samen telt altijd alle gemeenten") for text in texts)
    assert any("telt alle gemeenten uit de pakketten" in text for text in texts)
    assert any("overgedragen telt niet mee" in text for text in texts)


def test_ticks_show_sections_without_changing_any_figure(
    qtbot: QtBot, dialog: CoordinatorDialog, demo: Services, tmp_path: Path, settings: Settings
) -> None:
    """Unticking a municipality after showing hides its section at once; all together stays every
    municipality, and the saved report has the sections ticked with the same cells."""
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    everything = publish_summary(demo.summaries.summary(Q3), settings.summary_threshold)
    first, *others = demo.summaries.municipalities()
    check(dialog, first, False)
    sections = [dialog.figures.section_box.itemText(i) for i in range(dialog.figures.section_box.count())]
    assert sections == [ALL_MUNICIPALITIES, *others]
    assert residents_shown(dialog) == residents_published(everything)
    assert f"Apart getoond: {', '.join(others)}." in dialog.status.text()
    target = tmp_path / "zonder-een.xlsx"
    dialog.save_report(target)
    saved = load_workbook(target, read_only=True)["Inwoners"]
    names = [row[0] for row in saved.iter_rows(values_only=True) if row and row[0] in (first, *others)]
    assert names == others
    check(dialog, "*", False)
    assert dialog.message.text() == "Vink ten minste één gemeente aan." and not dialog.report_button.isEnabled()


def test_combining_packages_from_two_laptops_shows_the_combined_figures(
    dialog: CoordinatorDialog, demo: Services, laptop: Services, tmp_path: Path, settings: Settings
) -> None:
    files = [tmp_path / "noord.json", tmp_path / "zuid.json"]
    demo.summaries.export_package(files[0], demo.summaries.package(Q3, "Team Noord"))
    laptop.summaries.export_package(files[1], laptop.summaries.package(Q3, "Team Zuid"))
    dialog.combine(files)
    assert "Samengevoegd uit 2 pakketten (Team Noord, Team Zuid)" in dialog.status.text()
    combined = publish_summary(combine_files(files), settings.summary_threshold)
    assert combined.coverage in dialog.status.text()
    alone = publish_summary(demo.summaries.summary(Q3), settings.summary_threshold)
    assert residents_shown(dialog) == residents_published(combined) != residents_published(alone)
    box = dialog.municipality_list
    assert [box.item(row).text() for row in range(box.count())] == list(combined.municipalities)
    kept = combined.municipalities[-1]
    check(dialog, "*", False)
    check(dialog, kept, True)  # the ticks choose the combined report's sections too
    sections = [dialog.figures.section_box.itemText(i) for i in range(dialog.figures.section_box.count())]
    assert sections == [ALL_MUNICIPALITIES, kept]
    assert residents_shown(dialog) == residents_published(combined)  # all together: every municipality still
    dialog.save_report(tmp_path / "samen.pdf")
    assert demo.audit.entries()[-1].action is AuditAction.SUMMARY_COMBINED
    text = collapsed(body((tmp_path / "samen.pdf").read_bytes()))
    assert "Team Noord, Team Zuid" in text and f"Apart getoond: {kept}." in text


def test_a_damaged_package_is_refused_with_its_file_name(
    dialog: CoordinatorDialog, demo: Services, tmp_path: Path
) -> None:
    good, damaged = tmp_path / "noord.json", tmp_path / "kapot-pakket.json"
    demo.summaries.export_package(good, demo.summaries.package(Q3, "Team Noord"))
    damaged.write_bytes(good.read_bytes()[:-40])
    answer = answer_box(StandardButton.Ok)
    dialog.combine([good, damaged])
    assert answer.handled and "kapot-pakket.json" in answer.text
    assert "kapot-pakket.json" in dialog.message.text() and dialog.message.isVisible()
    assert dialog.shown is None  # nothing was combined


def test_cancelling_stops_the_reading(demo: Services) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        read_summary(demo.on_own_connection, Q3, 5, token)
    assert quarters(TODAY, 3)[2] == Period(date(2026, 4, 1), date(2026, 6, 30))


def test_the_menu_opens_the_screen(window: MainWindow) -> None:
    assert window.coordinator_action.text() == "Rapportage voor de &coördinator…"
    seen = when_modal(CoordinatorDialog, lambda d: d.reject())
    window.coordinator_action.trigger()
    assert seen.widget is not None


def test_the_signal_form_shows_the_shared_text_without_names(
    qtbot: QtBot, services: Services, catalog: Catalog
) -> None:
    client = services.clients.create_client(
        ClientInput("Hendrik Jansen", network=(NetworkMember("Grietje Pietersma", "zus"),))
    )
    form = SignalDialog(
        catalog, lambda _s: None, SignalInput(client.id, TODAY, "circular", ""),
        scrubber=services.summaries.name_scrubber,
    )  # fmt: skip
    open_dialog(qtbot, form)
    form.description_edit.setPlainText("Hendrik wordt van het kastje naar de muur gestuurd; Grietje belt elke week.")
    assert not form.shared_label.isVisible()
    form.shareable_check.setChecked(True)
    assert form.shared_label.isVisible()
    assert form.shared_label.text() == (
        "Zo wordt het gedeeld: [naam] wordt van het kastje naar de muur gestuurd; [naam] belt elke week."
    )
    form.description_edit.setFocus()
    qtbot.keyClick(form.description_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.description_edit, " Jansen")
    assert form.shared_label.text().endswith("belt elke week. [naam]")
