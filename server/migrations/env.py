"""Alembic environment of the central database.

``server.migrate.upgrade`` runs the scripts itself on its own connection (one
transaction, scripts loaded once per process). This file serves the ``alembic`` command
line, for writing new revisions::

    alembic -c /dev/null -x url=sqlite:///dev.sqlite3 ...   # or HALLDESK_DATABASE_URL

A connection handed over in ``config.attributes["connection"]`` is used as is.
"""

import os

from alembic import context

from server.db import admin_engine
from server.models import metadata


def _run(connection) -> None:  # noqa: ANN001
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      transaction_per_migration=False)
    context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = (context.get_x_argument(as_dictionary=True).get("url")
           or context.config.get_main_option("sqlalchemy.url")
           or os.environ["HALLDESK_DATABASE_URL"])
    engine = admin_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
