"""The central API's tests run against the real server over HTTP.

The fixtures live in the plugin ``server.pytest_fixtures``. pytest accepts
``pytest_plugins`` only in a top-level conftest (this one is not: a full-suite run
refuses it), so they are imported here; ``tests/conftest.py`` may register the plugin
for the whole suite with ``pytest_plugins = ["server.pytest_fixtures"]``.
"""

from server.pytest_fixtures import central, central_database_url, central_factory  # noqa: F401
