"""Alembic environment: runs on the connection the service hands over (``config.attributes``)."""

from alembic import context
from sqlalchemy import create_engine

from api.service.tables import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Run migrations online, on the given connection or a new engine from the URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run()
