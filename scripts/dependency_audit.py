"""Summarise pip-audit's JSON report for `./dev audit`: vulnerable packages, and what could not be checked.

pip-audit exits 0 when the advisory service cannot be reached, reporting every package as skipped;
this says so plainly and exits 2, so an unreachable database never reads as "no vulnerabilities".
Exit codes: 0 all checked and clean, 1 a known vulnerability, 2 some or all packages unchecked.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(report_path: str) -> int:
    try:
        packages = json.loads(Path(report_path).read_text(encoding="utf-8")).get("dependencies", [])
    except (OSError, ValueError):  # pip-audit stopped before writing its report
        packages = []
    if not packages:
        print("pip-audit gave no report: the advisory database could not be reached, nothing was checked.")
        return 2
    skipped = [p for p in packages if "skip_reason" in p]
    vulnerable = [p for p in packages if p.get("vulns")]
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"VULNERABLE {package['name']} {package['version']}: {vuln['id']} (fixed in {fixed})")
    checked = len(packages) - len(skipped)
    print(f"{checked} of {len(packages)} pinned packages checked, {len(vulnerable)} with known vulnerabilities.")
    if skipped and not checked:
        print("The advisory database could not be reached (no network, or a package mirror without it):")
        print("nothing was checked. Run ./dev audit where PyPI itself is reachable.")
    elif skipped:
        print("Not checked: " + ", ".join(f"{p['name']} ({p['skip_reason']})" for p in skipped))
    if vulnerable:
        return 1
    return 2 if skipped else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
