"""Signing a desk in to the central server, and staying signed in.

``Session.login`` asks the server for tokens, keeps the refresh token in the OS keyring
(``sync.credentials``) and writes the server, station and user into the desk file's meta
(never a token). A station that signed in once therefore opens **offline** without
asking: the desk knows who works at it, and the engine refreshes the session when the
network returns. If the server refuses the stored token (expired after 30 days, revoked),
the engine reports ``signed_out``; the outbox waits, untouched, until the clerk signs in
again, and is pushed then.

Usage (the login dialog, the CLI)::

    session = Session(desk, "https://central.example")
    result = session.login("demo.clerk", password, "SQ01")
    engine = SyncEngine(desk, session.client)
"""

from __future__ import annotations

from typing import Any

from core.tickets import Role
from sync.client import AuthExpired, CentralClient, LoginResult
from sync.credentials import Credentials, install_log_redaction
from sync.desk import Desk
from sync.identity import Actor, Station
from sync.store import SCHEMA_HEAD


class NoServer(Exception):
    message_zh = "尚未设置中心服务器地址，请先登录"


class Session:
    def __init__(self, desk: Desk, server_url: str | None = None, *,
                 credentials: Credentials | None = None, **client_options: Any):
        install_log_redaction()
        self.desk = desk
        url = server_url or desk.server_url
        self._client: CentralClient | None = None
        self._options = client_options
        self._credentials = credentials
        if url:
            self._connect(url)

    def _connect(self, url: str) -> CentralClient:
        url = url.rstrip("/")
        if self._client is not None and self._client.base_url == url:
            return self._client
        if self._client is not None:
            self._client.close()
        creds = self._credentials if self._credentials and \
            self._credentials.server_url == url else Credentials(url, self.desk.device_id)
        self._client = CentralClient(url, self.desk.device_id, SCHEMA_HEAD,
                                     credentials=creds, **self._options)
        return self._client

    @property
    def client(self) -> CentralClient:
        if self._client is None:
            raise NoServer("no central server configured for this desk; sign in first")
        return self._client

    @property
    def server_url(self) -> str | None:
        return self._client.base_url if self._client else None

    @property
    def known_station(self) -> bool:
        """The desk has a station and a user: it can open (offline) without signing in."""
        return self.desk.station is not None and self.desk.actor is not None

    @property
    def has_token(self) -> bool:
        """A refresh token is stored for this desk and server (it may still be refused)."""
        return self._client is not None and self._client.credentials.get() is not None

    @property
    def needs_login(self) -> bool:
        """Show the login dialog at start: never signed in here, or no server set."""
        return not self.known_station or self._client is None

    def login(self, username: str, password: str, station_id: str,
              server_url: str | None = None) -> LoginResult:
        """Sign in (``AuthExpired`` with the server's ``message_zh`` on a wrong password,
        ``Forbidden`` when locked or not allowed at this station, ``Offline``)."""
        client = self._connect(server_url) if server_url else self.client
        result = client.login(username, password, station_id)
        user, station = result.user, result.station
        self.desk.record_session(
            client.base_url,
            Station(station["id"], station["town"], station.get("name", "")),
            Actor(user["username"], Role(user["role"]), user.get("display", "")),
            {"station": station["id"], "station_town": station["town"],
             "user": user["username"], "role": user["role"], "user_town": user["town"]})
        return result

    def resume(self) -> bool:
        """Check the stored session now (online): True when it is still good."""
        try:
            self.client.refresh()
        except AuthExpired:
            return False
        return True

    def logout(self) -> None:
        """Forget the tokens. The desk file keeps its station, user and whole outbox."""
        if self._client is not None:
            self._client.logout()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
