"""The refresh after saving a route step, in the real main window over all residents.

The resident with the long route has their dossier on screen and the route's window open, as when
a supporter records a step.  Saving a step announces its change (the route, the dossier's routes,
the agenda); the measured figure is the work on the UI thread after the step is stored: the change
routed to the controllers, the route window and the dossier's routes read again and shown, and the
events processed until it is painted.  The baseline, in the same run, is the full reload the window
did after every action before changes were announced: the residents list read and its model reset,
the dossier read and shown, and the route window read again.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from PySide6.QtWidgets import QApplication

from clientsteun.domain.changes import Changes
from clientsteun.services import Services
from clientsteun.services.routes import ROUTE_CHANGE, RouteService
from clientsteun.settings import Settings
from clientsteun.ui.main_window import MainWindow
from clientsteun.ui.tasks import InlineExecutor, Tasks

from dataset import Dataset
from measure import Outcome, median, repeat_ms, settle

LIMIT_MS = 30.0  # a step saved: the window should show it at once


def run(app: QApplication, services: Services, dataset: Dataset, repeats: int) -> list[Outcome]:
    client_id, route_id = dataset.route_client_id, dataset.route_id
    window = MainWindow(services, Settings(), Tasks(InlineExecutor()))  # settings in the run's throw-away folder
    window.resize(1280, 800)
    window.show()
    window.residents.show(client_id)
    route_window = window.routes.make_route_window(route_id)
    route_window.show()
    settle(app)
    resets: list[str] = []
    window.client_list.model.modelReset.connect(lambda: resets.append("list"))
    step = route_window.route.steps[-1]
    notes = itertools.cycle(("Gebeld, geen antwoord.", "Gebeld, teruggebeld."))
    # The same write through a service the window does not hear: the step changes before each refresh.
    unheard = RouteService(services.database, services.clock, services.catalog)

    def change_step_unheard() -> None:
        unheard.save_step(step.id, replace(step.data, note=next(notes)))

    def refresh() -> None:
        window.apply_changes(Changes(ROUTE_CHANGE, client_id, route_id))
        settle(app)

    def reload_everything() -> None:
        window.refresh_clients(client_id)
        route_window.reload()
        settle(app)

    def save_step() -> None:
        """As the step form does: store the step; the window refreshes as the change is announced."""
        services.routes.save_step(step.id, replace(step.data, note=next(notes)))
        settle(app)

    refreshing = repeat_ms(refresh, repeats, before=change_step_unheard)
    saving = repeat_ms(save_step, repeats)
    list_resets = len(resets)
    reloading = repeat_ms(reload_everything, repeats, before=change_step_unheard)
    shown_step = next(s for s in route_window.route.steps if s.id == step.id)
    assert window.dossier.routes_tab.model.rowCount() == len(services.routes.list_routes(client_id))
    listed = window.client_list.model.rowCount()
    routes, steps = window.dossier.routes_tab.model.rowCount(), len(route_window.route.steps)
    route_window.close()
    window.close()
    window.deleteLater()
    settle(app)
    return [
        Outcome(
            f"Refresh after saving a route step ({listed:,} residents listed)",
            measured_ms=median(refreshing),
            baseline_ms=median(reloading),
            limit_ms=LIMIT_MS,
            details=(
                f"resident {client_id}: {routes} routes in the dossier; route {route_id} with {steps} steps open "
                f"in its window, showing the step as stored ({shown_step.data.note!r}).",
                f"saving the step and the refresh together (as the step form does): median {median(saving):.1f} ms; "
                f"residents list model resets by the refreshes and saves: {list_resets} (the baseline resets it "
                "every time).",
            ),
        )
    ]
