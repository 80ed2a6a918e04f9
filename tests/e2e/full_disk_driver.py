"""Runs the command line on a full disk: a small tmpfs mounted in a mount namespace of its own.

    unshare -rm python full_disk_driver.py FOLDER

Mounts 4 MiB of tmpfs on FOLDER (seen by this process and its children only, gone when they end),
makes a database there, fills the disk, and runs ``clients`` with a wrong and with the right
passphrase and ``check``; then frees the space and runs ``audit``.  Prints what each command said
and the files left, as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PASSPHRASE = "paarse olifant danst traag"


def command(db: Path, *args: str, passphrase: str = PASSPHRASE) -> dict[str, object]:
    environment = dict(os.environ, CLIENTSTEUN_PASSPHRASE=passphrase)
    result = subprocess.run(
        [sys.executable, "-m", "clientsteun", args[0], "--db", str(db), *args[1:]],
        capture_output=True, text=True, env=environment, stdin=subprocess.DEVNULL, timeout=120, check=False,
    )  # fmt: skip
    return {"code": result.returncode, "out": result.stdout, "err": result.stderr}


def fill(folder: Path) -> Path:
    filler = folder / "vulsel"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(bytes(4096))
        except OSError:
            pass
    return filler


def main(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], check=True)
    db = folder / "vol.db"
    said: dict[str, object] = {"made": command(db, "demo", "--clients", "2", "--conversations", "4")}
    filler = fill(folder)
    said["wrong"] = command(db, "clients", passphrase="verkeerd wachtwoord hier")
    said["right"] = command(db, "clients")
    said["check"] = command(db, "check")
    filler.unlink()
    said["audit"] = command(db, "audit")
    said["files"] = sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))
    print(json.dumps(said))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
