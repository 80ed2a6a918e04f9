"""One direction of dependency: the core never loads Qt, the domain never loads SQL."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

from clientsteun import domain, services, store

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def _modules(package: object) -> list[str]:
    prefix = package.__name__ + "."  # type: ignore[attr-defined]
    return [info.name for info in pkgutil.walk_packages(package.__path__, prefix)]  # type: ignore[attr-defined]


def _loaded_after_importing(names: list[str]) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *names],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


CORE = [
    *_modules(domain),
    *_modules(store),
    "clientsteun.services",
    *_modules(services),
    "clientsteun.paths",
    "clientsteun.cli",
    "clientsteun.demo",
]


def test_the_probe_sees_all_core_modules() -> None:
    assert {
        "clientsteun.domain.model",
        "clientsteun.store.database",
        "clientsteun.services.clients",
    } <= set(CORE)
    assert not any(".migrations" in name for name in CORE)  # run by Alembic, not imported


def test_core_and_command_line_never_load_qt() -> None:
    loaded = _loaded_after_importing(CORE)
    assert set(CORE) <= set(loaded)
    assert [name for name in loaded if name.startswith("PySide6") or name.startswith("shiboken")] == []


@pytest.mark.parametrize("module", _modules(domain))
def test_domain_loads_neither_sql_nor_qt(module: str) -> None:
    loaded = _loaded_after_importing([module])
    forbidden = (
        "PySide6",
        "sqlalchemy",
        "alembic",
        "sqlite3",
        "sqlcipher3",
        "clientsteun.store",
        "clientsteun.services",
    )
    assert [name for name in loaded if name.startswith(forbidden)] == []
