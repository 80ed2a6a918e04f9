"""Demo stories of speaking up and trying: an objection after a refusal, a complaint, and other
efforts that have no legal term but count as tried."""

from __future__ import annotations

from datetime import date, timedelta

from clientsteun.demo.files import letter
from clientsteun.demo.residents import Resident
from clientsteun.demo.routes import RouteDraft, RouteWriter
from clientsteun.demo.words import CORPORATIONS, NO_ANSWER, REFUSED_OBJECTION
from clientsteun.domain.routes import Outcome, StepState


def object_in_route(writer: RouteWriter, route: RouteDraft, organisation: str, refused: date) -> None:
    """After a refusal: an objection in the route itself, the resident letting it go, or nothing yet."""
    rng = writer.rng
    choice = rng.random()
    if choice < 0.5:
        route.step(refused + timedelta(days=rng.randint(10, 40)), "objection", note="Bezwaarschrift samen opgesteld.")
        route.step(route.days(21, 45), "hearing", note="Hoorzitting; ik ga mee.", plan=True)
        granted = rng.random() < 0.5
        route.step(
            route.days(7, 35),
            "objection_decision",
            Outcome.GRANTED if granted else Outcome.REFUSED,
            "" if granted else REFUSED_OBJECTION,
        )
    elif choice < 0.75:
        route.mark(
            refused + timedelta(days=rng.randint(3, 20)),
            "objection",
            StepState.NOT_NEEDED,
            "Inwoner ziet af van bezwaar; we vragen later opnieuw aan.",
        )
    if choice >= 0.5 and rng.random() < 0.3:
        writer.signal(
            route,
            refused + timedelta(days=rng.randint(1, 10)),
            "information",
            "De afwijzing legt niet uit welke regel is toegepast.",
            organisation,
        )


def complaint(
    writer: RouteWriter, r: Resident, *, sure: bool = False, committee: bool | None = None, hearing_ahead: bool = False
) -> None:
    rng = writer.rng
    committee = rng.random() < 0.3 if committee is None else committee
    sent = writer.began(r, 10, 20) if hearing_ahead else writer.began(r, 10, 90) if sure else writer.began(r, 3, 150)
    city = f"Gemeente {r.municipality}"
    route = writer.route(
        r,
        "complaint",
        "Klacht over de bejegening aan het loket",
        sent,
        organisation=city,
        circumstances=("committee",) if committee else (),
        reference=writer.reference("KL", sent),
    )
    route.step(sent, "complaint", note="Klachtbrief samen geschreven en gemaild.")
    route.evidence(
        sent,
        "Klachtbrief verstuurd",
        letter(
            f"Namens {r.name}",
            city,
            sent,
            "Klacht over de bejegening",
            "Aan het loket werd ik niet serieus genomen.",
            "Ik wil graag een gesprek en excuses.",
        ),
    )
    if not hearing_ahead and rng.random() < 0.15:
        route.step(sent + timedelta(days=rng.randint(30, 40)), "extension", note="De afhandeling duurt 4 weken langer.")
    route.step(
        route.days(25, 45) if hearing_ahead else route.days(14, 40),
        "hearing",
        note="Gesprek met de klachtbehandelaar; ik ga mee.",
        plan=True,
    )
    granted = rng.random() < 0.55
    route.step(
        route.days(7, 30),
        "complaint_decision",
        Outcome.GRANTED if granted else Outcome.REFUSED,
        "" if granted else "De gemeente vindt dat de medewerker correct heeft gehandeld.",
        "Klacht gegrond; de gemeente biedt excuses aan." if granted else "",
    )
    if rng.random() < 0.5:
        writer.signal(
            route,
            sent,
            "treatment",
            "Inwoner werd aan het loket afgewezen zonder uitleg en voelde zich niet serieus genomen.",
            city,
            shareable=rng.random() < 0.5,
        )


def other(writer: RouteWriter, r: Resident) -> None:
    """Something else tried: no legal term, but it counts as an effort."""
    rng = writer.rng
    start = writer.began(r, 3, 200)
    title, organisation = rng.choice(
        (
            ("Betalingsregeling met de woningcorporatie", rng.choice(CORPORATIONS)),
            ("Aangemeld bij de voedselbank", "Voedselbank"),
            ("Uitleg gevraagd over de brief van de gemeente", f"Gemeente {r.municipality}"),
        )
    )
    route = writer.route(r, "other", title, start, organisation=organisation)
    route.step(start, "applied", note="Per e-mail gevraagd.")
    route.evidence(route.days(3, 10), rng.choice(NO_ANSWER))
    answered = rng.random() < 0.5 or not route.step(
        route.days(14, 30), "no_response", note="Geen reactie op de e-mail."
    )
    if not answered and rng.random() < 0.5:
        writer.signal(
            route,
            route.last,
            "no_response",
            f"{organisation} reageert niet op e-mail of telefoon.",
            organisation,
            shareable=rng.random() < 0.5,
        )
    route.step(route.days(7, 20), "conversation", note="Gesprek gehad; er is een afspraak gemaakt.", plan=True)
