"""A full disk is called a full disk, and a wrong passphrase typed on it reaches the audit log later.

The disk is a small tmpfs that ``full_disk_driver.py`` mounts in a mount namespace of its own
(``unshare -rm``), so nothing outside the test sees it and it is gone when the driver ends.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from clientsteun import paths

DRIVER = Path(__file__).with_name("full_disk_driver.py")


def _namespaces_allowed() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return False
    return subprocess.run([unshare, "-rm", "true"], capture_output=True, check=False).returncode == 0


pytestmark = pytest.mark.skipif(not _namespaces_allowed(), reason="needs Linux mount namespaces (unshare -rm)")


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("vol")
    environment = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
    environment[paths.DATA_ENV] = str(folder / "userdata")
    environment["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        ["unshare", "-rm", sys.executable, str(DRIVER), str(folder / "schijf")],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    outcome: dict[str, Any] = json.loads(result.stdout)
    assert outcome["made"]["code"] == 0, outcome["made"]["err"]
    return outcome


@pytest.mark.slow
def test_opening_on_a_full_disk_says_the_disk_is_full_not_that_the_database_is_damaged(said: dict[str, Any]) -> None:
    assert said["right"]["code"] == 1
    assert said["right"]["err"].startswith("clientsteun: De schijf is vol"), said["right"]["err"]
    assert "beschadigd" not in said["right"]["err"] and "reservekopie" not in said["right"]["err"].lower()
    assert said["check"]["code"] == 1
    assert "De schijf is vol" in said["check"]["out"] and "beschadigd" not in said["check"]["out"]


@pytest.mark.slow
def test_a_wrong_passphrase_on_a_full_disk_is_logged_once_there_is_space_again(said: dict[str, Any]) -> None:
    assert said["wrong"]["code"] == 1 and "klopt niet" in said["wrong"]["err"]
    assert said["audit"]["code"] == 0, said["audit"]["err"]
    failed = [line for line in said["audit"]["out"].splitlines() if "Mislukte poging om te ontgrendelen" in line]
    assert len(failed) == 1


@pytest.mark.slow
def test_a_full_disk_leaves_no_half_written_files(said: dict[str, Any]) -> None:
    assert [name for name in said["files"] if name.endswith(".part")] == []
    assert {"vol.db", "vol.db.key", "vol.db.attempts"} <= set(said["files"])
