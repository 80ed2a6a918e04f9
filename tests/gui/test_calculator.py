"""Termijn berekenen in the app: a rule, a date and what the rule asks give the last day with its
explanation, before any route exists (the examples of issue 11)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from clientsteun.domain.calculator import COMMITTEE
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.route_catalog import MunicipalTerm, RouteCatalog, municipality_key
from clientsteun.domain.terms import Term
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.calculator import CalculatorDialog
from tests.helpers.dialogs import ERROR_TITLE, open_dialog, retype
from tests.helpers.modals import StandardButton, answer_box, when_modal

TODAY = date(2026, 11, 23)


def calculator(qtbot: QtBot, routes: RouteCatalog) -> CalculatorDialog:
    dialog = CalculatorDialog(routes, lambda: TODAY)
    open_dialog(qtbot, dialog)
    return dialog


def choose_rule(dialog: CalculatorDialog, code: str) -> None:
    index = dialog.rule_edit.findData(code)
    assert index >= 0, code
    dialog.rule_edit.setCurrentIndex(index)


def press_enter(qtbot: QtBot, dialog: CalculatorDialog) -> None:
    """Enter in the date field calculates, as the default button."""
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Return)


def enter_expecting_error(qtbot: QtBot, dialog: CalculatorDialog) -> str:
    answer = answer_box(StandardButton.Ok)
    press_enter(qtbot, dialog)
    assert answer.handled, "no error message was shown"
    assert answer.title == ERROR_TITLE
    assert dialog.isVisible()
    return answer.text


def test_the_calculator_is_in_the_menu_starts_on_the_rule_and_closes_with_esc(qtbot: QtBot, window: MainWindow) -> None:
    action = window.calculator_action
    assert action.text() == "Termijn &berekenen…"
    assert action.shortcut().toString() == "Ctrl+Shift+T"
    find_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Zoeken")
    assert isinstance(find_menu, QMenu) and action in find_menu.actions()
    seen: dict[str, object] = {}

    def look_and_close(dialog: CalculatorDialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["focus"] = dialog.focusWidget() is dialog.rule_edit
        seen["names"] = [dialog.rule_edit.accessibleName(), dialog.date_edit.accessibleName()]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer = when_modal(CalculatorDialog, look_and_close)
    action.trigger()
    assert answer.handled and answer.widget is not None and not answer.widget.isVisible()
    assert seen == {
        "title": "Termijn berekenen",
        "focus": True,
        "names": ["Termijn", "Melding gedaan: de dag van ontvangst"],  # the catalog's first rule, the Wmo investigation
    }


def test_a_decision_sent_on_25_march_2027_can_be_objected_to_until_monday_10_may(
    qtbot: QtBot, catalog: Catalog
) -> None:
    dialog = calculator(qtbot, catalog.routes)
    choose_rule(dialog, "objection_term")
    assert dialog.date_label.text() == "Besluit: de dag van verzending"
    assert dialog.date_edit.accessibleName() == "Besluit: de dag van verzending"
    assert dialog.law_label.text() == "Awb art. 6:7 en 6:8 · 6 weken"
    assert dialog.form.isRowVisible(dialog.extended_check) is False  # the resident's own term is not extended
    assert dialog.form.isRowVisible(dialog.municipality_edit) is False
    retype(qtbot, dialog.date_edit, "25-03-2027")
    press_enter(qtbot, dialog)

    assert dialog.answer_label.text() == "Bezwaar maken kan tot en met: maandag 10 mei 2027"
    assert dialog.explanation.toPlainText().splitlines() == [
        "Bezwaar maken kan tot en met: maandag 10 mei 2027 (over 168 dagen)",
        "6 weken, gerekend vanaf 25-03-2027, de verzenddatum · Awb art. 6:7 en 6:8 · inwoner moet iets doen",
        "De termijn eindigde op donderdag 6 mei 2027 (Hemelvaartsdag). Volgens de Algemene termijnenwet schuift "
        "de datum op naar maandag 10 mei 2027.",
        "Deze datum telt vrijdag 7 mei 2027 als feestdag (gelijkgesteld bij besluit; nog niet gecontroleerd). "
        "Wie zeker wil zijn, handelt uiterlijk vrijdag 7 mei 2027.",
    ]


def test_an_objection_decision_with_committee_and_extension_gives_both_dates_and_both_readings(
    qtbot: QtBot, catalog: Catalog
) -> None:
    dialog = calculator(qtbot, catalog.routes)
    choose_rule(dialog, "objection_decision")
    assert dialog.law_label.text() == "Awb art. 7:10 · 6 weken · volgt op: Bezwaar maken kan tot en met"
    assert list(dialog.circumstance_checks) == [COMMITTEE]
    assert dialog.form.isRowVisible(dialog.extended_check) and not dialog.extended_until_edit.isEnabled()
    retype(qtbot, dialog.date_edit, "10-07-2026")
    qtbot.keyClick(dialog.circumstance_checks[COMMITTEE], Qt.Key.Key_Space)
    qtbot.keyClick(dialog.extended_check, Qt.Key.Key_Space)
    assert dialog.extended_until_edit.isEnabled()
    press_enter(qtbot, dialog)

    assert dialog.answer_label.text() == "Besluit op het bezwaar (met bezwaarcommissie): maandag 28 december 2026"
    first, asked = dialog.explanation.toPlainText().split("\n\n")
    assert (
        first.splitlines()[0] == "Bezwaar maken kan tot en met: vrijdag 21 augustus 2026 (verlopen, 94 dagen geleden)"
    )
    lines = asked.splitlines()
    assert lines[:2] == [
        "Besluit op het bezwaar (met bezwaarcommissie): maandag 28 december 2026 (over 35 dagen)",
        "12 weken, verdaagd, gerekend vanaf 21-08-2026, het einde van de vorige termijn · Awb art. 7:10 · "
        "instantie moet iets doen",
    ]
    # The reading taken (the later date, before a notice of default) and the other one, named.
    assert (
        "Leest men termijn en verdaging als één termijn van 18 weken, dan geldt de Algemene termijnenwet niet "
        "en is het vrijdag 25 december 2026. Hier staat de latere datum" in asked
    )

    retype(qtbot, dialog.extended_until_edit, "18-12-2026")
    press_enter(qtbot, dialog)
    assert dialog.answer_label.text() == "Besluit op het bezwaar (met bezwaarcommissie): vrijdag 18 december 2026"
    assert "Verdaagd: de brief van de instantie noemt vrijdag 18 december 2026." in dialog.explanation.toPlainText()


def test_wrong_input_is_said_plainly_and_keeps_what_was_typed(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = calculator(qtbot, catalog.routes)
    choose_rule(dialog, "decision_8_weeks")
    assert enter_expecting_error(qtbot, dialog) == "Vul een datum in (dd-mm-jjjj)."
    retype(qtbot, dialog.date_edit, "31-02-2026")
    assert enter_expecting_error(qtbot, dialog) == "Deze datum bestaat niet. Controleer de dag en de maand."
    retype(qtbot, dialog.date_edit, "05-01-2026")
    dialog.extended_check.setChecked(True)
    retype(qtbot, dialog.extended_until_edit, "05-01-2026")
    assert enter_expecting_error(qtbot, dialog) == "De datum in de brief moet na de eerste datum liggen."
    assert (dialog.date_edit.text(), dialog.extended_until_edit.text()) == ("05-01-2026", "05-01-2026")
    assert dialog.answer_label.text() == "" and dialog.explanation.toPlainText() == ""


@pytest.mark.parametrize(
    ("municipality", "due", "term", "said"),
    [
        ("voorbeeldstad ", "donderdag 8 oktober 2026", "4 weken", "Termijn van de gemeente Voorbeeldstad: Wgs 4a."),
        ("Zwolle", "donderdag 5 november 2026", "8 weken", "controleer de verordening."),
    ],
)
def test_the_municipality_chooses_its_by_law_term(
    qtbot: QtBot, catalog: Catalog, municipality: str, due: str, term: str, said: str
) -> None:
    by_law = MunicipalTerm("debt_decision", "Voorbeeldstad", Term.parse("4 weken"), "Wgs 4a")
    routes = replace(catalog.routes, municipal_terms={("debt_decision", municipality_key("Voorbeeldstad")): by_law})
    dialog = calculator(qtbot, routes)
    choose_rule(dialog, "debt_decision")
    assert dialog.form.isRowVisible(dialog.municipality_edit)
    assert dialog.municipality_edit.accessibleName() == "Gemeente"
    assert not dialog.circumstance_checks
    retype(qtbot, dialog.date_edit, "10-09-2026")
    qtbot.keyClicks(dialog.municipality_edit, municipality)
    press_enter(qtbot, dialog)
    assert dialog.answer_label.text() == f"Gemeente beslist over de schuldhulp: {due}"
    lines = dialog.explanation.toPlainText().splitlines()
    assert lines[1].startswith(f"{term}, gerekend vanaf 10-09-2026, de datum van de stap · ")
    assert any(line.endswith(said) for line in lines[2:]), lines


def test_the_calculator_fits_a_laptop_screen_with_every_question_shown(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = calculator(qtbot, catalog.routes)
    choose_rule(dialog, "objection_decision")  # a circumstance and an extension: the most rows
    needed = dialog.minimumSizeHint()
    assert needed.width() <= 1366 and needed.height() <= 768 - 48 - 32
    assert dialog.width() <= 1366 and dialog.height() <= 768 - 48 - 32


def test_tab_reaches_every_question_and_the_button(qtbot: QtBot, catalog: Catalog) -> None:
    dialog = calculator(qtbot, catalog.routes)
    choose_rule(dialog, "objection_decision")
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.rule_edit.setFocus()
    dialog.extended_check.setChecked(True)
    seen = []
    for _ in range(12):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    wanted = [dialog.rule_edit, dialog.date_edit, dialog.circumstance_checks[COMMITTEE], dialog.extended_check,
              dialog.extended_until_edit, dialog.calculate_button]  # fmt: skip
    assert all(widget in seen for widget in wanted)
    assert [seen.index(widget) for widget in wanted] == sorted(seen.index(widget) for widget in wanted)
