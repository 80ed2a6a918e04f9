"""Demo stories of money: debt counselling, the circle of debts and treatment (scenario 2), and
(special) assistance."""

from __future__ import annotations

from datetime import timedelta

from clientsteun.demo.complaints import object_in_route
from clientsteun.demo.files import letter
from clientsteun.demo.residents import Resident
from clientsteun.demo.routes import RouteWriter
from clientsteun.demo.words import MENTAL_HEALTH, NO_ANSWER, REFUSED_ASSISTANCE, REVERSED_TESTS, SPECIAL_TITLES
from clientsteun.domain.routes import LinkKind, Outcome


def debt(writer: RouteWriter, r: Resident, *, sure: bool = False, threat: bool | None = None) -> None:
    rng = writer.rng
    threat = rng.random() < 0.25 if threat is None else threat
    applied = writer.began(r, 30, 120) if sure else writer.began(r, 2, 160)
    organisation = f"Schuldhulpverlening gemeente {r.municipality}"
    route = writer.route(
        r,
        "debt_counselling",
        "Schuldhulp aanvragen bij de gemeente",
        applied,
        organisation=organisation,
        contact=writer.contact("schuldhulpverlener"),
        circumstances=("threat",) if threat else (),
        help_question=rng.random() < 0.4,
    )
    route.collect(0.6)
    if threat:
        route.evidence(
            applied,
            "Brief van de energieleverancier: afsluiting over twee weken",
            letter(
                "Energieleverancier",
                r.name,
                applied,
                "Aankondiging afsluiting",
                "Wij sluiten de levering af als de achterstand niet is betaald.",
            ),
        )
    route.step(applied, "applied", note="Afsluiting dreigt; met spoed aangevraagd." if threat else "Hulpvraag gedaan.")
    route.step(
        route.days(1, 6) if threat else route.days(7, 40),
        "conversation",
        note="Eerste gesprek bij de schuldhulp.",
        plan=True,
    )
    route.evidence(route.last, "Budgetoverzicht gemaakt met alle vaste lasten")
    route.step(route.days(2, 10), "info_requested", note="Schuldhulp vraagt alle schulden en schuldeisers op een rij.")
    route.step(route.days(7, 30), "info_supplied", note="Overzicht van de schulden ingeleverd.")
    granted = rng.random() < 0.75
    if (
        route.step(
            route.days(14, 45),
            "decision",
            Outcome.GRANTED if granted else Outcome.REFUSED,
            "" if granted else "Er zijn de laatste maanden nieuwe schulden bijgekomen.",
            "Toegelaten tot een schuldregeling." if granted else "",
        )
        and not granted
    ):
        object_in_route(writer, route, organisation, route.last)


def circle(writer: RouteWriter, r: Resident) -> None:
    """Scenario 2: debt counselling waits for treatment, the treatment waits for the debts."""
    rng = writer.rng
    start = writer.began(r, 45, 160)
    provider = rng.choice(MENTAL_HEALTH)
    organisation = f"Schuldhulpverlening gemeente {r.municipality}"
    treatment = writer.route(
        r,
        "other",
        "Behandeling bij de GGZ",
        start - timedelta(days=rng.randint(0, 30)),
        organisation=provider,
        life_domain="mental_health",
    )
    treatment.step(treatment.start, "applied", note="Aangemeld via de huisarts.")
    treatment.step(
        treatment.days(14, 35),
        "conversation",
        note="Intake: de behandeling start pas als de schulden stabiel zijn; de stress is nu te groot.",
    )
    debt = writer.route(r, "debt_counselling", "Schuldhulp aanvragen bij de gemeente", start, organisation=organisation)
    debt.collect(0.4)
    debt.step(start, "applied", note="Hulpvraag gedaan bij de schuldhulp.")
    debt.step(debt.days(7, 27), "conversation", note="Schuldhulp wil eerst dat de behandeling bij de GGZ loopt.")
    debt.step(debt.days(3, 14), "info_requested", note="Schuldhulp vraagt een behandelplan van de GGZ.")
    debt.evidence(debt.last, rng.choice(NO_ANSWER))
    writer.link(debt, treatment, LinkKind.WAITS_FOR)
    writer.link(treatment, debt, LinkKind.WAITS_FOR)
    writer.signal(
        debt,
        max(debt.last, treatment.last) + timedelta(days=rng.randint(0, 10)),
        "circular",
        "Schuldhulpverlening wil eerst een behandeling bij de GGZ; de GGZ wil eerst dat de schulden zijn "
        "opgelost. De inwoner wordt van het kastje naar de muur gestuurd.",
        f"{organisation} en {provider}",
        shareable=True,
    )
    if rng.random() < 0.4:
        writer.signal(treatment, treatment.last, "waiting_list", "Wachttijd van vier maanden voor de intake.", provider)


def assistance(writer: RouteWriter, r: Resident, kind: str, *, sure: bool = False, late: bool | None = None) -> None:
    """(Special) assistance: an application, information asked, maybe an extension or a late decision."""
    rng = writer.rng
    late = rng.random() < 0.2 if late is None else late
    applied = writer.began(r, 85, 120) if sure else writer.began(r, 3, 170)
    city = f"Gemeente {r.municipality}"
    special = kind == "special_assistance"
    route = writer.route(
        r,
        kind,
        rng.choice(SPECIAL_TITLES) if special else "Bijstandsuitkering aanvragen",
        applied,
        organisation=city,
        contact=writer.contact("klantmanager"),
        reference=writer.reference("PW", applied),
        reversed_test=REVERSED_TESTS["special_assistance"] if special and rng.random() < 0.4 else None,
    )
    route.collect(0.7)
    route.step(applied, "applied", note="Aanvraag ingediend via de website van de gemeente.")
    route.step(route.days(7, 21), "info_requested", note="Gemeente vraagt de bankafschriften van drie maanden.")
    asked = route.last
    route.step(
        route.days(3, 20),
        "info_supplied",
        note="Bankafschriften ingeleverd bij het loket; ontvangstbewijs gekregen.",
    )
    waited = route.last - asked  # the term stood still meanwhile (Awb 4:15)
    if not special:
        route.step(route.days(5, 15), "conversation", note="Gesprek met de klantmanager.", plan=True)
    due = applied + timedelta(weeks=8) + waited
    if not late and rng.random() < 0.2:
        route.step(
            applied + timedelta(days=rng.randint(40, 55)),
            "extension",
            note="Gemeente verdaagt het besluit met 8 weken.",
        )
        due += timedelta(weeks=8)
    granted = rng.random() < 0.6
    outcome, reason = (Outcome.GRANTED, "") if granted else (Outcome.REFUSED, rng.choice(REFUSED_ASSISTANCE))
    if late:
        route.evidence(due + timedelta(days=1), rng.choice(NO_ANSWER))
        route.step(
            due + timedelta(days=rng.randint(3, 14)),
            "notice_of_default",
            note="Ingebrekestelling gestuurd: de gemeente is te laat met beslissen.",
        )
        route.evidence(
            route.last,
            "Ingebrekestelling aangetekend verstuurd",
            letter(
                f"Namens {r.name}",
                city,
                route.last,
                "Ingebrekestelling",
                "U heeft niet op tijd beslist op mijn aanvraag.",
                "Ik vraag u binnen twee weken alsnog te beslissen.",
            ),
        )
        decided = route.days(7, 25)
    else:
        decided = applied + timedelta(days=rng.randint(25, 62) + (due - applied).days - 56)
    if route.step(max(decided, route.last + timedelta(days=1)), "decision", outcome, reason):
        route.evidence(
            route.last,
            "Brief met het besluit ontvangen",
            letter(
                city,
                r.name,
                route.last,
                "Besluit op uw aanvraag",
                "Uw aanvraag is toegekend." if granted else f"Uw aanvraag is afgewezen. {reason}",
            ),
        )
        if not granted:
            object_in_route(writer, route, city, route.last)
