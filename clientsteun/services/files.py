"""Files a user asks for, for front ends: the one safe way to write them is ``store.exports``.

Writes that belong in the audit log go through ``AuditService.export``; this is for a file that
is not logged (a recovery key saved at the first start, before the log can be opened).
"""

from __future__ import annotations

from clientsteun.store.exports import Content, TargetNotAFile, TargetRefused, TargetUnwritable, write_user_file

__all__ = ["Content", "TargetNotAFile", "TargetRefused", "TargetUnwritable", "write_user_file"]
