"""The command line with a file or folder on a read-only file system: real for every user, root included.

``chmod`` does not stop root, so the file or folder is bind-mounted read-only in a mount namespace of
the command's own (``unshare -rm``); nothing outside the command sees it, and it is gone when it ends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from clientsteun import paths
from clientsteun.cli.passphrase import PASSPHRASE_ENV
from tests.conftest import PASSPHRASE

# $1 is made read-only, the rest is the command.
_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'


def namespaces_allowed() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return False
    return subprocess.run([unshare, "-rm", "true"], capture_output=True, check=False).returncode == 0


def run_read_only(tmp_path: Path, read_only: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``clientsteun *args`` (passphrase in the environment) while ``read_only`` cannot be written."""
    environment = {key: value for key, value in os.environ.items() if key != paths.DB_ENV}
    environment |= {paths.DATA_ENV: str(tmp_path / "userdata"), PASSPHRASE_ENV: PASSPHRASE}
    return subprocess.run(
        ["unshare", "-rm", "sh", "-c", _MOUNT, "sh", str(read_only), sys.executable, "-m", "clientsteun", *args],
        capture_output=True, text=True, env=environment, cwd=tmp_path, stdin=subprocess.DEVNULL,
        timeout=60, check=False,
    )  # fmt: skip
