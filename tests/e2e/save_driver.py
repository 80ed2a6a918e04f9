"""The durability harness: a process saves random records and is killed with SIGKILL at random moments.

The child (this file run as a script)::

    python tests/e2e/save_driver.py DB SEED        # the data key, in hex, on the first line of stdin

opens DB exclusively, as the app does, prints ``ready`` and then saves random records until it
is killed: new and changed residents, conversations with notes of up to 20,000 characters
(diacritics, emoji, combining accents, right-to-left text), agreements, autosaved drafts, drafts
turned into conversations, and deletions.  Around every save it prints, flushed at once::

    begin <seq> <operation> <effect> ...     before the transaction starts
    ok <seq> <operation> <effect> ...        after it has committed

An effect is ``kind:id:client:digest``: a record of ``kind`` (client, conversation, agreement,
draft) with ``id`` (``?`` for one not made yet), the resident it belongs to, and the SHA-256 of
its content, or ``-`` for a deletion (deleting a resident removes everything of theirs).

The parent (``DurabilityHarness``, used by tests/e2e/test_durability.py and scripts/durability.py)
starts the child, kills it after a random delay, and then checks the file: it opens with the
instance lock (the dead process's lock does not block), ``quick_check``, ``cipher_integrity_check``,
the foreign keys and the full-text index are sound, and every record the child confirmed with an
``ok`` line, in this round or any earlier one, is there with the same digest.  The one save that
was under way when the kill came (a ``begin`` without its ``ok``) must have happened completely
or not at all.  Then the next round runs on the same, growing file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from statistics import median

from sqlalchemy import select, text
from sqlalchemy.orm import selectinload

from clientsteun import paths
from clientsteun.domain.catalog import load_catalog
from clientsteun.domain.errors import ClientsteunError
from clientsteun.domain.model import (
    AgreementInput,
    ClientInput,
    Consent,
    ConversationInput,
    NetworkMember,
)
from clientsteun.services import Services, mapping
from clientsteun.services.conversations import ConversationService
from clientsteun.store.backups import verify_file
from clientsteun.store.connection import wal_file
from clientsteun.store.database import Database, open_database
from clientsteun.store.tables import AgreementRow, ClientRow, ConversationRow, DraftRow

DRIVER = Path(__file__).resolve()
ROOT = DRIVER.parents[2]

KINDS = ("client", "conversation", "agreement", "draft")
CHILD_MAX_LIFETIME_S = 120.0  # a child the parent failed to kill stops by itself
READY_TIMEOUT_S = 60.0
EXIT_TIMEOUT_S = 15.0
MAX_DRAFTS = 12  # as in the app, drafts are few: they are finished or discarded
MAX_NOTE = 20_000

# --- content ---------------------------------------------------------------------------------------

WORDS = (
    "inwoner", "vertelt", "over", "de", "brief", "van", "de", "gemeente", "huurachterstand", "schuldhulp",
    "bewindvoering", "toeslagen", "belastingdienst", "energierekening", "afspraak", "wijkteam", "mantelzorger",
    "dochter", "zoon", "buurvrouw", "huisarts", "praktijkondersteuner", "fysiotherapie", "medicatie", "slaapt",
    "slecht", "zorgen", "geld", "werk", "uitkering", "participatiewet", "Wmo-indicatie", "huishoudelijke", "hulp",
    "rolstoel", "trapliften", "verhuizing", "urgentie", "woningcorporatie", "incasso", "deurwaarder",
    "betalingsregeling", "aanmaning", "formulier", "DigiD", "inloggen", "lukt", "niet", "samen", "bellen",
    "volgende", "week", "terugkoppeling",
)  # fmt: skip
SPICE = (
    "één", "café", "naïef", "coöperatie", "reünie", "Zoë", "Anaïs", "ﬁets", "Straße", "Ølstad", "Nguyễn",
    "Çelik", "e\u0301e\u0301n", "😀", "👩‍👧‍👦", "🏳️‍🌈", "❤️", "👍🏽", "🇳🇱", "中文", "مرحبا بك", "שלום",
    "€ 1.234,56", "—", "…", "«citaat»", '"dubbel"', "'enkel'", "100%", "a_b", "C:\\pad\\naar", "<b>vet</b>",
    "NULL", "'); DROP TABLE clients; --", "\t", "\n", "\n\n", "\r\n", "  ",
)  # fmt: skip
FIRST_NAMES = ("Vera", "Zoë", "Anaïs", "Jan", "Fatima", "Nguyễn", "Øystein", "Renée", "Bram", "Çağla", "Mo")
LAST_NAMES = ("Fictief", "de Vries-Bakker", "El Amrani", "Janssen", "Müller", "van 't Hek", "O'Neill")
TOWNS = ("Borne", "Den Haag", "Súdwest-Fryslân", "'s-Hertogenbosch", "Enschede", "Zaltbommel")


class Writer:
    """Makes random content from a seeded generator, cheaply: notes are slices of one long text."""

    def __init__(self, rng: random.Random, life_domains: list[str], kinds: list[str], media: list[str]) -> None:
        self.rng = rng
        self.life_domains = life_domains
        self.kinds = kinds
        self.media = media
        pieces: list[str] = []
        length = 0
        while length < 2 * MAX_NOTE:
            piece = rng.choice(SPICE) if rng.random() < 0.12 else rng.choice(WORDS)
            pieces.append(piece)
            pieces.append(rng.choice((" ", " ", " ", ", ", ". ", "\n")))
            length += len(piece) + 1
        self.corpus = "".join(pieces)

    def note(self, label: str) -> str:
        """A note of varied length (mostly short, some up to MAX_NOTE), unique through ``label``."""
        roll = self.rng.random()
        if roll < 0.05:
            return ""
        if roll < 0.6:
            size = self.rng.randint(1, 400)
        elif roll < 0.88:
            size = self.rng.randint(400, 4000)
        else:
            size = self.rng.randint(4000, MAX_NOTE - 100)
        start = self.rng.randrange(len(self.corpus) - size)
        body = self.corpus[start : start + size]
        cut = self.rng.randrange(len(body) + 1)
        return body[:cut] + f" [{label}] " + body[cut:]

    def line(self, size: int = 60) -> str:
        start = self.rng.randrange(len(self.corpus) - size)
        return " ".join(self.corpus[start : start + self.rng.randint(1, size)].split())

    def day(self) -> date:
        return date(2024, 1, 1) + timedelta(days=self.rng.randrange(1100))

    def maybe_day(self) -> date | None:
        return self.day() if self.rng.random() < 0.7 else None

    def domains(self) -> tuple[str, ...]:
        return tuple(self.rng.sample(self.life_domains, self.rng.randint(0, 4)))

    def client(self, *, with_consent: bool) -> ClientInput:
        rng = self.rng
        given = self.day()
        consent = None
        if with_consent or rng.random() < 0.5:
            consent = Consent(
                given_on=given,
                may_record=self.line(200),
                share_with=self.line(80),
                valid_until=given + timedelta(days=rng.randrange(800)) if rng.random() < 0.6 else None,
                withdrawn_on=given + timedelta(days=rng.randrange(400)) if rng.random() < 0.1 else None,
            )
        return ClientInput(
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {rng.randrange(10_000)}",
            alias=rng.choice(("", "", "Mo", "Tante Zoë", "😀")),
            phone=f"06-{rng.randrange(10**8):08d}",
            email=rng.choice(("", "inwoner@example.org", "zoë@voorbeeld.nl")),
            address=f"{rng.choice(('Dorpsstraat', 'Hoofdweg', 'Kerkplein'))} {rng.randint(1, 300)}",
            municipality=rng.choice(TOWNS),
            first_contact=self.maybe_day(),
            life_domains=self.domains(),
            network=tuple(
                NetworkMember(self.line(40) or "Buurvrouw", self.line(30), f"0{rng.randrange(10**9):09d}")
                for _ in range(rng.randint(0, 3))
            ),
            consent=consent,
        )

    def conversation(self, client_id: int, label: str, *, draft: bool = False) -> ConversationInput:
        rng = self.rng
        return ConversationInput(
            client_id=client_id,
            held_on=self.day(),
            kind=rng.choice(self.kinds) if not draft or rng.random() < 0.8 else "",
            medium=rng.choice(self.media),
            start_time=clock_time(rng.randrange(8, 20), rng.randrange(60)) if rng.random() < 0.7 else None,
            duration_minutes=rng.randrange(241) if rng.random() < 0.7 else None,
            contact_made=rng.random() < 0.9,
            participants=self.line(60),
            life_domains=self.domains(),
            notes=self.note(label),
        )

    def agreement(self, client_id: int, conversation_id: int | None, label: str) -> AgreementInput:
        rng = self.rng
        description = self.line(300) if rng.random() < 0.8 else self.note(label)
        return AgreementInput(
            client_id=client_id,
            description=(description.strip() or "Bellen") + f" [{label}]",
            who=rng.choice(("Inwoner", "Cliëntondersteuner", "Gemeente", "Dochter 👩")),
            due_on=self.maybe_day(),
            conversation_id=conversation_id,
        )


# --- digests: the same function over what the child saved and what the parent reads back -----------


def _digest(value: object) -> str:
    plain = dataclasses.asdict(value) if dataclasses.is_dataclass(value) and not isinstance(value, type) else value
    encoded = json.dumps(plain, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def client_digest(details: ClientInput) -> str:
    details = details.validated()
    return _digest(replace(details, life_domains=tuple(sorted(details.life_domains))))


def conversation_digest(data: ConversationInput, *, draft: bool = False) -> str:
    """Drafts are stored as typed (not validated); conversations after validation."""
    data = data if draft else data.validated()
    return _digest(replace(data, life_domains=tuple(sorted(data.life_domains))))


def agreement_digest(data: AgreementInput, done_on: date | None = None) -> str:
    # The link to a conversation is left out: deleting the conversation clears it (ON DELETE SET NULL).
    return _digest({"data": replace(data.validated(), conversation_id=None), "done_on": done_on})


# --- the line protocol ----------------------------------------------------------------------------

Key = tuple[str, int]  # (kind, id)


@dataclass(frozen=True)
class Effect:
    kind: str
    id: int | None  # None: a new record, its id known after the commit
    client: int
    digest: str | None  # None: deleted

    def encode(self) -> str:
        return f"{self.kind}:{'?' if self.id is None else self.id}:{self.client}:{self.digest or '-'}"

    @classmethod
    def decode(cls, word: str) -> Effect:
        kind, id_, client, digest = word.split(":")
        return cls(kind, None if id_ == "?" else int(id_), int(client), None if digest == "-" else digest)


@dataclass(frozen=True)
class Save:
    seq: int
    operation: str
    effects: tuple[Effect, ...]


def parse_lines(lines: Iterable[str]) -> tuple[bool, list[Save], Save | None]:
    """(ready seen, confirmed saves in order, the save under way when the output ended)."""
    ready = False
    confirmed: list[Save] = []
    pending: Save | None = None
    for line in lines:
        word, *rest = line.split()
        if word == "ready":
            ready = True
        elif word in ("begin", "ok"):
            save = Save(int(rest[0]), rest[1], tuple(Effect.decode(item) for item in rest[2:]))
            if word == "begin":
                pending = save
            else:
                if pending is None or pending.seq != save.seq:
                    raise ValueError(f"ok without begin: {line!r}")
                confirmed.append(save)
                pending = None
        else:
            raise ValueError(f"unexpected line from the driver: {line!r}")
    return ready, confirmed, pending


# --- the child --------------------------------------------------------------------------------------


class Child:
    """Saves random records through the services until killed."""

    def __init__(self, services: Services, database: Database, rng: random.Random) -> None:
        catalog = services.catalog
        self.services = services
        self.rng = rng
        self.writer = Writer(
            rng,
            [item.code for item in catalog.life_domains],
            [item.code for item in catalog.conversation_kinds],
            [item.code for item in catalog.media],
        )
        self.known: dict[str, dict[int, int]] = {kind: {} for kind in KINDS}  # kind -> id -> client
        with database.transaction() as session:
            for kind, columns in ID_COLUMNS.items():
                for row_id, client_id in session.execute(select(*columns)):
                    self.known[kind][row_id] = client_id
        self.seq = 0

    def pick(self, kind: str) -> tuple[int, int]:
        """A random existing record of ``kind``: (id, client)."""
        records = self.known[kind]
        row_id = self.rng.choice(list(records))
        return row_id, records[row_id]

    def step(self) -> None:
        self.seq += 1
        operations = self.operations()
        names = list(operations)
        name = self.rng.choices(names, weights=[operations[n][0] for n in names])[0]
        operations[name][1](f"{self.seq}-{self.rng.randrange(10**6)}")

    def operations(self) -> dict[str, tuple[float, Callable[[str], None]]]:
        have = {kind: len(records) for kind, records in self.known.items()}
        clients, conversations, agreements, drafts = (have[kind] for kind in KINDS)
        return {
            "new-client": (8 if clients else 1, self.new_client),
            "edit-client": (6 * bool(clients), self.edit_client),
            "new-conversation": (20 * bool(clients), self.new_conversation),
            "edit-conversation": (10 * bool(conversations), self.edit_conversation),
            "new-agreement": (12 * bool(clients), self.new_agreement),
            "edit-agreement": (8 * bool(agreements), self.edit_agreement),
            "save-draft": (18 * bool(clients), self.save_draft),
            "finish-draft": ((5 if drafts < MAX_DRAFTS else 20) * bool(drafts), self.finish_draft),
            "discard-draft": ((2 if drafts < MAX_DRAFTS else 10) * bool(drafts), self.discard_draft),
            "delete-conversation": (5 * bool(conversations), self.delete_conversation),
            "delete-agreement": (4 * bool(agreements), self.delete_agreement),
            "delete-client": (1 * (clients > 3), self.delete_client),
        }

    def run(self, operation: str, effects: list[Effect], save: Callable[[], list[Effect]]) -> None:
        say(f"begin {self.seq} {operation} {' '.join(effect.encode() for effect in effects)}")
        done = save()
        say(f"ok {self.seq} {operation} {' '.join(effect.encode() for effect in done)}")
        for effect in done:
            if effect.digest is None:
                self.forget(effect)
            else:
                assert effect.id is not None
                self.known[effect.kind][effect.id] = effect.client

    def forget(self, effect: Effect) -> None:
        assert effect.id is not None
        if effect.kind == "client":
            for records in self.known.values():
                for row_id in [row_id for row_id, client in records.items() if client == effect.id]:
                    del records[row_id]
        else:
            del self.known[effect.kind][effect.id]

    def new_client(self, label: str) -> None:
        details = self.writer.client(with_consent=False)
        digest = client_digest(details)

        def save() -> list[Effect]:
            client = self.services.clients.create_client(details)
            return [Effect("client", client.id, client.id, digest)]

        self.run("new-client", [Effect("client", None, 0, digest)], save)

    def edit_client(self, label: str) -> None:
        client_id, _ = self.pick("client")
        details = self.writer.client(with_consent=True)  # the latest consent is what is read back
        effect = Effect("client", client_id, client_id, client_digest(details))

        def save() -> list[Effect]:
            self.services.clients.update_client(client_id, details)
            return [effect]

        self.run("edit-client", [effect], save)

    def new_conversation(self, label: str) -> None:
        client_id, _ = self.pick("client")
        data = self.writer.conversation(client_id, label)
        digest = conversation_digest(data)

        def save() -> list[Effect]:
            conversation = self.services.conversations.save_conversation(None, data)
            return [Effect("conversation", conversation.id, client_id, digest)]

        self.run("new-conversation", [Effect("conversation", None, client_id, digest)], save)

    def edit_conversation(self, label: str) -> None:
        conversation_id, client_id = self.pick("conversation")
        data = self.writer.conversation(client_id, label)
        effect = Effect("conversation", conversation_id, client_id, conversation_digest(data))

        def save() -> list[Effect]:
            self.services.conversations.save_conversation(conversation_id, data)
            return [effect]

        self.run("edit-conversation", [effect], save)

    def _linked_conversation(self, client_id: int) -> int | None:
        if self.rng.random() < 0.5:
            return None
        theirs = [row_id for row_id, client in self.known["conversation"].items() if client == client_id]
        return self.rng.choice(theirs) if theirs else None

    def new_agreement(self, label: str) -> None:
        client_id, _ = self.pick("client")
        data = self.writer.agreement(client_id, self._linked_conversation(client_id), label)
        digest = agreement_digest(data)

        def save() -> list[Effect]:
            agreement = self.services.agreements.save_agreement(None, data)
            return [Effect("agreement", agreement.id, client_id, digest)]

        self.run("new-agreement", [Effect("agreement", None, client_id, digest)], save)

    def edit_agreement(self, label: str) -> None:
        agreement_id, client_id = self.pick("agreement")
        data = self.writer.agreement(client_id, self._linked_conversation(client_id), label)
        effect = Effect("agreement", agreement_id, client_id, agreement_digest(data))

        def save() -> list[Effect]:
            self.services.agreements.save_agreement(agreement_id, data)
            return [effect]

        self.run("edit-agreement", [effect], save)

    def save_draft(self, label: str) -> None:
        """Autosave: a new draft, or the next version of one being typed."""
        if self.known["draft"] and (len(self.known["draft"]) >= MAX_DRAFTS or self.rng.random() < 0.6):
            draft_id, client_id = self.pick("draft")
        else:
            draft_id, client_id = None, self.pick("client")[0]
        data = self.writer.conversation(client_id, label, draft=True)
        digest = conversation_digest(data, draft=True)

        def save() -> list[Effect]:
            saved_id = self.services.conversations.save_draft(draft_id, None, data)
            return [Effect("draft", saved_id, client_id, digest)]

        self.run("save-draft", [Effect("draft", draft_id, client_id, digest)], save)

    def finish_draft(self, label: str) -> None:
        """Save the conversation being typed: it is stored and its draft removed in one step."""
        draft_id, client_id = self.pick("draft")
        data = self.writer.conversation(client_id, label)
        digest = conversation_digest(data)
        removed = Effect("draft", draft_id, client_id, None)

        def save() -> list[Effect]:
            conversation = self.services.conversations.save_conversation(None, data, draft_id=draft_id)
            return [Effect("conversation", conversation.id, client_id, digest), removed]

        self.run("finish-draft", [Effect("conversation", None, client_id, digest), removed], save)

    def _delete(self, operation: str, kind: str, delete: Callable[[int], object]) -> None:
        row_id, client_id = self.pick(kind)
        effect = Effect(kind, row_id, client_id, None)

        def save() -> list[Effect]:
            delete(row_id)
            return [effect]

        self.run(operation, [effect], save)

    def discard_draft(self, label: str) -> None:
        self._delete("discard-draft", "draft", self.services.conversations.discard_draft)

    def delete_conversation(self, label: str) -> None:
        self._delete("delete-conversation", "conversation", self.services.conversations.delete_conversation)

    def delete_agreement(self, label: str) -> None:
        self._delete("delete-agreement", "agreement", self.services.agreements.delete_agreement)

    def delete_client(self, label: str) -> None:
        self._delete("delete-client", "client", self.services.privacy.erase_client)


# Each kind's id column and the column of the resident it belongs to.
ID_COLUMNS = {
    "client": (ClientRow.id, ClientRow.id),
    "conversation": (ConversationRow.id, ConversationRow.client_id),
    "agreement": (AgreementRow.id, AgreementRow.client_id),
    "draft": (DraftRow.id, DraftRow.client_id),
}


def say(line: str) -> None:
    print(line, flush=True)


def child_main(argv: list[str]) -> int:
    db, seed = Path(argv[1]), int(argv[2])
    key = bytes.fromhex(sys.stdin.readline().strip())  # never on the command line
    database = open_database(db, key, exclusive=True, create=False)
    services = Services.create(database, load_catalog(paths.catalog_dir()))
    child = Child(services, database, random.Random(seed))
    say("ready")
    deadline = time.monotonic() + CHILD_MAX_LIFETIME_S
    while time.monotonic() < deadline:
        child.step()
    return 3  # the parent should have killed this process long ago


# --- the parent ------------------------------------------------------------------------------------

Model = dict[Key, tuple[int, str]]  # (kind, id) -> (client, digest)


def read_ids(database: Database) -> dict[Key, int]:
    """Every record's key and resident, without its content."""
    found: dict[Key, int] = {}
    with database.transaction() as session:
        for kind, columns in ID_COLUMNS.items():
            for row_id, client_id in session.execute(select(*columns)):
                found[(kind, row_id)] = client_id
    return found


def read_digests(database: Database, keys: Iterable[Key]) -> dict[Key, str]:
    """The digest of each record in ``keys``, read back through the app's own mapping."""
    wanted: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for kind, row_id in keys:
        wanted[kind].append(row_id)
    found: dict[Key, str] = {}
    if wanted["draft"]:
        draft_ids = set(wanted["draft"])
        for draft in ConversationService(database, datetime.now).list_drafts():
            if draft.id in draft_ids:
                found[("draft", draft.id)] = conversation_digest(draft.data, draft=True)
    with database.transaction() as session:
        for ids in _chunks(wanted["client"]):
            clients = select(ClientRow).where(ClientRow.id.in_(ids))
            relations = (ClientRow.life_domains, ClientRow.network, ClientRow.consents)
            for client in session.scalars(clients.options(*(selectinload(r) for r in relations))):
                found[("client", client.id)] = client_digest(mapping.client(client).details)
        for ids in _chunks(wanted["conversation"]):
            conversations = select(ConversationRow).where(ConversationRow.id.in_(ids))
            for conversation in session.scalars(conversations.options(selectinload(ConversationRow.life_domains))):
                found[("conversation", conversation.id)] = conversation_digest(mapping.conversation(conversation).data)
        for ids in _chunks(wanted["agreement"]):
            for row in session.scalars(select(AgreementRow).where(AgreementRow.id.in_(ids))):
                agreement = mapping.agreement(row)
                found[("agreement", row.id)] = agreement_digest(agreement.data, agreement.done_on)
    return found


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def apply(model: Model, effects: Iterable[Effect]) -> tuple[Model, list[Effect]]:
    """The model after ``effects``; new records whose id is not known yet are returned apart."""
    after = dict(model)
    unplaced: list[Effect] = []
    for effect in effects:
        if effect.digest is None:
            if effect.kind == "client":
                for key in [key for key, (client, _) in after.items() if client == effect.id]:
                    del after[key]
            elif effect.id is not None:
                after.pop((effect.kind, effect.id), None)
        elif effect.id is None:
            unplaced.append(effect)
        else:
            after[(effect.kind, effect.id)] = (effect.client, effect.digest)
    return after, unplaced


def compare(
    expected: Model, unplaced: list[Effect], ids: dict[Key, int], digests: dict[Key, str]
) -> tuple[list[str], Model]:
    """Problems when the file does not hold exactly ``expected`` plus the new records ``unplaced``.

    Records in ``digests`` have their content compared, the others only their presence.  Returns
    the problems and the model completed with the ids the new records got.
    """
    problems: list[str] = []
    for key in sorted(expected.keys() - ids.keys()):
        problems.append(f"{key[0]} {key[1]} confirmed but missing")
    for key in sorted(expected.keys() & ids.keys()):
        client, digest = expected[key]
        if ids[key] != client:
            problems.append(f"{key[0]} {key[1]} belongs to resident {ids[key]}, not {client}")
        elif key in digests and digests[key] != digest:
            problems.append(f"{key[0]} {key[1]} holds other content than was confirmed")
    completed = dict(expected)
    waiting = list(unplaced)
    for key in sorted(ids.keys() - expected.keys()):
        kind, row_id = key
        match = next(
            (
                effect
                for effect in waiting
                if effect.kind == kind
                and effect.digest == digests.get(key)
                and (kind == "client" or effect.client == ids[key])
            ),
            None,
        )
        if match is None:
            problems.append(f"{kind} {row_id} is there but was neither confirmed nor under way")
            continue
        waiting.remove(match)
        completed[key] = (ids[key], match.digest or "")
    for effect in waiting:
        problems.append(f"the new {effect.kind} of the save is missing")
    return problems, completed


def keys_to_compare(model: Model, confirmed: list[Save], pending: Save | None, ids: dict[Key, int]) -> set[Key]:
    """The records whose content a quick check compares: those saved in this round, and new ones."""
    saves = [*confirmed, *([pending] if pending is not None else [])]
    touched = {(effect.kind, effect.id) for save in saves for effect in save.effects if effect.id is not None}
    return (touched | (ids.keys() - model.keys())) & ids.keys()


def judge(
    model: Model, confirmed: list[Save], pending: Save | None, ids: dict[Key, int], digests: dict[Key, str]
) -> tuple[list[str], Model, bool | None]:
    """Problems when the file lacks a confirmed save or holds part of one, the model for the next round,
    and whether the save under way was stored (None: there was none, or the file fits neither way).

    ``model`` is what the file held after the previous round; ``confirmed`` the saves with an ``ok``
    line since; ``pending`` the save begun and not confirmed, which must be there completely or not
    at all.  ``ids`` and ``digests`` are what the file holds now.
    """
    before = model
    for save in confirmed:
        before, unplaced = apply(before, save.effects)
        if unplaced:
            raise ValueError(f"confirmed save {save.seq} without the ids of its new records")
    problems, completed = compare(before, [], ids, digests)
    if pending is None:
        return problems, completed, None
    if not problems:
        return [], completed, False
    after, unplaced = apply(before, pending.effects)
    problems_after, completed_after = compare(after, unplaced, ids, digests)
    if not problems_after:
        return [], completed_after, True
    return (
        [
            f"save {pending.seq} ({pending.operation}) fits neither before nor after it; "
            f"without it: {', '.join(problems[:3])}; with it: {', '.join(problems_after[:3])}"
        ],
        completed,
        None,
    )


def wal_frames_after_commit(db: Path) -> int:
    """Frames of the write-ahead log after its last commit frame: a transaction was being written.

    Frame headers are not encrypted (SQLCipher encrypts the pages inside).  Only frames of the
    current generation (same salts as the log's header) count.  Each round starts without a log
    (the parent closes the file cleanly), so no stale frames of an earlier crash can be counted.
    """
    wal = wal_file(db)
    if not wal.exists():
        return 0
    with wal.open("rb") as handle:
        header = handle.read(32)
        if len(header) < 32:
            return 0
        page_size, salts = struct.unpack(">I", header[8:12])[0], header[16:24]
        frames = after_commit = 0
        while len(frame := handle.read(24)) == 24 and frame[8:16] == salts:
            frames += 1
            after_commit = 0 if struct.unpack(">I", frame[4:8])[0] else after_commit + 1
            handle.seek(page_size, os.SEEK_CUR)
    return after_commit


@dataclass
class Round:
    number: int
    seed: int
    kill_at_s: float  # after the start of the process
    kill_from: str  # "start": timed from the start; "ready": from the moment the file was open
    ready_s: float | None  # when the child had the file open and began saving; None: killed before
    confirmed: int  # saves confirmed in this round
    under_way: str | None  # the operation of a save begun and not confirmed when the kill came
    under_way_stored: bool | None  # that save was found stored (killed after its commit) or not
    wal_frames_after_commit: int  # > 0: killed while the transaction was written to the log
    wal_after_kill: bool
    wal_missing_reported: bool  # what open_database says to the app
    check_s: float
    full: bool  # every record's content compared, not only this round's
    db_bytes: int
    records: int | None  # None: the file did not open
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        ready = "-" if self.ready_s is None else f"{self.ready_s:.2f}s"
        under_way = "-"
        if self.under_way is not None:
            under_way = self.under_way + {True: " (stored)", False: " (not stored)", None: ""}[self.under_way_stored]
        torn = f"  {self.wal_frames_after_commit} frames after the last commit" if self.wal_frames_after_commit else ""
        verdict = "OK" if not self.problems else "FAIL: " + "; ".join(self.problems[:3])
        records = "-" if self.records is None else str(self.records)
        return (
            f"round {self.number:4d}  kill {self.kill_at_s:5.2f}s ({self.kill_from:5})  ready {ready:>6}  "
            f"confirmed {self.confirmed:4d}  check {self.check_s:5.2f}s{' full' if self.full else '     '}  "
            f"{records:>6} records {self.db_bytes / 2**20:6.1f} MiB  {verdict}  under way: {under_way}{torn}"
        )


class DurabilityHarness:
    """Rounds of start, random SIGKILL, check, all on one database file in ``folder``."""

    def __init__(self, folder: Path, key: bytes, *, seed: int, full_every: int = 1) -> None:
        self.folder = folder
        self.key = key
        self.rng = random.Random(seed)
        self.full_every = full_every
        self.db_path = folder / "durability.db"
        self.stderr_path = folder / "driver-stderr.txt"
        self.model: Model = {}
        self.rounds: list[Round] = []
        folder.mkdir(parents=True, exist_ok=True)
        open_database(self.db_path, key, exclusive=True).close()  # made here: a kill while making it is another test

    def kill_moment(self) -> tuple[str, float]:
        """When to kill: mostly while saving (often in the first moments), sometimes during the start."""
        roll = self.rng.random()
        if roll < 0.2:
            return "start", self.rng.uniform(0.0, 1.0)  # the first second: start-up and the first saves
        if roll < 0.5:
            return "ready", self.rng.expovariate(1 / 0.03)  # the very first saves
        return "ready", self.rng.uniform(0.0, 0.8)

    def run_round(
        self, *, kill: tuple[str, float] | None = None, after_kill: Callable[[Path], None] | None = None
    ) -> Round:
        """One start, kill and check.  ``kill`` fixes the moment; ``after_kill`` may tamper with the file."""
        number = len(self.rounds) + 1
        seed = self.rng.randrange(2**32)
        kill_from, delay = kill or self.kill_moment()
        lines, ready_s, kill_at_s, exit_code, stderr = self._run_child(seed, kill_from, delay)
        if after_kill is not None:
            after_kill(self.db_path)
        problems: list[str] = []
        if exit_code != -signal.SIGKILL:
            problems.append(f"the driver ended by itself (exit code {exit_code}): {stderr[-2000:]}")
        try:
            ready, confirmed, pending = parse_lines(lines)
        except ValueError as error:
            problems.append(str(error))
            ready, confirmed, pending = False, [], None
        wal_after_kill = wal_file(self.db_path).exists()
        torn_frames = wal_frames_after_commit(self.db_path)
        started = time.perf_counter()
        full = number % self.full_every == 0
        found, wal_missing, records, stored = self.check(confirmed, pending, full=full)
        problems += found
        if wal_after_kill and wal_missing:
            problems.append("the app would report a lost write-ahead log, but it was there")
        result = Round(
            number=number,
            seed=seed,
            kill_at_s=kill_at_s,
            kill_from=kill_from,
            ready_s=ready_s if ready else None,
            confirmed=len(confirmed),
            under_way=None if pending is None else pending.operation,
            under_way_stored=stored,
            wal_frames_after_commit=torn_frames,
            wal_after_kill=wal_after_kill,
            wal_missing_reported=wal_missing,
            check_s=time.perf_counter() - started,
            full=full,
            db_bytes=self.db_path.stat().st_size,
            records=records,
            problems=problems,
        )
        self.rounds.append(result)
        return result

    def _run_child(self, seed: int, kill_from: str, delay: float) -> tuple[list[str], float | None, float, int, str]:
        env = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
        env["PYTHONPATH"] = str(ROOT)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        ready_at: list[float] = []
        is_ready = threading.Event()
        lines: list[str] = []
        with self.stderr_path.open("w") as stderr:
            started = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, str(DRIVER), str(self.db_path), str(seed)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                encoding="utf-8",
                env=env,
            )

            def read() -> None:
                assert process.stdout is not None
                for raw in process.stdout:
                    if not raw.endswith("\n"):
                        break  # a line cut off by the kill was never confirmed
                    lines.append(raw[:-1])
                    if raw == "ready\n":
                        ready_at.append(time.perf_counter() - started)
                        is_ready.set()

            reader = threading.Thread(target=read, daemon=True)
            reader.start()
            try:
                assert process.stdin is not None
                process.stdin.write(self.key.hex() + "\n")
                process.stdin.close()
                if kill_from == "ready":
                    deadline = time.perf_counter() + READY_TIMEOUT_S
                    while not is_ready.wait(0.05) and process.poll() is None and time.perf_counter() < deadline:
                        pass
                    time.sleep(delay)
                else:
                    time.sleep(max(0.0, delay - (time.perf_counter() - started)))
                kill_at = time.perf_counter() - started
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
            finally:
                if process.poll() is None:  # whatever went wrong above, no process is left behind
                    process.kill()
                exit_code = process.wait(timeout=EXIT_TIMEOUT_S)
                reader.join(timeout=EXIT_TIMEOUT_S)
                if process.stdout is not None:
                    process.stdout.close()
        return lines, ready_at[0] if ready_at else None, kill_at, exit_code, self.stderr_path.read_text("utf-8")

    def check(
        self, confirmed: list[Save], pending: Save | None, *, full: bool
    ) -> tuple[list[str], bool, int | None, bool | None]:
        """Problems found after a kill, whether the app would warn of a lost WAL, the record count,
        and whether the save under way was stored."""
        try:
            database = open_database(self.db_path, self.key, exclusive=True, create=False, check=True)
        except Exception as error:  # the very thing this harness looks for: report, do not crash
            return (
                [f"the database does not open: {type(error).__name__} {getattr(error, 'detail', error)}"],
                False,
                None,
                None,
            )
        try:
            problems = [f"integrity: {problem}" for problem in verify_file(self.db_path, self.key)]
            problems += self._structure_problems(database, full=full)
            ids = read_ids(database)
            keys = ids.keys() if full else keys_to_compare(self.model, confirmed, pending, ids)
            found, model, stored = judge(self.model, confirmed, pending, ids, read_digests(database, keys))
            problems += found
            self.model = read_full(database) if problems else model  # after a failure, go on from the file
            return problems, database.wal_missing, len(ids), stored
        except ClientsteunError as error:  # opened, but reading it failed: as bad as not opening
            return [f"the database cannot be read: {type(error).__name__} {error.detail}"], False, None, None
        finally:
            database.close()

    def _structure_problems(self, database: Database, *, full: bool) -> list[str]:
        problems = []
        with database.transaction() as session:
            connection = session.connection()
            for row in connection.exec_driver_sql("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: {tuple(row)}")
            if full:
                try:  # the note index must match the notes (FTS5 external content)
                    connection.execute(
                        text("INSERT INTO conversation_fts(conversation_fts, rank) VALUES ('integrity-check', 1)")
                    )
                except Exception as error:
                    problems.append(f"search index: {type(error).__name__}")
        return problems

    def final_check(self) -> list[str]:
        """Every record compared with what was confirmed, after the last round."""
        database = open_database(self.db_path, self.key, exclusive=True, create=False, check=True)
        try:
            ids = read_ids(database)
            problems, _ = compare(self.model, [], ids, read_digests(database, ids.keys()))
            problems += self._structure_problems(database, full=True)
            return problems
        finally:
            database.close()


def read_full(database: Database) -> Model:
    ids = read_ids(database)
    digests = read_digests(database, ids.keys())
    return {key: (client, digests[key]) for key, client in ids.items()}


def summary(rounds: list[Round], total_s: float) -> list[str]:
    """The figures of a run, as lines of text."""
    failed = [r for r in rounds if r.problems]
    started = [r for r in rounds if r.ready_s is not None]
    checks = sorted(r.check_s for r in rounds)
    ready = sorted(r.ready_s for r in started if r.ready_s is not None)
    last = rounds[-1] if rounds else None
    under_way = [r for r in rounds if r.under_way is not None]
    figures = [
        ("rounds (SIGKILLs)", len(rounds)),
        ("failed rounds", len(failed)),
        ("confirmed saves checked", sum(r.confirmed for r in rounds)),
        ("kills before the file was open", len(rounds) - len(started)),
        ("kills between two saves", sum(r.under_way is None for r in started)),
        ("kills with a save under way", len(under_way)),
        ("  of which the save was stored", sum(r.under_way_stored is True for r in under_way)),
        ("  of which the save was not stored", sum(r.under_way_stored is False for r in under_way)),
        ("kills while a transaction was written to the WAL", sum(r.wal_frames_after_commit > 0 for r in rounds)),
        ("WAL present after the kill", sum(r.wal_after_kill for r in rounds)),
        ("'WAL lost' warning at the next open", sum(r.wal_missing_reported for r in rounds)),
        ("rounds with every record compared", sum(r.full for r in rounds)),
        ("records at the end", (last.records if last else 0) or 0),
        ("database size at the end", f"{(last.db_bytes if last else 0) / 2**20:.1f} MiB"),
        ("start-up to first save (median)", f"{median(ready) if ready else 0:.2f} s"),
        (
            "check after a kill (median / max)",
            f"{median(checks) if checks else 0:.2f} s / {max(checks, default=0):.2f} s",
        ),
        ("total time", f"{total_s:.0f} s ({total_s / max(len(rounds), 1):.2f} s a round)"),
    ]
    return [f"{name:<50} {value}" for name, value in figures]


if __name__ == "__main__":
    sys.exit(child_main(sys.argv))
