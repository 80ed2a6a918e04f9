"""Routes tried, signals and the agenda of their deadlines: the actions of the dossier's routes and
signals tabs, the route window, the deadline calculator and the agenda, with their dialogs.

A route window refreshes through ``apply`` when a change names its route, as the dossier and an
open agenda do: whatever was saved, and wherever.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from clientsteun.domain.changes import Area, Changes
from clientsteun.domain.routes import Signal as RouteSignal
from clientsteun.domain.routes import SignalInput
from clientsteun.services import Services
from clientsteun.services.base import Clock
from clientsteun.settings import Settings
from clientsteun.ui.dossier.panel import DossierPanel
from clientsteun.ui.errors import guarded
from clientsteun.ui.routes.agenda import AgendaDialog
from clientsteun.ui.routes.calculator import CalculatorDialog
from clientsteun.ui.routes.dialogs import RouteDialog, SignalDialog
from clientsteun.ui.routes.overview import TriedOverviewDialog
from clientsteun.ui.routes.week import WeekOverview
from clientsteun.ui.routes.window import RouteWindow
from clientsteun.ui.tasks import Tasks
from clientsteun.ui.widgets.forms import confirm


class RoutesController(QObject):
    def __init__(
        self, services: Services, settings: Settings, clock: Clock, dossier: DossierPanel,
        show_resident: Callable[[int], None], window: QWidget, tasks: Tasks,
    ) -> None:  # fmt: skip
        super().__init__(window)
        self.tasks = tasks  # the agenda is computed on it
        self.services = services
        self.settings = settings
        self.clock = clock
        self.show_resident = show_resident
        self.window = window
        self.signals_tab = dossier.signals_tab
        self.route_window: RouteWindow | None = None  # the one open, refreshed by ``apply``
        self.agenda: AgendaDialog | None = None  # while it is open
        self.week: WeekOverview | None = None  # what asks for attention, once shown
        routes = dossier.routes_tab
        routes.new_route.connect(self.new_route)
        routes.open_route.connect(self.open_route)
        routes.delete_route.connect(self.delete_route)
        routes.show_tried.connect(self.show_tried)
        self.signals_tab.new_signal.connect(self.new_signal)
        self.signals_tab.edit_signal.connect(self.edit_signal)
        self.signals_tab.delete_signal.connect(self.delete_signal)

    def apply(self, changes: Changes) -> None:
        """Refresh the route window, the agenda and the week's overview when ``changes`` names them."""
        window = self.route_window
        if (
            window is not None
            and changes.touches(Area.ROUTE | Area.EVIDENCE)
            and changes.client_id == window.route.client_id
            and changes.route_id in (None, window.route_id)
        ):
            window.reload(efforts=changes.touches(Area.EVIDENCE))
        if self.agenda is not None and changes.touches(Area.AGENDA):
            self.agenda.refresh()
        if self.week is not None:
            self.week.apply(changes)

    # -- routes --------------------------------------------------------------------------------

    @guarded
    def new_route(self, client_id: int) -> None:
        questions = self.services.clients.help_questions(client_id)
        dialog = RouteDialog(
            self.services.catalog, client_id, questions, lambda r: self.services.routes.save_route(None, r),
            parent=self.window,
        )  # fmt: skip
        if dialog.exec():
            self.open_route(dialog.result_value.id)

    def make_route_window(self, route_id: int) -> RouteWindow:
        """The route's window, refreshed by the changes until it is closed."""
        window = RouteWindow(self.services, self.clock, route_id, self.window)
        self.route_window = window
        window.finished.connect(lambda _result: self._route_window_closed(window))
        return window

    def _route_window_closed(self, window: RouteWindow) -> None:
        if self.route_window is window:
            self.route_window = None
        window.deleteLater()  # a route window holds a whole route; it is made anew each time

    @guarded
    def open_route(self, route_id: int) -> None:
        self.make_route_window(route_id).exec()

    @guarded
    def delete_route(self, route_id: int) -> None:
        route = self.services.routes.get_route(route_id).view.route
        question = self.tr(
            "De route ‘{title}’ verwijderen, met alle stappen, bewijs en bijlagen? Signalen bij deze route "
            "blijven bewaard. Dit kan niet ongedaan worden gemaakt."
        ).format(title=route.data.title)
        if confirm(self.window, question):
            self.services.routes.delete_route(route_id)

    @guarded
    def show_tried(self, client_id: int) -> None:
        client = self.services.clients.get_client(client_id)
        views = self.services.routes.list_routes(client_id)
        TriedOverviewDialog(
            client.display_name, views, self.services.catalog.routes, self.clock().date(), self.services.audit,
            client_id, self.window, tasks=self.tasks,
        ).exec()  # fmt: skip

    # -- signals -------------------------------------------------------------------------------

    @guarded
    def new_signal(self, client_id: int) -> None:
        client = self.services.clients.get_client(client_id)
        data = SignalInput(client_id, self.clock().date(), "", "", municipality=client.details.municipality)
        self._signal_dialog(None, data)

    def edit_signal(self, signal_id: int) -> None:
        signal: RouteSignal | None = self.signals_tab.signal(signal_id)
        if signal is not None:
            self._signal_dialog(signal_id, signal.data)

    @guarded
    def _signal_dialog(self, signal_id: int | None, data: SignalInput) -> None:
        save = self.services.routes.save_signal
        SignalDialog(
            self.services.catalog, lambda s: save(signal_id, s), data, parent=self.window,
            scrubber=self.services.summaries.name_scrubber, blocked=self.services.requests.sharing(data.client_id),
        ).exec()  # fmt: skip

    @guarded
    def delete_signal(self, signal_id: int) -> None:
        if confirm(self.window, self.tr("Dit signaal verwijderen?")):
            self.services.routes.delete_signal(signal_id)

    # -- the deadline calculator and the agenda ------------------------------------------------

    def show_week(self) -> None:
        """What is overdue and due this week, beside the window (after unlocking, or from the status bar)."""
        if self.week is None:
            self.week = WeekOverview(
                self.services, lambda: self.clock().date(), self.settings.due_soon_days, self.window, self.tasks
            )
            self.week.open_resident.connect(self.show_resident)
        else:
            self.week.refresh()
        self.week.show()
        self.week.raise_()
        self.week.activateWindow()

    def show_calculator(self) -> None:
        """Termijn berekenen: a term worked out from a date, before any route exists (no database)."""
        CalculatorDialog(self.services.catalog.routes, lambda: self.clock().date(), self.window).exec()

    @guarded
    def show_agenda(self) -> None:
        """The agenda across residents; a double-click shows that resident's dossier."""
        dialog = AgendaDialog(
            self.services, lambda: self.clock().date(), self.settings.due_soon_days, self.window, self.tasks
        )
        dialog.open_resident.connect(self.show_resident)
        dialog.open_resident.connect(dialog.accept)  # the dossier is behind the dialog
        self.agenda = dialog
        try:
            dialog.exec()
        finally:
            self.agenda = None
