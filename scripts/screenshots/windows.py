"""The main window and what opens from it: the dossier's tabs, the keyboard focus, a route,
the agenda, a conversation and the search."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from clientsteun.domain.deadlines import DUE_SOON_DAYS, RouteView
from clientsteun.domain.model import ClientStatus
from clientsteun.ui.dossier.panel import AGREEMENTS, ROUTES, TIMELINE
from clientsteun.ui.routes.agenda import AgendaDialog
from clientsteun.ui.routes.window import RouteWindow

from .stage import Stage, settle


def busiest_resident(stage: Stage) -> int:
    """The resident with the most overdue and open agreements: a dossier with something in every tab."""
    summaries = stage.services.clients.list_clients()
    return max(summaries, key=lambda c: (c.overdue_agreements, c.open_agreements)).id


def open_residents(stage: Stage) -> list[int]:
    """Residents whose dossier is open (a closed one greys out what a picture is about)."""
    return [c.id for c in stage.services.clients.list_clients() if c.status is ClientStatus.OPEN]


def most_tried(stage: Stage) -> int:
    """The resident with the most routes: the routes tab and "Wat is er geprobeerd?" show the most."""
    return max(open_residents(stage), key=lambda client_id: len(stage.services.routes.list_routes(client_id)))


def refused_route(stage: Stage) -> RouteView:
    """A refusal whose clock still runs (or has run out), the one with the most deadlines: it shows
    what the route window is for."""
    return max(
        (
            view
            for client_id in open_residents(stage)
            for view in stage.services.routes.list_routes(client_id)
            if view.progress.last_decision and view.open_deadlines and view.route.data.kind != "other"
        ),
        key=lambda view: len(view.deadlines),
    )


def take(stage: Stage) -> None:
    window, services = stage.window, stage.services
    busy = busiest_resident(stage)
    window.client_list.select_client(busy)
    window.dossier.tabs.setCurrentIndex(TIMELINE)
    stage.grab("main-window.png")

    window.dossier.tabs.setCurrentIndex(AGREEMENTS)
    stage.grab("dossier-agreements.png")

    window.raise_()
    window.activateWindow()  # by keyboard: Tab from the agreements list to its buttons
    settle()
    window.dossier.agreements_tab.view.selectRow(0)
    window.dossier.agreements_tab.view.setFocus(Qt.FocusReason.TabFocusReason)
    settle()
    for _ in range(2):
        focused = QApplication.focusWidget()
        assert focused is not None
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert window.isActiveWindow(), "no keyboard focus is drawn in a window that is not active"
    stage.grab("keyboard-focus.png")

    window.client_list.select_client(most_tried(stage))
    window.dossier.tabs.setCurrentIndex(ROUTES)
    stage.grab("dossier-routes.png")
    route = refused_route(stage)
    route_window = RouteWindow(services, services.clock, route.route.id, window)
    stage.show_at(route_window, 90, 25)
    stage.grab("route-window.png", route_window)
    route_window.close()
    window.dossier.tabs.setCurrentIndex(TIMELINE)
    window.client_list.select_client(busy)

    agenda = AgendaDialog(services, date.today, DUE_SOON_DAYS, window)
    stage.show_at(agenda, 90, 60)
    stage.grab("agenda.png", agenda)
    agenda.close()

    dossier = services.clients.get_dossier(busy)
    window.conversations.open_conversation(dossier.conversations[0].id, ("huurachterstand",))
    assert window.editor is not None
    stage.grab("conversation.png", window.editor)
    window.editor.dirty = False
    window.editor.reject()

    dialog = window.conversations.open_search("huurachterstand woningcorporatie")
    stage.grab("search.png", dialog)
    dialog.close()
