"""The timeline of everything: route steps done (a decision with its outcome), efforts, signals and
every change of consent, besides the conversations and agreements."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from clientsteun.domain.model import (
    Client,
    ClientInput,
    Consent,
    ConsentRecord,
    EvidenceLine,
    TimelineEntry,
    TimelineKind,
)
from clientsteun.domain.routes import (
    EvidenceInput,
    Outcome,
    Route,
    RouteInput,
    SignalInput,
    Step,
    StepInput,
    StepState,
)
from clientsteun.domain.timeline import build_timeline, consent_entries, route_timeline, with_route_entries
from clientsteun.services import Services
from tests.helpers.residents import add_conversation, add_resident

K = TimelineKind
TODAY = date(2026, 11, 23)


def _route(route_id: int, steps: tuple[Step, ...]) -> Route:
    return Route(route_id, RouteInput(7, "housing_urgency", "Urgentie"), steps, (), {}, ())


def test_a_dossier_lists_its_route_steps_efforts_signal_and_consent_changes_newest_first(
    services: Services,
) -> None:
    given = Consent(date(2026, 9, 1), "Gespreksverslagen")
    client = add_resident(services, "Roos Verzonnen", "Deventer", first_contact=date(2026, 9, 1), consent=given)
    route = services.routes.save_route(None, RouteInput(client.id, "housing_urgency", "Urgentie Roos"))
    applied = services.routes.save_step(None, StepInput(route.id, date(2026, 10, 1), "applied"))
    decision = services.routes.save_step(
        None,
        StepInput(route.id, date(2026, 11, 5), "decision", outcome=Outcome.REFUSED, reason="Inkomen te hoog\nen meer"),
    )
    services.routes.save_step(None, StepInput(route.id, date(2026, 12, 1), "hearing", StepState.PLANNED))  # not yet
    effort = services.routes.save_evidence(
        None, EvidenceInput(route.id, date(2026, 10, 15), "Veertien woningen gereageerd\nlijst erbij")
    )
    signal = services.routes.save_signal(
        None, SignalInput(client.id, date(2026, 11, 12), "waiting_list", "Twee jaar wachten", route.id)
    )
    conversation = add_conversation(services, client.id, date(2026, 11, 5), "Besluit besproken.")
    details = replace(client.details, consent=replace(given, withdrawn_on=date(2026, 11, 10)))
    services.clients.update_client(client.id, details)  # a second consent record: only the withdrawal

    timeline = services.dossier.open(client.id).timeline

    assert [(e.on, e.kind, e.ref_id, e.text) for e in timeline] == [
        (date(2026, 11, 12), K.SIGNAL, signal.id, "Twee jaar wachten"),
        (date(2026, 11, 10), K.CONSENT_WITHDRAWN, 2, "Gespreksverslagen"),
        (date(2026, 11, 5), K.CONVERSATION, conversation.id, "Besluit besproken."),
        (date(2026, 11, 5), K.ROUTE_STEP, decision.id, "Urgentie Roos — Inkomen te hoog"),
        (date(2026, 10, 15), K.EVIDENCE, effort.id, "Veertien woningen gereageerd"),
        (date(2026, 10, 1), K.ROUTE_STEP, applied.id, "Urgentie Roos"),
        (date(2026, 9, 1), K.CONSENT_GIVEN, 1, "Gespreksverslagen"),
        (date(2026, 9, 1), K.FIRST_CONTACT, client.id, ""),
    ]
    step = timeline[3]
    assert (step.route_id, step.code, step.step, step.outcome) == (route.id, "housing_urgency", "decision", "refused")
    assert (timeline[0].route_id, timeline[0].code) == (route.id, "waiting_list")
    assert (timeline[4].route_id, timeline[4].code) == (route.id, "housing_urgency")
    # The routes' part is read again alone, the same as in the whole dossier.
    routes_part = services.dossier.routes(client.id).timeline
    assert routes_part == tuple(e for e in timeline if e.kind in (K.ROUTE_STEP, K.EVIDENCE, K.SIGNAL))


def test_a_route_part_read_again_replaces_the_old_one() -> None:
    client = Client(7, ClientInput(name="Sem Bedacht", first_contact=date(2026, 1, 2)))
    first = route_timeline([_route(1, (Step(5, StepInput(1, date(2026, 3, 1), "applied")),))], [], [])
    timeline = build_timeline(client, [], [], [], route_entries=first)
    assert [e.kind for e in timeline] == [K.ROUTE_STEP, K.FIRST_CONTACT]
    again = route_timeline(
        [_route(1, (Step(5, StepInput(1, date(2026, 3, 1), "applied")),))],
        [EvidenceLine(3, 1, date(2026, 4, 1), "Gebeld")],
        [],
    )
    assert [e.kind for e in with_route_entries(timeline, again)] == [K.EVIDENCE, K.ROUTE_STEP, K.FIRST_CONTACT]
    assert with_route_entries(timeline, ()) == (TimelineEntry(date(2026, 1, 2), K.FIRST_CONTACT, 7, ""),)


def test_only_steps_done_are_in_the_timeline() -> None:
    steps = tuple(
        Step(number, StepInput(1, date(2026, 5, number), "conversation", state))
        for number, state in enumerate(StepState, 1)
    )
    entries = route_timeline([_route(1, steps)], [], [])
    assert [(e.kind, e.ref_id) for e in entries] == [(K.ROUTE_STEP, 1)]  # done: the first state


def test_each_consent_change_is_one_entry() -> None:
    first = Consent(date(2026, 1, 5), "Verslagen", valid_until=date(2026, 6, 30))
    records = [
        ConsentRecord(1, first, date(2026, 1, 5)),
        ConsentRecord(2, replace(first, share_with="Huisarts"), date(2026, 2, 1)),  # a change, on the day recorded
        ConsentRecord(3, Consent(date(2026, 8, 1), "Alles", valid_until=date(2026, 12, 31)), date(2026, 8, 1)),
        ConsentRecord(4, Consent(date(2026, 8, 1), "Alles", valid_until=date(2026, 12, 31), withdrawn_on=TODAY), TODAY),
    ]
    entries = sorted(consent_entries(records, TODAY), key=lambda e: (e.on, e.ref_id))
    assert [(e.on, e.kind, e.ref_id) for e in entries] == [
        (date(2026, 1, 5), K.CONSENT_GIVEN, 1),
        (date(2026, 2, 1), K.CONSENT_CHANGED, 2),
        (date(2026, 6, 30), K.CONSENT_EXPIRED, 2),  # the first consent ran out
        (date(2026, 8, 1), K.CONSENT_GIVEN, 3),
        (TODAY, K.CONSENT_WITHDRAWN, 4),  # the withdrawal alone is no change besides
    ]
    assert [e.kind for e in consent_entries(records, None)] == [K.CONSENT_GIVEN, K.CONSENT_CHANGED, K.CONSENT_GIVEN,
                                                                K.CONSENT_WITHDRAWN]  # fmt: skip
    later = [ConsentRecord(1, replace(first, withdrawn_on=date(2026, 12, 1)), date(2026, 1, 5))]
    assert [e.kind for e in consent_entries(later, TODAY)] == [K.CONSENT_GIVEN, K.CONSENT_EXPIRED]  # not withdrawn yet
