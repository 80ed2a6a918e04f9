"""One direction of dependency: the core never loads Qt, the domain never loads SQL, no import circles."""

from __future__ import annotations

import ast
import json
import os
import pkgutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import clientsteun
from clientsteun import cli, demo, domain, paths, reports, services, store
from clientsteun.cli.passphrase import PASSPHRASE_ENV
from clientsteun.domain.catalog import Catalog
from clientsteun.domain.model import ClientInput, ConversationInput
from clientsteun.services import Services
from clientsteun.store.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE

PROBE = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""

# Runs the command line as ``python -m clientsteun`` does; the modules loaded by the end go to a file.
COMMAND_PROBE = """
import atexit, json, runpy, sys
report = sys.argv.pop(1)
atexit.register(lambda: open(report, "w", encoding="utf-8").write(json.dumps(sorted(sys.modules))))
runpy.run_module("clientsteun", run_name="__main__", alter_sys=True)
"""

QT = ("PySide6", "shiboken6")


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
    loaded: list[str] = json.loads(result.stdout)
    return loaded


CORE = [
    *_modules(domain),
    *_modules(store),
    "clientsteun.services",
    *_modules(services),
    *_modules(reports),
    "clientsteun.paths",
    "clientsteun.settings",
    "clientsteun.process",
    "clientsteun.cli",
    *_modules(cli),
    "clientsteun.demo",
    *_modules(demo),
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
    assert [name for name in loaded if name.startswith(QT)] == []


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


# --- headless commands, run for real ----------------------------------------------------------


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog) -> Path:
    """An encrypted database with a key file, one resident and one conversation."""
    db = tmp_path_factory.mktemp("headless") / "klein.db"
    vault = Vault.at(db)
    key, _ = vault.create_key(PASSPHRASE, with_recovery=False, kdf=FAST_KDF)
    built = Services.create(vault.open(key, create=True), catalog)
    try:
        client = built.clients.create_client(ClientInput(name="Fenna Verzonnen", municipality="Nergenshuizen"))
        built.conversations.save_conversation(
            None,
            ConversationInput(
                client.id, date(2026, 11, 2), catalog.conversation_kinds[0].code, notes="Over de huurachterstand."
            ),
        )
    finally:
        built.close()
    return db


@pytest.mark.parametrize(
    ("command", "shows", "reads_settings"),
    [
        pytest.param(["clients"], "1 inwoners", True, id="clients"),
        pytest.param(["search", "huurachterstand"], "1 gevonden", True, id="search"),
        pytest.param(["deadlines"], "0 termijnen", True, id="deadlines"),
        pytest.param(["agenda", "--ics", "{out}/agenda.ics"], "geschreven naar", True, id="agenda"),
        pytest.param(["backup", "--out", "{out}/reserve.db"], "Reservekopie gemaakt", True, id="backup"),
        pytest.param(["check"], "Database: in orde", True, id="check"),  # the second backup folder, the catalog
        pytest.param(["audit"], "regels", True, id="audit"),
    ],
)
def test_a_headless_command_loads_no_qt(
    tmp_path: Path, small_db: Path, command: list[str], shows: str, reads_settings: bool
) -> None:
    user_folder = tmp_path / "userdata"
    user_folder.mkdir()
    (user_folder / "settings.ini").write_text("[file]\nformat = 1\n[deadlines]\ndue_soon_days = 20\n", "utf-8")
    environment = os.environ | {paths.DATA_ENV: str(user_folder), PASSPHRASE_ENV: PASSPHRASE}
    report = tmp_path / "modules.json"
    arguments = [part.format(out=tmp_path) for part in command]
    result = subprocess.run(
        [sys.executable, "-c", COMMAND_PROBE, str(report), *arguments, "--db", str(small_db)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert shows in result.stdout
    loaded = json.loads(report.read_text(encoding="utf-8"))
    assert "clientsteun.services" in loaded
    assert ("clientsteun.settings" in loaded) is reads_settings
    assert [name for name in loaded if name.startswith(QT)] == []


# --- the import graph -------------------------------------------------------------------------


def _package_modules(root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` (a folder in ``root``) by dotted name; folders without __init__ are not packages."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        if not all((root.joinpath(*parts[:depth]) / "__init__.py").is_file() for depth in range(1, len(parts))):
            continue  # e.g. Alembic's migrations, run as scripts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imported(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that ``module`` imports anywhere: at the top, in functions, for type checking.

    An import moved into a function or under ``TYPE_CHECKING`` still ties the two modules together;
    it only hides the circle from Python.
    """
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: len(module.split(".")) - node.level + is_package]
                base = ".".join([*anchor, base] if base else anchor)
            # "from x import y": the module x.y when y is one, else x itself
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known:  # "import a.b.c" where only a.b is ours
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


def _import_graph(root: Path, package: str) -> dict[str, set[str]]:
    modules = _package_modules(root, package)
    return {name: _imported(name, path, modules) for name, path in modules.items()}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """The modules ``start`` loads, directly or through others (itself too when it is in a circle)."""
    found: set[str] = set()
    queue = [start]
    for name in queue:
        for imported in graph[name] - found:
            found.add(imported)
            queue.append(imported)
    return found


def _shortest_circle(graph: dict[str, set[str]], start: str) -> list[str]:
    """The shortest chain of imports from ``start`` back to itself."""
    chains = {start: [start]}
    queue = [start]
    for name in queue:
        for imported in sorted(graph[name]):
            if imported == start:
                return [*chains[name], start]
            if imported not in chains:
                chains[imported] = [*chains[name], imported]
                queue.append(imported)
    raise AssertionError(f"{start} is in no circle")


def _circles(graph: dict[str, set[str]]) -> dict[frozenset[str], list[str]]:
    """Each group of modules that import each other in a circle, with its shortest circle as an example."""
    reach = {name: _reachable(graph, name) for name in graph}
    groups: dict[frozenset[str], list[str]] = {}
    for name in sorted(graph):
        if name in reach[name]:
            group = frozenset(other for other in reach[name] if name in reach[other])
            groups.setdefault(group, _shortest_circle(graph, name))
    return groups


def test_the_graph_sees_imports_in_functions_and_for_type_checking(tmp_path: Path) -> None:
    folder = tmp_path / "kring"
    (folder / "binnen").mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "binnen" / "__init__.py").write_text("")
    (folder / "a.py").write_text("def later():\n    from kring.binnen import b\n")
    (folder / "binnen" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..c import C\n"
    )
    (folder / "c.py").write_text("import kring.a\nimport json\n")
    (folder / "d.py").write_text("from kring import c\nfrom kring.binnen import b as _b\n")
    graph = _import_graph(tmp_path, "kring")
    assert graph == {
        "kring": set(),
        "kring.a": {"kring.binnen.b"},
        "kring.binnen": set(),
        "kring.binnen.b": {"kring.c"},
        "kring.c": {"kring.a"},
        "kring.d": {"kring.c", "kring.binnen.b"},
    }
    assert _circles(graph) == {
        frozenset({"kring.a", "kring.binnen.b", "kring.c"}): ["kring.a", "kring.binnen.b", "kring.c", "kring.a"]
    }


def test_no_import_circles() -> None:
    graph = _import_graph(Path(clientsteun.__file__).parent.parent, "clientsteun")
    assert {"clientsteun.cli", "clientsteun.settings", "clientsteun.ui.main_window"} <= set(graph)
    circles = list(_circles(graph).values())
    assert not circles, "import circles: " + "; ".join(" -> ".join(circle) for circle in circles)


def test_the_command_line_and_the_ui_reach_the_store_only_through_services() -> None:
    graph = _import_graph(Path(clientsteun.__file__).parent.parent, "clientsteun")
    front = [
        name
        for name in graph
        if name in ("clientsteun.cli", "clientsteun.app") or name.startswith(("clientsteun.cli.", "clientsteun.ui."))
    ]
    expected = {
        "clientsteun.cli",
        "clientsteun.cli.base",
        "clientsteun.app",
        "clientsteun.ui.safety.start",
        "clientsteun.ui.safety.unlock",
    }
    assert expected <= set(front)
    reaching = {
        name: sorted(imported for imported in graph[name] if imported.startswith("clientsteun.store")) for name in front
    }
    assert {name: store for name, store in reaching.items() if store} == {}


def test_no_test_module_imports_another() -> None:
    """What tests share lives in tests/helpers/ (or is a conftest's constant): pytest alone imports a test module."""
    graph = _import_graph(Path(clientsteun.__file__).parent.parent, "tests")
    assert {"tests.helpers.cli", "tests.unit.test_cli", "tests.gui.test_dialogs"} <= set(graph)
    importing = {
        name: sorted(other for other in imported if other.rpartition(".")[2].startswith("test_"))
        for name, imported in graph.items()
    }
    assert {name: others for name, others in importing.items() if others} == {}
