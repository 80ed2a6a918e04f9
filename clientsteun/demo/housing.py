"""Demo story of housing (scenario 1): searching for a home, the urgency declaration refused,
an objection, and now and then an appeal to the court."""

from __future__ import annotations

from datetime import timedelta

from clientsteun.demo.files import letter, note
from clientsteun.demo.residents import Resident
from clientsteun.demo.routes import RouteWriter
from clientsteun.demo.words import (
    CORPORATIONS,
    NO_ANSWER,
    REFUSED_OBJECTION,
    REFUSED_URGENCY,
    REVERSED_TESTS,
    SEARCH_EFFORTS,
)
from clientsteun.domain.dates import format_long
from clientsteun.domain.routes import LinkKind, Outcome


def housing(
    writer: RouteWriter, r: Resident, *, sure: bool = False, committee: bool | None = None, appeal: bool | None = None
) -> None:
    """Scenario 1: she tried everything, the urgency declaration was refused, objection, granted."""
    rng = writer.rng
    committee = rng.random() < 0.4 if committee is None else committee
    city = f"Gemeente {r.municipality}"
    corporation = rng.choice(CORPORATIONS)
    applied = writer.began(r, 200, 260) if appeal else writer.began(r, 190, 240) if sure else writer.began(r, 5, 260)

    seeker = writer.route(
        r,
        "other",
        "Ingeschreven als woningzoekende",
        applied - timedelta(days=rng.randint(120, 700)),
        organisation="Woningzoekendensite van de regio",
    )
    seeker.step(seeker.start, "applied", note="Inschrijving als woningzoekende; elk jaar verlengd.")
    for _ in range(rng.randint(1, 4)):
        on = min(r.last_day, applied + timedelta(days=rng.randint(-150, 60)))
        seeker.evidence(on, rng.choice(SEARCH_EFFORTS).format(n=rng.randint(3, 30)))
    seeker.evidence(
        min(r.last_day, applied - timedelta(days=rng.randint(1, 14))),
        "Overzicht van alle reacties van het afgelopen jaar uitgeprint",
        note(
            "reacties-woningsite.txt",
            *(
                f"{format_long(applied - timedelta(days=30 * month))}: gereageerd op {rng.randint(2, 9)} woningen"
                for month in range(6, 0, -1)
            ),
        ),
    )
    family = writer.route(r, "other", "Tijdelijk wonen bij familie", applied - timedelta(days=rng.randint(60, 200)))
    family.step(family.start, "other", note="Inwoner en de kinderen slapen bij haar zus; dat kan niet lang meer.")
    corp = writer.route(
        r,
        "other",
        f"Gevraagd bij {corporation}",
        applied - timedelta(days=rng.randint(20, 60)),
        organisation=corporation,
        contact=writer.contact("woonconsulent"),
    )
    corp.step(
        corp.start,
        "conversation",
        note="Woonconsulent zegt dat een urgentieverklaring 'niet mogelijk' is en verwijst naar de gemeente.",
    )

    urgency = writer.route(
        r,
        "housing_urgency",
        f"Urgentieverklaring aanvragen bij de gemeente {r.municipality}",
        applied,
        organisation=city,
        contact=writer.contact("consulent wonen"),
        reference=writer.reference("URG", applied),
        reversed_test=REVERSED_TESTS["housing_urgency"] if sure or rng.random() < 0.5 else None,
        help_question=rng.random() < 0.5,
    )
    urgency.collect(0.9 if sure else 0.6)
    urgency.step(applied, "applied", note="Aanvraag met de bewijsstukken ingediend; kopie gemaakt.")
    urgency.evidence(applied, "Aanvraagformulier met bijlagen ingediend bij het loket")
    urgency.step(urgency.days(7, 21), "info_requested", note="Gemeente vraagt een verklaring van de huisarts.")
    urgency.step(urgency.days(3, 14), "info_supplied", note="Verklaring van de huisarts nagestuurd.")
    urgency.evidence(urgency.last, rng.choice(NO_ANSWER))
    urgency.step(urgency.days(5, 20), "conversation", note="Gesprek met de consulent wonen; ik ging mee.", plan=True)
    decided = max(applied + timedelta(days=rng.randint(45, 70)), urgency.last + timedelta(days=1))
    refused = sure or appeal or rng.random() < 0.75
    reason = rng.choice(REFUSED_URGENCY)
    if not urgency.step(
        decided, "decision", Outcome.REFUSED if refused else Outcome.GRANTED, reason if refused else ""
    ):
        return
    if rng.random() < 0.3:
        writer.signal(
            urgency,
            decided,
            "information",
            "Drie instanties zeiden dat een urgentieverklaring 'niet mogelijk' is; de gemeente heeft de "
            "aanvraag wel in behandeling genomen.",
            city,
            shareable=True,
        )
    if not refused:
        return

    objection = writer.route(
        r,
        "objection",
        "Bezwaar tegen de afwijzing van de urgentie",
        decided,
        organisation=city,
        reference=writer.reference("BZW", decided),
        circumstances=("committee",) if committee else (),
    )
    writer.link(objection, urgency, LinkKind.BELONGS_TO)
    objection.step(decided, "decision", Outcome.REFUSED, reason, "Het besluit waartegen het bezwaar gaat.")
    objection.evidence(
        decided,
        "Brief met de afwijzing ontvangen",
        letter(
            city,
            r.name,
            decided,
            "Besluit urgentieverklaring",
            "Uw aanvraag is afgewezen.",
            f"Reden: {reason}",
            "U kunt binnen 6 weken bezwaar maken.",
        ),
    )
    objection.collect(1.0)
    if not sure and rng.random() < 0.2:
        return  # still thinking about it: the objection term runs
    objection.step(
        decided + timedelta(days=rng.randint(14, 38)),
        "objection",
        note="Bezwaarschrift samen opgesteld, met alles wat ze al heeft geprobeerd en de data erbij.",
    )
    objection.evidence(objection.last, "Bezwaarschrift aangetekend verstuurd; bewijs van verzending bewaard")
    objection.step(
        objection.days(20, 45),
        "hearing",
        note="Hoorzitting: de inwoner vertelt zelf haar verhaal; ik ga mee.",
        plan=True,
    )
    granted = not appeal and (sure or rng.random() < 0.65)
    if not objection.step(
        objection.days(10, 35),
        "objection_decision",
        Outcome.GRANTED if granted else Outcome.REFUSED,
        "" if granted else REFUSED_OBJECTION,
        "Urgentieverklaring alsnog toegekend." if granted else "",
    ):
        return
    if granted or not (appeal or rng.random() < 0.4):
        return
    court = writer.route(
        r,
        "appeal",
        "Beroep bij de rechtbank over de urgentie",
        objection.last,
        organisation="Rechtbank",
        reference=writer.reference("AWB", objection.last),
    )
    writer.link(court, objection, LinkKind.BELONGS_TO)
    court.step(court.start, "objection_decision", Outcome.REFUSED, REFUSED_OBJECTION, "Besluit op bezwaar.")
    court.step(court.days(14, 35), "appeal", note="Beroep ingesteld met hulp van een advocaat via het Juridisch Loket.")
    court.step(court.days(60, 120), "hearing", note="Zitting bij de rechtbank.", plan=True)
    court.step(
        court.days(14, 42),
        "court_ruling",
        Outcome.GRANTED,
        note="Beroep gegrond; de gemeente moet opnieuw beslissen.",
    )
