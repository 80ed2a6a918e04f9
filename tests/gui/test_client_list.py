"""The residents list: model checks, filtering as you type, closed dossiers, sorting, late agreements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QBrush, QFont
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from clientsteun.domain.model import ClientInput, ClientSummary
from clientsteun.services import Services
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.residents.list_panel import LAST_CONTACT_COLUMN, ClientListPanel
from clientsteun.ui.widgets.table_model import MUTED_COLOUR, ROW_ROLE, WARNING_COLOUR
from tests.helpers.residents import add_agreement, add_conversation, add_resident

AGREEMENTS_COLUMN = 3


@pytest.fixture
def residents(services: Services) -> dict[str, int]:
    """Four fictional residents; the dates are chosen so that sorting the text would give another order."""
    ids = {}
    for name, municipality in [
        ("Anouk Verbeek", "Utrecht"),
        ("Bram Oosterhout", "Zwolle"),
        ("Chantal Meijering", "Utrecht"),
        ("Daan Kortenhoeven", "Amersfoort"),
    ]:
        ids[name] = add_resident(services, name, municipality, first_contact=date(2025, 6, 1)).id
    add_conversation(services, ids["Anouk Verbeek"], date(2026, 11, 5), "Huisbezoek over de huur.")
    add_conversation(services, ids["Bram Oosterhout"], date(2026, 10, 20), "Gebeld over de toeslag.")
    add_conversation(services, ids["Daan Kortenhoeven"], date(2025, 12, 1), "Laatste gesprek.")
    # Chantal has no conversation yet: no last contact.
    return ids


def names(panel: ClientListPanel) -> list[str]:
    return [panel.model.index(row, 0).data() for row in range(panel.model.rowCount())]


def make_panel(services: Services, show_closed: bool = False) -> ClientListPanel:
    panel = ClientListPanel(show_closed)
    panel.set_clients(services.clients.list_clients())
    panel.show()
    return panel


@pytest.fixture
def panel(qtbot: QtBot, services: Services, residents: dict[str, int]) -> Iterator[ClientListPanel]:
    """Not registered with qtbot: it must outlive the model tester, which lets go of it first."""
    built = make_panel(services)
    qtbot.waitExposed(built)
    yield built
    built.close()
    built.deleteLater()


@pytest.fixture
def model_tester(panel: ClientListPanel, qtmodeltester: ModelTester) -> ModelTester:
    return qtmodeltester


def row_of(panel: ClientListPanel, name: str) -> int:
    return names(panel).index(name)


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_client_model_passes_the_model_tester(
    qtbot: QtBot,
    panel: ClientListPanel,
    model_tester: ModelTester,
    services: Services,
    residents: dict[str, int],
    force_py: bool,
) -> None:
    add_agreement(services, residents["Bram Oosterhout"], "Formulier opsturen", due_on=date(2026, 11, 1))
    model_tester.check(panel.model, force_py=force_py)
    # Every change the list goes through happens under the tester's eye.
    panel.set_clients(services.clients.list_clients())
    qtbot.keyClicks(panel.filter_edit, "utr")
    panel.filter_edit.clear()
    panel.closed_check.setChecked(True)
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    panel.set_clients([])
    assert panel.model.rowCount() == 0
    panel.set_clients(services.clients.list_clients())
    assert panel.model.rowCount() == 4
    row: ClientSummary = panel.model.index(0, 0).data(ROW_ROLE)
    assert isinstance(row, ClientSummary)


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_sorted_and_filtered_view_passes_the_model_tester(
    qtbot: QtBot, panel: ClientListPanel, model_tester: ModelTester, services: Services
) -> None:
    model_tester.check(panel.model)
    qtbot.keyClicks(panel.filter_edit, "a")
    panel.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    panel.set_clients(services.clients.list_clients())
    assert panel.model.rowCount() == 4


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_one_row_put_moved_or_removed_passes_the_model_tester_and_keeps_the_resident_on_screen(
    qtbot: QtBot,
    panel: ClientListPanel,
    model_tester: ModelTester,
    services: Services,
    residents: dict[str, int],
    force_py: bool,
) -> None:
    model_tester.check(panel.model, force_py=force_py)
    bram = residents["Bram Oosterhout"]
    panel.select_client(bram)
    assert names(panel) == ["Anouk Verbeek", "Bram Oosterhout", "Daan Kortenhoeven", "Chantal Meijering"]
    shown: list[int] = []
    panel.client_selected.connect(shown.append)

    add_conversation(services, residents["Daan Kortenhoeven"], date(2026, 11, 20), "Terug van vakantie.")
    panel.put_client(row_for(services, residents["Daan Kortenhoeven"]))  # moves to the top: last contact
    assert names(panel) == ["Daan Kortenhoeven", "Anouk Verbeek", "Bram Oosterhout", "Chantal Meijering"]
    qtbot.keyClicks(panel.filter_edit, "utrecht")
    assert names(panel) == ["Anouk Verbeek", "Chantal Meijering"]
    services.clients.update_client(bram, ClientInput("Bram Oosterhout", municipality="Utrecht"))
    panel.put_client(row_for(services, bram))  # now passes the filter: in at its place in the order
    assert names(panel) == ["Anouk Verbeek", "Bram Oosterhout", "Chantal Meijering"]
    services.clients.update_client(residents["Anouk Verbeek"], ClientInput("Anouk Verbeek", municipality="Ede"))
    panel.put_client(row_for(services, residents["Anouk Verbeek"]))  # no longer passes it: out
    assert names(panel) == ["Bram Oosterhout", "Chantal Meijering"]
    new = add_resident(services, "Emma Fictief", "Utrecht")
    panel.put_client(row_for(services, new.id))  # a new resident, no contact yet: last
    assert names(panel) == ["Bram Oosterhout", "Chantal Meijering", "Emma Fictief"]
    panel.remove_client(residents["Chantal Meijering"])
    assert names(panel) == ["Bram Oosterhout", "Emma Fictief"]
    assert panel.current_client_id() == bram  # the resident on screen stayed selected throughout
    assert shown == []  # and no other resident was announced
    assert len(panel.clients()) == 4
    panel.remove_client(bram)  # the one on screen: nothing is selected after, nobody announced
    assert panel.current_client_id() is None and shown == []
    panel.table.setCurrentIndex(panel.model.index(0, 0))  # the user picks the one left
    assert shown == [new.id]


def row_for(services: Services, client_id: int) -> ClientSummary:
    row = services.clients.list_row(client_id)
    assert row is not None
    return row


def test_filter_as_you_type_on_name(
    qtbot: QtBot, panel: ClientListPanel, services: Services, residents: dict[str, int]
) -> None:
    assert len(names(panel)) == 4
    qtbot.keyClicks(panel.filter_edit, "an")  # in no municipality: only names match
    assert sorted(names(panel)) == ["Anouk Verbeek", "Chantal Meijering", "Daan Kortenhoeven"]
    qtbot.keyClicks(panel.filter_edit, "t")  # "ant"
    assert names(panel) == ["Chantal Meijering"]
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Backspace)
    assert len(names(panel)) == 3
    panel.filter_edit.clear()
    assert len(names(panel)) == 4


def test_filter_as_you_type_on_municipality_ignores_case(
    qtbot: QtBot, panel: ClientListPanel, services: Services, residents: dict[str, int]
) -> None:
    qtbot.keyClicks(panel.filter_edit, "uTReCH")
    assert sorted(names(panel)) == ["Anouk Verbeek", "Chantal Meijering"]
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "zwolle")
    assert names(panel) == ["Bram Oosterhout"]
    qtbot.keyClicks(panel.filter_edit, " x")
    assert names(panel) == []


def test_closed_dossiers_are_hidden_until_the_box_is_ticked(
    qtbot: QtBot, panel: ClientListPanel, services: Services, residents: dict[str, int]
) -> None:
    services.clients.close_client(residents["Daan Kortenhoeven"], date(2026, 1, 15), "Verhuisd")
    panel.set_clients(services.clients.list_clients())
    assert "Daan Kortenhoeven" not in names(panel)
    assert len(names(panel)) == 3

    qtbot.mouseClick(panel.closed_check, Qt.MouseButton.LeftButton)
    assert panel.closed_check.isChecked()
    assert "Daan Kortenhoeven" in names(panel)
    closed = panel.model.index(row_of(panel, "Daan Kortenhoeven"), 0)
    assert closed.data(Qt.ItemDataRole.ForegroundRole) == QBrush(MUTED_COLOUR)  # greyed out
    open_row = panel.model.index(row_of(panel, "Anouk Verbeek"), 0)
    assert open_row.data(Qt.ItemDataRole.ForegroundRole) is None

    qtbot.mouseClick(panel.closed_check, Qt.MouseButton.LeftButton)
    assert "Daan Kortenhoeven" not in names(panel)


def test_ticking_closed_dossiers_is_remembered(
    window: MainWindow, qtbot: QtBot, panel: ClientListPanel, services: Services, residents: dict[str, int]
) -> None:
    services.clients.close_client(residents["Daan Kortenhoeven"], date(2026, 1, 15), "Verhuisd")
    window.refresh_clients()
    assert window.settings.show_closed is False
    qtbot.mouseClick(window.client_list.closed_check, Qt.MouseButton.LeftButton)
    assert window.settings.show_closed is True
    assert "Daan Kortenhoeven" in names(window.client_list)


def test_newest_contact_first_and_sort_by_clicking_the_header(
    qtbot: QtBot, panel: ClientListPanel, services: Services, residents: dict[str, int]
) -> None:
    header = panel.table.horizontalHeader()
    assert header.sortIndicatorSection() == LAST_CONTACT_COLUMN
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    # By date, not by the text "dd-mm-jjjj" (as text 20-10-2026 would come before 05-11-2026).
    newest_first = ["Anouk Verbeek", "Bram Oosterhout", "Daan Kortenhoeven", "Chantal Meijering"]
    assert names(panel) == newest_first
    assert [panel.model.index(r, LAST_CONTACT_COLUMN).data() for r in range(4)] == [
        "05-11-2026", "20-10-2026", "01-12-2025", "",
    ]  # fmt: skip

    section_middle = header.sectionViewportPosition(LAST_CONTACT_COLUMN) + header.sectionSize(LAST_CONTACT_COLUMN) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(section_middle, header.height() // 2))
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert names(panel) == list(reversed(newest_first))

    # A new conversation moves a resident to the top after a refresh.
    panel.table.sortByColumn(LAST_CONTACT_COLUMN, Qt.SortOrder.DescendingOrder)
    add_conversation(services, residents["Chantal Meijering"], date(2026, 11, 20), "Kennismaking.")
    panel.set_clients(services.clients.list_clients())
    assert names(panel)[0] == "Chantal Meijering"


def test_overdue_agreements_are_red_and_bold(
    qtbot: QtBot, panel: ClientListPanel, services: Services, residents: dict[str, int]
) -> None:
    # The clock says 23-11-2026.
    add_agreement(services, residents["Anouk Verbeek"], "Huurtoeslag aanvragen", due_on=date(2026, 11, 20))
    add_agreement(services, residents["Anouk Verbeek"], "Bank bellen", due_on=date(2026, 12, 1))
    add_agreement(services, residents["Bram Oosterhout"], "Brief meenemen", due_on=date(2026, 11, 30))
    panel.set_clients(services.clients.list_clients())

    late = panel.model.index(row_of(panel, "Anouk Verbeek"), AGREEMENTS_COLUMN)
    assert late.data() == "2 (1 te laat)"
    brush = late.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color() == WARNING_COLOUR
    font = late.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.bold()
    # Only the agreements column warns; the name stays as it is.
    name = panel.model.index(row_of(panel, "Anouk Verbeek"), 0)
    assert name.data(Qt.ItemDataRole.ForegroundRole) is None
    assert name.data(Qt.ItemDataRole.FontRole) is None

    on_time = panel.model.index(row_of(panel, "Bram Oosterhout"), AGREEMENTS_COLUMN)
    assert on_time.data() == "1"
    assert on_time.data(Qt.ItemDataRole.ForegroundRole) is None
    assert on_time.data(Qt.ItemDataRole.FontRole) is None
    none = panel.model.index(row_of(panel, "Chantal Meijering"), AGREEMENTS_COLUMN)
    assert none.data() == ""
    assert int(late.data(Qt.ItemDataRole.TextAlignmentRole)) & int(Qt.AlignmentFlag.AlignRight)


def test_selecting_a_row_announces_the_resident(
    qtbot: QtBot, panel: ClientListPanel, services: Services, residents: dict[str, int]
) -> None:
    with qtbot.waitSignal(panel.client_selected) as blocker:
        qtbot.keyClicks(panel.filter_edit, "zwolle")
        panel.table.setFocus()
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert blocker.args == [residents["Bram Oosterhout"]]
    assert panel.current_client_id() == residents["Bram Oosterhout"]
    # A resident hidden by the filter can still be selected: the filter is cleared.
    assert panel.select_client(residents["Anouk Verbeek"])
    assert panel.filter_edit.text() == ""
    assert panel.current_client_id() == residents["Anouk Verbeek"]


def test_filter_finds_the_real_name_behind_an_alias_ignores_accents_and_needs_every_word(
    qtbot: QtBot, panel: ClientListPanel, services: Services, residents: dict[str, int]
) -> None:
    services.clients.create_client(ClientInput(name="Zoë El Amrani", alias="Zo", municipality="Utrecht"))
    panel.set_clients(services.clients.list_clients())
    qtbot.keyClicks(panel.filter_edit, "amrani")
    assert names(panel) == ["Zo"]  # shown by the alias she prefers, found by her name
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "zoe")
    assert names(panel) == ["Zo"]
    panel.filter_edit.clear()
    qtbot.keyClicks(panel.filter_edit, "utrecht anouk")
    assert names(panel) == ["Anouk Verbeek"]


def test_sorting_by_a_header_keeps_the_chosen_resident_selected(
    qtbot: QtBot, panel: ClientListPanel, residents: dict[str, int]
) -> None:
    with qtbot.waitSignal(panel.client_selected):
        panel.select_client(residents["Bram Oosterhout"])
    with qtbot.assertNotEmitted(panel.client_selected):
        panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        qtbot.keyClicks(panel.filter_edit, "o")
    assert panel.current_client_id() == residents["Bram Oosterhout"]
