"""The catalog file: the shipped one is valid, a broken copy names the file and the entry."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.domain.catalog import DOSSIER_FILE, Catalog, load_catalog
from clientsteun.domain.errors import CatalogError
from clientsteun.domain.meeting_catalog import MEETINGS_FILE
from clientsteun.domain.route_catalog import ROUTES_FILE

REAL = paths.catalog_dir() / DOSSIER_FILE


def _blocks() -> tuple[str, list[str]]:
    """The real file as its leading comment and one text block per [[table]] entry."""
    head, *blocks = re.split(r"(?m)^(?=\[\[)", REAL.read_text(encoding="utf-8"))
    return head, blocks


def _write(folder: Path, text: str) -> Path:
    """A catalog folder with ``text`` as its dossier file and the shipped routes and meetings files."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.catalog_dir() / ROUTES_FILE, folder / ROUTES_FILE)
    shutil.copyfile(paths.catalog_dir() / MEETINGS_FILE, folder / MEETINGS_FILE)
    path = folder / DOSSIER_FILE
    path.write_text(text, encoding="utf-8")
    return path


def _without(table: str) -> str:
    head, blocks = _blocks()
    return head + "".join(block for block in blocks if not block.startswith(f"[[{table}]]"))


def test_shipped_catalog_loads_with_every_list_filled(catalog: Catalog) -> None:
    for items in (
        catalog.life_domains,
        catalog.conversation_kinds,
        catalog.media,
        catalog.parties,
        catalog.note_templates,
    ):
        assert items
        codes = [item.code for item in items]
        assert len(codes) == len(set(codes))
        assert all(item.name.strip() for item in items)


def test_shipped_catalog_templates_all_exist(catalog: Catalog) -> None:
    templates = {template.code for template in catalog.note_templates}
    used = {kind.template for kind in catalog.conversation_kinds if kind.template}
    assert used <= templates
    assert all(catalog.template(code) is not None for code in used)
    assert all(template.text.strip() for template in catalog.note_templates)


def test_catalog_names_by_code_and_unknown_code_shows_itself(catalog: Catalog) -> None:
    assert catalog.life_domain_name("housing") == "Huisvesting"
    assert catalog.kind_name("first_meeting") == "Kennismaking"
    assert catalog.medium_name("phone") == "Telefoon"
    assert catalog.kind_name("retired_code") == "retired_code"
    assert catalog.template("no_such_template") is None


def test_unchanged_copy_loads_the_same_catalog(tmp_path: Path, catalog: Catalog) -> None:
    _write(tmp_path, REAL.read_text(encoding="utf-8"))
    assert load_catalog(tmp_path) == catalog


def _broken_cases() -> list[tuple[str, str, str, str]]:
    """(id, file text, entry named in the error, words of the problem)."""
    real = REAL.read_text(encoding="utf-8")
    return [
        ("missing list", _without("medium"), "medium", "ontbreekt of is leeg"),
        ("missing kinds", _without("conversation_kind"), "conversation_kind", "ontbreekt"),
        (
            "duplicate code",
            real + '\n[[life_domain]]\ncode = "housing"\nname = "Wonen (dubbel)"\n',
            "life_domain housing",
            "twee keer",
        ),
        (
            "missing name",
            real + '\n[[party]]\ncode = "buurtteam"\n',
            "party buurtteam",
            "'name' ontbreekt of is leeg",
        ),
        (
            "blank name",
            real + '\n[[medium]]\ncode = "letter"\nname = "   "\n',
            "medium letter",
            "'name' ontbreekt of is leeg",
        ),
        ("missing code", real + '\n[[party]]\nname = "Buurtteam"\n', "party nr. ", "'code'"),
        (
            "name not text",
            real + '\n[[life_domain]]\ncode = "pets"\nname = 3\n',
            "life_domain pets",
            "'name' moet tekst zijn",
        ),
        (
            "unknown template",
            real + '\n[[conversation_kind]]\ncode = "walk"\nname = "Wandeling"\ntemplate = "walk_notes"\n',
            "conversation_kind walk",
            "onbekend sjabloon 'walk_notes'",
        ),
        (
            "template without text",
            real + '\n[[note_template]]\ncode = "empty"\nname = "Leeg"\n',
            "note_template empty",
            "'text' ontbreekt",
        ),
        ("invalid toml", real + "\n[[life_domain\ncode = 'x'\n", "-", "geen geldige TOML"),
        ("not a list", 'medium = "Telefoon"\n' + _without("medium"), "medium", "ontbreekt"),
    ]


@pytest.mark.parametrize(
    ("text", "entry", "problem"),
    [case[1:] for case in _broken_cases()],
    ids=[case[0] for case in _broken_cases()],
)
def test_broken_catalog_names_file_and_entry(tmp_path: Path, text: str, entry: str, problem: str) -> None:
    path = _write(tmp_path / "kopie", text)
    with pytest.raises(CatalogError) as caught:
        load_catalog(path.parent)
    error = caught.value
    assert error.file == str(path)
    assert error.entry.startswith(entry)
    assert problem in error.problem
    assert str(path) in error.message
    assert f"onderdeel {error.entry}:" in error.message
    assert error.message.startswith("Catalogusbestand ")


def test_missing_entry_code_is_named_by_its_position(tmp_path: Path) -> None:
    head, blocks = _blocks()
    parties = [block for block in blocks if block.startswith("[[party]]")]
    path = _write(tmp_path, head + "".join(blocks) + '\n[[party]]\nname = "Buurtteam"\n')
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    assert caught.value.entry == f"party nr. {len(parties) + 1}"
    assert caught.value.file == str(path)


def test_missing_catalog_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    assert caught.value.file == str(tmp_path / DOSSIER_FILE)
    assert "bestaat niet" in caught.value.message


def test_catalog_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / DOSSIER_FILE).write_bytes(b'[[medium]]\ncode = "\xff\xfe"\n')
    with pytest.raises(CatalogError, match="geen geldige TOML"):
        load_catalog(tmp_path)


def test_shipped_catalog_says_which_kind_a_new_conversation_starts_as(catalog: Catalog) -> None:
    assert catalog.first_conversation_kind == "first_meeting"
    assert catalog.next_conversation_kind == "home_visit"


def test_without_defaults_a_new_conversation_starts_as_the_first_kind(tmp_path: Path) -> None:
    text = re.sub(r"(?ms)^\[defaults\]\n.*?\n\n", "", REAL.read_text(encoding="utf-8"))
    assert "[defaults]" not in text
    catalog = load_catalog(_write(tmp_path, text).parent)
    first = catalog.conversation_kinds[0].code
    assert (catalog.first_conversation_kind, catalog.next_conversation_kind) == (first, first)


def test_a_default_kind_the_catalog_does_not_have_names_file_and_entry(tmp_path: Path) -> None:
    text = REAL.read_text(encoding="utf-8").replace('next_conversation = "home_visit"', 'next_conversation = "bbq"')
    path = _write(tmp_path, text)
    with pytest.raises(CatalogError) as caught:
        load_catalog(path.parent)
    assert (caught.value.file, caught.value.entry) == (str(path), "defaults")
    assert "bbq" in caught.value.problem
