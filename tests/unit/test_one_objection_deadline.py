"""One decision gives one objection deadline, wherever its objection is recorded.

An objection route that belongs to a refused application takes the decision from it; a decision
recorded on both (same date and outcome) counts once, in the agenda and in the route views.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from clientsteun.demo import fill_demo
from clientsteun.domain.agenda import AgendaItem, AgendaKind
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.deadlines import DeadlineState, RouteView, view_route
from clientsteun.domain.model import ClientInput
from clientsteun.domain.routes import LinkKind, Outcome, Route, RouteInput, Step, StepInput
from clientsteun.services import Services
from clientsteun.store.database import open_database
from tests.conftest import NOW, TEST_KEY, FakeClock

TODAY = NOW.date()  # Monday 23 November 2026
APPLIED = date(2026, 8, 3)
REFUSED_ON = date(2026, 10, 26)  # the objection term runs to 7 December 2026: open on TODAY
OTHER_REFUSAL = date(2026, 11, 2)


class Dossier:
    """One resident with a refused application and an objection route that belongs to it."""

    def __init__(self, services: Services, *, link: bool = True) -> None:
        self.services = services
        self.client = services.clients.create_client(ClientInput(name="Noor Verzonnen")).id
        routes = services.routes
        self.application = routes.save_route(None, RouteInput(self.client, "housing_urgency", "Urgentie")).id
        self.step(self.application, APPLIED, "applied")
        self.step(self.application, REFUSED_ON, "decision", Outcome.REFUSED)
        self.objection = routes.save_route(None, RouteInput(self.client, "objection", "Bezwaar")).id
        if link:
            routes.add_link(self.objection, self.application, LinkKind.BELONGS_TO)

    def step(self, route_id: int, on: date, kind: str, outcome: Outcome | None = None) -> None:
        reason = "Niet urgent genoeg." if outcome is Outcome.REFUSED else ""
        self.services.routes.save_step(None, StepInput(route_id, on, kind, outcome=outcome, reason=reason))

    def agenda_terms(self) -> list[AgendaItem]:
        items = self.services.agenda.agenda()
        return [item for item in items if item.resident.id == self.client and item.uid.endswith("-objection_term")]

    def view_terms(self) -> dict[int, list[DeadlineState]]:
        """Per route, the states of its objection terms as the dossier's route list shows them."""
        return {
            view.route.id: _states(view, "objection_term") for view in self.services.routes.list_routes(self.client)
        }

    def window(self, route_id: int) -> RouteView:
        return self.services.routes.get_route(route_id).view


def _states(view: RouteView, code: str) -> list[DeadlineState]:
    return [deadline.state for deadline in view.deadlines if deadline.rule.code == code]


def test_an_objection_route_takes_the_decision_from_the_application_it_belongs_to(services: Services) -> None:
    dossier = Dossier(services)
    (item,) = dossier.agenda_terms()
    assert (item.route_id, item.on, item.state) == (dossier.application, date(2026, 12, 7), DeadlineState.UPCOMING)
    assert dossier.view_terms() == {dossier.application: [DeadlineState.UPCOMING], dossier.objection: []}
    assert _states(dossier.window(dossier.objection), "objection_term") == []
    # Once the objection is lodged on its own route, that route counts the authority's term from the
    # application's decision, without the decision being recorded on it.
    dossier.step(dossier.objection, date(2026, 11, 16), "objection")
    assert dossier.agenda_terms() == []
    assert _states(dossier.window(dossier.application), "objection_term") == [DeadlineState.MET]
    window = dossier.window(dossier.objection)
    (decision,) = [d for d in window.deadlines if d.rule.code == "objection_decision"]
    assert (decision.state, decision.due_on) == (DeadlineState.UPCOMING, date(2027, 1, 18))
    assert _states(window, "objection_term") == []
    assert [item.uid for item in services.agenda.agenda() if item.kind is AgendaKind.DEADLINE] == [
        f"deadline-{dossier.objection}-objection_decision"
    ]


def test_a_decision_recorded_on_both_routes_counts_once(services: Services) -> None:
    dossier = Dossier(services)
    dossier.step(dossier.objection, REFUSED_ON, "decision", Outcome.REFUSED)
    assert len(dossier.agenda_terms()) == 1
    assert dossier.view_terms() == {dossier.application: [DeadlineState.UPCOMING], dossier.objection: []}
    dossier.step(dossier.objection, date(2026, 11, 16), "objection")
    assert dossier.agenda_terms() == []
    assert "objection_decision" in [d.rule.code for d in dossier.window(dossier.objection).open_deadlines]


def test_different_decisions_are_each_counted(services: Services) -> None:
    # A decision on the objection route with another date or outcome is another decision (a new one
    # after the application was looked at again, or the route was linked to the wrong application):
    # each has its own objection term, and counting them once could hide a term that still runs.
    dossier = Dossier(services)
    dossier.step(dossier.objection, OTHER_REFUSAL, "decision", Outcome.REFUSED)
    assert Counter(item.route_id for item in dossier.agenda_terms()) == {dossier.application: 1, dossier.objection: 1}
    assert dossier.view_terms() == {
        dossier.application: [DeadlineState.UPCOMING],
        dossier.objection: [DeadlineState.UPCOMING],
    }
    other = Dossier(services)
    other.step(other.objection, REFUSED_ON, "decision", Outcome.PARTLY_GRANTED)
    assert Counter(item.route_id for item in other.agenda_terms()) == {other.application: 1, other.objection: 1}


def test_an_objection_route_without_a_link_needs_its_own_decision(services: Services) -> None:
    dossier = Dossier(services, link=False)
    assert dossier.view_terms() == {dossier.application: [DeadlineState.UPCOMING], dossier.objection: []}
    dossier.step(dossier.objection, date(2026, 11, 16), "objection")
    assert [d.rule.code for d in dossier.window(dossier.objection).deadlines] == []  # nothing to count from
    assert len(dossier.agenda_terms()) == 1  # the application's term is not met by a route not linked to it
    dossier.step(dossier.objection, REFUSED_ON, "decision", Outcome.REFUSED)
    codes = [d.rule.code for d in dossier.window(dossier.objection).deadlines]
    assert codes == ["objection_term", "objection_decision"]


def test_an_appeal_takes_the_decision_on_the_objection_from_its_objection_route(catalog: Catalog) -> None:
    """The engine alone: an appeal route belongs to the objection route whose refusal it goes against."""
    objection = _route(
        1,
        "objection",
        _step(11, "decision", date(2026, 6, 1), Outcome.REFUSED),
        _step(12, "objection", date(2026, 6, 20)),
        _step(13, "objection_decision", date(2026, 10, 26), Outcome.REFUSED),
    )
    appeal = _route(2, "appeal", _step(21, "objection_decision", date(2026, 10, 26), Outcome.REFUSED))
    views = [
        view_route(objection, catalog.routes, TODAY, answering=appeal.steps),
        view_route(appeal, catalog.routes, TODAY, belongs_to=[objection]),
    ]
    assert [_states(view, "appeal_term") for view in views] == [[DeadlineState.UPCOMING], []]
    alone = view_route(appeal, catalog.routes, TODAY)
    assert _states(alone, "appeal_term") == [DeadlineState.UPCOMING]  # without the link it counts its own


def test_the_demo_lists_each_objection_term_once(tmp_path: Path, catalog: Catalog) -> None:
    """The demo records the refusal on the application and on its objection route as well."""
    services = Services.create(open_database(tmp_path / "demo.db", TEST_KEY), catalog, FakeClock())
    try:
        fill_demo(services.database, catalog, clients=60, seed=1, today=TODAY)
        items = [item for item in services.agenda.agenda() if item.kind is AgendaKind.DEADLINE]
        twice = Counter((item.resident.id, item.what, item.on) for item in items)
        assert items and max(twice.values()) == 1
    finally:
        services.close()


def _step(step_id: int, kind: str, on: date, outcome: Outcome | None = None) -> Step:
    return Step(step_id, StepInput(step_id // 10, on, kind, outcome=outcome))


def _route(route_id: int, kind: str, *steps: Step) -> Route:
    return Route(route_id, RouteInput(1, kind, kind), steps, (), {}, ())
