"""The reference central API of Hall Desk (FastAPI; SQLite by default, PostgreSQL for
real). Start at ``app.py`` (the application), ``api.py`` (the endpoints), ``push.py`` and
``pull.py`` (sync), ``cli.py`` (``halldesk-central``); ``docs/operations.md`` runs it."""
