"""Protecting the running process: what it leaves behind when it crashes, and the files it creates.

Called once, first thing, by every front end (``cli.main``, which also starts the app):

- **No core dumps.**  A crash dump holds the raw data key, the passphrase and note text in plain
  form.  The core size limit is set to 0 and, on Linux, the process is marked not dumpable (which
  also keeps other processes of the same user from reading its memory through ``/proc``).
- **Owner-only files.**  The umask becomes 077: every file and folder the app or the command line
  creates (database, key file, backups, exports, logs, settings) is readable by its owner only.
  On Windows the user profile's permissions protect the data folder; neither call exists there.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys

PR_SET_DUMPABLE = 4  # <linux/prctl.h>
PRIVATE_UMASK = 0o077


def harden() -> None:
    """Best effort: each protection that this platform offers is applied; none can fail the start."""
    with contextlib.suppress(AttributeError, OSError):
        os.umask(PRIVATE_UMASK)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError, TypeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
