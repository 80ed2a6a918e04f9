"""After unlocking, a calm overview of what is overdue and due this week; closable, and back from the
status bar; Enter opens the resident's dossier."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clientsteun.domain.model import AgreementInput
from clientsteun.services import Services
from clientsteun.ui.main_window import MainWindow
from tests.helpers.residents import add_agreement, add_resident
from tests.helpers.screens import resident_with_everything


def test_the_overview_lists_what_is_overdue_and_due_this_week_and_opens_the_dossier(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    late = resident_with_everything(services)  # an agreement due on 1 November: overdue on 23 November
    soon = add_resident(services, "Sanne Fictief")
    add_agreement(services, soon.id, "Formulier invullen", due_on=date(2026, 11, 27))
    later = add_resident(services, "Tim Fictief")
    services.agreements.save_agreement(None, AgreementInput(later.id, "Huurtoeslag nakijken", "Inwoner",
                                                            date(2026, 12, 20)))  # fmt: skip
    window.refresh_clients()

    qtbot.mouseClick(window.week_button, Qt.MouseButton.LeftButton)
    week = window.routes.week
    assert week is not None
    qtbot.waitUntil(lambda: week.model.rowCount() > 0 and not week.tasks.busy, timeout=5000)
    rows = [week.model.row_at(row) for row in range(week.model.rowCount())]
    residents = [item.resident.id for item in rows]
    assert late.id in residents and soon.id in residents and later.id not in residents
    assert rows[0].overdue  # overdue first
    assert week.summary.text().endswith("deze week.") and "verlopen" in week.summary.text()

    row = next(number for number, item in enumerate(rows) if item.resident.id == soon.id)
    week.table.setCurrentIndex(week.model.index(row, 0))
    qtbot.keyClick(week.table, Qt.Key.Key_Return)
    assert window.current_client_id() == soon.id

    week.close()
    assert not week.isVisible()
    qtbot.mouseClick(window.week_button, Qt.MouseButton.LeftButton)  # back from the status bar, read again
    assert week.isVisible()
    qtbot.waitUntil(lambda: not week.tasks.busy, timeout=5000)  # no worker left when the test ends
    assert week.model.rowCount() == len(rows)
    week.close()
