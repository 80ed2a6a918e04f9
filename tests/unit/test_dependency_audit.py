"""`./dev audit` never reads an unreachable advisory database as "no vulnerabilities"."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "dependency_audit.py"


def summarise(tmp_path: Path, report: object) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "report.json"
    path.write_text(report if isinstance(report, str) else json.dumps(report), encoding="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True, check=False)


CLEAN = {"name": "alembic", "version": "1.20.1", "vulns": []}
SKIPPED = {"name": "sqlcipher3", "version": "0.6.4", "skip_reason": "Dependency not found on PyPI"}
VULNERABLE = {"name": "cryptography", "version": "41.0.0", "vulns": [{"id": "GHSA-x", "fix_versions": ["42.0.0"]}]}


@pytest.mark.parametrize(
    ("packages", "code", "said"),
    [
        ([CLEAN], 0, "1 of 1 pinned packages checked, 0 with known vulnerabilities."),
        ([CLEAN, VULNERABLE], 1, "VULNERABLE cryptography 41.0.0: GHSA-x (fixed in 42.0.0)"),
        ([CLEAN, SKIPPED], 2, "Not checked: sqlcipher3"),
        ([SKIPPED], 2, "could not be reached"),
    ],
)
def test_the_summary_says_what_was_and_was_not_checked(
    tmp_path: Path, packages: list[dict[str, object]], code: int, said: str
) -> None:
    result = summarise(tmp_path, {"dependencies": packages})
    assert result.returncode == code
    assert said in result.stdout


def test_no_report_at_all_is_not_a_clean_bill(tmp_path: Path) -> None:
    result = summarise(tmp_path, "")
    assert result.returncode == 2
    assert "nothing was checked" in result.stdout
