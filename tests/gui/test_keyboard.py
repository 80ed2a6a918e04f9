"""The app is complete by keyboard: Tab and Shift+Tab reach every control and leave tables, rows open
with Enter, dossier tabs switch with Ctrl+Tab and Ctrl+PgDn, forms start in their first field, Ctrl+S
saves a conversation, and every menu action has a mnemonic."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMenu, QWidget
from pytestqt.qtbot import QtBot

from clientsteun.domain.model import Client, TimelineKind
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.ui.dossier.dialogs import ClientDialog
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.residents.list_panel import KEYBOARD_PAUSE_MS
from clientsteun.ui.widgets.forms import first_field
from tests.helpers.modals import when_modal
from tests.helpers.residents import add_resident
from tests.helpers.screens import controls, dialogs, resident_with_everything

TAB_LIMIT = 300


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def walk(qtbot: QtBot, start: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> list[QWidget]:
    """Press Tab (or Shift+Tab) from ``start`` until the focus comes back to it; the widgets it visited."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    seen: list[QWidget] = []
    modifier = Qt.KeyboardModifier.ShiftModifier if key is Qt.Key.Key_Backtab else Qt.KeyboardModifier.NoModifier
    for _ in range(TAB_LIMIT):
        qtbot.keyClick(focused(), key, modifier)
        if focused() is start:
            return seen
        seen.append(focused())
    raise AssertionError(f"Tab never came back to {start!r}; stuck in {type(focused()).__name__}")


def unreached(top: QWidget, seen: list[QWidget]) -> list[str]:
    return [
        f"{type(w).__name__} {w.accessibleName() or getattr(w, 'text', lambda: '')()!r}"
        for w in controls(top)
        if w not in seen and w.focusProxy() not in seen
    ]


@pytest.fixture
def resident(window: MainWindow, services: Services) -> Client:
    client = resident_with_everything(services)
    window.refresh_clients(client.id)
    return client


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_tab_reaches_every_control_of_the_main_window_with_each_dossier_tab(
    qtbot: QtBot, window: MainWindow, resident: Client
) -> None:
    activate(qtbot, window)
    tabs = window.dossier.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        forward = walk(qtbot, window.client_list.filter_edit)
        assert window.client_list.table in forward
        assert window.search_edit in forward
        assert tabs.tabBar() in forward or tabs in forward
        assert tabs.currentIndex() == index, "Tab switched the dossier tab"
        assert window.current_client_id() == resident.id, "Tab switched the dossier"
        assert unreached(window, [*forward, window.client_list.filter_edit]) == [], tabs.tabText(index)
        backward = walk(qtbot, window.client_list.filter_edit, Qt.Key.Key_Backtab)
        assert set(backward) == set(forward), "Shift+Tab takes another way round"


def test_tab_reaches_every_control_of_every_dialog(
    qtbot: QtBot, window: MainWindow, services: Services, settings: Settings, tmp_path: Path
) -> None:
    client = resident_with_everything(services)
    walked = []
    for name, make in dialogs(window, services, settings, client, tmp_path):
        dialog = make()
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
        dialog.show()
        qtbot.waitExposed(dialog)
        activate(qtbot, dialog)
        start = first_field(dialog) or controls(dialog)[0]
        seen = walk(qtbot, start)
        assert unreached(dialog, [*seen, start]) == [], name
        dialog.done(QDialog.DialogCode.Rejected)
        walked.append(name)
    assert len(walked) == 35


def test_ctrl_tab_and_ctrl_page_down_switch_dossier_tabs_from_the_list(
    qtbot: QtBot, window: MainWindow, resident: Client
) -> None:
    tabs = window.dossier.tabs
    window.client_list.table.setFocus()
    assert tabs.currentIndex() == 0
    qtbot.keyClick(window.client_list.table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1
    qtbot.keyClick(window.client_list.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 2
    qtbot.keyClick(window.client_list.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 1
    for _ in range(tabs.count() - 1):
        qtbot.keyClick(window.client_list.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == 0  # round the end
    assert window.client_list.table.hasFocus()


def test_arrow_keys_open_a_dossier_after_a_pause_and_enter_at_once(
    qtbot: QtBot, window: MainWindow, services: Services
) -> None:
    for name in ("Anna Fictief", "Bert Fictief", "Cees Fictief", "Dirk Fictief"):
        add_resident(services, name)
    window.refresh_clients()
    activate(qtbot, window)
    table = window.client_list.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert window.client_list.pause.interval() == KEYBOARD_PAUSE_MS <= 500
    window.client_list.pause.setInterval(1500)  # a slow test machine takes no pause between two presses
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.waitUntil(lambda: window.current_client_id() is not None)
    first = window.current_client_id()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert window.current_client_id() == first  # not on every key press
    qtbot.waitUntil(lambda: window.current_client_id() == window.client_list.current_client_id(), timeout=4000)
    assert window.current_client_id() != first
    second = window.current_client_id()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.current_client_id() not in (first, second)  # Enter opens at once
    assert window.current_client_id() == window.client_list.current_client_id()


def test_enter_opens_the_selected_row_in_the_dossier_tabs(qtbot: QtBot, window: MainWindow, resident: Client) -> None:
    dossier = window.dossier
    conversation = dossier.timeline_tab.open_conversation
    cases = [
        (dossier.routes_tab.view, dossier.routes_tab.open_route),
        (dossier.agreements_tab.view, dossier.agreements_tab.edit_agreement),
        (dossier.signals_tab.view, dossier.signals_tab.edit_signal),
        (dossier.timeline_tab.view, conversation),
    ]
    for view, signal in cases:
        tab = view.parentWidget()
        assert tab is not None
        dossier.tabs.setCurrentWidget(tab)
        view.setFocus()
        row = dossier.timeline_tab.model.find(lambda e: e.kind is TimelineKind.CONVERSATION)
        view.setCurrentIndex(view.model().index((row or 0) if signal is conversation else 0, 0))
        opened: list[int] = []
        signal.connect(opened.append)
        answer = when_modal(QDialog, lambda dialog: dialog.done(QDialog.DialogCode.Rejected))  # what it opens
        qtbot.keyClick(view, Qt.Key.Key_Return)
        assert len(opened) == 1 and opened[0] > 0, view.accessibleName()
        assert answer.handled or window.editor is not None, view.accessibleName()
        answer.cancel()
        if window.editor is not None:
            window.editor.abandon()


def test_ctrl_n_opens_a_new_resident_with_the_name_field_focused(qtbot: QtBot, window: MainWindow) -> None:
    found: list[QWidget | None] = []

    def look(dialog: ClientDialog) -> None:
        found.append(dialog.focusWidget())
        found.append(dialog.name_edit)
        dialog.done(QDialog.DialogCode.Rejected)

    activate(qtbot, window)
    answer = when_modal(ClientDialog, look)
    window.new_client_action.trigger()
    assert answer.handled
    assert found[0] is found[1]
    assert window.new_client_action.shortcut().toString() == "Ctrl+N"


def test_ctrl_s_saves_a_conversation(qtbot: QtBot, window: MainWindow, services: Services, resident: Client) -> None:
    qtbot.mouseClick(window.dossier.conversation_button, Qt.MouseButton.LeftButton)
    editor = window.editor
    assert editor is not None
    qtbot.waitExposed(editor)
    activate(qtbot, editor)
    qtbot.keyClicks(editor.notes_edit, "Samen de brief gelezen.")
    before = len(services.dossier.open(resident.id).conversations)
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor.notes_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(services.dossier.open(resident.id).conversations) == before + 1
    assert not editor.isVisible()


def _mnemonic(text: str) -> str:
    """The letter after the single '&' of a menu text, in lower case."""
    plain = text.replace("&&", "")
    return plain[plain.index("&") + 1].lower()


def test_every_menu_action_has_a_mnemonic_and_the_frequent_ones_a_shortcut(window: MainWindow) -> None:
    bar = [action.text() for action in window.menuBar().actions()]
    assert all("&" in text for text in bar), bar
    assert len({_mnemonic(text) for text in bar}) == len(bar), bar
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        assert isinstance(menu, QMenu)
        texts = [action.text() for action in menu.actions() if not action.isSeparator()]
        assert all("&" in text.replace("&&", "") for text in texts), texts
        assert len({_mnemonic(text) for text in texts}) == len(texts), texts  # one letter, one action
    frequent = (window.new_client_action, window.new_conversation_action, window.new_agreement_action,
                window.search_action, window.filter_action, window.agenda_action, window.next_tab_action)  # fmt: skip
    assert all(not action.shortcut().isEmpty() for action in frequent)


def test_a_form_opens_in_its_first_field(qtbot: QtBot, window: MainWindow, services: Services, settings: Settings,
                                         tmp_path: Path) -> None:  # fmt: skip
    client = resident_with_everything(services)
    for name, make in dialogs(window, services, settings, client, tmp_path):
        if name not in ("inwoner", "hulpvraag", "afspraak", "sluiten", "route", "stap", "signaal", "bewijs",
                        "gesprek plannen", "gesprek gehouden", "verslag", "voorbereiden"):  # fmt: skip
            continue
        dialog = make()
        qtbot.addWidget(dialog, before_close_func=lambda d: d.done(QDialog.DialogCode.Rejected))
        dialog.show()
        activate(qtbot, dialog)

        def in_first_field(d: QDialog = dialog) -> bool:
            return QApplication.focusWidget() is first_field(d)

        qtbot.waitUntil(in_first_field)
        assert not isinstance(QApplication.focusWidget(), QDialogButtonBox), name
        dialog.done(QDialog.DialogCode.Rejected)
