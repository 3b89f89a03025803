"""The refresh token lives in the keyring only: never the desk file, a settings file or a log."""

from __future__ import annotations

import logging
import os
import stat

import keyring
import pytest
from keyring.backends import fail

from server.pytest_fixtures import central, central_database_url, central_factory  # noqa: F401
from sync import credentials
from sync.credentials import (
    REDACTED,
    Credentials,
    FileKeyring,
    MemoryKeyring,
    redact,
    register_secret,
)
from sync.desk import Desk
from sync.engine import SyncEngine
from sync.session import Session
from tests.conftest import intake_form

URL = "http://127.0.0.1:8765"
DEVICE = "0b1c6a52-6f1e-4c7e-9d1a-3f0e2b9c8d7e"
TOKEN = "Zk3R9xQ2mT7vB1nL5pW8sD4fG6hJ0kA_-yU2iO9eR3tY"


@pytest.fixture(autouse=True)
def empty_keyring():
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


def test_the_test_suite_selects_the_memory_keyring_by_name():
    assert os.environ["PYTHON_KEYRING_BACKEND"] == "sync.credentials.MemoryKeyring"
    assert isinstance(keyring.get_keyring(), MemoryKeyring)
    assert credentials.backend() is keyring.get_keyring()


def test_the_token_is_stored_under_the_server_and_device():
    creds = Credentials(URL + "/", DEVICE)
    assert creds.get() is None
    creds.set(TOKEN)
    assert keyring.get_password("halldesk", f"{URL}|{DEVICE}") == TOKEN
    assert Credentials(URL, "another-device").get() is None
    creds.set(TOKEN + "2")                         # rotated
    assert creds.get() == TOKEN + "2"
    creds.delete()
    creds.delete()                                 # forgetting twice is fine
    assert creds.get() is None


def test_test_backends_are_never_picked_by_autodetection(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    assert not MemoryKeyring.viable and not FileKeyring.viable
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "sync.credentials.FileKeyring")
    assert FileKeyring.viable and FileKeyring.priority < 1


def test_file_fallback_when_the_machine_has_no_keyring(tmp_path, monkeypatch, caplog):
    path = tmp_path / "cfg" / "credentials.json"
    monkeypatch.setenv("HALLDESK_KEYRING_FILE", str(path))
    monkeypatch.setattr(credentials, "_fallback", None)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        with caplog.at_level(logging.WARNING):
            store = credentials.backend()
        assert isinstance(store, FileKeyring) and store.path == path
        assert "no OS keyring" in caplog.text
        creds = Credentials(URL, DEVICE)
        creds.set(TOKEN)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert FileKeyring(path).get_password("halldesk", f"{URL}|{DEVICE}") == TOKEN
        creds.delete()
        assert creds.get() is None
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize("text", [
    f"Authorization: Bearer {TOKEN}",
    f'{{"refresh_token": "{TOKEN}", "device_id": "{DEVICE}"}}',
    f"refresh_token={TOKEN}&x=1",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vLmNsZXJrIn0.c2lnbmF0dXJlLWJ5dGVz",
    f"got {TOKEN} from the server",
])
def test_tokens_are_redacted(text):
    out = redact(text)
    assert TOKEN not in out and "eyJzdWIi" not in out and REDACTED in out


def test_ids_digests_and_error_codes_are_left_alone():
    text = (f"push of {DEVICE} seq 12 failed: token_expired; etag "
            "9f86d081884c7d659a2feaea0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")
    assert redact(text) == text


def test_a_registered_secret_is_redacted_whatever_it_looks_like():
    register_secret("short-but-secret-1")
    assert redact("the value short-but-secret-1 leaked") == f"the value {REDACTED} leaked"


def test_log_records_are_scrubbed_including_exceptions(caplog):
    credentials.install_log_redaction()
    credentials.install_log_redaction()            # idempotent
    log = logging.getLogger("sync.test")
    with caplog.at_level(logging.DEBUG):
        log.info("refresh with %s", {"refresh_token": TOKEN})
        try:
            raise RuntimeError(f"server said Bearer {TOKEN}")
        except RuntimeError:
            log.exception("failed")
    assert TOKEN not in caplog.text
    assert all(TOKEN not in (r.exc_text or "") for r in caplog.records)


def test_after_a_sync_no_token_is_in_the_desk_file_or_the_logs(central, tmp_path, caplog):
    """Sign in, sync, rotate the refresh token (a forced refresh), sync again; then look
    for every token this process ever held in the desk file's bytes and in the logs."""
    seen: list[str] = []
    real = credentials.register_secret

    def remember(secret: str) -> None:
        seen.append(secret)
        real(secret)

    caplog.set_level(logging.DEBUG)          # urllib3 and the sync modules, all of it
    path = tmp_path / "desk.sqlite3"
    desk = Desk.open(path)
    try:
        import sync.client
        sync.client.register_secret, credentials.register_secret = remember, remember
        session = Session(desk, central.url)
        session.login("demo.clerk", "demo-2026", "SQ01")
        desk.record_intake(intake_form())
        engine = SyncEngine(desk, session.client)
        assert engine.sync_once().ok
        session.client._access = None            # expire the access token: refresh, rotate
        desk.record_intake(intake_form(topic="tax"))
        assert engine.sync_once().ok
        engine.stop()
    finally:
        sync.client.register_secret = credentials.register_secret = real
        desk.close()
    tokens = {t for t in seen if len(t) >= 16}
    assert len(tokens) >= 4                      # two access tokens, two refresh tokens
    blobs = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    logs = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    for token in tokens:
        assert token.encode() not in blobs
        assert token not in logs
