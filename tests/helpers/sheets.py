"""Preparation sheets with fictional data: a full one (scenario 1: a mother of two looking for a home),
and one with every text field taken from a list, for fuzzing."""

from __future__ import annotations

from datetime import date, time

from clientsteun.domain.sheet import (
    Alternative,
    Answer,
    BringItem,
    Companion,
    DeadlineLine,
    Entitlement,
    MeetingInfo,
    NextStep,
    NotFitting,
    SheetData,
    TriedRoute,
    TriedStep,
)

RESIDENT = "Fenna de Groot-Ëmsal"

FIELDS = 37  # the text fields ``sheet_of`` fills


def sheet_of(texts: list[str]) -> SheetData:
    """A sheet with every text field taken from ``texts``, in order; two routes so each route prints."""
    t = iter(texts)
    day = date(2026, 3, 4)
    return SheetData(
        title=next(t),
        resident=next(t),
        printed_on=day,
        meeting=MeetingInfo(day, time(9, 0), next(t), next(t), next(t), next(t), (next(t),)),
        companions=(Companion(next(t), next(t)),),
        wants=(Answer(next(t), next(t)),),
        not_working=(Answer(next(t)),),
        tried=(
            TriedRoute(next(t), next(t), next(t), next(t), next(t), next(t), (TriedStep(day, next(t), next(t)),), 2),
            TriedRoute("Tweede route", steps=(TriedStep(day, next(t), state=next(t)),)),
        ),
        not_fitting=(NotFitting(Alternative.NETWORK, next(t), next(t)), NotFitting(Alternative.OWN_STRENGTH, "x", "y")),
        questions=(next(t),),
        entitlements=(Entitlement(next(t), next(t), next(t), next(t)),),
        deadlines=(DeadlineLine(day, next(t), next(t), next(t), next(t), next(t)),),
        bring=(BringItem(next(t), next(t)),),
        next_steps=(NextStep(next(t), day),),
    )


def full_sheet() -> SheetData:
    """Every section filled, as a typical resident's sheet."""
    return SheetData(
        title="Voorbereiding gesprek",
        resident=RESIDENT,
        printed_on=date(2026, 11, 25),
        meeting=MeetingInfo(
            on=date(2026, 12, 1),
            at=time(10, 30),
            place="Stadskantoor, Markt 1, balie 4",
            organisation="Gemeente Zuiderveen",
            contact="mevrouw Jansen",
            kind="Hoorzitting bezwaar",
            about=("Urgentieverklaring",),
        ),
        companions=(Companion("ondersteuner", "Sanne Bakker"), Companion("ervaringsdeskundige", "Ruud Pelt")),
        wants=(
            Answer("Een eigen huis voor mij en mijn twee kinderen.", "Waar wil je over een jaar staan?"),
            Answer("Eerst een vaste plek, zodat de kinderen naar dezelfde school kunnen.", "Wat eerst?"),
        ),
        not_working=(
            Answer("We slapen bij mijn zus op de bank. Dat kan nog hooguit een maand.", "Wat lukt nu niet?"),
            Answer("Op een slechte dag bel ik overal heen en kom ik nergens.", "Een slechte dag"),
        ),
        tried=(
            TriedRoute(
                title="Urgentieverklaring",
                kind="Urgentie woning",
                status="Loopt na afwijzing: Bezwaar ingediend",
                organisation="Gemeente Zuiderveen",
                reference="URG-2026-0412",
                law="Huisvestingsverordening art. 2.5",
                steps=(
                    TriedStep(date(2026, 8, 3), "Ingeschreven als woningzoekende"),
                    TriedStep(date(2026, 8, 20), "Gevraagd bij de woningcorporatie", "geen urgentie mogelijk"),
                    TriedStep(date(2026, 9, 14), "Aanvraag ingediend"),
                    TriedStep(date(2026, 10, 12), "Besluit", "afgewezen — niet dakloos volgens de gemeente"),
                    TriedStep(date(2026, 11, 2), "Bezwaar ingediend"),
                    TriedStep(date(2026, 12, 1), "Hoorzitting", state="gepland"),
                ),
                evidence_count=3,
                documents_collected=2,
                documents_total=4,
            ),
        ),
        not_fitting=(
            NotFitting(Alternative.NETWORK, "Mijn zus heeft zelf een klein huis met drie kinderen."),
            NotFitting(Alternative.PAYING_SELF, "Een vrije-sectorhuur kan ik niet betalen van mijn uitkering."),
        ),
        questions=(
            "Waarom telt slapen bij mijn zus niet als dakloos?",
            "Hoe lang duurt het besluit op mijn bezwaar?",
            "Kan ik tijdelijk ergens anders wonen?",
        ),
        entitlements=(
            Entitlement(
                kind="Urgentie woning",
                explanation="De inwoner kan voorrang vragen als zij dringend een woning nodig heeft.",
                resident_explanation="Je kunt voorrang vragen als je snel een huis nodig hebt.",
                law="Huisvestingswet 2014 art. 12",
            ),
        ),
        deadlines=(
            DeadlineLine(
                date(2026, 12, 14),
                "Beslissing op bezwaar uiterlijk",
                route="Urgentieverklaring",
                actor="gemeente",
                state="over 19 dagen",
                law="Awb 7:10",
            ),
        ),
        bring=(
            BringItem("Uittreksel BRP", "Een papier van de gemeente waar je woont", in_hand=True),
            BringItem("Brief van je zus", "Een brief van mijn zus dat ik er niet kan blijven"),
        ),
        agreement_lines=5,
        next_steps=(
            NextStep("De gemeente stuurt het verslag van het gesprek.", date(2026, 12, 15)),
            NextStep("Ik lees het verslag met Sanne na."),
        ),
    )
