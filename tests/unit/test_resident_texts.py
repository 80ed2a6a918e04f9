"""routes.toml's texts for the resident (``for_resident``): every one present in the shipped file, a copy
without them (made before they existed) still loads with the built-in texts, a new kind without one is
refused with file and entry named."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clientsteun import paths
from clientsteun.domain.catalog import Catalog, load_catalog, load_chosen_catalog
from clientsteun.domain.errors import CatalogError
from clientsteun.domain.route_catalog import RESIDENT_KEY, ROUTES_FILE
from tests.helpers.catalogs import with_routes

SHIPPED = (paths.catalog_dir() / ROUTES_FILE).read_text(encoding="utf-8")
# A for_resident line, or one written over several lines ("""...""").
RESIDENT_LINE = re.compile(r'^for_resident = (?:"[^"\n]*"|"""(?:.|\n)*?""")\n', re.MULTILINE)
NEW_KIND = '\n[[route_kind]]\ncode = "buurthuis"\nname = "Vraag aan het buurthuis"\nexplanation = "Hulp in de buurt."\n'


def test_every_kind_step_and_document_has_a_text_for_the_resident(catalog: Catalog) -> None:
    routes = catalog.routes
    assert all(kind.for_resident.strip() for kind in routes.kinds)
    assert set(routes.resident_steps) == set(routes.step_kinds)
    assert set(routes.resident_documents) == set(routes.documents)
    texts = routes.resident_texts()
    assert len(texts) == len(routes.kinds) + len(routes.step_kinds) + len(routes.documents)
    assert ("route_kind wmo", routes.kind("wmo").for_resident) in texts


def test_texts_for_the_resident_speak_to_the_resident(catalog: Catalog) -> None:
    """Addressed to the resident ("je", "ik", "mijn"), not about "de inwoner" in the third person."""
    routes = catalog.routes
    for where, text in routes.resident_texts():
        words = set(re.findall(r"\w+", text.lower()))
        assert "inwoner" not in words, where
        if where.startswith(("route_kind", "document")):
            assert words & {"je", "jij", "jouw"}, where
    assert routes.step_for_resident("objection") == "Ik heb bezwaar gemaakt."
    assert routes.document_for_resident("rent_contract") == "Het contract voor je huis."


def test_the_shipped_texts_are_the_ones_the_loader_reads() -> None:
    assert SHIPPED.count(f"{RESIDENT_KEY} = ") == len(RESIDENT_LINE.findall(SHIPPED))


def test_an_older_copy_without_the_texts_loads_with_the_built_in_ones(tmp_path: Path, catalog: Catalog) -> None:
    older = RESIDENT_LINE.sub("", SHIPPED)
    assert RESIDENT_KEY not in older.replace(f"# {RESIDENT_KEY}", "")
    folder = with_routes(tmp_path, older)
    chosen, problem = load_chosen_catalog(folder, paths.catalog_dir())
    assert problem is None
    assert chosen.routes.resident_texts() == catalog.routes.resident_texts()


def test_a_copy_keeps_its_own_text(tmp_path: Path) -> None:
    own = "Ik kreeg een brief met een besluit."
    text = SHIPPED.replace('for_resident = "Ik kreeg een besluit."', f'for_resident = "{own}"')
    assert text != SHIPPED
    chosen, problem = load_chosen_catalog(with_routes(tmp_path, text), paths.catalog_dir())
    assert problem is None
    assert chosen.routes.step_for_resident("decision") == own


def test_a_new_kind_without_a_text_is_refused_naming_file_and_entry(tmp_path: Path) -> None:
    folder = with_routes(tmp_path, SHIPPED + NEW_KIND)
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder, paths.catalog_dir())
    assert Path(caught.value.file) == folder / ROUTES_FILE
    assert caught.value.entry == "route_kind buurthuis"
    assert RESIDENT_KEY in caught.value.problem
    # The coordinator's choice falls back to the built-in catalog and says why.
    chosen, problem = load_chosen_catalog(folder, paths.catalog_dir())
    assert problem is not None and problem.entry == "route_kind buurthuis"
    assert "buurthuis" not in {kind.code for kind in chosen.routes.kinds}


def test_a_new_kind_with_a_text_loads(tmp_path: Path) -> None:
    text = SHIPPED + NEW_KIND + 'for_resident = "Je kunt hulp vragen in je buurt."\n'
    chosen, problem = load_chosen_catalog(with_routes(tmp_path, text), paths.catalog_dir())
    assert problem is None
    assert chosen.routes.kind("buurthuis").for_resident == "Je kunt hulp vragen in je buurt."


def test_a_step_without_any_text_shows_its_name(tmp_path: Path) -> None:
    """The built-in folder itself has no fallback: a step without a text shows its name."""
    text = SHIPPED.replace('for_resident = "Ik kreeg een besluit."\n', "")
    routes = load_catalog(with_routes(tmp_path, text)).routes
    assert "decision" not in routes.resident_steps
    assert routes.step_for_resident("decision") == routes.step_name("decision") == "Besluit"
    assert routes.document_for_resident("no_such_document") == "no_such_document"


def test_a_text_that_is_no_text_is_refused(tmp_path: Path) -> None:
    text = SHIPPED.replace('for_resident = "Ik kreeg een besluit."', "for_resident = 3")
    with pytest.raises(CatalogError) as caught:
        load_catalog(with_routes(tmp_path, text), paths.catalog_dir())
    assert caught.value.entry == "step_kind decision"
    assert "moet tekst zijn" in caught.value.problem
