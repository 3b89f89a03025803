"""Test-wide set-up that must happen before anything imports Qt or touches a keyring."""

import os

# Qt renders offscreen in tests: set before any QApplication exists (as Picard does).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The OS keyring is an edge we do not own: tests use an in-memory backend.
os.environ["PYTHON_KEYRING_BACKEND"] = "sync.credentials.MemoryKeyring"
os.environ.setdefault("HALLDESK_NO_USER_CONFIG", "1")

# The real central server's fixtures (``central``, ``central_factory``, ...) for every
# suite that needs them: server, end-to-end and fault tests.
pytest_plugins = ["server.pytest_fixtures"]
