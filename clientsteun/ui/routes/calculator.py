"""Termijn berekenen: "until when can she object?" asked on the phone, before any route exists.

The rule, the date of the event that starts it and what the rule asks (a circumstance such as an
advisory committee, an extension and the date its letter names, the municipality) give the last day
with the same engine and explanations as a route window (``domain.calculator``).  No database.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from clientsteun.domain.calculator import Calculation, CalculatorRule, TermQuestion, calculate, calculator_rules
from clientsteun.domain.deadlines import Deadline
from clientsteun.domain.reckoning import Note, long_day
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.terms import Term
from clientsteun.ui.errors import guarded
from clientsteun.ui.routes.text import counted_from_text, note_text, tr
from clientsteun.ui.routes.words import actor_in_sentence, open_state_text
from clientsteun.ui.widgets.fields import DateField, choice_box, note, text_label
from clientsteun.ui.widgets.screen import fit_on_screen


def term_lines(deadline: Deadline, explanations: tuple[Note, ...], today: date, term: Term) -> list[str]:
    """One term worked out: its last day, its length (``term``: the municipality's where its by-law sets
    it), from when and by which law it counts, and why it moved."""
    state = open_state_text(deadline.state, deadline.due_on, today)
    lines = [tr("{name}: {day} ({state})").format(name=deadline.name, day=long_day(deadline.due_on), state=state)]
    extended = tr(", verdaagd") if deadline.extended else ""
    lines.append(
        tr("{term}{extended}, gerekend vanaf {start} · {law} · {actor} moet iets doen").format(
            term=term, extended=extended, start=counted_from_text(deadline), law=deadline.rule.law,
            actor=actor_in_sentence(deadline.actor),
        )
    )  # fmt: skip
    lines += [note_text(explanation) for explanation in explanations]
    return lines


def calculation_text(calculation: Calculation, today: date, routes: RouteCatalog, municipality: str = "") -> str:
    """Every term of the chain, the first first, each with its explanation."""
    blocks = []
    for deadline, notes in zip(calculation.deadlines, calculation.explanations, strict=True):
        municipal = routes.municipal_term(deadline.rule, municipality)
        term = municipal.term if municipal is not None else deadline.rule.term
        blocks.append("\n".join(term_lines(deadline, notes, today, term)))
    return "\n\n".join(blocks)


class CalculatorDialog(QDialog):
    """Choose a rule, type the date, answer what it asks, and see the last day with the reasons."""

    def __init__(self, routes: RouteCatalog, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Termijn berekenen"))
        self.routes = routes
        self.today = today
        self.offers = {offer.rule.code: offer for offer in calculator_rules(routes)}
        self.calculation: Calculation | None = None

        self.rule_edit = choice_box((f"{o.rule.name} ({o.rule.term})", code) for code, o in self.offers.items())
        self.rule_edit.setAccessibleName(self.tr("Termijn"))
        self.law_label = note()
        self.date_edit = DateField(required=True)
        self.date_label = QLabel()  # which date: "Besluit: de dag van verzending", see _show_rule
        self.date_label.setBuddy(self.date_edit)
        self.circumstances = QWidget()
        self._circumstance_layout = QVBoxLayout(self.circumstances)
        self._circumstance_layout.setContentsMargins(0, 0, 0, 0)
        self.circumstance_checks: dict[str, QCheckBox] = {}
        self.extended_check = QCheckBox(self.tr("De instantie heeft de termijn &verdaagd"))
        self.extended_until_edit = DateField()
        self.extended_until_edit.setAccessibleName(self.tr("Nieuwe datum in de brief van de verdaging"))
        self.extended_until_edit.setToolTip(self.tr("Leeg laten als de brief geen datum noemt."))
        self.extended_check.toggled.connect(self.extended_until_edit.setEnabled)
        self.extended_until_edit.setEnabled(False)
        self.municipality_edit = QLineEdit()
        self.municipality_edit.setAccessibleName(self.tr("Gemeente"))
        self.municipality_edit.setPlaceholderText(self.tr("Bijvoorbeeld: Zwolle"))
        known = sorted({term.municipality for term in routes.municipal_terms.values()})
        self.municipality_edit.setCompleter(QCompleter(known, self.municipality_edit))
        self.answer_label = text_label(bold=True, scale=1.2)
        self.answer_label.setAccessibleName(self.tr("Uiterste datum"))
        self.explanation = QPlainTextEdit()
        self.explanation.setReadOnly(True)
        self.explanation.setTabChangesFocus(True)
        self.explanation.setAccessibleName(self.tr("Uitleg van de berekening"))
        self.explanation.setMinimumHeight(120)

        self.form = QFormLayout()
        self.form.addRow(self.tr("&Termijn"), self.rule_edit)
        self.form.addRow("", self.law_label)
        self.form.addRow(self.date_label, self.date_edit)
        self.form.addRow(self.tr("Omstandigheden"), self.circumstances)
        self.form.addRow("", self.extended_check)
        self.form.addRow(self.tr("&Nieuwe datum in de brief"), self.extended_until_edit)
        self.form.addRow(self.tr("&Gemeente"), self.municipality_edit)

        self.calculate_button = QPushButton(self.tr("&Berekenen"))
        self.calculate_button.clicked.connect(self.calculate)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.calculate_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)  # Esc closes
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        layout.addWidget(self.answer_label)
        layout.addWidget(self.explanation, 1)
        self.calculate_button.setDefault(True)  # Enter calculates (once the button is in the dialog)
        self.rule_edit.currentIndexChanged.connect(self._show_rule)
        self._show_rule()
        fit_on_screen(self, 680, 620)
        self.rule_edit.setFocus()

    def offer(self) -> CalculatorRule:
        return self.offers[self.rule_edit.currentData()]

    def _show_rule(self) -> None:
        offer = self.offer()
        rule = offer.rule
        parts = [rule.law, str(rule.term)]
        if offer.follows:
            parts.append(self.tr("volgt op: {names}").format(names=", ".join(r.name for r in offer.follows)))
        self.law_label.setText(" · ".join(part for part in parts if part))
        question = offer.date_question(lambda text: QCoreApplication.translate("deadlines", text))
        self.date_label.setText(question)
        self.date_edit.setAccessibleName(question)
        checked = self.circumstance_codes()
        for box in self.circumstance_checks.values():
            self._circumstance_layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.circumstance_checks = {}
        for item in offer.circumstances:
            box = QCheckBox(item.name)
            box.setToolTip(item.description)
            box.setChecked(item.code in checked)
            self._circumstance_layout.addWidget(box)
            self.circumstance_checks[item.code] = box
        order = [self.date_edit, *self.circumstance_checks.values(), self.extended_check]
        for before, after in pairwise(order):  # boxes made later still come in between
            QWidget.setTabOrder(before, after)
        self.form.setRowVisible(self.circumstances, bool(offer.circumstances))
        self.form.setRowVisible(self.extended_check, offer.asks_extension)
        self.form.setRowVisible(self.extended_until_edit, offer.asks_extension)
        self.form.setRowVisible(self.municipality_edit, offer.asks_municipality)
        self._clear_answer()

    def circumstance_codes(self) -> frozenset[str]:
        return frozenset(code for code, box in self.circumstance_checks.items() if box.isChecked())

    def question(self) -> TermQuestion:
        """What is typed; a date that cannot be read raises InvalidInput with a Dutch message."""
        offer = self.offer()
        on = self.date_edit.value()
        assert on is not None  # required
        extended = offer.asks_extension and self.extended_check.isChecked()
        return TermQuestion(
            offer.rule.code, on, self.circumstance_codes(),
            municipality=self.municipality_edit.text().strip() if offer.asks_municipality else "",
            extended=extended, extended_until=self.extended_until_edit.value() if extended else None,
        )  # fmt: skip

    @guarded
    def calculate(self) -> None:
        self._clear_answer()
        today = self.today()
        question = self.question()
        calculation = calculate(self.routes, question, today)
        self.calculation = calculation
        asked = calculation.asked
        self.answer_label.setText(self.tr("{name}: {day}").format(name=asked.name, day=long_day(asked.due_on)))
        self.explanation.setPlainText(calculation_text(calculation, today, self.routes, question.municipality))

    def _clear_answer(self) -> None:
        self.calculation = None
        self.answer_label.setText("")
        self.explanation.setPlainText("")
