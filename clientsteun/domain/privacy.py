"""The resident's rights as rules: how long a closed dossier is kept, and what an anonymised one keeps.

No law sets a retention period for independent client support: the organisation chooses it, and the
app suggests ``RETENTION_SUGGESTION_MONTHS`` as a choice, never as a default that holds silently
(``0`` months means "not chosen yet" and puts nothing on the worklist).

An anonymised dossier keeps no direct or indirect identifier: names, alias, address and contact
details, reference numbers, contact persons, the network, attached files and every free text go;
dates go to the first of their month.  What stays is what the counts of a coordinator's report need:
the municipality, areas of life, the kinds of routes with their steps and outcomes, the kinds of
contact, signal themes, and the row numbers and links between rows (internal numbers, not the
resident's).  ``ANONYMOUS`` says it per kind of record; a kind of record it does not name is removed
whole, so a table added later loses its rows until someone decides what of it may stay.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeVar

RETENTION_SUGGESTION_MONTHS = 24  # a suggestion for the settings dialog: two years after closing
ANONYMOUS_NAME = "Geanonimiseerd"  # the name an anonymised dossier carries; it also marks it as such

DateT = TypeVar("DateT", date, datetime)


def add_months(day: date, months: int) -> date:
    """``day`` ``months`` later; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def retention_ends(closed_on: date, months: int) -> date:
    """The first day a dossier closed on ``closed_on`` is past a retention period of ``months``."""
    return add_months(closed_on, months)


def past_retention(closed_on: date | None, months: int, today: date) -> bool:
    """A closed dossier whose period has passed; never while no period is chosen (``months`` 0)."""
    return months > 0 and closed_on is not None and today >= retention_ends(closed_on, months)


@dataclass(frozen=True)
class ResidentMark:
    """How a resident is recognised in a copy of the database: by their UUID, or in a copy from before
    UUIDs by their number with their name or the moment their row was made.  The number alone is not
    enough: SQLite gives the number of a removed last row to the next new one, so an older copy may
    hold somebody else under the same number."""

    client_id: int
    name: str
    created_at: datetime
    uuid: str = ""

    def same(self, name: str, created_at: datetime) -> bool:
        """A row with this number is this resident (the name may have been corrected since)."""
        return name == self.name or created_at == self.created_at


@dataclass(frozen=True)
class RetentionItem:
    """A dossier on the retention worklist."""

    client_id: int
    display_name: str
    municipality: str
    closed_on: date
    ends_on: date  # the day its period passed


def to_month(value: DateT) -> DateT:
    """A date or moment as the first of its month (a moment at midnight)."""
    if isinstance(value, datetime):
        return value.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return value.replace(day=1)


@dataclass(frozen=True)
class Keep:
    """What an anonymised record of one kind keeps.  Its keys and links to other records stay too;
    every other field is emptied (text to '', anything else to nothing)."""

    kept: frozenset[str] = frozenset()  # coded fields, as they are
    monthly: frozenset[str] = frozenset()  # dates, to the first of their month
    replaced: Mapping[str, object] = field(default_factory=dict)  # fields that get this value
    # Fields given a new random value: a record's UUID would link it to the dossier's copies elsewhere
    # (a backup, a colleague's laptop, a summary package).
    renewed: frozenset[str] = frozenset({"uuid"})

    def decides(self, name: str) -> bool:
        return name in self.kept or name in self.monthly or name in self.replaced or name in self.renewed


def _keep(kept: str = "", monthly: str = "", **replaced: object) -> Keep:
    return Keep(frozenset(kept.split()), frozenset(monthly.split()), replaced)


# By kind of record (the table it is stored in).  Not named here: removed whole (the network, consent
# history, help questions, agreements, drafts, evidence with its files, companions, preparations).
ANONYMOUS: Mapping[str, Keep] = {
    "clients": _keep("municipality status", "first_contact closed_on created_at updated_at", name=ANONYMOUS_NAME),
    "client_life_domains": _keep("code"),
    "conversations": _keep("kind medium contact_made duration_minutes", "held_on created_at updated_at"),
    "conversation_life_domains": _keep("code"),
    "routes": _keep("kind life_domain", "created_at updated_at"),
    "route_circumstances": _keep("code"),
    "route_steps": _keep("kind state outcome", "on sent_on received_on new_due_on"),
    "route_documents": _keep("code", "collected_on"),
    "route_links": _keep("kind"),
    # The description is gone, so nothing is left to share: still counted by theme, never listed.
    "signals": _keep("theme municipality", "on", shareable=False),
    "meetings": _keep("kind report_checked", "on report_received_on created_at updated_at"),
    "meeting_routes": _keep(),
}
