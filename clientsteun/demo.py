"""Realistic, fictional Dutch demo data.  Same seed and same reference date, same data.

Names are combined at random from common first names and surnames; no real person is described.
Rows are written in bulk in one transaction, so 200,000 conversations take seconds, not hours.

Many residents also get routes tried (``_Routes``): applications with their steps over time,
decisions with a reason for a refusal, objections, efforts as evidence (some with a small
fictional letter attached), the documents collected, linked routes, waits in a circle and
signals.  The routes come from a random stream of their own, so the residents, conversations and
agreements are the same as without them.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.domain.route_catalog import RouteCatalog
from clientsteun.domain.routes import LinkKind, Outcome, ReversedTest, StepState
from clientsteun.store.database import Database
from clientsteun.store.tables import (
    AgreementRow,
    AttachmentRow,
    ClientLifeDomainRow,
    ClientRow,
    ConsentRow,
    ConversationLifeDomainRow,
    ConversationRow,
    EvidenceRow,
    HelpQuestionRow,
    NetworkMemberRow,
    RouteCircumstanceRow,
    RouteDocumentRow,
    RouteLinkRow,
    RouteRow,
    RouteStepRow,
    SignalRow,
)

FIRST_NAMES = (
    "Anouk", "Fatima", "Sanne", "Priya", "Ingrid", "Lotte", "Yasmina", "Esther", "Naima", "Marieke",
    "Joyce", "Ilse", "Samira", "Chantal", "Wendy", "Daan", "Mohamed", "Kees", "Jeroen", "Bilal",
    "Ruud", "Sven", "Thijs", "Ahmet", "Henk", "Dewi", "Rachid", "Bram", "Tim", "Gerrit",
)  # fmt: skip
SURNAMES = (
    "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "El Amrani", "Yilmaz",
    "Kartosen", "Pinas", "Nguyen", "Wijaya", "de Groot", "Koster", "Prins", "Huisman", "Kaya",
)  # fmt: skip
MUNICIPALITIES = (
    "Utrecht", "Amersfoort", "Zeist", "Nieuwegein", "Houten", "Leusden", "Stichtse Vecht", "De Bilt",
)  # fmt: skip
STREETS = ("Lindelaan", "Molenweg", "Kerkstraat", "Sportlaan", "Beukenhof", "Dorpsstraat", "Vinkenpad")
ROLES = ("zus", "broer", "moeder", "buurvrouw", "mantelzorger", "wijkverpleegkundige", "vriend", "GGZ-behandelaar")
ASKED = (
    "Hulp bij het aanvragen van een urgentieverklaring.",
    "Kan ik een taxivergoeding krijgen voor mijn vrijetijdsbesteding?",
    "Hulp bij een brief van de gemeente over de Wmo.",
    "Ik wil van mijn schulden af.",
    "Hulp bij bezwaar tegen een besluit over bijzondere bijstand.",
    "Ik zoek huishoudelijke hulp.",
    "Mijn energie wordt afgesloten, wat moet ik doen?",
)  # fmt: skip
WANTS = (
    "Een eigen plek voor mij en de kinderen, dicht bij hun school.",
    "Minder alleen zijn en weer onder de mensen komen.",
    "Rust in mijn hoofd en overzicht over mijn post.",
    "Zelf kunnen blijven wonen zonder afhankelijk te zijn van mijn dochter.",
    "Dat ik niet steeds van het kastje naar de muur word gestuurd.",
    "Weer kunnen werken, al is het maar een paar uur.",
)  # fmt: skip
SENTENCES = (
    "Inwoner vertelt over de huurachterstand bij de woningcorporatie.",
    "We hebben samen de brief van de gemeente gelezen en uitgelegd.",
    "Het keukentafelgesprek is gepland; we bereiden de vragen voor.",
    "De schuldhulpverlening wil eerst dat de behandeling bij de GGZ start.",
    "De GGZ wil pas starten als de schulden op orde zijn.",
    "Aanvraag urgentieverklaring besproken; bewijs van zoekgedrag verzameld.",
    "Inwoner staat ingeschreven als woningzoekende sinds vorig jaar.",
    "Samen gebeld met de consulent van de gemeente, geen gehoor.",
    "Inwoner slaapt tijdelijk bij familie en dat geeft spanning.",
    "De kinderen gaan naar school in de wijk, verhuizen is lastig.",
    "We hebben het budgetoverzicht ingevuld met de vaste lasten.",
    "Inwoner is tevreden over het gesprek en voelt zich gehoord.",
    "Bezwaar tegen de afwijzing wordt voorbereid; termijn van zes weken loopt.",
    "Mantelzorger is bij het gesprek aanwezig en vult aan.",
    "Inwoner wil graag meer contact met de buurt, bijvoorbeeld via het buurthuis.",
    "Er is een melding bij de Wmo gedaan; de gemeente neemt contact op.",
    "Afgesproken dat ik meega naar het gesprek met de woningcorporatie.",
    "Inwoner heeft moeite met lezen; we spreken de brieven samen door.",
    "De energieleverancier dreigt af te sluiten; direct contact gezocht.",
    "Het gaat iets beter, de post is weer op orde.",
)  # fmt: skip
AGREEMENTS = (
    ("Inwoner", "Inkomensverklaring opvragen bij de Belastingdienst"),
    ("Cliëntondersteuner", "Gemeente bellen over de stand van de aanvraag"),
    ("Inwoner", "Uittreksel BRP ophalen bij het gemeentehuis"),
    ("Cliëntondersteuner", "Bezwaarschrift samen opstellen"),
    ("Gemeente", "Besluit sturen over de Wmo-aanvraag"),
    ("Inwoner", "Brief van de verhuurder meenemen naar het volgende gesprek"),
    ("Iemand uit het netwerk", "Meegaan naar het keukentafelgesprek"),
)  # fmt: skip


@dataclass(frozen=True)
class DemoResult:
    clients: int
    conversations: int
    agreements: int
    routes: int = 0
    steps: int = 0
    evidence: int = 0
    attachments: int = 0
    signals: int = 0


def fill_demo(
    database: Database,
    catalog: Catalog,
    *,
    clients: int,
    conversations: int | None = None,
    seed: int = 1,
    today: date | None = None,
) -> DemoResult:
    """Fill an empty database with ``clients`` residents and about six conversations each."""
    if clients < 1:
        raise InvalidInput(QT_TRANSLATE_NOOP("errors", "Het aantal inwoners moet 1 of meer zijn."))
    today = today or date.today()
    total = conversations if conversations is not None else clients * 6
    rng = random.Random(seed)
    stamp = datetime.combine(today, time(9, 0))
    kinds = [kind.code for kind in catalog.conversation_kinds]
    media = [medium.code for medium in catalog.media]
    domains = [domain.code for domain in catalog.life_domains]
    # Spread the conversations unevenly, as in real caseloads: some residents have many.
    weights = [rng.paretovariate(1.5) for _ in range(clients)]
    per_client = _spread(total, weights)

    rows: dict[type, list[dict[str, object]]] = {
        table: []
        for table in (
            ClientRow, ClientLifeDomainRow, NetworkMemberRow, ConsentRow, HelpQuestionRow,
            ConversationRow, ConversationLifeDomainRow, AgreementRow,
        )
    }  # fmt: skip
    residents: list[_Resident] = []
    conversation_id = 0
    help_question_id = 0
    for client_id in range(1, clients + 1):
        count = per_client[client_id - 1]
        first_contact = today - timedelta(days=rng.randint(max(40, count * 3), max(90, count * 9)))
        closed_on = today - timedelta(days=rng.randint(1, 30)) if rng.random() < 0.15 else None
        last_day = closed_on or today
        rows[ClientRow].append(
            {
                "id": client_id,
                "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
                "alias": "",
                "phone": f"06-{rng.randint(10000000, 99999999)}",
                "email": "",
                "address": f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                "municipality": rng.choice(MUNICIPALITIES),
                "first_contact": first_contact,
                "status": "open" if closed_on is None else "closed",
                "closed_on": closed_on,
                "close_reason": "" if closed_on is None else "Hulpvraag beantwoord",
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
        client_domains = rng.sample(domains, rng.randint(1, 4))
        rows[ClientLifeDomainRow].extend({"client_id": client_id, "code": code} for code in client_domains)
        for position in range(rng.randint(0, 3)):
            rows[NetworkMemberRow].append(
                {
                    "client_id": client_id,
                    "position": position,
                    "name": rng.choice(FIRST_NAMES),
                    "role": rng.choice(ROLES),
                    "phone": f"06-{rng.randint(10000000, 99999999)}",
                }
            )
        rows[ConsentRow].append(
            {
                "client_id": client_id,
                "given_on": first_contact,
                "may_record": "Gespreksverslagen, afspraken en de stappen die we zetten.",
                "share_with": rng.choice(
                    ("Niemand zonder overleg", "Gemeente (Wmo-consulent)", "Huisarts en gemeente")
                ),
                "valid_until": first_contact + timedelta(days=365),
                "withdrawn_on": None,
                "recorded_at": stamp,
            }
        )
        questions = []
        for version in range(rng.randint(1, 3)):
            help_question_id += 1
            questions.append(help_question_id)
            rows[HelpQuestionRow].append(
                {
                    "id": help_question_id,
                    "client_id": client_id,
                    "recorded_on": first_contact + timedelta(days=version * 14),
                    "asked": rng.choice(ASKED),
                    "really_wants": rng.choice(WANTS) if version else "",
                }
            )
        client = rows[ClientRow][-1]
        residents.append(
            _Resident(
                client_id, str(client["name"]), str(client["municipality"]), first_contact, last_day,
                closed_on is None, tuple(questions),
            )
        )  # fmt: skip
        span = max(1, (last_day - first_contact).days)
        for number in range(count):
            conversation_id += 1
            held_on = first_contact + timedelta(days=0 if number == 0 else rng.randint(1, span))
            rows[ConversationRow].append(
                {
                    "id": conversation_id,
                    "client_id": client_id,
                    "held_on": held_on,
                    "start_time": time(rng.randint(8, 17), rng.choice((0, 15, 30, 45))),
                    "duration_minutes": rng.choice((15, 30, 45, 60, 90)),
                    "kind": "first_meeting" if number == 0 else rng.choice(kinds),
                    "medium": rng.choice(media),
                    "contact_made": rng.random() > 0.05,
                    "participants": "Inwoner en cliëntondersteuner",
                    "notes": " ".join(rng.sample(SENTENCES, rng.randint(3, 7))),
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            for code in rng.sample(client_domains, rng.randint(1, len(client_domains))):
                rows[ConversationLifeDomainRow].append({"conversation_id": conversation_id, "code": code})
            if rng.random() < 0.3:
                who, what = rng.choice(AGREEMENTS)
                due = held_on + timedelta(days=rng.randint(3, 28))
                rows[AgreementRow].append(
                    {
                        "client_id": client_id,
                        "conversation_id": conversation_id,
                        "description": what,
                        "who": who,
                        "due_on": due,
                        "done_on": due - timedelta(days=1) if due < today and rng.random() < 0.8 else None,
                        "created_on": held_on,
                    }
                )
    # A stream of its own: the residents and their conversations stay as they were without routes.
    made = _Routes(catalog.routes, random.Random(f"routes-{seed}"), today)
    made.fill(residents)
    rows.update(made.rows)
    with database.transaction() as session:
        if session.scalar(select(func.count()).select_from(ClientRow)):
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors", "Deze database bevat al inwoners. Demogegevens komen alleen in een lege database."
                )
            )
        for table, values in rows.items():
            if values:
                # Rows with and without a NULL go in one batch, not one INSERT each.
                session.execute(insert(table).execution_options(render_nulls=True), values)
    return DemoResult(
        clients,
        conversation_id,
        len(rows[AgreementRow]),
        routes=len(rows[RouteRow]),
        steps=len(rows[RouteStepRow]),
        evidence=len(rows[EvidenceRow]),
        attachments=len(rows[AttachmentRow]),
        signals=len(rows[SignalRow]),
    )


def _spread(total: int, weights: list[float]) -> list[int]:
    """Divide ``total`` over the weights in whole numbers; everyone gets at least one if possible."""
    base = 1 if total >= len(weights) else 0
    rest = total - base * len(weights)
    scale = sum(weights)
    counts = [base + int(rest * w / scale) for w in weights]
    for index in range(total - sum(counts)):
        counts[index % len(counts)] += 1
    return counts


# -- Routes tried -----------------------------------------------------------------------------------

ROUTE_SHARE = 0.6  # of the residents get routes at random, besides the ones that show each rule
CIRCLE_EVERY = 20  # one resident in every block of this many waits in a circle (scenario 2)
PLAN_AHEAD = 120  # days: a step further ahead than this is not planned yet
HISTORY = 365  # days: routes may have started before the first contact, not longer ago than this
CORPORATIONS = ("Woonstichting De Linde", "Woningcorporatie Het Anker", "Wooncoöperatie Vinkenhof")
MENTAL_HEALTH = ("GGZ-team De Brug", "GGZ-instelling Rivierland", "Praktijk voor psychiatrie Beukenhof")
CONTACTS = ("mevrouw", "meneer")
REFUSED_URGENCY = (
    "Er is geen acute noodsituatie: de inwoner kan tijdelijk bij familie wonen.",
    "De inwoner heeft volgens de gemeente niet genoeg zelf gezocht.",
    "De woonsituatie is volgens de gemeente niet onhoudbaar.",
)  # fmt: skip
REFUSED_OBJECTION = "De bezwaarcommissie vindt dat de gemeente de regels goed heeft toegepast."
SPECIAL_TITLES = (
    "Bijzondere bijstand voor een wasmachine", "Bijzondere bijstand voor de kosten van bewindvoering",
    "Bijzondere bijstand voor bedden voor de kinderen", "Bijzondere bijstand voor de eigen bijdrage",
)  # fmt: skip
REFUSED_ASSISTANCE = (
    "De kosten zijn volgens de gemeente niet noodzakelijk.",
    "De kosten vallen onder de algemene bijstand; de inwoner moet ervoor sparen.",
    "Het inkomen is volgens de gemeente te hoog.",
)  # fmt: skip
WMO_TITLES = (
    "Huishoudelijke hulp via de Wmo", "Begeleiding thuis via de Wmo", "Scootmobiel via de Wmo",
    "Aanpassing van de badkamer via de Wmo", "Dagbesteding via de Wmo",
)  # fmt: skip
PARTLY_WMO = (
    "Minder uren huishoudelijke hulp toegekend dan gevraagd.",
    "Begeleiding toegekend voor een half jaar in plaats van een jaar.",
)  # fmt: skip
REFUSED_WMO = (
    "Volgens de gemeente kan het netwerk de hulp geven.",
    "Volgens de gemeente is er een algemene voorziening die past.",
)  # fmt: skip
SEARCH_EFFORTS = (
    "Gereageerd op {n} woningen via de woningsite",
    "Gereageerd op {n} woningen; nergens uitgenodigd voor een bezichtiging",
    "Bij {n} makelaars gevraagd naar een huurwoning",
)  # fmt: skip
NO_ANSWER = (
    "Gemeente gebeld, geen gehoor",
    "Gemeente gebeld, teruggebeld worden beloofd; niets gehoord",
    "Opnieuw gemaild naar de consulent; geen reactie",
    "Langs geweest bij het loket; de consulent was er niet",
)  # fmt: skip
REVERSED_TESTS = {
    "housing_urgency": ReversedTest(
        wanted_effect="Een eigen woning voor mij en mijn twee kinderen, dicht bij hun school.",
        own_strength="Ik zoek al lang zelf, maar met mijn inkomen kom ik nergens tussen.",
        network="Mijn zus heeft ons tijdelijk opgevangen, maar haar huis is te klein en het geeft spanning.",
        paying_self="Een huis in de vrije sector is te duur met een bijstandsuitkering.",
        general_facility="Gewoon reageren op woningen duurt jaren; zo lang kunnen we niet bij mijn zus blijven.",
        legal_basis="Huisvestingsverordening van de gemeente: urgentie bij een onhoudbare woonsituatie.",
    ),
    "wmo": ReversedTest(
        wanted_effect="Zelf kunnen blijven wonen en het huis schoon houden.",
        own_strength="Door mijn rugklachten kan ik niet meer stofzuigen of de was doen.",
        network="Mijn dochter woont ver weg en werkt fulltime.",
        paying_self="Met alleen AOW kan ik geen schoonmaker betalen.",
        general_facility="De was- en strijkservice van de buurt helpt, maar niet bij het schoonmaken.",
        legal_basis="Wmo 2015, art. 2.3.5: een maatwerkvoorziening voor zelfredzaamheid.",
    ),
    "special_assistance": ReversedTest(
        wanted_effect="Weer schone kleren voor mij en de kinderen.",
        own_strength="Ik heb geen spaargeld; alles gaat naar de vaste lasten.",
        network="Familie kan niet bijspringen.",
        paying_self="Afbetalen lukt niet naast de betalingsregelingen voor de schulden.",
        general_facility="De kringloopwinkel had geen wasmachine die het deed.",
        legal_basis="Participatiewet, art. 35: bijzondere bijstand voor noodzakelijke kosten.",
    ),
    "youth_care": ReversedTest(
        wanted_effect="Dat mijn zoon weer naar school gaat en thuis rust heeft.",
        own_strength="Ik weet niet meer hoe ik hem kan helpen.",
        network="Zijn vader is niet in beeld; oma is ziek.",
        general_facility="De schoolmaatschappelijk werker zegt dat meer nodig is.",
        legal_basis="Jeugdwet, art. 2.3.",
    ),
    "wlz": ReversedTest(
        wanted_effect="Veilig wonen met zorg dichtbij, de hele dag.",
        own_strength="Door de dementie vergeet hij te eten en raakt hij de weg kwijt.",
        network="Zijn vrouw is zelf ziek en kan het niet meer aan.",
        general_facility="Thuiszorg komt drie keer per dag, maar dat is niet genoeg.",
        legal_basis="Wet langdurige zorg, art. 3.2.1.",
    ),
}


@dataclass(frozen=True)
class _Resident:
    id: int
    name: str
    municipality: str
    first_contact: date
    last_day: date  # today, or the day the dossier was closed
    is_open: bool
    help_questions: tuple[int, ...]


@dataclass
class _Route:
    """One route being written: steps follow each other in time and stop where today is reached."""

    routes: _Routes
    resident: _Resident
    id: int
    kind: str
    start: date
    last: date  # the day of the newest step
    going: bool = True  # False once a step lay beyond today: nothing follows it

    def days(self, low: int, high: int) -> date:
        """A day ``low`` to ``high`` days after the newest step."""
        return self.last + timedelta(days=self.routes.rng.randint(low, high))

    def step(
        self,
        on: date,
        kind: str,
        outcome: Outcome | None = None,
        reason: str = "",
        note: str = "",
        *,
        plan: bool = False,
    ) -> bool:
        """Done when ``on`` has come; planned (a meeting ahead) when ``plan``; either way True while it went on."""
        if not self.going:
            return False
        on = max(on, self.last)
        if on <= self.resident.last_day:
            self.routes.add_step(self.id, on, kind, StepState.DONE, outcome, reason, note)
            self.last = on
            return True
        self.going = False
        if plan and self.resident.is_open and on <= self.routes.today + timedelta(days=PLAN_AHEAD):
            self.routes.add_step(self.id, on, kind, StepState.PLANNED, None, "", note)
        return False

    def mark(self, on: date, kind: str, state: StepState, note: str) -> None:
        """A step that was not needed or was missed, on a day that has come."""
        if self.going and on <= self.resident.last_day:
            self.routes.add_step(self.id, max(on, self.start), kind, state, None, "", note)

    def evidence(self, on: date, description: str, attachment: tuple[str, str, bytes] | None = None) -> None:
        if self.start <= on <= self.resident.last_day:
            self.routes.add_evidence(self.id, on, description, attachment)

    def collect(self, share: float) -> None:
        """Mark about ``share`` of the checklist's documents collected, around the start."""
        rng = self.routes.rng
        for code in self.routes.catalog.kind(self.kind).documents:
            on = self.start + timedelta(days=rng.randint(-21, 14))
            if rng.random() < share and on <= self.resident.last_day:
                self.routes.rows[RouteDocumentRow].append({"route_id": self.id, "code": code, "collected_on": on})


@dataclass
class _Routes:
    """Writes the routes tried of the demo residents as rows for a bulk insert."""

    catalog: RouteCatalog
    rng: random.Random
    today: date
    rows: dict[type, list[dict[str, object]]] = field(
        default_factory=lambda: {
            table: []
            for table in (
                RouteRow,
                RouteCircumstanceRow,
                RouteStepRow,
                EvidenceRow,
                AttachmentRow,
                RouteDocumentRow,
                RouteLinkRow,
                SignalRow,
            )
        }
    )

    def fill(self, residents: Sequence[_Resident]) -> None:
        """Every deadline rule started at least once (given 12 residents), a circle in every block, more at random."""
        rng = self.rng
        plans: dict[int, list[Callable[[_Resident], None]]] = {resident.id: [] for resident in residents}
        # The showcase: the first residents (open dossiers first) get one story each that starts
        # every deadline rule of the catalog, an overdue term, and a meeting ahead.
        showcase = [
            lambda r: self.housing(r, sure=True, committee=False, appeal=False),  # scenario 1
            lambda r: self.housing(r, sure=True, committee=True, appeal=True),
            lambda r: self.wmo(r, stage="decided"),
            lambda r: self.wmo(r, stage="stalled"),
            lambda r: self.wmo(r, stage="meeting_ahead"),
            lambda r: self.debt(r, sure=True, threat=False),
            lambda r: self.debt(r, sure=True, threat=True),
            lambda r: self.assistance(r, "special_assistance", sure=True, late=True),
            lambda r: self.wlz(r, sure=True, special=False),
            lambda r: self.wlz(r, sure=True, special=True),
            lambda r: self.complaint(r, sure=True, committee=False, hearing_ahead=True),
            lambda r: self.complaint(r, sure=True, committee=True),
        ]
        first = [r for r in residents if r.is_open] + [r for r in residents if not r.is_open]
        rng.shuffle(showcase)
        for resident, story in zip(first, showcase, strict=False):
            plans[resident.id].append(story)
        for block in range(0, len(residents), CIRCLE_EVERY):
            members = residents[block : block + CIRCLE_EVERY]
            waiting = rng.choice([r for r in members if r.is_open] or list(members))
            plans[waiting.id].append(self.circle)
        stories: tuple[tuple[Callable[[_Resident], None], int], ...] = (
            (self.housing, 18),
            (self.wmo, 22),
            (self.debt, 14),
            (lambda r: self.assistance(r, "special_assistance"), 12),
            (lambda r: self.assistance(r, "social_assistance"), 8),
            (self.youth_care, 6),
            (self.wlz, 6),
            (self.complaint, 5),
            (self.other, 10),
        )
        showcased = {resident.id for resident, _ in zip(first, showcase, strict=False)}
        for resident in residents:
            if rng.random() < ROUTE_SHARE and resident.id not in showcased:  # one story of a kind is enough
                chosen = rng.choices([s for s, _ in stories], [w for _, w in stories], k=rng.choice((1, 1, 1, 2, 2, 3)))
                plans[resident.id].extend(dict.fromkeys(chosen))
        for resident in residents:
            for story in plans[resident.id]:
                story(resident)

    # -- writing rows ----------------------------------------------------------------------------

    def route(
        self,
        resident: _Resident,
        kind: str,
        title: str,
        start: date,
        *,
        organisation: str = "",
        contact: str = "",
        reference: str = "",
        circumstances: tuple[str, ...] = (),
        reversed_test: ReversedTest | None = None,
        life_domain: str = "",
        help_question: bool = False,
    ) -> _Route:
        rows = self.rows[RouteRow]
        route_id = len(rows) + 1
        start = max(start, resident.first_contact - timedelta(days=HISTORY))
        # Recorded in the app at the first contact at the earliest; the minutes keep the order made.
        recorded = datetime.combine(min(max(start, resident.first_contact), resident.last_day), time(9, 0))
        test = reversed_test or ReversedTest()
        rows.append(
            {
                "id": route_id,
                "client_id": resident.id,
                "kind": kind,
                "title": title,
                "help_question_id": resident.help_questions[-1] if help_question else None,
                "life_domain": "" if help_question else life_domain or self.catalog.kind(kind).life_domain,
                "organisation": organisation,
                "contact": contact,
                "reference": reference,
                "wanted_effect": test.wanted_effect,
                "own_strength": test.own_strength,
                "network": test.network,
                "paying_self": test.paying_self,
                "general_facility": test.general_facility,
                "legal_basis": test.legal_basis,
                "created_at": recorded + timedelta(minutes=route_id % 480),
                "updated_at": recorded + timedelta(minutes=route_id % 480),
            }
        )
        self.rows[RouteCircumstanceRow].extend({"route_id": route_id, "code": code} for code in circumstances)
        return _Route(self, resident, route_id, kind, start, start)

    def add_step(
        self, route_id: int, on: date, kind: str, state: StepState, outcome: Outcome | None, reason: str, note: str
    ) -> None:
        rows = self.rows[RouteStepRow]
        rows.append(
            {
                "id": len(rows) + 1,
                "route_id": route_id,
                "on": on,
                "kind": kind,
                "state": state.value,
                "outcome": None if outcome is None else outcome.value,
                "reason": reason,
                "note": note,
            }
        )

    def add_evidence(
        self, route_id: int, on: date, description: str, attachment: tuple[str, str, bytes] | None
    ) -> None:
        rows = self.rows[EvidenceRow]
        evidence_id = len(rows) + 1
        rows.append({"id": evidence_id, "route_id": route_id, "on": on, "description": description})
        if attachment is not None:
            name, media_type, data = attachment
            self.rows[AttachmentRow].append(
                {
                    "evidence_id": evidence_id,
                    "file_name": name,
                    "media_type": media_type,
                    "size": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "data": data,
                }
            )

    def link(self, source: _Route, target: _Route, kind: LinkKind) -> None:
        self.rows[RouteLinkRow].append({"from_route_id": source.id, "to_route_id": target.id, "kind": kind.value})

    def signal(
        self, route: _Route, on: date, theme: str, description: str, organisation: str = "", *, shareable: bool = False
    ) -> None:
        resident = route.resident
        self.rows[SignalRow].append(
            {
                "client_id": resident.id,
                "route_id": route.id,
                "on": min(max(on, route.start), resident.last_day),
                "theme": theme,
                "organisation": organisation,
                "municipality": resident.municipality,
                "description": description,
                "shareable": shareable,
            }
        )

    # -- helpers ---------------------------------------------------------------------------------

    def began(self, resident: _Resident, low: int, high: int) -> date:
        """A start ``low`` to ``high`` days before the resident's last day."""
        return resident.last_day - timedelta(days=self.rng.randint(low, high))

    def contact(self, role: str) -> str:
        return f"{self.rng.choice(CONTACTS)} {self.rng.choice(SURNAMES)}, {role}"

    def reference(self, prefix: str, on: date) -> str:
        return f"{prefix}-{on.year}-{self.rng.randint(10000, 99999)}"

    def letter(self, resident: _Resident, sender: str, on: date, subject: str, *lines: str) -> tuple[str, str, bytes]:
        """A one-page fictional letter as a small PDF."""
        text = [sender, "", f"Aan: {resident.name}", f"Datum: {_dutch_date(on)}", f"Onderwerp: {subject}", "", *lines]
        return (f"{subject.lower().replace(' ', '-')[:40]}-{on.isoformat()}.pdf", "application/pdf", _pdf(text))

    @staticmethod
    def note_file(name: str, *lines: str) -> tuple[str, str, bytes]:
        body = "\n".join((*lines, "", "Verzonnen voorbeeld: geen echte persoon of instantie.", ""))
        return (name, "text/plain", body.encode("utf-8"))

    def object_in_route(self, route: _Route, organisation: str, refused: date) -> None:
        """After a refusal: an objection in the route itself, the resident letting it go, or nothing yet."""
        rng = self.rng
        choice = rng.random()
        if choice < 0.5:
            route.step(
                refused + timedelta(days=rng.randint(10, 40)), "objection", note="Bezwaarschrift samen opgesteld."
            )
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
            self.signal(
                route,
                refused + timedelta(days=rng.randint(1, 10)),
                "information",
                "De afwijzing legt niet uit welke regel is toegepast.",
                organisation,
            )

    # -- stories ---------------------------------------------------------------------------------

    def housing(
        self, r: _Resident, *, sure: bool = False, committee: bool | None = None, appeal: bool | None = None
    ) -> None:
        """Scenario 1: she tried everything, the urgency declaration was refused, objection, granted."""
        rng = self.rng
        committee = rng.random() < 0.4 if committee is None else committee
        city = f"Gemeente {r.municipality}"
        corporation = rng.choice(CORPORATIONS)
        applied = self.began(r, 200, 260) if appeal else self.began(r, 190, 240) if sure else self.began(r, 5, 260)

        seeker = self.route(
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
            self.note_file(
                "reacties-woningsite.txt",
                *(
                    f"{_dutch_date(applied - timedelta(days=30 * month))}: gereageerd op {rng.randint(2, 9)} woningen"
                    for month in range(6, 0, -1)
                ),
            ),
        )
        family = self.route(r, "other", "Tijdelijk wonen bij familie", applied - timedelta(days=rng.randint(60, 200)))
        family.step(family.start, "other", note="Inwoner en de kinderen slapen bij haar zus; dat kan niet lang meer.")
        corp = self.route(
            r,
            "other",
            f"Gevraagd bij {corporation}",
            applied - timedelta(days=rng.randint(20, 60)),
            organisation=corporation,
            contact=self.contact("woonconsulent"),
        )
        corp.step(
            corp.start,
            "conversation",
            note="Woonconsulent zegt dat een urgentieverklaring 'niet mogelijk' is en verwijst naar de gemeente.",
        )

        urgency = self.route(
            r,
            "housing_urgency",
            f"Urgentieverklaring aanvragen bij de gemeente {r.municipality}",
            applied,
            organisation=city,
            contact=self.contact("consulent wonen"),
            reference=self.reference("URG", applied),
            reversed_test=REVERSED_TESTS["housing_urgency"] if sure or rng.random() < 0.5 else None,
            help_question=rng.random() < 0.5,
        )
        urgency.collect(0.9 if sure else 0.6)
        urgency.step(applied, "applied", note="Aanvraag met de bewijsstukken ingediend; kopie gemaakt.")
        urgency.evidence(applied, "Aanvraagformulier met bijlagen ingediend bij het loket")
        urgency.step(urgency.days(7, 21), "info_requested", note="Gemeente vraagt een verklaring van de huisarts.")
        urgency.step(urgency.days(3, 14), "info_supplied", note="Verklaring van de huisarts nagestuurd.")
        urgency.evidence(urgency.last, rng.choice(NO_ANSWER))
        urgency.step(
            urgency.days(5, 20), "conversation", note="Gesprek met de consulent wonen; ik ging mee.", plan=True
        )
        decided = max(applied + timedelta(days=rng.randint(45, 70)), urgency.last + timedelta(days=1))
        refused = sure or appeal or rng.random() < 0.75
        reason = rng.choice(REFUSED_URGENCY)
        if not urgency.step(
            decided, "decision", Outcome.REFUSED if refused else Outcome.GRANTED, reason if refused else ""
        ):
            return
        if rng.random() < 0.3:
            self.signal(
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

        objection = self.route(
            r,
            "objection",
            "Bezwaar tegen de afwijzing van de urgentie",
            decided,
            organisation=city,
            reference=self.reference("BZW", decided),
            circumstances=("committee",) if committee else (),
        )
        self.link(objection, urgency, LinkKind.BELONGS_TO)
        objection.step(decided, "decision", Outcome.REFUSED, reason, "Het besluit waartegen het bezwaar gaat.")
        objection.evidence(
            decided,
            "Brief met de afwijzing ontvangen",
            self.letter(
                r,
                city,
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
        court = self.route(
            r,
            "appeal",
            "Beroep bij de rechtbank over de urgentie",
            objection.last,
            organisation="Rechtbank",
            reference=self.reference("AWB", objection.last),
        )
        self.link(court, objection, LinkKind.BELONGS_TO)
        court.step(court.start, "objection_decision", Outcome.REFUSED, REFUSED_OBJECTION, "Besluit op bezwaar.")
        court.step(
            court.days(14, 35), "appeal", note="Beroep ingesteld met hulp van een advocaat via het Juridisch Loket."
        )
        court.step(court.days(60, 120), "hearing", note="Zitting bij de rechtbank.", plan=True)
        court.step(
            court.days(14, 42),
            "court_ruling",
            Outcome.GRANTED,
            note="Beroep gegrond; de gemeente moet opnieuw beslissen.",
        )

    def wmo(self, r: _Resident, *, stage: str = "") -> None:
        """A Wmo report, the kitchen-table conversation, the investigation's report, application and decision."""
        rng = self.rng
        city = f"Gemeente {r.municipality}"
        age = {"decided": (120, 160), "stalled": (60, 90), "meeting_ahead": (8, 12)}.get(stage, (2, 160))
        reported = self.began(r, *age)
        route = self.route(
            r,
            "wmo",
            rng.choice(WMO_TITLES),
            reported,
            organisation=city,
            contact=self.contact("Wmo-consulent"),
            reference=self.reference("WMO", reported),
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
        if stage == "stalled":
            route.evidence(route.days(20, 30), rng.choice(NO_ANSWER))
            route.evidence(route.days(35, 45), "Gemeente gemaild met de vraag wanneer het verslag komt; geen reactie")
            self.signal(
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
        reason = {Outcome.PARTLY_GRANTED: rng.choice(PARTLY_WMO), Outcome.REFUSED: rng.choice(REFUSED_WMO)}.get(
            outcome, ""
        )
        if route.step(route.days(5, 24), "decision", outcome, reason) and outcome is not Outcome.GRANTED:
            self.object_in_route(route, city, route.last)

    def debt(self, r: _Resident, *, sure: bool = False, threat: bool | None = None) -> None:
        rng = self.rng
        threat = rng.random() < 0.25 if threat is None else threat
        applied = self.began(r, 30, 120) if sure else self.began(r, 2, 160)
        organisation = f"Schuldhulpverlening gemeente {r.municipality}"
        route = self.route(
            r,
            "debt_counselling",
            "Schuldhulp aanvragen bij de gemeente",
            applied,
            organisation=organisation,
            contact=self.contact("schuldhulpverlener"),
            circumstances=("threat",) if threat else (),
            help_question=rng.random() < 0.4,
        )
        route.collect(0.6)
        if threat:
            route.evidence(
                applied,
                "Brief van de energieleverancier: afsluiting over twee weken",
                self.letter(
                    r,
                    "Energieleverancier",
                    applied,
                    "Aankondiging afsluiting",
                    "Wij sluiten de levering af als de achterstand niet is betaald.",
                ),
            )
        route.step(
            applied, "applied", note="Afsluiting dreigt; met spoed aangevraagd." if threat else "Hulpvraag gedaan."
        )
        route.step(
            route.days(1, 6) if threat else route.days(7, 40),
            "conversation",
            note="Eerste gesprek bij de schuldhulp.",
            plan=True,
        )
        route.evidence(route.last, "Budgetoverzicht gemaakt met alle vaste lasten")
        route.step(
            route.days(2, 10), "info_requested", note="Schuldhulp vraagt alle schulden en schuldeisers op een rij."
        )
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
            self.object_in_route(route, organisation, route.last)

    def circle(self, r: _Resident) -> None:
        """Scenario 2: debt counselling waits for treatment, the treatment waits for the debts."""
        rng = self.rng
        start = self.began(r, 45, 160)
        provider = rng.choice(MENTAL_HEALTH)
        organisation = f"Schuldhulpverlening gemeente {r.municipality}"
        treatment = self.route(
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
        debt = self.route(
            r, "debt_counselling", "Schuldhulp aanvragen bij de gemeente", start, organisation=organisation
        )
        debt.collect(0.4)
        debt.step(start, "applied", note="Hulpvraag gedaan bij de schuldhulp.")
        debt.step(debt.days(7, 27), "conversation", note="Schuldhulp wil eerst dat de behandeling bij de GGZ loopt.")
        debt.step(debt.days(3, 14), "info_requested", note="Schuldhulp vraagt een behandelplan van de GGZ.")
        debt.evidence(debt.last, rng.choice(NO_ANSWER))
        self.link(debt, treatment, LinkKind.WAITS_FOR)
        self.link(treatment, debt, LinkKind.WAITS_FOR)
        self.signal(
            debt,
            max(debt.last, treatment.last) + timedelta(days=rng.randint(0, 10)),
            "circular",
            "Schuldhulpverlening wil eerst een behandeling bij de GGZ; de GGZ wil eerst dat de schulden zijn "
            "opgelost. De inwoner wordt van het kastje naar de muur gestuurd.",
            f"{organisation} en {provider}",
            shareable=True,
        )
        if rng.random() < 0.4:
            self.signal(
                treatment, treatment.last, "waiting_list", "Wachttijd van vier maanden voor de intake.", provider
            )

    def assistance(self, r: _Resident, kind: str, *, sure: bool = False, late: bool | None = None) -> None:
        """(Special) assistance: an application, information asked, maybe an extension or a late decision."""
        rng = self.rng
        late = rng.random() < 0.2 if late is None else late
        applied = self.began(r, 85, 120) if sure else self.began(r, 3, 170)
        city = f"Gemeente {r.municipality}"
        special = kind == "special_assistance"
        route = self.route(
            r,
            kind,
            rng.choice(SPECIAL_TITLES) if special else "Bijstandsuitkering aanvragen",
            applied,
            organisation=city,
            contact=self.contact("klantmanager"),
            reference=self.reference("PW", applied),
            reversed_test=REVERSED_TESTS["special_assistance"] if special and rng.random() < 0.4 else None,
        )
        route.collect(0.7)
        route.step(applied, "applied", note="Aanvraag ingediend via de website van de gemeente.")
        route.step(route.days(7, 21), "info_requested", note="Gemeente vraagt de bankafschriften van drie maanden.")
        route.step(
            route.days(3, 20),
            "info_supplied",
            note="Bankafschriften ingeleverd bij het loket; ontvangstbewijs gekregen.",
        )
        if not special:
            route.step(route.days(5, 15), "conversation", note="Gesprek met de klantmanager.", plan=True)
        due = applied + timedelta(weeks=8)
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
                self.letter(
                    r,
                    f"Namens {r.name}",
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
                self.letter(
                    r,
                    city,
                    route.last,
                    "Besluit op uw aanvraag",
                    "Uw aanvraag is toegekend." if granted else f"Uw aanvraag is afgewezen. {reason}",
                ),
            )
            if not granted:
                self.object_in_route(route, city, route.last)

    def youth_care(self, r: _Resident) -> None:
        rng = self.rng
        reported = self.began(r, 3, 150)
        route = self.route(
            r,
            "youth_care",
            "Jeugdhulp voor de oudste zoon",
            reported,
            organisation=f"Gemeente {r.municipality}",
            contact=self.contact("jeugdconsulent"),
            reversed_test=REVERSED_TESTS["youth_care"] if rng.random() < 0.4 else None,
        )
        route.collect(1.0)
        route.step(reported, "reported", note="Melding bij het sociaal wijkteam.")
        route.step(route.days(7, 21), "conversation", note="Gesprek met het wijkteam bij ons thuis.", plan=True)
        route.step(route.days(3, 14), "applied", note="Aanvraag jeugdhulp ingediend.")
        if route.step(route.days(20, 65), "decision", Outcome.GRANTED, note="Ambulante hulp thuis toegekend.") and (
            rng.random() < 0.5
        ):
            self.signal(
                route,
                route.last,
                "waiting_list",
                "Jeugdhulp is toegekend, maar de aanbieder heeft een wachtlijst van zes maanden.",
                "Jeugdhulpaanbieder",
                shareable=rng.random() < 0.5,
            )

    def wlz(self, r: _Resident, *, sure: bool = False, special: bool | None = None) -> None:
        rng = self.rng
        special = rng.random() < 0.25 if special is None else special
        applied = self.began(r, 10, 40) if sure else self.began(r, 3, 120)
        route = self.route(
            r,
            "wlz",
            "Wlz-indicatie aanvragen bij het CIZ",
            applied,
            organisation="CIZ",
            circumstances=("special",) if special else (),
            contact=self.contact("indicatiesteller"),
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
            self.signal(
                route,
                route.last,
                "waiting_list",
                "Indicatie toegekend, maar de wachtlijst voor een plek in een woonvorm is ruim een jaar.",
                shareable=True,
            )

    def complaint(
        self, r: _Resident, *, sure: bool = False, committee: bool | None = None, hearing_ahead: bool = False
    ) -> None:
        rng = self.rng
        committee = rng.random() < 0.3 if committee is None else committee
        sent = self.began(r, 10, 20) if hearing_ahead else self.began(r, 10, 90) if sure else self.began(r, 3, 150)
        city = f"Gemeente {r.municipality}"
        route = self.route(
            r,
            "complaint",
            "Klacht over de bejegening aan het loket",
            sent,
            organisation=city,
            circumstances=("committee",) if committee else (),
            reference=self.reference("KL", sent),
        )
        route.step(sent, "complaint", note="Klachtbrief samen geschreven en gemaild.")
        route.evidence(
            sent,
            "Klachtbrief verstuurd",
            self.letter(
                r,
                f"Namens {r.name}",
                sent,
                "Klacht over de bejegening",
                "Aan het loket werd ik niet serieus genomen.",
                "Ik wil graag een gesprek en excuses.",
            ),
        )
        if not hearing_ahead and rng.random() < 0.15:
            route.step(
                sent + timedelta(days=rng.randint(30, 40)), "extension", note="De afhandeling duurt 4 weken langer."
            )
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
            self.signal(
                route,
                sent,
                "treatment",
                "Inwoner werd aan het loket afgewezen zonder uitleg en voelde zich niet serieus genomen.",
                city,
                shareable=rng.random() < 0.5,
            )

    def other(self, r: _Resident) -> None:
        """Something else tried: no legal term, but it counts as an effort."""
        rng = self.rng
        start = self.began(r, 3, 200)
        title, organisation = rng.choice(
            (
                ("Betalingsregeling met de woningcorporatie", rng.choice(CORPORATIONS)),
                ("Aangemeld bij de voedselbank", "Voedselbank"),
                ("Uitleg gevraagd over de brief van de gemeente", f"Gemeente {r.municipality}"),
            )
        )
        route = self.route(r, "other", title, start, organisation=organisation)
        route.step(start, "applied", note="Per e-mail gevraagd.")
        route.evidence(route.days(3, 10), rng.choice(NO_ANSWER))
        answered = rng.random() < 0.5 or not route.step(
            route.days(14, 30), "no_response", note="Geen reactie op de e-mail."
        )
        if not answered and rng.random() < 0.5:
            self.signal(
                route,
                route.last,
                "no_response",
                f"{organisation} reageert niet op e-mail of telefoon.",
                organisation,
                shareable=rng.random() < 0.5,
            )
        route.step(route.days(7, 20), "conversation", note="Gesprek gehad; er is een afspraak gemaakt.", plan=True)


MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def _dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _pdf(lines: Sequence[str]) -> bytes:
    """A valid one-page PDF with the lines in Helvetica: small, and readable in any PDF viewer."""
    shown = [*lines, "", "Verzonnen voorbeeld voor de demo: geen echte persoon of instantie."]
    text = "\n".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for line in shown
    )
    stream = f"BT /F1 11 Tf 15 TL 56 780 Td\n{text}\nET".encode("cp1252", "replace")
    objects = (
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(stream), stream),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)
