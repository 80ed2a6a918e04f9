"""A coordinator's catalog copy chosen in the settings, as the real start (build_window) uses it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from clientsteun import paths
from clientsteun.domain.route_catalog import ROUTES_FILE
from clientsteun.settings import Settings
from clientsteun.ui.main_window import MainWindow
from tests.helpers.modals import StandardButton, answer_box

OpenWindow = Callable[[Path, Path], MainWindow]  # the open_window fixture


def _choose_copy(tmp_path: Path, change: tuple[str, str]) -> Path:
    folder = tmp_path / "catalogus"
    shutil.copytree(paths.catalog_dir(), folder)
    routes = folder / ROUTES_FILE
    text = routes.read_text(encoding="utf-8")
    assert change[0] in text
    routes.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    settings_file = tmp_path / "instellingen.ini"
    Settings(settings_file).catalog_folder = str(folder)
    return settings_file


def test_the_chosen_copy_is_used(open_window: OpenWindow, tmp_path: Path) -> None:
    settings_file = _choose_copy(
        tmp_path, ('name = "Bijzondere bijstand"', 'name = "Bijzondere bijstand (eigen tekst)"')
    )
    window = open_window(tmp_path / "clientsteun.db", settings_file)
    assert window.services.catalog.routes.kind("special_assistance").name == "Bijzondere bijstand (eigen tekst)"


def test_a_broken_copy_is_named_and_the_built_in_catalog_used(
    qtbot: QtBot, open_window: OpenWindow, tmp_path: Path
) -> None:
    settings_file = _choose_copy(tmp_path, ('term = "2 weken"', 'term = "twee weken"'))
    warning = answer_box(StandardButton.Ok)
    window = open_window(tmp_path / "clientsteun.db", settings_file)
    qtbot.waitUntil(lambda: warning.handled)  # shown once the window's event loop runs
    assert warning.title == "Catalogus niet gebruikt"
    assert "routes.toml" in warning.text and "'twee weken' is geen termijn" in warning.text
    assert window.services.catalog.routes.kind("special_assistance").name == "Bijzondere bijstand"
    assert all(str(rule.term) != "twee weken" for rule in window.services.catalog.routes.rules)
