"""Erasing a resident leaves nothing of them in any page of the database or its log, decrypted with the
key (free pages included), nor in the settings or the log files, nor in the backups rewritten without them."""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from clientsteun.domain.audit import AuditAction, first_broken
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.errors import NotFound
from clientsteun.domain.retention import RetentionPolicy
from clientsteun.services import Services
from clientsteun.settings import Settings
from clientsteun.store.backups import BackupFolder, aside_name, holds_resident, restore, verify_file
from clientsteun.store.database import open_database
from tests.conftest import NOW, TEST_KEY, FakeClock
from tests.helpers.pages import check_page_one, pages_holding
from tests.helpers.privacy import make_resident


def test_the_page_reader_reads_the_file_and_finds_what_is_there(services: Services, db_path: Path) -> None:
    _client, words = make_resident(services, seed=1)
    check_page_one(db_path, TEST_KEY)
    # Before erasing, every word is in some page of the file or its log: the reader sees them.
    assert pages_holding(db_path, TEST_KEY, *words.all) == set(words.all)


def test_erasing_leaves_no_word_of_the_resident_in_any_page(services: Services, db_path: Path) -> None:
    kept, kept_words = make_resident(services, seed=2)
    gone, words = make_resident(services, seed=3)
    services.database.checkpoint()  # their words now in the file's pages, not only in the log
    assert pages_holding(db_path, TEST_KEY, *words.all) == set(words.all)

    erased = services.privacy.erase_client(gone)

    assert erased.log_emptied
    assert (erased.resident.client_id, erased.resident.name) == (gone, f"Anna {words.words['name']}")
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert pages_holding(db_path, TEST_KEY, *words.all) == set()
    # The other resident is all there, and searching finds their notes but not the erased one's.
    assert pages_holding(db_path, TEST_KEY, *kept_words.all) == set(kept_words.all)
    assert [hit.client_id for hit in services.conversations.search(kept_words.words["notes"])] == [kept]
    assert services.conversations.search(words.words["notes"]) == []
    assert [draft.data.client_id for draft in services.conversations.list_drafts()] == [kept]


def test_the_search_index_forgets_deleted_words_in_a_database_made_before(
    db_path: Path, clock: FakeClock, catalog: Catalog
) -> None:
    database = open_database(db_path, TEST_KEY)
    with database.transaction() as session:  # as a database made before this version: the option off
        session.connection().exec_driver_sql("DELETE FROM conversation_fts_config WHERE k = 'secure-delete'")
    database.close()
    services = Services.create(open_database(db_path, TEST_KEY), catalog, clock)  # opening switches it on
    try:
        with services.database.transaction() as session:
            found = (
                session.connection()
                .exec_driver_sql("SELECT v FROM conversation_fts_config WHERE k = 'secure-delete'")
                .scalar()
            )
        assert found == 1
        gone, words = make_resident(services, seed=4)
        services.privacy.erase_client(gone)
        assert pages_holding(db_path, TEST_KEY, words.words["notes"]) == set()
    finally:
        services.close()


def test_every_connection_overwrites_what_it_deletes(services: Services) -> None:
    with services.database.transaction() as session:
        assert session.connection().exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_erasing_is_logged_once_by_number_without_the_name(services: Services) -> None:
    gone, words = make_resident(services, seed=5)
    before = services.audit.entries()
    services.privacy.erase_client(gone)
    entries = services.audit.entries()
    assert len(entries) == len(before) + 1
    line = entries[-1]
    assert (line.action, line.client_id) == (AuditAction.ERASE, gone)
    assert not any(word in line.detail or word in line.user for word in words.all)
    assert first_broken(entries) is None


def test_a_failed_erasure_changes_nothing(services: Services) -> None:
    before = services.audit.entries()
    with pytest.raises(NotFound):
        services.privacy.erase_client(4321)
    assert services.audit.entries() == before


def test_no_word_reaches_the_log_or_the_settings_file(
    services: Services, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = Settings(tmp_path / "settings.ini")
    settings.retention_months = 24
    gone, words = make_resident(services, seed=6)
    services.privacy.erase_client(gone)
    text = caplog.text + settings.file.read_text(encoding="utf-8")
    text += "".join(path.read_text(errors="replace") for path in tmp_path.rglob("*.log"))
    assert not any(word in text for word in words.all)


def _backup(services: Services, folder: BackupFolder, reason: str, at: datetime) -> Path:
    return folder.make(services.database.path, TEST_KEY, reason=reason, now=at).path


def test_the_confirmation_names_the_backups_that_hold_the_resident(services: Services, db_path: Path) -> None:
    gone, _words = make_resident(services, seed=7)
    folder = BackupFolder.beside(db_path, services.database.database_id)
    daily = _backup(services, folder, "dagelijks", NOW - timedelta(days=1))
    before_upgrade = _backup(services, folder, "voor-bijwerken", NOW - timedelta(hours=2))
    policy = RetentionPolicy(daily=7, weekly=4)

    copies = services.privacy.copies(gone, policy, second_folder=str(db_path.parent / "stick-not-there"))

    assert {copy.path for copy in copies.held} == {daily, before_upgrade}
    assert {copy.path: copy.ages_out for copy in copies.held} == {daily: True, before_upgrade: False}
    assert copies.last_leaves_on is None  # the copy before an upgrade is never pruned
    assert copies.second_unreachable
    assert copies.manual_backups == ()

    services.privacy.rewrite_backups(copies.resident)
    only_daily = services.privacy.copies(gone, policy)
    assert only_daily.held == ()


def test_the_last_rotating_backup_ages_out_on_a_day_the_rules_give(services: Services, db_path: Path) -> None:
    gone, _words = make_resident(services, seed=8)
    folder = BackupFolder.beside(db_path, services.database.database_id)
    _backup(services, folder, "dagelijks", NOW - timedelta(hours=1))
    copies = services.privacy.copies(gone, RetentionPolicy(daily=7, weekly=4))
    assert [copy.ages_out for copy in copies.held] == [True]
    # Made on Monday 23 November 2026: the daily backups of the same week take the week's place, so it is
    # kept as the newest of its day until seven newer days have one, the 30th.
    assert copies.last_leaves_on == date(2026, 11, 30)


def test_manual_backups_are_named_as_copies_the_app_cannot_reach(services: Services, tmp_path: Path) -> None:
    gone, _words = make_resident(services, seed=9)
    services.audit.record(AuditAction.BACKUP, detail="handmatig")
    copies = services.privacy.copies(gone, RetentionPolicy())
    assert copies.manual_backups == (NOW,)


def test_rewritten_backups_hold_no_word_of_the_resident_and_still_restore(services: Services, db_path: Path) -> None:
    kept, kept_words = make_resident(services, seed=10)
    gone, words = make_resident(services, seed=11)
    folder = BackupFolder.beside(db_path, services.database.database_id)
    backups = [
        _backup(services, folder, "dagelijks", NOW - timedelta(days=2)),
        _backup(services, folder, "voor-bijwerken", NOW - timedelta(days=1)),
    ]
    for backup in backups:
        assert pages_holding(backup, TEST_KEY, words.words["notes"], words.words["file"]) == {
            words.words["notes"],
            words.words["file"],
        }
    erased = services.privacy.erase_client(gone)

    result = services.privacy.rewrite_backups(erased.resident)

    assert (result.rewritten, result.failed) == (2, ())
    assert [backup.path for backup in folder.backups()][::-1] == backups  # same names, same order
    for backup in backups:
        assert verify_file(backup, TEST_KEY) == []
        assert pages_holding(backup, TEST_KEY, *words.all) == set()
        assert pages_holding(backup, TEST_KEY, *kept_words.all) == set(kept_words.all)
    line = services.audit.entries()[-1]
    assert (line.action, line.client_id) == (AuditAction.BACKUPS_REWRITTEN, gone)
    # The app's restore accepts a rewritten backup, and it has the other resident without the erased one.
    services.close()
    restore(db_path, TEST_KEY, backups[0])
    restored = open_database(db_path, TEST_KEY, create=False)
    try:
        with restored.transaction() as session:
            ids = session.connection().exec_driver_sql("SELECT id FROM clients").scalars().all()
    finally:
        restored.close()
    assert ids == [kept]


def test_a_reused_number_is_not_taken_for_the_erased_resident(
    services: Services, db_path: Path, clock: FakeClock
) -> None:
    first, _words = make_resident(services, seed=12)
    folder = BackupFolder.beside(db_path, services.database.database_id)
    old = _backup(services, folder, "dagelijks", NOW - timedelta(days=1))
    erased = services.privacy.erase_client(first).resident  # its number is free again ...
    clock.value += timedelta(minutes=3)
    second, _other = make_resident(services, seed=13)
    assert second == first  # ... and SQLite gives it to the next resident
    copies = services.privacy.copies(second, RetentionPolicy())
    assert copies.held == ()  # the backup holds the first one under that number, not this one
    assert services.privacy.rewrite_backups(copies.resident).rewritten == 0
    assert old.exists()
    # Read as a copy from before UUIDs is read: by number, with the name or the moment the row was made.
    assert holds_resident(old, TEST_KEY, replace(copies.resident, uuid="")) is False
    assert holds_resident(old, TEST_KEY, replace(erased, uuid="")) is True
    assert holds_resident(old, TEST_KEY, replace(erased, uuid="", name="Naam sindsdien verbeterd")) is True
    assert holds_resident(old, TEST_KEY, erased) is True


def test_a_database_kept_aside_by_a_restore_is_named_as_a_copy_to_wipe_by_hand(
    services: Services, db_path: Path
) -> None:
    gone, _words = make_resident(services, seed=14)
    services.database.checkpoint()
    kept = aside_name(db_path, "voor-herstel", NOW)
    shutil.copyfile(db_path, kept)  # as a restore leaves the file it replaced
    copies = services.privacy.copies(gone, RetentionPolicy())
    assert copies.aside == (kept,)
    assert services.privacy.rewrite_backups(copies.resident).rewritten == 0  # not a backup: left to the user
    assert holds_resident(kept, TEST_KEY, copies.resident)


def test_backups_in_a_reachable_second_folder_are_named_and_rewritten_too(
    services: Services, db_path: Path, tmp_path: Path
) -> None:
    gone, words = make_resident(services, seed=15)
    here = BackupFolder.beside(db_path, services.database.database_id)
    stick = tmp_path / "stick"
    stick.mkdir()
    there = BackupFolder(stick, db_path.stem, services.database.database_id)
    copied = there.copy_in(here.make(db_path, TEST_KEY, reason="dagelijks", now=NOW - timedelta(hours=1)), TEST_KEY)
    copies = services.privacy.copies(gone, RetentionPolicy(), second_folder=str(stick))
    assert [(copy.path, copy.in_second_folder) for copy in copies.held] == [
        (here.backups()[0].path, False),
        (copied.path, True),
    ]
    assert not copies.second_unreachable
    assert services.privacy.rewrite_backups(copies.resident, second_folder=str(stick)).rewritten == 2
    assert pages_holding(copied.path, TEST_KEY, *words.all) == set()
    assert verify_file(copied.path, TEST_KEY) == []
