"""Deleting a resident is in the audit log: one line, with the resident's number and without their name,
written in the same transaction as the deletion (a failed deletion leaves no line)."""

from __future__ import annotations

import pytest

from clientsteun.domain.audit import AuditAction, first_broken
from clientsteun.domain.errors import NotFound
from clientsteun.domain.model import ClientInput
from clientsteun.services import Services
from tests.conftest import NOW


def test_deleting_a_resident_writes_one_line_without_the_name(services: Services) -> None:
    kept = services.clients.create_client(ClientInput(name="Wieteke Fictief", alias="Wiet"))
    gone = services.clients.create_client(ClientInput(name="Zeger Verzonnen", alias="Zeg"))
    before = services.audit.entries()

    services.privacy.erase_client(gone.id)

    entries = services.audit.entries()
    assert len(entries) == len(before) + 1
    line = entries[-1]
    assert (line.action, line.client_id) == (AuditAction.ERASE, gone.id)
    assert line.at == NOW
    for text in (line.detail, line.user):
        assert "Zeger" not in text and "Verzonnen" not in text and "Zeg" not in text
    assert first_broken(entries) is None
    assert [c.id for c in services.clients.list_clients()] == [kept.id]


def test_a_failed_deletion_leaves_no_line(services: Services) -> None:
    before = services.audit.entries()
    with pytest.raises(NotFound):
        services.privacy.erase_client(12345)
    assert services.audit.entries() == before
