"""The meeting catalog (meetings.toml): the shipped one is complete, a coordinator's copy may lack it
or break it, and the error names the file and the entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.domain.catalog import Catalog, load_catalog, load_chosen_catalog
from clientsteun.domain.errors import CatalogError
from clientsteun.domain.meeting_catalog import MEETINGS_FILE

SHIPPED = paths.catalog_dir()


def _copy(folder: Path, meetings: str | None) -> Path:
    """A coordinator's copy of the catalog; ``meetings`` replaces meetings.toml (None: the copy has none)."""
    shutil.copytree(SHIPPED, folder)
    if meetings is None:
        (folder / MEETINGS_FILE).unlink()
    else:
        (folder / MEETINGS_FILE).write_text(meetings, encoding="utf-8")
    return folder


def test_every_shipped_kind_has_a_checklist_with_a_text_for_the_resident(catalog: Catalog) -> None:
    kinds = catalog.meetings.kinds
    codes = {kind.code for kind in kinds}
    assert {"kitchen_table", "consulent", "housing_corporation", "hearing", "ciz"} <= codes
    conversation_kinds = {kind.code for kind in catalog.conversation_kinds}
    for kind in kinds:
        assert kind.checklist and kind.resident and kind.conversation_kind in conversation_kinds
        assert all(point.text and point.resident for point in kind.checklist)
        assert len({point.code for point in kind.checklist}) == len(kind.checklist)
    assert catalog.meetings.for_step("hearing") == catalog.meetings.kind("hearing")
    assert catalog.meetings.name("retired_kind") == "retired_kind"  # an old code shows as itself
    assert catalog.meetings.kind("retired_kind").checklist == ()


def test_a_copy_made_before_meetings_existed_takes_the_built_in_file(tmp_path: Path, catalog: Catalog) -> None:
    copy = _copy(tmp_path / "kopie", None)
    chosen, problem = load_chosen_catalog(copy, SHIPPED)
    assert problem is None
    assert chosen.meetings == catalog.meetings
    assert load_catalog(copy).meetings.kinds == ()  # without a built-in folder to fall back on: none


def test_a_copy_of_its_own_is_read_with_its_changes(tmp_path: Path) -> None:
    text = (
        (SHIPPED / MEETINGS_FILE)
        .read_text(encoding="utf-8")
        .replace('name = "Keukentafelgesprek"', 'name = "Gesprek aan de keukentafel"')
    )
    chosen, problem = load_chosen_catalog(_copy(tmp_path / "kopie", text), SHIPPED)
    assert problem is None
    assert chosen.meetings.name("kitchen_table") == "Gesprek aan de keukentafel"


KIND = """
[[meeting_kind]]
code = "visit"
name = "Bezoek"
resident = "Je krijgt bezoek."
conversation_kind = "{conversation}"
steps = [{steps}]

[[meeting_kind.checklist]]
code = "ask"
text = "Vraag om een verslag"
{resident}
"""


@pytest.mark.parametrize(
    ("conversation", "steps", "resident", "entry", "words"),
    [
        ("no_such_kind", "", 'resident = "Vraag om een verslag."', "meeting_kind visit", "onbekende soort gesprek"),
        ("home_visit", '"no_such_step"', 'resident = "Vraag om een verslag."', "meeting_kind visit", "onbekende stap"),
        ("home_visit", "", "", "meeting_kind visit, punt ask", "'resident' ontbreekt"),
    ],
)
def test_a_broken_copy_names_the_file_and_the_entry_and_the_built_in_catalog_is_used(
    tmp_path: Path, catalog: Catalog, conversation: str, steps: str, resident: str, entry: str, words: str
) -> None:
    copy = _copy(tmp_path / "kopie", KIND.format(conversation=conversation, steps=steps, resident=resident))
    with pytest.raises(CatalogError) as caught:
        load_catalog(copy, SHIPPED)
    assert caught.value.file == str(copy / MEETINGS_FILE)
    assert caught.value.entry == entry
    assert words in caught.value.problem
    chosen, problem = load_chosen_catalog(copy, SHIPPED)
    assert problem is not None and chosen.meetings == catalog.meetings
