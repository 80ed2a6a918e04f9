"""Realistic, fictional Dutch demo data.  Same seed and same reference date, same data.

Names are combined at random from common first names and surnames; no real person is described.
Rows are written in bulk in one transaction, so 200,000 conversations take seconds, not hours.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select

from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import QT_TRANSLATE_NOOP, InvalidInput
from clientsteun.store.database import Database
from clientsteun.store.tables import (
    AgreementRow,
    ClientLifeDomainRow,
    ClientRow,
    ConsentRow,
    ConversationLifeDomainRow,
    ConversationRow,
    HelpQuestionRow,
    NetworkMemberRow,
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
    conversation_id = 0
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
        for version in range(rng.randint(1, 3)):
            rows[HelpQuestionRow].append(
                {
                    "client_id": client_id,
                    "recorded_on": first_contact + timedelta(days=version * 14),
                    "asked": rng.choice(ASKED),
                    "really_wants": rng.choice(WANTS) if version else "",
                }
            )
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
    with database.transaction() as session:
        if session.scalar(select(func.count()).select_from(ClientRow)):
            raise InvalidInput(
                QT_TRANSLATE_NOOP(
                    "errors", "Deze database bevat al inwoners. Demogegevens komen alleen in een lege database."
                )
            )
        for table, values in rows.items():
            if values:
                session.execute(insert(table), values)
    return DemoResult(clients, conversation_id, len(rows[AgreementRow]))


def _spread(total: int, weights: list[float]) -> list[int]:
    """Divide ``total`` over the weights in whole numbers; everyone gets at least one if possible."""
    base = 1 if total >= len(weights) else 0
    rest = total - base * len(weights)
    scale = sum(weights)
    counts = [base + int(rest * w / scale) for w in weights]
    for index in range(total - sum(counts)):
        counts[index % len(counts)] += 1
    return counts
