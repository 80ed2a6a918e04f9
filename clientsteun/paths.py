"""Where things live: resources in the source tree or the installed bundle, user data per user."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Clientsteun"
DB_ENV = "CLIENTSTEUN_DB"
RESOURCES_ENV = "CLIENTSTEUN_RESOURCES"
DATA_ENV = "CLIENTSTEUN_DATA_DIR"


def resources_dir() -> Path:
    """resources/ next to the package in a checkout, or inside the frozen bundle."""
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)  # set by PyInstaller in the installed app
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def catalog_dir() -> Path:
    return resources_dir() / "catalog"


def user_data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_database() -> Path:
    """The database to open: ``CLIENTSTEUN_DB`` if set, else clientsteun.db in the user folder."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override)
    return user_data_dir() / "clientsteun.db"


def log_dir() -> Path:
    return user_data_dir() / "logs"
