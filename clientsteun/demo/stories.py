"""Which demo resident gets which story of routes tried.

The first residents (open dossiers first) get the showcase: one story each, together starting
every deadline rule of the catalog, with an overdue term and a meeting ahead.  One resident in
every block waits in a circle (scenario 2).  Others get one to three stories at random.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from clientsteun.demo.care import wlz, wmo, youth_care
from clientsteun.demo.complaints import complaint, other
from clientsteun.demo.housing import housing
from clientsteun.demo.money import assistance, circle, debt
from clientsteun.demo.residents import Resident
from clientsteun.demo.routes import RouteWriter

Story = Callable[[RouteWriter, Resident], None]

ROUTE_SHARE = 0.6  # of the residents get routes at random, besides the ones that show each rule
CIRCLE_EVERY = 20  # one resident in every block of this many waits in a circle (scenario 2)

SHOWCASE: tuple[Story, ...] = (
    partial(housing, sure=True, committee=False, appeal=False),  # scenario 1
    partial(housing, sure=True, committee=True, appeal=True),
    partial(wmo, stage="decided"),
    partial(wmo, stage="stalled"),
    partial(wmo, stage="meeting_ahead"),
    partial(debt, sure=True, threat=False),
    partial(debt, sure=True, threat=True),
    partial(assistance, kind="special_assistance", sure=True, late=True),
    partial(wlz, sure=True, special=False),
    partial(wlz, sure=True, special=True),
    partial(complaint, sure=True, committee=False, hearing_ahead=True),
    partial(complaint, sure=True, committee=True),
)
AT_RANDOM: tuple[tuple[Story, int], ...] = (  # with their weights
    (housing, 18),
    (wmo, 22),
    (debt, 14),
    (partial(assistance, kind="special_assistance"), 12),
    (partial(assistance, kind="social_assistance"), 8),
    (youth_care, 6),
    (wlz, 6),
    (complaint, 5),
    (other, 10),
)


def tell(writer: RouteWriter, residents: Sequence[Resident]) -> None:
    """Every deadline rule started at least once (given 12 residents), a circle in every block, more at random."""
    rng = writer.rng
    plans: dict[int, list[Story]] = {resident.id: [] for resident in residents}
    showcase = list(SHOWCASE)
    first = [r for r in residents if r.is_open] + [r for r in residents if not r.is_open]
    rng.shuffle(showcase)
    for resident, story in zip(first, showcase, strict=False):
        plans[resident.id].append(story)
    for block in range(0, len(residents), CIRCLE_EVERY):
        members = residents[block : block + CIRCLE_EVERY]
        waiting = rng.choice([r for r in members if r.is_open] or list(members))
        plans[waiting.id].append(circle)
    showcased = {resident.id for resident, _ in zip(first, showcase, strict=False)}
    stories, weights = [story for story, _ in AT_RANDOM], [weight for _, weight in AT_RANDOM]
    for resident in residents:
        if rng.random() < ROUTE_SHARE and resident.id not in showcased:  # one story of a kind is enough
            chosen = rng.choices(stories, weights, k=rng.choice((1, 1, 1, 2, 2, 3)))
            plans[resident.id].extend(dict.fromkeys(chosen))
    for resident in residents:
        for story in plans[resident.id]:
            story(writer, resident)
