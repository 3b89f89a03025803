"""Alembic environment for desk files: the whole upgrade runs in one SQLite transaction,
so a migration that fails leaves the file exactly as it was."""

from alembic import context
from sqlalchemy import create_engine, event, pool

from sync.schema import Base
from sync.store import APPLICATION_ID

config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)


@event.listens_for(engine, "connect")
def _connect(dbapi_conn, _record):  # noqa: ANN001
    # take transaction control away from the driver, which would commit before each DDL
    dbapi_conn.isolation_level = None
    dbapi_conn.execute("PRAGMA journal_mode = WAL")
    dbapi_conn.execute("PRAGMA foreign_keys = OFF")  # table rebuilds must not cascade


@event.listens_for(engine, "begin")
def _begin(conn):  # noqa: ANN001
    conn.exec_driver_sql("BEGIN IMMEDIATE")


with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=True, transaction_per_migration=False)
    with connection.begin():
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        context.run_migrations()
engine.dispose()
