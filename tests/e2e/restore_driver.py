"""Runs ``clientsteun restore`` in its own process and kills it with SIGKILL at one chosen step.

    python restore_driver.py STEP DB BACKUP

A step is a call that changes files: ``os.replace``, ``os.rename``, ``os.link``, ``os.unlink``
(``Path.unlink`` too) and ``os.fsync``.  Just before the STEP-th such call (counting from 1) the
process kills itself, so no clean-up code runs; STEP 0 never kills.  After a complete run it
prints ``STEPS <n>``: how many steps there were.  The passphrase comes from the environment,
as the command line reads it.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any


def arm(kill_at: int) -> list[int]:
    """Count the file-changing calls of this process; die before call number ``kill_at``."""
    counted = [0]

    def counting(original: Callable[..., Any]) -> Callable[..., Any]:
        def step(*args: Any, **kwargs: Any) -> Any:
            counted[0] += 1
            if counted[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)

        return step

    for name in ("replace", "rename", "link", "unlink", "fsync"):
        setattr(os, name, counting(getattr(os, name)))
    return counted


def main(argv: list[str]) -> int:
    kill_at, db, backup = int(argv[1]), argv[2], argv[3]
    counted = arm(kill_at)
    from clientsteun.cli import main as command_line

    code = command_line(["restore", "--db", db, "--from", backup])
    print(f"STEPS {counted[0]}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
