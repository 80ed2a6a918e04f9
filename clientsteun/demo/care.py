"""Demo stories of care: a Wmo provision, youth care, and an indication for the Wlz."""

from __future__ import annotations

from clientsteun.demo.complaints import object_in_route
from clientsteun.demo.meetings import kitchen_table
from clientsteun.demo.residents import Resident
from clientsteun.demo.routes import RouteWriter
from clientsteun.demo.words import NO_ANSWER, PARTLY_WMO, REFUSED_WMO, REVERSED_TESTS, ROLES, WMO_TITLES
from clientsteun.domain.routes import Outcome, StepState


def wmo(writer: RouteWriter, r: Resident, *, stage: str = "") -> None:
    """A Wmo report, the kitchen-table conversation, the investigation's report, application and decision."""
    rng = writer.rng
    city = f"Gemeente {r.municipality}"
    age = {"decided": (120, 160), "stalled": (60, 90), "meeting_ahead": (8, 12)}.get(stage, (2, 160))
    reported = writer.began(r, *age)
    route = writer.route(
        r,
        "wmo",
        rng.choice(WMO_TITLES),
        reported,
        organisation=city,
        contact=(contact := writer.contact("Wmo-consulent")),  # drawn here: the random stream keeps its order
        reference=writer.reference("WMO", reported),
        reversed_test=REVERSED_TESTS["wmo"] if rng.random() < 0.5 else None,
        help_question=rng.random() < 0.5,
    )
    route.collect(0.5)
    route.step(reported, "reported", note="Melding gedaan bij het Wmo-loket.")
    plan = {"decided": "done", "meeting_ahead": "not_needed"}.get(stage) or rng.choices(
        ("done", "not_needed", "none"), (35, 50, 15)
    )[0]
    if plan == "done":
        route.step(route.days(2, 6), "personal_plan", note="Eigen plan ingeleverd: wat ik wil en wat ik zelf kan.")
    elif plan == "not_needed":
        route.mark(
            route.days(1, 3),
            "personal_plan",
            StepState.NOT_NEEDED,
            "Inwoner wil geen eigen plan; we bespreken alles in het gesprek.",
        )
    route.step(
        route.days(2, 4) if stage == "meeting_ahead" else route.days(4, 18),
        "invited",
        note="Uitnodiging voor het keukentafelgesprek ontvangen.",
    )
    route.step(
        route.days(14, 21) if stage == "meeting_ahead" else route.days(7, 21),
        "conversation",
        note=f"Keukentafelgesprek met de Wmo-consulent; {rng.choice(ROLES)} gaat mee.",
        plan=True,
    )
    if stage == "meeting_ahead":
        kitchen_table(route, r, city, contact.split(",")[0])
    if stage == "stalled":
        route.evidence(route.days(20, 30), rng.choice(NO_ANSWER))
        route.evidence(route.days(35, 45), "Gemeente gemaild met de vraag wanneer het verslag komt; geen reactie")
        writer.signal(
            route,
            route.days(40, 50),
            "no_response",
            "De gemeente stuurt het verslag van het onderzoek niet en reageert niet op mail.",
            city,
        )
        return
    route.step(route.days(7, 35), "report", note="Verslag ontvangen; samen gelezen en aangevuld.")
    route.step(route.days(1, 10), "applied", note="Aanvraag ingediend op basis van het verslag.")
    outcome = Outcome.GRANTED if stage else rng.choices(list(Outcome)[1:4], (60, 25, 15))[0]
    reason = {Outcome.PARTLY_GRANTED: rng.choice(PARTLY_WMO), Outcome.REFUSED: rng.choice(REFUSED_WMO)}.get(outcome, "")
    if route.step(route.days(5, 24), "decision", outcome, reason) and outcome is not Outcome.GRANTED:
        object_in_route(writer, route, city, route.last)


def youth_care(writer: RouteWriter, r: Resident) -> None:
    rng = writer.rng
    reported = writer.began(r, 3, 150)
    route = writer.route(
        r,
        "youth_care",
        "Jeugdhulp voor de oudste zoon",
        reported,
        organisation=f"Gemeente {r.municipality}",
        contact=writer.contact("jeugdconsulent"),
        reversed_test=REVERSED_TESTS["youth_care"] if rng.random() < 0.4 else None,
    )
    route.collect(1.0)
    route.step(reported, "reported", note="Melding bij het sociaal wijkteam.")
    route.step(route.days(7, 21), "conversation", note="Gesprek met het wijkteam bij ons thuis.", plan=True)
    route.step(route.days(3, 14), "applied", note="Aanvraag jeugdhulp ingediend.")
    if route.step(route.days(20, 65), "decision", Outcome.GRANTED, note="Ambulante hulp thuis toegekend.") and (
        rng.random() < 0.5
    ):
        writer.signal(
            route,
            route.last,
            "waiting_list",
            "Jeugdhulp is toegekend, maar de aanbieder heeft een wachtlijst van zes maanden.",
            "Jeugdhulpaanbieder",
            shareable=rng.random() < 0.5,
        )


def wlz(writer: RouteWriter, r: Resident, *, sure: bool = False, special: bool | None = None) -> None:
    rng = writer.rng
    special = rng.random() < 0.25 if special is None else special
    applied = writer.began(r, 10, 40) if sure else writer.began(r, 3, 120)
    route = writer.route(
        r,
        "wlz",
        "Wlz-indicatie aanvragen bij het CIZ",
        applied,
        organisation="CIZ",
        circumstances=("special",) if special else (),
        contact=writer.contact("indicatiesteller"),
        reversed_test=REVERSED_TESTS["wlz"] if rng.random() < 0.4 else None,
    )
    route.collect(0.8)
    route.step(applied, "applied", note="Aanvraag met de huisarts samen ingevuld.")
    route.step(
        route.days(3, 7) if special else route.days(5, 14),
        "info_requested",
        note="CIZ vraagt medische gegevens op bij de huisarts.",
    )
    route.step(route.days(2, 10), "info_supplied", note="Huisarts heeft de gegevens gestuurd.")
    route.step(route.days(3, 14), "conversation", note="Gesprek met de indicatiesteller van het CIZ.", plan=True)
    if route.step(route.days(3, 20), "decision", Outcome.GRANTED, note="Indicatie voor de Wlz toegekend.") and (
        rng.random() < 0.4
    ):
        writer.signal(
            route,
            route.last,
            "waiting_list",
            "Indicatie toegekend, maar de wachtlijst voor een plek in een woonvorm is ruim een jaar.",
            shareable=True,
        )
