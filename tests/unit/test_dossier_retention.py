"""The retention period after closing, the worklist, and anonymising: nothing that identifies the resident
survives in any decrypted page, while the coded fields the counts need stay (dates to the month)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from clientsteun.domain.audit import AuditAction
from clientsteun.domain.errors import NotFound
from clientsteun.domain.privacy import ANONYMOUS, add_months, past_retention, retention_ends, to_month
from clientsteun.services import Services
from clientsteun.store.tables import Base
from tests.conftest import TEST_KEY
from tests.helpers.pages import pages_holding
from tests.helpers.privacy import make_resident


def test_no_period_chosen_puts_nothing_on_the_worklist() -> None:
    assert not past_retention(date(2000, 1, 1), 0, date(2026, 11, 23))


def test_the_period_ends_on_the_same_day_months_later() -> None:
    assert retention_ends(date(2024, 11, 23), 24) == date(2026, 11, 23)
    assert past_retention(date(2024, 11, 23), 24, date(2026, 11, 23))
    assert not past_retention(date(2024, 11, 24), 24, date(2026, 11, 23))
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)  # the last day of a shorter month
    assert not past_retention(None, 24, date(2026, 11, 23))  # an open dossier never


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)), st.integers(min_value=0, max_value=240))
def test_adding_months_keeps_the_day_or_takes_the_last(day: date, months: int) -> None:
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    # The same day, or (a shorter month) its last day.
    assert later.day == day.day or (later.day < day.day and (later + timedelta(days=1)).day == 1)


def test_dates_go_to_the_first_of_their_month() -> None:
    assert to_month(date(2026, 3, 17)) == date(2026, 3, 1)
    assert to_month(datetime(2026, 3, 17, 9, 45, 12)) == datetime(2026, 3, 1)


def test_every_kind_of_record_kept_names_only_fields_that_exist() -> None:
    for table_name, keep in ANONYMOUS.items():
        columns = set(Base.metadata.tables[table_name].columns.keys())
        assert keep.kept | keep.monthly | set(keep.replaced) <= columns, table_name


def _close(services: Services, client_id: int, on: date, reason: str = "verhuisd") -> None:
    services.clients.close_client(client_id, on, reason)


def test_the_worklist_holds_closed_dossiers_past_the_period_with_their_closing_date(services: Services) -> None:
    old, _w1 = make_resident(services, seed=20)
    recent, _w2 = make_resident(services, seed=21)
    still_open, _w3 = make_resident(services, seed=22)
    _close(services, old, date(2026, 4, 2))
    _close(services, recent, date(2026, 10, 5))
    assert services.privacy.retention_list(0) == []  # not chosen
    items = services.privacy.retention_list(6)  # on 23 November 2026
    assert [(item.client_id, item.closed_on, item.ends_on) for item in items] == [
        (old, date(2026, 4, 2), date(2026, 10, 2))
    ]
    assert still_open not in [item.client_id for item in services.privacy.retention_list(1)]


def test_anonymising_leaves_no_identifying_word_in_any_page(services: Services, db_path: Path) -> None:
    client_id, words = make_resident(services, seed=23, municipality="Oldenzaal")
    close_reason = "sluitredenxyzzy"
    _close(services, client_id, date(2026, 4, 2), close_reason)
    other, other_words = make_resident(services, seed=24)
    services.database.checkpoint()
    identifying = (*words.all, close_reason)
    assert pages_holding(db_path, TEST_KEY, *identifying) == set(identifying)

    uuids_before = _uuids(services)
    marks = services.privacy.anonymise_clients([client_id])

    assert [mark.client_id for mark in marks] == [client_id]
    assert pages_holding(db_path, TEST_KEY, *identifying) == set()
    assert pages_holding(db_path, TEST_KEY, *other_words.all) == set(other_words.all)
    # Every record of theirs has a new random UUID: nothing links it to copies of the dossier elsewhere.
    uuids_after = _uuids(services)
    assert len(set(uuids_after.values())) == len(uuids_after)
    changed = {row for row in uuids_before if uuids_before[row] != uuids_after.get(row)}
    assert ("clients", client_id) in changed and ("clients", other) not in changed
    old_uuids = [uuids_before[row] for row in changed]
    assert pages_holding(db_path, TEST_KEY, *old_uuids) == set()  # nor in an index page
    # What the counts need is still there.
    client = services.clients.get_client(client_id)
    assert (client.details.name, client.details.municipality) == ("Geanonimiseerd", "Oldenzaal")
    assert client.details.life_domains == ("finances", "housing")
    assert (client.details.alias, client.details.phone, client.details.network) == ("", "", ())
    assert (client.details.first_contact, client.closed_on) == (date(2026, 3, 1), date(2026, 4, 1))
    dossier = services.clients.get_dossier(client_id)
    assert [(talk.data.kind, talk.data.held_on, talk.data.notes) for talk in dossier.conversations] == [
        ("home_visit", date(2026, 3, 1), "")
    ]
    assert dossier.help_questions == () and dossier.agreements == ()
    routes = services.routes.list_routes(client_id)
    route = routes[0].route
    assert [(view.route.data.kind, view.route.data.title, view.route.data.reference) for view in routes] == [
        ("social_assistance", "", "")
    ]
    assert [(step.data.kind, step.data.on, step.data.note) for step in route.steps] == [
        ("applied", date(2026, 3, 1), "")
    ]
    assert services.routes.get_route(route.id).view.route.evidence == ()
    signals = services.routes.list_signals(client_id)
    assert [(s.data.theme, s.data.on, s.data.description, s.data.shareable) for s in signals] == [
        ("waiting_list", date(2026, 3, 1), "", False)  # nothing left to share: counted, never listed
    ]
    # Off the worklist, and logged by number.
    assert services.privacy.retention_list(6) == []
    line = services.audit.entries()[-1]
    assert (line.action, line.client_id) == (AuditAction.ANONYMISE, client_id)
    assert not any(word in line.detail for word in identifying)
    assert services.clients.get_client(other).details.name.startswith("Anna ")


def _uuids(services: Services) -> dict[tuple[str, int], str]:
    """Every record's UUID by table and row number."""
    found = {}
    with services.database.transaction() as session:
        for table in Base.metadata.sorted_tables:
            if "uuid" in table.c and "id" in table.c:
                for row_id, uuid in session.execute(select(table.c.id, table.c.uuid)):
                    found[(table.name, row_id)] = uuid
    return found


def test_erasing_from_the_worklist_removes_every_one_chosen(services: Services, db_path: Path) -> None:
    first, first_words = make_resident(services, seed=25)
    second, second_words = make_resident(services, seed=26)
    for client_id in (first, second):
        _close(services, client_id, date(2026, 4, 9))
    marks = services.privacy.erase_clients([first, second])
    assert [mark.client_id for mark in marks] == [first, second]
    assert services.clients.list_clients() == []
    assert pages_holding(db_path, TEST_KEY, *first_words.all, *second_words.all) == set()
    erasures = [entry for entry in services.audit.entries() if entry.action is AuditAction.ERASE]
    assert [entry.client_id for entry in erasures] == [first, second]


def test_a_failed_selection_changes_nothing(services: Services) -> None:
    kept, _words = make_resident(services, seed=27)
    with pytest.raises(NotFound):
        services.privacy.anonymise_clients([kept, 999])
    assert services.clients.get_client(kept).details.name.startswith("Anna ")
