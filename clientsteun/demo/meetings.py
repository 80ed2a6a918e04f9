"""A demo meeting ahead with its preparation (scenario 3): the kitchen-table conversation a resident
prepares with an experience expert, in her own words, with her three questions.  Fictional."""

from __future__ import annotations

import random
from datetime import time

from clientsteun.demo.residents import Resident
from clientsteun.demo.routes import RouteDraft
from clientsteun.demo.words import FIRST_NAMES, SURNAMES
from clientsteun.domain.meetings import Answer, Companion, CompanionRole, MeetingInput
from clientsteun.domain.routes import StepState
from clientsteun.store.tables import RouteStepRow

ANSWERS = {
    Answer.GOAL_YEAR: "Ik woon alleen en ik red me met een beetje hulp.",
    Answer.GOAL_FIRST: "Hulp bij mijn post en mijn geld.",
    Answer.NOT_WORKING: "Brieven snap ik niet. Ik vergeet rekeningen te betalen.",
    Answer.GOOD_DAY: "Ik sta op tijd op. Ik ga naar mijn werk en ik kook zelf.",
    Answer.BAD_DAY: "Ik blijf in bed. Ik eet niet goed en ik open de post niet.",
    Answer.OWN_PART: "Ik doe zelf de boodschappen en ik maak mijn huis schoon.",
    Answer.OTHERS_PART: "Mijn moeder helpt met de post. Dat doet ze één keer per week.",
    Answer.TOO_MUCH: "Mijn moeder is ziek. Elke week helpen is te veel voor haar.",
    Answer.BRING: "Mijn ID-kaart\nDe brieven van de laatste maand",
}
QUESTIONS = (
    "Wie kan mij helpen met mijn post?",
    "Hoe vaak komt die hulp?",
    "Moet ik zelf iets betalen?",
)


def kitchen_table(route: RouteDraft, resident: Resident, organisation: str, consulent: str) -> None:
    """The meeting that is the route's planned kitchen-table conversation, and its preparation."""
    writer = route.writer
    if route.planned is None:
        return  # the conversation was not planned (a closed dossier, or too far ahead)
    step = writer.rows.tables[RouteStepRow][route.planned - 1]
    assert step["state"] == StepState.PLANNED.value
    rng = random.Random(f"meeting-{resident.id}")  # a stream of its own: the routes' stream stays as it was
    expert = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    meeting_id = writer.rows.meeting(
        MeetingInput(
            client_id=resident.id,
            on=step["on"],  # type: ignore[arg-type]  # a date, as written by ``Rows.step``
            kind="kitchen_table",
            start_time=time(10, 0),
            place=f"Gemeentehuis {resident.municipality}",
            organisation=organisation,
            consulent=consulent,
            route_ids=(route.id,),
            companions=(Companion(CompanionRole.EXPERIENCE_EXPERT, expert),),
            step_id=route.planned,
        )
    )
    writer.rows.preparation(resident.id, meeting_id, dict(ANSWERS), QUESTIONS)
