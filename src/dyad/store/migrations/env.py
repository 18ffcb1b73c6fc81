"""Alembic's environment: the revisions run on the connection dyad hands over (``migrations.config``),
inside its transaction, never on a URL of their own: nothing to configure, no alembic.ini."""

from alembic import context

from dyad.store.schema import metadata

context.configure(connection=context.config.attributes["connection"], target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
