"""Persistence: tables, the one function that opens a database, migrations and full-text search.

No Qt here.  SQLite-specific code stays in ``database.py`` and ``search.py`` so a server database
can be added later in those two places.
"""
