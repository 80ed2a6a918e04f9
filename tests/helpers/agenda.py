"""An agenda with something in every corner: deadlines running and passed, a planned hearing, an
agreement, and a closed dossier whose deadlines are left out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from clientsteun.domain.model import AgreementInput, ClientInput
from clientsteun.domain.routes import Outcome, RouteInput, StepInput, StepState
from clientsteun.services import Services


@dataclass(frozen=True)
class Agenda:
    """What was put in: resident ids and route ids."""

    fatima: int
    bram: int
    refused_long_ago: int  # objection term passed
    refused_lately: int  # objection term running, about 5 weeks ahead
    urgency: int  # decision due in 2 days (or the next working day)


def fill_agenda(services: Services, today: date) -> Agenda:
    """Two open dossiers with deadlines, a planned hearing and an agreement; one closed dossier."""
    fatima = services.clients.create_client(ClientInput("Fatima el Amrani", municipality="Utrecht")).id
    bram = services.clients.create_client(ClientInput("Bram Oosterhout", municipality="Zwolle")).id
    closed = services.clients.create_client(ClientInput("Chantal Meijering", municipality="Utrecht")).id
    routes = services.routes

    def route(client_id: int, kind: str, title: str) -> int:
        return routes.save_route(None, RouteInput(client_id, kind, title)).id

    def step(route_id: int, days: int, kind: str, **more: object) -> None:
        routes.save_step(None, StepInput(route_id, today + timedelta(days=days), kind, **more))  # type: ignore[arg-type]

    long_ago = route(fatima, "special_assistance", "Bijzondere bijstand wasmachine")
    step(long_ago, -80, "applied")
    step(long_ago, -50, "decision", outcome=Outcome.REFUSED, reason="Geen bijzondere kosten")
    lately = route(bram, "social_assistance", "Bijstand")
    step(lately, -40, "applied")
    step(lately, -10, "decision", outcome=Outcome.REFUSED)
    step(lately, 5, "hearing", state=StepState.PLANNED)  # not a hearing on an objection, but planned all the same
    urgency = route(fatima, "housing_urgency", "Urgentie na de scheiding")
    step(urgency, -54, "applied")  # 8 weeks: due in 2 days (a free day runs on to a working day)
    services.agreements.save_agreement(None, AgreementInput(bram, "Loonstroken opsturen", "Inwoner", today))
    gone = route(closed, "special_assistance", "Bijzondere bijstand bed")
    step(gone, -80, "applied")
    services.clients.close_client(closed, today, "Verhuisd")
    return Agenda(fatima, bram, long_ago, lately, urgency)
