"""Samen-modus: the preparation alone on the screen, nothing of another resident visible, no way out
but the passphrase, and the auto-lock still working."""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from clientsteun.domain.meetings import Answer, MeetingInput
from clientsteun.domain.routes import EvidenceInput, RouteInput
from clientsteun.services import Services
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.meetings.pages import AnswerField
from clientsteun.ui.meetings.together import TogetherWindow
from clientsteun.ui.safety.unlock import UnlockDialog
from clientsteun.ui.widgets.readability_meter import ReadabilityMeter
from tests.conftest import PASSPHRASE
from tests.helpers.modals import when_modal
from tests.helpers.residents import add_agreement, add_resident
from tests.helpers.unlocking import unlock_with
from tests.helpers.visible import visible_texts

OTHER = ("Bram", "Anderszoon", "Zuidbroek")  # the other resident's first name, surname and municipality


@pytest.fixture
def window(safe_window: MainWindow) -> MainWindow:
    """Here the window is the one over a database with a real key file (so the passphrase can be asked)."""
    return safe_window


def two_residents(services: Services) -> int:
    """Sanne with a meeting ahead, and another resident with routes, a meeting and a late agreement (in the
    agenda and the week's overview); returns Sanne's meeting."""
    other = add_resident(services, f"{OTHER[0]} {OTHER[1]}", OTHER[2])
    route = services.routes.save_route(None, RouteInput(other.id, "wmo", f"Wmo {OTHER[1]}"))
    services.routes.save_evidence(None, EvidenceInput(route.id, date(2026, 11, 2), f"Gebeld door {OTHER[0]}"))
    add_agreement(services, other.id, f"{OTHER[0]} belt de gemeente", due_on=date(2026, 11, 20))
    services.meetings.save_meeting(None, MeetingInput(other.id, date(2026, 11, 25), "kitchen_table", place=OTHER[2]))
    sanne = add_resident(services, "Sanne Verzonnen", "Zwolle")
    own = services.routes.save_route(None, RouteInput(sanne.id, "wmo", "Hulp bij het huishouden"))
    data = MeetingInput(sanne.id, date(2026, 12, 2), "kitchen_table", time(10, 0), route_ids=(own.id,))
    return services.meetings.save_meeting(None, data).id


@pytest.fixture
def meeting_id(window: MainWindow, keyed_services: Services) -> int:
    """Sanne's meeting, with the other resident in the database too and the list of residents up to date."""
    planned = two_residents(keyed_services)
    window.refresh_clients()
    return planned


def enter(qtbot: QtBot, window: MainWindow, meeting_id: int) -> TogetherWindow:
    window.meetings.prepare_together(meeting_id)
    together = window.meetings.together
    assert together is not None
    qtbot.waitExposed(together)
    return together


def assert_nothing_of_the_other() -> None:
    texts = visible_texts()
    assert texts, "something is on the screen"
    leaks = [text for text in texts if any(word in text for word in OTHER)]
    assert not leaks


def test_nothing_of_another_resident_is_visible_on_any_screen(
    qtbot: QtBot, window: MainWindow, meeting_id: int
) -> None:
    window.routes.show_week()  # the week's overview lists the other resident's late agreement
    assert any(OTHER[0] in text for text in visible_texts()), "the test can see the other resident before"
    together = enter(qtbot, window, meeting_id)
    assert together.isFullScreen() and not window.isVisible()
    assert together.windowTitle() == "Samen voorbereiden"
    panel = together.panel
    normal = QApplication.font().pointSizeF()
    answer = panel.page.first_field()
    assert answer is not None and answer.font().pointSizeF() >= normal * 1.5  # large type
    assert panel.title_label.font().pointSizeF() > answer.font().pointSizeF()  # the question stands out
    meters = panel.findChildren(ReadabilityMeter)
    assert meters and all(m.verdict_label.font().pointSizeF() >= normal * 1.5 for m in meters)
    ticks = [field.sheet_box for field in panel.findChildren(AnswerField)]  # "Op het blad", grown with the type
    large = QFontMetrics(together.font()).height()
    assert ticks and all(tick.sizeHint().height() >= large * 1.4 for tick in ticks)
    panel.questions_page.new_edit.setText("Mag ik iemand meenemen?")
    panel.questions_page.add()
    assert panel.questions_page.list.sizeHintForRow(0) >= large * 1.4  # a row is as high as its big tick box
    assert panel.questions_page.tick_note.text() == "Een vinkje betekent: dit komt op het blad."
    for number in range(len(panel.pages)):
        panel.go(number)
        assert_nothing_of_the_other()
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [together]
    together.force_close()


def test_esc_ctrl_w_and_closing_do_not_leave_and_the_right_passphrase_does(
    qtbot: QtBot, window: MainWindow, meeting_id: int
) -> None:
    window.routes.show_week()
    week = window.routes.week
    together = enter(qtbot, window, meeting_id)
    field = together.focusWidget()
    assert field is together.panel.page.first_field()  # the first question's field, ready to type in
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.keyClick(together, Qt.Key.Key_Escape)
    qtbot.keyClick(field, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert together.isVisible() and not window.isVisible()

    cancel = when_modal(UnlockDialog, lambda dialog: dialog.quit_button.click())
    together.close()  # Alt+F4 or the window's cross
    qtbot.waitUntil(lambda: cancel.handled)
    qtbot.wait(50)
    assert together.isVisible() and not window.isVisible()
    assert cancel.widget is not None and cancel.widget.objectName() == "confirmPassphraseDialog"

    messages: list[str] = []

    def wrong_then_right(dialog: UnlockDialog) -> None:
        assert not window.isVisible()
        dialog.passphrase.setText("niet het wachtwoord")
        dialog.unlock_button.click()
        messages.append(dialog.message.text())
        unlock_with(PASSPHRASE)(dialog)

    right = when_modal(UnlockDialog, wrong_then_right)
    together.leave_button.click()
    qtbot.waitUntil(lambda: right.handled and window.meetings.together is None)
    assert "klopt niet" in messages[0]
    assert window.isVisible()
    assert week is not None and week.isVisible()  # the windows it hid are back


def test_the_auto_lock_covers_samen_modus_and_unlocking_keeps_the_main_window_hidden(
    qtbot: QtBot, window: MainWindow, keyed_services: Services, meeting_id: int
) -> None:
    window.settings.autosave_delay_ms = 60_000  # what was just typed is still waiting to be saved
    together = enter(qtbot, window, meeting_id)
    qtbot.keyClicks(together.panel.page.first_field(), "Weer zelf koken")
    seen: list[bool] = []

    def check_then_unlock(dialog: UnlockDialog) -> None:
        seen.append(window.isVisible())
        seen.append(window.safety.covers.active and not together.isEnabled())
        unlock_with(PASSPHRASE)(dialog)

    unlock = when_modal(UnlockDialog, check_then_unlock)
    window.safety.idle.lock_requested.emit("idle")
    qtbot.waitUntil(lambda: unlock.handled and not keyed_services.database.locked)
    assert seen == [False, True]
    assert together.isVisible() and together.isEnabled() and not window.isVisible()
    assert together.windowTitle() == "Samen voorbereiden"
    assert_nothing_of_the_other()
    prepared = keyed_services.meetings.get_preparation(together.panel.client_id, meeting_id)
    assert prepared is not None and prepared.answer(Answer.GOAL_YEAR) == "Weer zelf koken"  # kept when locking
    together.force_close()


def test_quitting_from_the_lock_in_samen_modus_closes_everything(
    qtbot: QtBot, window: MainWindow, meeting_id: int
) -> None:
    together = enter(qtbot, window, meeting_id)
    quit_ = when_modal(UnlockDialog, lambda dialog: dialog.quit_button.click())
    window.safety.lock()
    qtbot.waitUntil(lambda: quit_.handled and window.meetings.together is None)
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    del together
