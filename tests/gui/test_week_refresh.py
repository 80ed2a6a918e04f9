"""The week's overview stays true while it is open: a write that changes the agenda reads it again,
as the agenda window does, and the row chosen stays chosen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from clientsteun.domain.agenda import AgendaItem, AgendaKind
from clientsteun.domain.routes import RouteInput, StepInput, StepState
from clientsteun.services import Services
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.routes.week import WeekOverview
from tests.helpers.residents import add_agreement, add_resident


def _rows(week: WeekOverview) -> list[AgendaItem]:
    return [week.model.row_at(row) for row in range(week.model.rowCount())]


def test_the_open_overview_shows_a_change_saved_elsewhere(qtbot: QtBot, window: MainWindow, services: Services) -> None:
    resident = add_resident(services, "Sanne Fictief")
    late = add_agreement(services, resident.id, "Formulier invullen", due_on=date(2026, 11, 10))
    add_agreement(services, resident.id, "Huurcontract kopiëren", due_on=date(2026, 11, 26))
    window.refresh_clients()
    qtbot.mouseClick(window.week_button, Qt.MouseButton.LeftButton)
    week = window.routes.week
    assert week is not None
    qtbot.waitUntil(lambda: week.model.rowCount() == 2 and not week.tasks.busy, timeout=5000)
    assert week.summary.text() == "1 verlopen, 1 deze week."
    week.table.setCurrentIndex(week.model.index(1, 0))  # the one due this week

    route = services.routes.save_route(None, RouteInput(resident.id, "wmo", "Wmo-melding"))
    services.routes.save_step(None, StepInput(route.id, date(2026, 11, 25), "conversation", StepState.PLANNED))
    qtbot.waitUntil(lambda: week.model.rowCount() == 3 and not week.tasks.busy, timeout=5000)
    assert [item.kind for item in _rows(week)] == [AgendaKind.AGREEMENT, AgendaKind.MEETING, AgendaKind.AGREEMENT]
    assert week.summary.text() == "1 verlopen, 2 deze week."
    assert week.model.row_at(week.table.currentIndex().row()).what == "Huurcontract kopiëren"

    services.agreements.set_done(late.id, date(2026, 11, 23))  # marked done: no longer overdue
    qtbot.waitUntil(lambda: week.model.rowCount() == 2 and not week.tasks.busy, timeout=5000)
    assert not any(item.overdue for item in _rows(week))
    assert week.summary.text() == "0 verlopen, 2 deze week."

    week.close()  # closed, it reads nothing; shown again, it reads the agenda anew
    add_agreement(services, resident.id, "Bankafschriften sturen", due_on=date(2026, 11, 24))
    assert week.model.rowCount() == 2
    qtbot.mouseClick(window.week_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: week.model.rowCount() == 3 and not week.tasks.busy, timeout=5000)
    week.close()
