"""Forms for a resident, a help question, an agreement and closing a dossier.

Each gets a ``save`` callable from the residents' controller (see ``widgets.forms.FormDialog``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import InvalidInput
from clientsteun.domain.model import (
    AgreementInput,
    ClientInput,
    Consent,
    HelpQuestionInput,
    NetworkMember,
)
from clientsteun.ui.rights.correction import CorrectionBox, changed_fields, correction_what
from clientsteun.ui.widgets.fields import CheckList, DateField, note, plain_text
from clientsteun.ui.widgets.forms import FormDialog
from clientsteun.ui.widgets.screen import fit_on_screen


class ClientDialog(FormDialog[ClientInput]):
    def __init__(
        self,
        catalog: Catalog,
        municipalities: list[str],
        save: Callable[[ClientInput], Any],
        details: ClientInput | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Nieuwe inwoner") if details is None else self.tr("Gegevens van de inwoner")
        super().__init__(title, save, parent)
        editing = details is not None
        details = details or ClientInput(name="", first_contact=today)
        self.name_edit = QLineEdit(details.name)
        self.name_edit.setMaxLength(200)
        self.alias_edit = QLineEdit(details.alias)
        self.phone_edit = QLineEdit(details.phone)
        self.email_edit = QLineEdit(details.email)
        self.address_edit = QLineEdit(details.address)
        self.municipality_edit = QComboBox()
        self.municipality_edit.setEditable(True)
        self.municipality_edit.addItems(municipalities)
        self.municipality_edit.setCurrentText(details.municipality)
        self.first_contact_edit = DateField(details.first_contact)
        general = QWidget()
        form = QFormLayout(general)
        form.addRow(self.tr("Naam *"), self.name_edit)
        form.addRow(self.tr("Roepnaam of schuilnaam"), self.alias_edit)
        form.addRow(self.tr("Telefoon"), self.phone_edit)
        form.addRow(self.tr("E-mail"), self.email_edit)
        form.addRow(self.tr("Adres"), self.address_edit)
        form.addRow(self.tr("Gemeente"), self.municipality_edit)
        form.addRow(self.tr("Eerste contact"), self.first_contact_edit)

        self.domains = CheckList(catalog.life_domains, details.life_domains)

        self.network = QTableWidget(0, 3)
        self.network.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
        self.network.setHorizontalHeaderLabels([self.tr("Naam"), self.tr("Rol of relatie"), self.tr("Telefoon")])
        self.network.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.network.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for member in details.network:
            self._add_member(member)
        network_page = QWidget()
        network_layout = QVBoxLayout(network_page)
        network_layout.addWidget(self.network)
        network_buttons = QHBoxLayout()
        add = QPushButton(self.tr("Persoon toevoegen"))
        add.clicked.connect(self._add_empty_member)  # bound methods: a lambda holding self crashed PySide at exit
        remove = QPushButton(self.tr("Persoon verwijderen"))
        remove.clicked.connect(self._remove_member)
        network_buttons.addWidget(add)
        network_buttons.addWidget(remove)
        network_buttons.addStretch(1)
        network_layout.addLayout(network_buttons)

        consent = details.consent
        self._had_consent = consent is not None
        self.consent_given = DateField(consent.given_on if consent else None)
        self.consent_record = plain_text(consent.may_record if consent else "", 60)
        self.consent_share = plain_text(consent.share_with if consent else "", 60)
        self.consent_until = DateField(consent.valid_until if consent else None)
        self.consent_withdrawn = DateField(consent.withdrawn_on if consent else None)
        consent_page = QWidget()
        consent_form = QFormLayout(consent_page)
        consent_form.addRow(self.tr("Toestemming gegeven op"), self.consent_given)
        consent_form.addRow(self.tr("Wat mag worden vastgelegd"), self.consent_record)
        consent_form.addRow(self.tr("Met wie mag worden gedeeld"), self.consent_share)
        consent_form.addRow(self.tr("Geldig tot"), self.consent_until)
        consent_form.addRow(self.tr("Ingetrokken op"), self.consent_withdrawn)

        tabs = QTabWidget()
        tabs.setAccessibleName(self.tr("Onderdelen van de gegevens"))
        tabs.addTab(general, self.tr("Gegevens"))
        tabs.addTab(self.domains, self.tr("Levensgebieden"))
        tabs.addTab(network_page, self.tr("Netwerk"))
        tabs.addTab(consent_page, self.tr("Toestemming"))
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        # Editing: a correction the resident asked for leaves a dated note, never the old value (AVG art. 16).
        self.correction = CorrectionBox(editing)  # read by the controller, which saves details and note together
        layout.addWidget(self.correction)
        layout.addWidget(self.buttons)
        fit_on_screen(self, 560, 480)

    def _add_empty_member(self) -> None:
        self._add_member(NetworkMember(""))

    def _remove_member(self) -> None:
        self.network.removeRow(self.network.currentRow())

    def _add_member(self, member: NetworkMember) -> None:
        row = self.network.rowCount()
        self.network.insertRow(row)
        for column, value in enumerate((member.name, member.role, member.phone)):
            self.network.setItem(row, column, QTableWidgetItem(value))

    def _cell(self, row: int, column: int) -> str:
        item = self.network.item(row, column)
        return item.text() if item else ""

    def build(self) -> ClientInput:
        members = [
            NetworkMember(self._cell(row, 0), self._cell(row, 1), self._cell(row, 2))
            for row in range(self.network.rowCount())
        ]
        return ClientInput(
            name=self.name_edit.text(),
            alias=self.alias_edit.text(),
            phone=self.phone_edit.text(),
            email=self.email_edit.text(),
            address=self.address_edit.text(),
            municipality=self.municipality_edit.currentText(),
            first_contact=self.first_contact_edit.value(),
            life_domains=self.domains.checked_codes(),
            network=tuple(m for m in members if any((m.name.strip(), m.role.strip(), m.phone.strip()))),
            consent=self._consent(),
        )

    def _consent(self) -> Consent | None:
        given = self.consent_given.value()
        if given is None:
            filled = [self.consent_record.toPlainText(), self.consent_share.toPlainText()]
            filled += [self.consent_until.text(), self.consent_withdrawn.text()]
            if self._had_consent or any(text.strip() for text in filled):
                # Consent is never dropped silently: it is history, and withdrawing it has a date.
                raise InvalidInput(
                    self.tr(
                        "Vul bij Toestemming de datum in waarop de inwoner toestemming gaf. "
                        "Trekt de inwoner de toestemming in? Vul dan ook ‘Ingetrokken op’ in."
                    )
                )
            return None
        return Consent(
            given_on=given,
            may_record=self.consent_record.toPlainText(),
            share_with=self.consent_share.toPlainText(),
            valid_until=self.consent_until.value(),
            withdrawn_on=self.consent_withdrawn.value(),
        )


class HelpQuestionDialog(FormDialog[HelpQuestionInput]):
    """A new version of the help question; ``correct`` (with a ``previous``): the box that saves it as a
    correction at the resident's request, ``correct(value, what was corrected)``."""

    def __init__(
        self, save: Callable[[HelpQuestionInput], Any], today: date, previous: HelpQuestionInput | None = None,
        parent: QWidget | None = None, correct: Callable[[HelpQuestionInput, str], Any] | None = None,
    ) -> None:  # fmt: skip
        correction = CorrectionBox(correct is not None and previous is not None)
        fields = {"asked": self.tr("wat er wordt gevraagd"), "really_wants": self.tr("wat de inwoner echt wil")}
        what = lambda value: correction_what(self.tr("hulpvraag"), changed_fields(previous, value, fields))  # noqa: E731
        super().__init__(self.tr("Hulpvraag vastleggen"), correction.saving(save, correct, what), parent)
        self.correction = correction
        self.date_edit = DateField(today, required=True)
        self.asked_edit = plain_text(previous.asked if previous else "")
        self.wants_edit = plain_text(previous.really_wants if previous else "")
        form = QFormLayout()
        form.addRow(self.tr("Datum"), self.date_edit)
        form.addRow(self.tr("Wat wordt er gevraagd?"), self.asked_edit)
        form.addRow(self.tr("Wat wil de inwoner echt?\nWat is belangrijk?"), self.wants_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.correction)
        layout.addWidget(self.buttons)
        fit_on_screen(self, 560, 360)

    def build(self) -> HelpQuestionInput:
        recorded = self.date_edit.value()
        assert recorded is not None  # required field
        return HelpQuestionInput(recorded, self.asked_edit.toPlainText(), self.wants_edit.toPlainText())


class AgreementDialog(FormDialog[AgreementInput]):
    """``correct`` (when editing): the box that saves the change as a correction at the resident's request,
    ``correct(value, what was corrected)``."""

    def __init__(
        self, catalog: Catalog, client_id: int, save: Callable[[AgreementInput], Any],
        current: AgreementInput | None = None, parent: QWidget | None = None,
        correct: Callable[[AgreementInput, str], Any] | None = None,
    ) -> None:  # fmt: skip
        title = self.tr("Nieuwe afspraak") if current is None else self.tr("Afspraak wijzigen")
        correction = CorrectionBox(correct is not None and current is not None)
        fields = {
            "description": self.tr("wat is afgesproken"), "who": self.tr("wie het doet"),
            "due_on": self.tr("uiterlijk klaar op"),
        }  # fmt: skip
        what = lambda value: correction_what(self.tr("afspraak"), changed_fields(current, value, fields))  # noqa: E731
        super().__init__(title, correction.saving(save, correct, what), parent)
        self.correction = correction
        self.client_id = client_id
        self.conversation_id = current.conversation_id if current else None
        self.description_edit = plain_text(current.description if current else "")
        self.who_edit = QComboBox()
        self.who_edit.setEditable(True)
        self.who_edit.addItems([party.name for party in catalog.parties])
        self.who_edit.setCurrentText(current.who if current else "")
        self.due_edit = DateField(current.due_on if current else None)
        form = QFormLayout()
        form.addRow(self.tr("Wat is afgesproken? *"), self.description_edit)
        form.addRow(self.tr("Wie doet het? *"), self.who_edit)
        form.addRow(self.tr("Uiterlijk klaar op"), self.due_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.correction)
        layout.addWidget(self.buttons)
        fit_on_screen(self, 480, 280)

    def build(self) -> AgreementInput:
        return AgreementInput(
            client_id=self.client_id,
            description=self.description_edit.toPlainText(),
            who=self.who_edit.currentText(),
            due_on=self.due_edit.value(),
            conversation_id=self.conversation_id,
        )


class CloseDialog(FormDialog[tuple[date, str, bool]]):
    """The date and reason; what is still open is said, and open agreements can be finished with it."""

    def __init__(
        self, save: Callable[[tuple[date, str, bool]], Any], today: date, *, open_agreements: int = 0,
        open_routes: int = 0, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(self.tr("Dossier sluiten"), save, parent)
        self.date_edit = DateField(today, required=True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("Bijvoorbeeld: hulpvraag beantwoord, verhuisd"))
        self.finish_check = QCheckBox(
            self.tr("De open afspraken ({count}) op klaar zetten op de sluitdatum").format(count=open_agreements)
        )
        self.finish_check.setChecked(True)
        self.finish_check.setVisible(open_agreements > 0)
        form = QFormLayout()
        form.addRow(self.tr("Gesloten op"), self.date_edit)
        form.addRow(self.tr("Reden"), self.reason_edit)
        form.addRow("", self.finish_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if open_routes:
            routes = note(
                self.tr(
                    "{count} route(s) hebben nog een open termijn. Ze blijven in het dossier bewaard, maar een "
                    "gesloten dossier staat niet in de agenda: niemand wordt aan die termijnen herinnerd."
                ).format(count=open_routes)
            )
            layout.addWidget(routes)
        layout.addWidget(self.buttons)

    def build(self) -> tuple[date, str, bool]:
        closed = self.date_edit.value()
        assert closed is not None  # required field
        return closed, self.reason_edit.text(), self.finish_check.isVisibleTo(self) and self.finish_check.isChecked()
