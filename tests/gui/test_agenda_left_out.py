"""The agenda dialog's .ics export says how many items it left out, and why (dates no calendar can hold)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import text

from clientsteun.domain.model import AgreementInput, ClientInput
from clientsteun.services import Services
from clientsteun.ui.routes.agenda import AgendaDialog
from tests.conftest import FakeClock


def test_the_status_line_says_how_many_were_left_out_and_why(
    qtbot: QtBot, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    resident = services.clients.create_client(ClientInput("Jet Verzonnen")).id
    for what, due in (("Brief sturen", date(2026, 12, 1)), ("Formulier invullen", date(2026, 12, 8))):
        services.agreements.save_agreement(None, AgreementInput(resident, what, "inwoner", due))
    with services.database.engine.begin() as connection:  # stored before dates were limited to 1900-2200
        connection.execute(text("UPDATE agreements SET due_on = '9999-12-31' WHERE description = 'Formulier invullen'"))
    dialog = AgendaDialog(services, lambda: clock().date(), 7)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(dialog.items()) == 2  # shown, as stored

    target = tmp_path / "agenda.ics"
    assert dialog.export_to(target, False) == 1
    assert target.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1
    assert dialog.status.text() == (
        "1 punt opgeslagen in agenda.ics, zonder namen. 1 punt weggelaten: de datum ligt buiten 1900-2200 "
        "en past in geen agenda. Verbeter die datum in het dossier."
    )
    assert services.audit.entries()[-1].detail == "agenda .ics, 1 punt, zonder namen, 1 weggelaten"


def test_without_items_left_out_the_status_line_says_nothing_of_it(
    qtbot: QtBot, services: Services, clock: FakeClock, tmp_path: Path
) -> None:
    resident = services.clients.create_client(ClientInput("Jet Verzonnen")).id
    services.agreements.save_agreement(None, AgreementInput(resident, "Brief sturen", "inwoner", date(2026, 12, 1)))
    dialog = AgendaDialog(services, lambda: clock().date(), 7)
    qtbot.addWidget(dialog)
    assert dialog.export_to(tmp_path / "agenda.ics", True) == 1
    assert dialog.status.text() == "1 punt opgeslagen in agenda.ics, met namen."
