"""Runs the command line's first start (``demo`` on a new database) and kills it at one chosen step.

    python first_start_driver.py STEP DB

The steps are counted as ``restore_driver.py`` counts them (the file-changing calls); just before
the STEP-th the process kills itself with SIGKILL.  After a complete run it prints ``STEPS <n>``.
"""

from __future__ import annotations

import sys

from tests.e2e.restore_driver import arm


def main(argv: list[str]) -> int:
    kill_at, db = int(argv[1]), argv[2]
    counted = arm(kill_at)
    from clientsteun.cli import main as command_line

    code = command_line(["demo", "--db", db, "--clients", "1", "--conversations", "1"])
    print(f"STEPS {counted[0]}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
