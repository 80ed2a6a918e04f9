"""The coordinator's screen: a period's summary, exported, or packages from several laptops combined.

On the left the period (a quarter, or any dates) and the municipalities, and what to do with them:
show the figures, save a summary package for the coordinator, combine packages.  On the right the
figures as published (small counts hidden) and the report as it prints, with its charts.

"Alle gemeenten samen" always counts every municipality of the figures (this database's, or the
combined packages'), and the suppression is worked out over every section once: the ticks only
choose which municipalities are shown apart, on screen and in the saved report, for this database
and for combined packages alike.  Changing them shows or hides sections at once, without reading
again, and reveals nothing more.  Reading the
figures, combining and saving run on the task helper (``ui/tasks.py``, over a connection of their
own), with progress and cancel; the screen stays responsive.  Every save is logged by the service.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.errors import QT_TRANSLATE_NOOP, ClientsteunError, InvalidInput
from clientsteun.domain.summary import Period, PublishedSummary, Summary, publish_summary
from clientsteun.reports.summary import render_summary
from clientsteun.services import Services
from clientsteun.services.summaries import check_report_target, combine_files
from clientsteun.settings import Settings
from clientsteun.ui.coordinator.figures import FiguresView
from clientsteun.ui.errors import show_error, user_message
from clientsteun.ui.tasks import CancelToken, InlineExecutor, Tasks
from clientsteun.ui.widgets.fields import DateField, note
from clientsteun.ui.widgets.pdf_preview import PdfPreview
from clientsteun.ui.widgets.screen import fit_on_screen

Connect = Callable[[], AbstractContextManager[Services]]
QUARTERS_SHOWN = 8
NO_MUNICIPALITY_CHOSEN = QT_TRANSLATE_NOOP("errors", "Vink ten minste één gemeente aan.")
REPORT_SUFFIXES = (".pdf", ".xlsx", ".csv")


@dataclass(frozen=True)
class Shown:
    """What the screen has: the exact summary of every municipality (for saving) and its published
    form with every section (the ticks choose the sections put on screen)."""

    summary: Summary
    published: PublishedSummary


def quarters(today: date, count: int = QUARTERS_SHOWN) -> list[Period]:
    """The quarter ``today`` is in and the ones before it, newest first."""
    year, quarter = today.year, (today.month - 1) // 3
    found = []
    for _ in range(count):
        following = date(year + 1, 1, 1) if quarter == 3 else date(year, 3 * quarter + 4, 1)
        found.append(Period(date(year, 3 * quarter + 1, 1), following - timedelta(days=1)))
        year, quarter = (year - 1, 3) if quarter == 0 else (year, quarter - 1)
    return found


def last_complete_quarter(today: date) -> Period:
    return quarters(today, 2)[1]


# -- the jobs (worker thread; plain values in and out) ---------------------------------------------


def read_summary(connect: Connect, period: Period, threshold: int, token: CancelToken) -> Shown:
    with connect() as services:
        token.check()
        summary = services.summaries.summary(period)
    token.check()
    return Shown(summary, publish_summary(summary, threshold))


def combine_packages(files: Sequence[Path], threshold: int, token: CancelToken) -> Shown:
    token.check()
    summary = combine_files(files)
    token.check()
    return Shown(summary, publish_summary(summary, threshold))


def save_report(connect: Connect, target: Path, summary: Summary, threshold: int) -> Path:
    with connect() as services:
        return services.summaries.export_summary(target, summary, threshold)


def save_package(connect: Connect, target: Path, period: Period, team: str) -> Path:
    with connect() as services:
        return services.summaries.export_package(target, services.summaries.package(period, team))


# -- the screen ----------------------------------------------------------------------------------


class CoordinatorDialog(QDialog):
    def __init__(
        self, services: Services, settings: Settings, parent: QWidget | None = None, *, tasks: Tasks | None = None
    ) -> None:
        """Slow work runs on ``tasks`` (by default at once, on this thread)."""
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.tasks = tasks if tasks is not None else Tasks(InlineExecutor(), self)
        self.shown: Shown | None = None
        self.today = services.clock().date()
        self.setWindowTitle(self.tr("Rapportage voor de coördinator"))

        self.quarter_box = QComboBox()
        self.quarter_box.setAccessibleName(self.tr("Kwartaal"))
        self.quarter_box.addItem(self.tr("Zelf kiezen"), None)
        for period in quarters(self.today):
            self.quarter_box.addItem(self._quarter_name(period), period)
        self.from_edit = DateField(required=True)
        self.from_edit.setAccessibleName(self.tr("Van"))
        self.to_edit = DateField(required=True)
        self.to_edit.setAccessibleName(self.tr("Tot en met"))
        self.quarter_box.currentIndexChanged.connect(self._quarter_chosen)
        for field in (self.from_edit, self.to_edit):
            field.textEdited.connect(lambda _text: self.quarter_box.setCurrentIndex(0))
        self.municipality_list = QListWidget()
        self.municipality_list.setAccessibleName(self.tr("Gemeenten"))
        self.set_choices(services.summaries.municipalities())
        self.municipality_list.itemChanged.connect(self._ticks_changed)
        self.show_button = QPushButton(self.tr("Cijfers &tonen"))
        self.show_button.clicked.connect(self.show_figures)
        self.show_button.setDefault(True)
        period_form = QFormLayout()
        period_form.addRow(self.tr("&Kwartaal"), self.quarter_box)
        period_form.addRow(self.tr("&Van"), self.from_edit)
        period_form.addRow(self.tr("Tot &en met"), self.to_edit)
        period_form.addRow(self.tr("Ge&meenten"), self.municipality_list)
        period_form.addRow(
            note(
                self.tr(
                    "Alle gemeenten samen telt altijd alle gemeenten, ook die u niet aanvinkt. De vinkjes kiezen "
                    "welke gemeenten ook apart in het rapport staan."
                )
            )
        )
        if not self.municipality_list.count():  # a coordinator's own database: only packages to combine
            period_form.addRow(
                note(self.tr("Deze database heeft geen inwoners. Voeg de pakketten van uw team samen (hieronder)."))
            )
        period_form.addRow(self.show_button)
        period_group = QGroupBox(self.tr("Periode en gemeenten"))
        period_group.setLayout(period_form)

        self.team_edit = QLineEdit()
        self.team_edit.setAccessibleName(self.tr("Team"))
        self.team_edit.setPlaceholderText(self.tr("bijvoorbeeld Team Noord"))
        self.package_button = QPushButton(self.tr("&Pakket opslaan…"))
        self.package_button.clicked.connect(self.choose_package_file)
        package_form = QFormLayout()
        package_form.addRow(
            note(
                self.tr(
                    "Voor de coördinator: de cijfers van deze periode, zonder namen. Een dossier dat u hebt "
                    "overgedragen telt niet mee: dat telt de collega die het nu heeft."
                )
            )
        )
        package_form.addRow(self.tr("Team&naam"), self.team_edit)
        package_form.addRow(self.package_button)
        package_group = QGroupBox(self.tr("Samenvattingspakket"))
        package_group.setLayout(package_form)

        self.combine_button = QPushButton(self.tr("Pakketten &samenvoegen…"))
        self.combine_button.clicked.connect(self.choose_packages)
        combine_layout = QVBoxLayout()
        combine_layout.addWidget(
            note(
                self.tr(
                    "Voeg de pakketten van de ondersteuners samen tot één rapportage. Alle gemeenten samen telt "
                    "alle gemeenten uit de pakketten; de vinkjes bij Gemeenten kiezen ook hier welke apart staan."
                )
            )
        )
        combine_layout.addWidget(self.combine_button)
        combine_group = QGroupBox(self.tr("Samenvoegen"))
        combine_group.setLayout(combine_layout)

        left = QVBoxLayout()
        left.addWidget(period_group, 1)
        left.addWidget(package_group)
        left.addWidget(combine_group)

        self.status = note(self.tr("Kies een periode en druk op Cijfers tonen."))
        self.status.setAccessibleName(self.tr("Wat wordt getoond"))
        self.message = note()
        self.message.setAccessibleName(self.tr("Melding"))
        self.message.hide()
        self.figures = FiguresView()
        self.preview = PdfPreview(self.tasks, self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Cijfers en grafieken"))
        self.tabs.addTab(self.figures, self.tr("&Cijfers"))
        self.tabs.addTab(self.preview, self.tr("&Grafieken en afdruk"))
        self.report_button = QPushButton(self.tr("Rapport &opslaan…"))
        self.report_button.setToolTip(self.tr("Als PDF, Excel (.xlsx) of CSV"))
        self.report_button.clicked.connect(self.choose_report_file)
        self.report_button.setEnabled(False)
        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.message)
        right.addWidget(self.tabs, 1)

        columns = QHBoxLayout()
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(340)
        columns.addWidget(left_widget)
        columns.addLayout(right, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.quarter_box.setCurrentIndex(2)  # the last quarter that is over
        fit_on_screen(self, 1200, 760)

    def _quarter_name(self, period: Period) -> str:
        number = (period.start.month - 1) // 3 + 1
        return self.tr("{number}e kwartaal {year}").format(number=number, year=period.start.year)

    def _quarter_chosen(self) -> None:
        period = self.quarter_box.currentData()
        if isinstance(period, Period):
            self.from_edit.set_value(period.start)
            self.to_edit.set_value(period.end)

    # -- choosing ------------------------------------------------------------------------------

    def period(self) -> Period:
        start, end = self.from_edit.value(), self.to_edit.value()
        assert start is not None and end is not None  # required fields
        return Period(start, end).validated()

    def municipalities(self) -> tuple[str, ...]:
        """The municipalities ticked, to show apart; () when all are."""
        items = [self.municipality_list.item(row) for row in range(self.municipality_list.count())]
        ticked = tuple(item.text() for item in items if item.checkState() == Qt.CheckState.Checked)
        if items and not ticked:
            raise InvalidInput(NO_MUNICIPALITY_CHOSEN)
        return () if len(ticked) == len(items) else ticked

    def set_choices(self, names: Sequence[str]) -> None:
        """The municipalities to tick: ``names``, each ticked as it was (a new one ticked)."""
        box = self.municipality_list
        if [box.item(row).text() for row in range(box.count())] == list(names):
            return
        unticked = {
            box.item(row).text() for row in range(box.count()) if box.item(row).checkState() == Qt.CheckState.Unchecked
        }
        box.blockSignals(True)  # one change, not one per item
        while box.count():
            box.takeItem(0)
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if name in unticked else Qt.CheckState.Checked)
            box.addItem(item)
        box.blockSignals(False)

    # -- showing -------------------------------------------------------------------------------

    def show_figures(self) -> None:
        """Read the period's figures on a worker thread, then show them."""
        try:
            period = self.period()
            self.municipalities()
        except ClientsteunError as error:
            show_error(self, error)
            return
        job = functools.partial(read_summary, self.services.on_own_connection, period, self.threshold)
        self._run(job, self.tr("De cijfers worden geteld…"))

    @property
    def threshold(self) -> int:
        return int(self.settings.summary_threshold)

    def _run(self, job: Callable[[CancelToken], Shown], label: str) -> None:
        self._busy(True)
        self.tasks.run(
            job, on_done=self._show, on_failed=self._refused, always=lambda: self._busy(False),
            label=label, parent=self, cancellable=True,
        )  # fmt: skip

    def _busy(self, busy: bool) -> None:
        for button in (self.show_button, self.combine_button, self.package_button):
            button.setEnabled(not busy)
        self.report_button.setEnabled(not busy and self.shown is not None)

    def _show(self, shown: Shown) -> None:
        self.shown = shown
        self.set_choices(shown.summary.municipalities)
        self._put_on_screen()

    def _ticks_changed(self) -> None:
        if self.shown is not None:
            self._put_on_screen()

    def chosen(self) -> Summary:
        """The summary shown, publishing the sections ticked."""
        assert self.shown is not None, "nothing shown yet"
        return self.shown.summary.choosing(self.municipalities())

    def _put_on_screen(self) -> None:
        """The figures shown with the sections ticked (published once: nothing is worked out again)."""
        assert self.shown is not None
        try:
            chosen = self.municipalities()
        except ClientsteunError as error:
            self._tell(user_message(error), warning=True)
            self.report_button.setEnabled(False)
            return
        self.message.hide()
        summary, published = self.shown.summary, self.shown.published.only(chosen)
        if summary.packages:
            teams = ", ".join(summary.teams) or self.tr("zonder teamnaam")
            text = self.tr("Samengevoegd uit {count} pakketten ({teams}), periode {period}.")
            text = text.format(count=summary.packages, teams=teams, period=summary.period.label)
        else:
            text = self.tr("Deze database, periode {period}.").format(period=summary.period.label)
        self.status.setText(f"{text} {published.coverage}")
        self.figures.show_summary(published)
        self.report_button.setEnabled(True)
        self.preview.load(functools.partial(render_summary, published), self.tr("De grafieken worden getekend…"))

    def _refused(self, error: ClientsteunError) -> None:
        """A plain message over the screen, and kept beside the figures (which stay as they were)."""
        self._tell(user_message(error), warning=True)
        show_error(self, error)

    def _tell(self, text: str, *, warning: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e;" if warning else "")
        self.message.show()

    # -- combining -----------------------------------------------------------------------------

    def choose_packages(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Pakketten samenvoegen"), "", self.tr("Samenvattingspakketten (*.json);;Alle bestanden (*)")
        )
        if files:
            self.combine([Path(file) for file in files])

    def combine(self, files: Sequence[Path]) -> None:
        job = functools.partial(combine_packages, list(files), self.threshold)
        self._run(job, self.tr("De pakketten worden samengevoegd…"))

    # -- saving --------------------------------------------------------------------------------

    def choose_report_file(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Rapport opslaan"), self.tr("samenvatting.pdf"),
            self.tr("PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)"),
        )  # fmt: skip
        if path:
            target = Path(path)
            if target.suffix.lower() not in REPORT_SUFFIXES:
                target = target.with_name(target.name + _suffix_of(chosen))
            self.save_report(target)

    def save_report(self, target: Path) -> None:
        """Publish and write the figures shown (the sections ticked) as PDF, XLSX or CSV (by the suffix);
        the service logs it."""
        try:
            check_report_target(target)
            summary = self.chosen()
        except ClientsteunError as error:
            show_error(self, error)
            return
        self.tasks.run(
            functools.partial(save_report, self.services.on_own_connection, target, summary, self.threshold),
            on_done=self._saved, label=self.tr("Het rapport wordt opgeslagen…"), parent=self,
        )  # fmt: skip

    def choose_package_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Pakket opslaan"), self.tr("samenvattingspakket.json"),
            self.tr("Samenvattingspakketten (*.json)"),
        )  # fmt: skip
        if path:
            self.save_package(Path(path))

    def save_package(self, target: Path) -> None:
        """Write this database's package for the period chosen (every municipality, exact counts)."""
        try:
            period = self.period()
        except ClientsteunError as error:
            show_error(self, error)
            return
        job = functools.partial(save_package, self.services.on_own_connection, target, period, self.team_edit.text())
        self.tasks.run(job, on_done=self._saved, label=self.tr("Het pakket wordt opgeslagen…"), parent=self)

    def _saved(self, target: Path) -> None:
        self._tell(self.tr("Opgeslagen als {file}.").format(file=target.name))


def _suffix_of(chosen_filter: str) -> str:
    return next((suffix for suffix in REPORT_SUFFIXES if suffix in chosen_filter), ".pdf")
