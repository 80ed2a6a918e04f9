"""Catalog folders for tests: the shipped files with one of them written by the test."""

from __future__ import annotations

import shutil
from pathlib import Path

from clientsteun import paths
from clientsteun.domain.catalog import DOSSIER_FILE
from clientsteun.domain.route_catalog import ROUTES_FILE


def with_routes(tmp_path: Path, routes_text: str) -> Path:
    """A folder "catalogus" in ``tmp_path`` with the shipped dossier file and ``routes_text`` as its routes file."""
    folder = tmp_path / "catalogus"
    folder.mkdir()
    shutil.copyfile(paths.catalog_dir() / DOSSIER_FILE, folder / DOSSIER_FILE)
    (folder / ROUTES_FILE).write_text(routes_text, encoding="utf-8")
    return folder
