"""Alembic environment: runs on the connection that ``store.database`` opened and began."""

from alembic import context

from clientsteun.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite changes tables by rebuilding them
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
