"""Keeping the data safe while the app runs: the start and unlocking, the lock, backups, the audit log."""
