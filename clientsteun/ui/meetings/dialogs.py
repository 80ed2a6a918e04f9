"""Forms for meetings: plan or change one, record that it took place, and its written report.

Each gets a ``save`` callable (see ``widgets.forms.FormDialog``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date, format_time, parse_time
from clientsteun.domain.deadlines import RouteView
from clientsteun.domain.meetings import (
    ROLE_NAMES,
    Companion,
    CompanionRole,
    HeldMeeting,
    Meeting,
    MeetingInput,
    agreed_points,
)
from clientsteun.domain.routes import StepState
from clientsteun.ui.widgets.buttons import button
from clientsteun.ui.widgets.fields import DateField, choice_box, choose, note, plain_text
from clientsteun.ui.widgets.forms import FormDialog, dialog_layout

MAX_COMPANIONS = 8


def role_name(role: CompanionRole) -> str:
    return QCoreApplication.translate("meetings", ROLE_NAMES[role])


class CompanionsEditor(QWidget):
    """Who comes along: a row per person, a role and (when known) a name."""

    def __init__(self, companions: Sequence[Companion], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[QWidget, QComboBox, QLineEdit]] = []
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.add_button = button(self.tr("Iemand toevoegen"), lambda: self.add(Companion(CompanionRole.SUPPORTER)))
        self.add_button.setAccessibleName(self.tr("Iemand toevoegen die meegaat"))
        for companion in companions:
            self.add(companion)
        self.column.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def add(self, companion: Companion) -> None:
        if len(self.rows) >= MAX_COMPANIONS:
            return
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        role = choice_box(((role_name(r), r.value) for r in CompanionRole), companion.role.value)
        role.setAccessibleName(self.tr("Rol"))
        name = QLineEdit(companion.name)
        name.setPlaceholderText(self.tr("Naam (als u die weet)"))
        name.setAccessibleName(self.tr("Naam van wie meegaat"))
        remove = QPushButton(self.tr("Weghalen"))
        remove.setAccessibleName(self.tr("Deze persoon weghalen"))
        remove.clicked.connect(lambda: self._remove(row))
        line.addWidget(role)
        line.addWidget(name, 1)
        line.addWidget(remove)
        self.column.insertWidget(len(self.rows), row)
        self.rows.append((row, role, name))
        self.add_button.setEnabled(len(self.rows) < MAX_COMPANIONS)
        if self.isVisible():
            role.setFocus()

    def _remove(self, row: QWidget) -> None:
        self.rows = [entry for entry in self.rows if entry[0] is not row]
        row.hide()
        row.deleteLater()
        self.add_button.setEnabled(True)
        self.add_button.setFocus()

    def companions(self) -> tuple[Companion, ...]:
        return tuple(Companion(CompanionRole(role.currentData()), name.text()) for _, role, name in self.rows)


class MeetingDialog(FormDialog[MeetingInput]):
    """Plan a meeting (or change it): when, where, with whom, what kind, what about, who comes along,
    and the planned route step it is (one item in the agenda)."""

    def __init__(
        self, catalog: Catalog, client_id: int, views: Sequence[RouteView], save: Callable[[MeetingInput], Any],
        today: date, current: Meeting | None = None, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        title = self.tr("Gesprek plannen") if current is None else self.tr("Gesprek wijzigen")
        super().__init__(title, save, parent)
        self.catalog = catalog
        kinds = catalog.meetings.kinds
        data = current.data if current is not None else MeetingInput(client_id, today, kinds[0].code if kinds else "")
        self.client_id = client_id
        self.date_edit = DateField(data.on, required=True)
        self.time_edit = QLineEdit(format_time(data.start_time))
        self.time_edit.setPlaceholderText(self.tr("uu:mm"))
        self.time_edit.setMaximumWidth(90)
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(note(self.tr("om")))
        when.addWidget(self.time_edit)
        when.addStretch(1)
        self.kind_edit = choice_box(((kind.name, kind.code) for kind in kinds), data.kind)
        self.kind_edit.setAccessibleName(self.tr("Soort gesprek"))
        self.kind_note = note()
        self.place_edit = QLineEdit(data.place)
        self.place_edit.setPlaceholderText(self.tr("Bijvoorbeeld: bij de inwoner thuis, het gemeentehuis"))
        self.organisation_edit = QLineEdit(data.organisation)
        self.organisation_edit.setPlaceholderText(self.tr("Bijvoorbeeld: gemeente Zwolle, woningcorporatie"))
        self.consulent_edit = QLineEdit(data.consulent)
        self.routes_list = QListWidget()
        self.routes_list.setAccessibleName(self.tr("Over welke routes"))
        self.routes_list.setMaximumHeight(90)
        for view in views:
            item = QListWidgetItem(view.route.data.title, self.routes_list)
            item.setData(Qt.ItemDataRole.UserRole, view.route.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = view.route.id in data.route_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.step_edit = QComboBox()
        self.step_edit.setAccessibleName(self.tr("Hoort bij de geplande stap"))
        self.step_edit.addItem(self.tr("Geen: het gesprek staat op zichzelf"), None)
        self._step_routes: dict[int, tuple[int, str, date]] = {}
        for view in views:
            for step in view.route.steps:
                if step.data.state is StepState.PLANNED or step.id == data.step_id:
                    name = catalog.routes.step_name(step.data.kind)
                    label = f"{format_date(step.data.on)} · {name} ({view.route.data.title})"
                    self.step_edit.addItem(label, step.id)
                    self._step_routes[step.id] = (view.route.id, step.data.kind, step.data.on)
        if data.step_id is not None:
            choose(self.step_edit, data.step_id, self.tr("Een eerdere stap"))
        self.step_edit.currentIndexChanged.connect(self._step_chosen)
        self.companions = CompanionsEditor(data.companions)
        form = QFormLayout()
        form.addRow(self.tr("Datum en tijd *"), when)
        form.addRow(self.tr("Soort gesprek *"), self.kind_edit)
        form.addRow("", self.kind_note)
        form.addRow(self.tr("Plaats"), self.place_edit)
        form.addRow(self.tr("Instantie"), self.organisation_edit)
        form.addRow(self.tr("Naam van de consulent"), self.consulent_edit)
        form.addRow(self.tr("Over welke routes"), self.routes_list)
        form.addRow(self.tr("Hoort bij de stap"), self.step_edit)
        form.addRow(self.tr("Wie gaat er mee"), self.companions)
        self.kind_edit.currentIndexChanged.connect(self._show_kind)
        self._show_kind()
        dialog_layout(self, form, 700, 600)
        self.date_edit.setAccessibleName(self.tr("Datum van het gesprek"))
        self.time_edit.setAccessibleName(self.tr("Tijd van het gesprek"))

    def _show_kind(self) -> None:
        self.kind_note.setText(self.catalog.meetings.kind(self.kind_edit.currentData() or "").description)

    def _step_chosen(self) -> None:
        """A planned step is this meeting: its date, its route and the kind it usually is."""
        step_id = self.step_edit.currentData()
        if step_id not in self._step_routes:
            return
        route_id, step_kind, on = self._step_routes[step_id]
        self.date_edit.set_value(on)
        for row in range(self.routes_list.count()):
            item = self.routes_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == route_id:
                item.setCheckState(Qt.CheckState.Checked)
        kind = self.catalog.meetings.for_step(step_kind)
        if kind is not None:
            choose(self.kind_edit, kind.code)

    def build(self) -> MeetingInput:
        on = self.date_edit.value()
        assert on is not None  # required field
        route_ids = tuple(
            self.routes_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.routes_list.count())
            if self.routes_list.item(row).checkState() == Qt.CheckState.Checked
        )
        return MeetingInput(
            client_id=self.client_id,
            on=on,
            kind=self.kind_edit.currentData() or "",
            start_time=parse_time(self.time_edit.text()),
            place=self.place_edit.text(),
            organisation=self.organisation_edit.text(),
            consulent=self.consulent_edit.text(),
            route_ids=route_ids,
            companions=self.companions.companions(),
            step_id=self.step_edit.currentData(),
        )


class HoldDialog(FormDialog[HeldMeeting]):
    """The meeting took place: what was talked about, and what was agreed (each line one agreement)."""

    def __init__(self, catalog: Catalog, save: Callable[[HeldMeeting], Any], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Gesprek gehouden"), save, parent)
        self.notes_edit = plain_text("", 120)
        self.agreed_edit = plain_text("", 100)
        self.agreed_edit.setPlaceholderText(self.tr("Eén afspraak per regel"))
        self.who_edit = QComboBox()
        self.who_edit.setEditable(True)
        self.who_edit.addItems([party.name for party in catalog.parties])
        self.who_edit.setCurrentText("")
        self.who_edit.setAccessibleName(self.tr("Wie doet de afspraken"))
        form = QFormLayout()
        form.addRow(self.tr("Wat is er besproken?"), self.notes_edit)
        form.addRow(self.tr("Wat is afgesproken?"), self.agreed_edit)
        form.addRow(self.tr("Wie doet het?"), self.who_edit)
        form.addRow("", note(self.tr("Het gesprek komt in de tijdlijn. Elke regel wordt een afspraak in het dossier.")))
        dialog_layout(self, form, 600, 440)

    def build(self) -> HeldMeeting:
        return HeldMeeting(
            notes=self.notes_edit.toPlainText(),
            agreed=agreed_points(self.agreed_edit.toPlainText(), self.who_edit.currentText()),
        )


class ReportDialog(FormDialog[tuple[date | None, bool]]):
    """The organisation's written report of the conversation: when it came, and whether it was checked."""

    def __init__(
        self, meeting: Meeting, save: Callable[[tuple[date | None, bool]], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Verslag van het gesprek"), save, parent)
        self.received_edit = DateField(meeting.report_received_on)
        self.received_edit.setAccessibleName(self.tr("Verslag ontvangen op"))
        self.checked_box = QCheckBox(self.tr("De inwoner heeft het verslag gelezen en het klopt"))
        self.checked_box.setChecked(meeting.report_checked)
        form = QFormLayout()
        form.addRow(self.tr("Ontvangen op"), self.received_edit)
        form.addRow("", self.checked_box)
        form.addRow(
            "",
            note(self.tr("Lees het verslag samen na voordat de inwoner tekent. Soms is tekenen al de aanvraag.")),
        )
        dialog_layout(self, form, 520, 220)

    def build(self) -> tuple[date | None, bool]:
        return self.received_edit.value(), self.checked_box.isChecked()
