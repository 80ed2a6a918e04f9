"""Forms for routes tried: the route, a step, a link and a signal.

Each gets a ``save`` callable (see ``widgets.forms.FormDialog``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.anonymise import NameScrubber
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.dates import format_date
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.model import HelpQuestion
from clientsteun.domain.route_catalog import RouteKind
from clientsteun.domain.routes import (
    DECISION_OUTCOMES,
    LinkKind,
    Outcome,
    RouteInput,
    SignalInput,
    StepInput,
    StepState,
)
from clientsteun.domain.timeline import first_line
from clientsteun.ui.routes.text import link_name
from clientsteun.ui.routes.words import outcome_word, step_state_word
from clientsteun.ui.widgets.fields import DateField, choice_box, choose, note, plain_text
from clientsteun.ui.widgets.forms import FormDialog, dialog_layout


class RouteDialog(FormDialog[RouteInput]):
    """The route's details; the reversed test and everything else of ``current`` are kept as they are."""

    def __init__(
        self, catalog: Catalog, client_id: int, help_questions: tuple[HelpQuestion, ...],
        save: Callable[[RouteInput], Any], current: RouteInput | None = None, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(self.tr("Nieuwe route") if current is None else self.tr("Route wijzigen"), save, parent)
        self.catalog = catalog
        self._goal_chosen = current is not None
        kinds = catalog.routes.kinds
        self._current = current or RouteInput(client_id, kinds[0].code if kinds else "", "")
        data = self._current
        self.kind_edit = choice_box(((k.name, k.code) for k in kinds), data.kind)
        self._shown_kind = self.kind()
        self.explanation_label = note()
        self.law_label = note()
        self.title_edit = QLineEdit(data.title or self._shown_kind.name)
        goals: list[tuple[str, object]] = [(self.tr("Geen doel gekozen"), "")]
        for question in help_questions:
            text = first_line(question.really_wants) or first_line(question.asked)
            label = self.tr("Hulpvraag van {date}: {text}").format(date=format_date(question.recorded_on), text=text)
            goals.append((label, f"question:{question.id}"))
        goals += [
            (self.tr("Levensgebied: {name}").format(name=d.name), f"domain:{d.code}") for d in catalog.life_domains
        ]
        self.goal_edit = choice_box(goals)
        if data.help_question_id is not None:
            choose(self.goal_edit, f"question:{data.help_question_id}", self.tr("Een eerdere hulpvraag"))
        elif data.life_domain:
            choose(self.goal_edit, f"domain:{data.life_domain}", data.life_domain)
        self._default_goal()
        self.goal_edit.currentIndexChanged.connect(self._goal_touched)
        self.organisation_edit = QLineEdit(data.organisation)
        self.organisation_edit.setPlaceholderText(self.tr("Bijvoorbeeld: gemeente Zwolle, woningcorporatie"))
        self.contact_edit = QLineEdit(data.contact)
        self.reference_edit = QLineEdit(data.reference)
        self.circumstances = QWidget()
        self._circumstance_layout = QVBoxLayout(self.circumstances)
        self._circumstance_layout.setContentsMargins(0, 0, 0, 0)
        self.circumstance_checks: dict[str, QCheckBox] = {}

        self.form = QFormLayout()
        self.form.addRow(self.tr("Soort route *"), self.kind_edit)
        self.form.addRow("", self.explanation_label)
        self.form.addRow(self.tr("Wet of regel"), self.law_label)
        self.form.addRow(self.tr("Naam van de route *"), self.title_edit)
        self.form.addRow(self.tr("Doel"), self.goal_edit)
        self.form.addRow(self.tr("Instantie"), self.organisation_edit)
        self.form.addRow(self.tr("Contactpersoon"), self.contact_edit)
        self.form.addRow(self.tr("Kenmerk of dossiernummer"), self.reference_edit)
        self.form.addRow(self.tr("Omstandigheden"), self.circumstances)
        self._show_kind(data.circumstances)
        self.kind_edit.currentIndexChanged.connect(self._kind_changed)
        dialog_layout(self, self.form, 680, 520)

    def kind(self) -> RouteKind:
        return self.catalog.routes.kind(self.kind_edit.currentData() or "")

    def circumstance_codes(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.circumstance_checks.items() if box.isChecked())

    def _goal_touched(self) -> None:
        self._goal_chosen = True

    def _kind_changed(self) -> None:
        kind = self.kind()
        if self.title_edit.text().strip() in ("", self._shown_kind.name):
            self.title_edit.setText(kind.name)
        self._shown_kind = kind
        self._default_goal()
        self._show_kind(self.circumstance_codes())

    def _default_goal(self) -> None:
        """A new route aims at the kind's area of life until the user picks a goal."""
        if not self._goal_chosen:
            life_domain = self.kind().life_domain
            self.goal_edit.blockSignals(True)  # not a choice of the user
            choose(self.goal_edit, f"domain:{life_domain}" if life_domain else "")
            self.goal_edit.blockSignals(False)

    def _show_kind(self, checked: tuple[str, ...]) -> None:
        kind = self.kind()
        self.explanation_label.setText(kind.explanation)
        self.law_label.setText(kind.law or self.tr("Geen wettelijke termijn"))
        for box in self.circumstance_checks.values():
            self._circumstance_layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.circumstance_checks = {}
        for circumstance in self.catalog.routes.circumstances_for(kind.code):
            box = QCheckBox(circumstance.name)
            box.setToolTip(circumstance.description)
            box.setChecked(circumstance.code in checked)
            self._circumstance_layout.addWidget(box)
            self.circumstance_checks[circumstance.code] = box
        self.form.setRowVisible(self.circumstances, bool(self.circumstance_checks))

    def build(self) -> RouteInput:
        goal = str(self.goal_edit.currentData() or "")
        prefix, _, value = goal.partition(":")
        return replace(
            self._current,
            kind=self.kind_edit.currentData() or "",
            title=self.title_edit.text(),
            help_question_id=int(value) if prefix == "question" else None,
            life_domain=value if prefix == "domain" else "",
            organisation=self.organisation_edit.text(),
            contact=self.contact_edit.text(),
            reference=self.reference_edit.text(),
            circumstances=self.circumstance_codes(),
        )


class StepDialog(FormDialog[StepInput]):
    def __init__(
        self, catalog: Catalog, route_id: int, route_kind: str, save: Callable[[StepInput], Any], today: date,
        current: StepInput | None = None, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(self.tr("Nieuwe stap") if current is None else self.tr("Stap wijzigen"), save, parent)
        routes = catalog.routes
        self.step_kinds = routes.step_kinds
        typical = [code for code in routes.kind(route_kind).steps if code in routes.step_kinds]
        others = [code for code in routes.step_kinds if code not in typical]
        current = current or StepInput(route_id, today, typical[0] if typical else next(iter(routes.step_kinds), ""))
        self.route_id = route_id
        self.date_edit = DateField(current.on, required=True)
        self.kind_edit = QComboBox()
        for code in typical + others:
            self.kind_edit.addItem(routes.step_name(code), code)
            self.kind_edit.setItemData(self.kind_edit.count() - 1, routes.step_kinds[code].description,
                                       Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        if typical and others:
            self.kind_edit.insertSeparator(len(typical))
        choose(self.kind_edit, current.kind)
        self.state_edit = choice_box(((step_state_word(s), s.value) for s in StepState), current.state.value)
        self.outcome_edit = choice_box(
            [(self.tr("Kies de uitkomst"), "")] + [(outcome_word(o), o.value) for o in DECISION_OUTCOMES],
            current.outcome.value if current.outcome else "",
        )
        self.reason_edit = plain_text(current.reason, 60)
        self.note_edit = plain_text(current.note, 60)
        self.sent_edit = DateField(current.sent_on)
        self.received_edit = DateField(current.received_on)
        self.new_due_edit = DateField(current.new_due_on)
        self.sent_edit.setToolTip(self.tr("Alleen invullen als de brief op een andere dag is verstuurd dan de datum."))
        self.received_edit.setToolTip(self.tr("De dag dat de brief binnenkwam, als u die weet."))
        self.new_due_edit.setToolTip(self.tr(
            "Bij verdaging, opschorting of uitstel: de datum die de brief noemt."))  # fmt: skip
        form = QFormLayout()
        form.addRow(self.tr("Datum *"), self.date_edit)
        form.addRow(self.tr("Stap *"), self.kind_edit)
        form.addRow(self.tr("Stand"), self.state_edit)
        form.addRow(self.tr("Uitkomst van het besluit"), self.outcome_edit)
        form.addRow(self.tr("Reden (bij afwijzing)"), self.reason_edit)
        form.addRow(self.tr("Verstuurd op"), self.sent_edit)
        form.addRow(self.tr("Ontvangen op"), self.received_edit)
        form.addRow(self.tr("Nieuwe datum in de brief"), self.new_due_edit)
        form.addRow(self.tr("Notitie"), self.note_edit)
        self.kind_edit.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        dialog_layout(self, form, 520, 480)

    def is_decision(self) -> bool:
        kind = self.step_kinds.get(self.kind_edit.currentData() or "")
        return kind is not None and kind.decision

    def names_new_date(self) -> bool:
        """A letter that extends, suspends or agrees a delay names a new date."""
        kind = self.step_kinds.get(self.kind_edit.currentData() or "")
        return kind is not None and (kind.extends or kind.suspends or kind.consents)

    def _kind_changed(self) -> None:
        self.outcome_edit.setEnabled(self.is_decision())
        self.new_due_edit.setEnabled(self.names_new_date())

    def build(self) -> StepInput:
        on = self.date_edit.value()
        assert on is not None  # required field
        outcome = self.outcome_edit.currentData() if self.is_decision() else ""
        return StepInput(
            route_id=self.route_id,
            on=on,
            kind=self.kind_edit.currentData() or "",
            state=StepState(self.state_edit.currentData()),
            outcome=Outcome(outcome) if outcome else None,
            reason=self.reason_edit.toPlainText(),
            note=self.note_edit.toPlainText(),
            sent_on=self.sent_edit.value(),
            received_on=self.received_edit.value(),
            new_due_on=self.new_due_edit.value() if self.names_new_date() else None,
        )


class LinkDialog(FormDialog[tuple[int, LinkKind]]):
    """Another route of the resident, and how this route relates to it."""

    def __init__(
        self, siblings: Mapping[int, str], save: Callable[[tuple[int, LinkKind]], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Route koppelen"), save, parent)
        self.kind_edit = choice_box((link_name(kind), kind.value) for kind in LinkKind)
        self.route_edit = choice_box((title, route_id) for route_id, title in siblings.items())
        explanation = note(
            self.tr(
                "‘Hoort bij’: bijvoorbeeld een bezwaar hoort bij de aanvraag die werd afgewezen.\n"
                "‘Wacht op’: deze route kan pas verder als de andere klaar is. Bijvoorbeeld: de schuldhulp "
                "wacht op behandeling."
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("Deze route"), self.kind_edit)
        form.addRow(self.tr("Andere route"), self.route_edit)
        form.addRow("", explanation)
        dialog_layout(self, form, 520, 220)

    def build(self) -> tuple[int, LinkKind]:
        route_id = self.route_edit.currentData()
        if route_id is None:
            raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Kies de route om mee te koppelen."))
        return int(route_id), LinkKind(self.kind_edit.currentData())


class SignalDialog(FormDialog[SignalInput]):
    """A blockage in the system; ``data`` fills the form (a new signal: date, route, municipality).

    While "mag in een rapportage" is ticked, the form shows the description as a report shares it,
    with the names ``scrubber`` (asked once, from the service) takes out."""

    def __init__(
        self,
        catalog: Catalog,
        save: Callable[[SignalInput], Any],
        data: SignalInput,
        parent: QWidget | None = None,
        *,
        scrubber: Callable[[], NameScrubber] | None = None,
        blocked: str = "",
    ) -> None:
        """``blocked``: why the resident's consent does not allow sharing now ('' when it does)."""
        super().__init__(self.tr("Signaal vastleggen"), save, parent)
        self._data = data
        self._get_scrubber = scrubber
        self._scrubber: NameScrubber | None = None
        self.themes = {theme.code: theme for theme in catalog.routes.signal_themes}
        intro = note(
            self.tr(
                "Een signaal laat zien waar het systeem vastloopt. De coördinator meldt signalen aan de gemeente, "
                "zonder namen."
            )
        )
        self.date_edit = DateField(data.on, required=True)
        self.theme_edit = choice_box(
            [(self.tr("Kies een thema"), "")] + [(t.name, t.code) for t in self.themes.values()], data.theme
        )
        self.theme_label = note()
        self.organisation_edit = QLineEdit(data.organisation)
        self.municipality_edit = QLineEdit(data.municipality)
        self.description_edit = plain_text(data.description, 100)
        self.shareable_check = QCheckBox(self.tr("Deze beschrijving mag (zonder namen) in een anonieme rapportage"))
        self.shareable_check.setChecked(data.shareable)
        self.shared_label = note()
        self.shared_label.setAccessibleName(self.tr("Zo wordt het gedeeld"))
        form = QFormLayout()
        form.addRow(intro)
        form.addRow(self.tr("Datum *"), self.date_edit)
        form.addRow(self.tr("Thema *"), self.theme_edit)
        form.addRow("", self.theme_label)
        form.addRow(self.tr("Instantie"), self.organisation_edit)
        form.addRow(self.tr("Gemeente"), self.municipality_edit)
        form.addRow(self.tr("Wat loopt er vast? *"), self.description_edit)
        form.addRow("", self.shareable_check)
        if blocked:  # an expired or withdrawn consent: nothing of this resident is shared until renewed
            self.shareable_check.setEnabled(False)
            self.shareable_check.setToolTip(QCoreApplication.translate("rights", blocked))
            form.addRow("", note(QCoreApplication.translate("rights", blocked)))
        form.addRow("", self.shared_label)
        self.theme_edit.currentIndexChanged.connect(self._theme_changed)
        self._theme_changed()
        self.shareable_check.toggled.connect(self._show_shared)
        self.description_edit.textChanged.connect(self._show_shared)
        self._show_shared()
        dialog_layout(self, form, 580, 440)

    def _show_shared(self) -> None:
        """The description without names, as a report would share it, while sharing is ticked."""
        shown = self.shareable_check.isChecked() and self._get_scrubber is not None
        if shown and self._scrubber is None:
            assert self._get_scrubber is not None
            self._scrubber = self._get_scrubber()
        if shown and self._scrubber is not None:
            shared = self._scrubber.scrub(self.description_edit.toPlainText().strip())
            self.shared_label.setText(self.tr("Zo wordt het gedeeld: {text}").format(text=shared or "–"))
        self.shared_label.setVisible(shown)

    def _theme_changed(self) -> None:
        theme = self.themes.get(self.theme_edit.currentData() or "")
        self.theme_label.setText(theme.description if theme else "")
        self.theme_label.setVisible(bool(self.theme_label.text()))

    def build(self) -> SignalInput:
        on = self.date_edit.value()
        assert on is not None  # required field
        return replace(
            self._data,
            on=on,
            theme=self.theme_edit.currentData() or "",
            organisation=self.organisation_edit.text(),
            municipality=self.municipality_edit.text(),
            description=self.description_edit.toPlainText(),
            shareable=self.shareable_check.isChecked(),
        )
