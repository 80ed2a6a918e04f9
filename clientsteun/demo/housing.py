"""Demo story of housing (scenario 1): searching for a home, the urgency declaration refused,
an objection, and now and then an appeal to the court."""

from __future__ import annotations

from datetime import date, timedelta

from clientsteun.demo.files import letter, note
from clientsteun.demo.residents import Resident
from clientsteun.demo.routes import RouteDraft, RouteWriter
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
    """Scenario 1: she tried everything, the urgency declaration was refused, objection, granted.

    ``sure`` makes it the showcase (refused, then granted on objection), ``appeal`` takes it to court.
    """
    rng = writer.rng
    committee = rng.random() < 0.4 if committee is None else committee
    corporation = rng.choice(CORPORATIONS)
    applied = writer.began(r, 200, 260) if appeal else writer.began(r, 190, 240) if sure else writer.began(r, 5, 260)
    _tried_first(writer, r, applied, corporation)
    refused = _urgency(writer, r, applied, sure=sure, refuse=bool(sure or appeal))
    if refused is None:
        return
    urgency, decided, reason = refused
    objection = _objection(writer, r, urgency, decided, reason, sure=sure, committee=committee, appeal=appeal)
    if objection is not None:
        _appeal(writer, r, objection)


def _tried_first(writer: RouteWriter, r: Resident, applied: date, corporation: str) -> None:
    """What she tried before applying: searching for a home, staying with family, the corporation."""
    rng = writer.rng
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


def _urgency(
    writer: RouteWriter, r: Resident, applied: date, *, sure: bool, refuse: bool
) -> tuple[RouteDraft, date, str] | None:
    """The application for an urgency declaration; the route, the day and the reason when it was refused."""
    rng = writer.rng
    urgency = writer.route(
        r,
        "housing_urgency",
        f"Urgentieverklaring aanvragen bij de gemeente {r.municipality}",
        applied,
        organisation=f"Gemeente {r.municipality}",
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
    refused = refuse or rng.random() < 0.75
    reason = rng.choice(REFUSED_URGENCY)
    if not urgency.step(
        decided, "decision", Outcome.REFUSED if refused else Outcome.GRANTED, reason if refused else ""
    ):
        return None
    if rng.random() < 0.3:
        writer.signal(
            urgency,
            decided,
            "information",
            "Drie instanties zeiden dat een urgentieverklaring 'niet mogelijk' is; de gemeente heeft de "
            "aanvraag wel in behandeling genomen.",
            f"Gemeente {r.municipality}",
            shareable=True,
        )
    return (urgency, decided, reason) if refused else None


def _objection(
    writer: RouteWriter,
    r: Resident,
    urgency: RouteDraft,
    decided: date,
    reason: str,
    *,
    sure: bool,
    committee: bool,
    appeal: bool | None,
) -> RouteDraft | None:
    """The objection against the refusal; the route when its refusal goes on to court."""
    rng = writer.rng
    city = f"Gemeente {r.municipality}"
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
        return None  # still thinking about it: the objection term runs
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
        return None
    if granted or not (appeal or rng.random() < 0.4):
        return None
    return objection


def _appeal(writer: RouteWriter, r: Resident, objection: RouteDraft) -> None:
    """Appeal to the court against the decision on the objection."""
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
