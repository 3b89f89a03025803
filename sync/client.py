"""The HTTP client of the central API (protocol v1, ``sync/protocol.py``).

One ``requests.Session`` (connection reuse); the protocol headers on every request;
request bodies over 1 KiB gzip-compressed; JSON through orjson; each failure mapped to
one exception class the engine acts on (``docs/protocol.md``, "Every request"). The
access token lives in memory only; the refresh token in the keyring (``Credentials``),
rotated on every refresh. A 401 triggers one refresh and one retry.

Pull pages come back as plain dicts: a page holds thousands of requests, and the apply
step reads them field by field without building a model per row.
"""

from __future__ import annotations

import datetime as dt
import gzip
import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
import requests

from sync import protocol
from sync.credentials import Credentials, register_secret
from sync.protocol import API_PREFIX, Headers

log = logging.getLogger(__name__)
GZIP_OVER = 1024
Clock = Callable[[], dt.datetime]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# -- errors --------------------------------------------------------------------------------

class SyncError(Exception):
    """A failed call. ``code`` is the server's stable error code (or ours), ``body`` the
    server's ErrorBody as a dict, ``message_zh`` what the clerk may read."""

    default_zh = "与中心服务器同步失败"

    def __init__(self, message: str, *, status: int | None = None,
                 body: Mapping[str, Any] | None = None, code: str | None = None):
        super().__init__(message)
        self.status = status
        self.body = dict(body or {})
        self.code = code or self.body.get("error") or type(self).__name__.lower()
        self.message_zh = self.body.get("message_zh") or self.default_zh

    def reason(self) -> dict[str, Any]:
        return {"code": self.code, "message": str(self), "message_zh": self.message_zh,
                "field": self.body.get("field")}


class Offline(SyncError):
    default_zh = "无法连接中心服务器（离线）"


class ServerBusy(SyncError):
    default_zh = "中心服务器繁忙，稍后自动重试"

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.retry_after = retry_after


class AuthExpired(SyncError):
    default_zh = "登录已过期，请重新登录"


class Forbidden(SyncError):
    default_zh = "无权执行此操作"


class SeqGap(SyncError):
    default_zh = "操作序号不连续，正在从服务器期望的序号重发"

    def __init__(self, *args: Any, expected_seq: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.expected_seq = expected_seq


class CursorExpired(SyncError):
    default_zh = "本地数据过旧，正在重新下载全部数据（待上传的操作保留）"


class TooLarge(SyncError):
    default_zh = "一次上传的数据过多，正在分批重试"


class OpMismatch(SyncError):
    default_zh = "重发的操作与服务器已记录的不一致，需要处理"


class UpgradeRequired(SyncError):
    default_zh = "工作台版本过旧，请升级后再同步；待上传的操作已暂存，不会丢失"

    def __init__(self, *args: Any, min_protocol: int | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.min_protocol = min_protocol


class Rejected(SyncError):
    default_zh = "服务器拒绝了请求"


class BadRequest(Rejected):
    default_zh = "请求格式有误（程序错误），需要处理"


def _error_body(resp: requests.Response) -> dict[str, Any]:
    try:
        body = orjson.loads(resp.content) if resp.content else {}
    except orjson.JSONDecodeError:
        return {}
    return body if isinstance(body, dict) else {}


def error_for(resp: requests.Response) -> SyncError:
    """The exception a non-2xx answer stands for."""
    body = _error_body(resp)
    status, code = resp.status_code, body.get("error")
    message = f"{resp.request.method} {resp.url.split('?')[0]}: {status} " \
              f"{code or resp.reason}: {body.get('message', '')}".rstrip(": ")
    kw: dict[str, Any] = {"status": status, "body": body}
    if status == 401:
        return AuthExpired(message, **kw)
    if status == 403:
        return Forbidden(message, **kw)
    if status == 409 and code == "seq_gap":
        return SeqGap(message, expected_seq=int(body.get("expected_seq") or 0), **kw)
    if status == 410:
        return CursorExpired(message, **kw)
    if status == 413:
        return TooLarge(message, **kw)
    if status == 422 and code == "op_mismatch":
        return OpMismatch(message, **kw)
    if status == 426:
        return UpgradeRequired(message, min_protocol=body.get("min_protocol"), **kw)
    if status == 429 or status >= 500:
        retry = resp.headers.get("Retry-After")
        return ServerBusy(message, retry_after=float(retry) if retry and retry.isdigit()
                          else None, **kw)
    if status == 400:
        return BadRequest(message, **kw)
    return Rejected(message, **kw)


# -- the client ----------------------------------------------------------------------------

@dataclass(frozen=True)
class LoginResult:
    """Who signed in where (the tokens themselves are never handed out)."""

    user: dict[str, Any]        # protocol.UserInfo: username, display, role, town
    station: dict[str, Any]     # protocol.StationInfo: id, town, name
    expires_in: int
    server_time: str


class CentralClient:
    def __init__(self, base_url: str, device_id: str, schema: str, *,
                 timeout: tuple[float, float] = (3.05, 30),
                 credentials: Credentials | None = None, client_version: str | None = None,
                 clock: Clock = _now, session: requests.Session | None = None):
        self.base_url = base_url.rstrip("/")
        self.device_id = device_id
        self.schema = schema
        self.timeout = timeout
        self.credentials = credentials or Credentials(self.base_url, device_id)
        self.clock = clock
        self.http = session or requests.Session()
        self.http.headers.update({
            Headers.PROTOCOL: str(protocol.PROTOCOL_VERSION),
            Headers.SCHEMA: schema,
            Headers.DEVICE: device_id,
            Headers.CLIENT: f"halldesk/{client_version or _version()}",
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
        })
        self._access: str | None = None
        self._access_until = 0.0                      # time.monotonic()
        self._auth_lock = threading.RLock()
        self.clock_skew: float | None = None          # seconds, server minus this desk
        self.last_server_time: dt.datetime | None = None

    def close(self) -> None:
        self.http.close()

    # -- plumbing --------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return f"{self.base_url}{API_PREFIX}{path}"

    def _send(self, method: str, path: str, *, body: Any = None,
              params: Mapping[str, Any] | None = None, auth: bool = True,
              headers: Mapping[str, str] | None = None) -> requests.Response:
        hdrs = dict(headers or {})
        data = None
        if body is not None:
            data = orjson.dumps(body)
            hdrs["Content-Type"] = "application/json"
            if len(data) > GZIP_OVER:
                data = gzip.compress(data, compresslevel=5)
                hdrs["Content-Encoding"] = "gzip"
        if auth:
            hdrs["Authorization"] = f"Bearer {self._token()}"
        sent_at = self.clock()
        try:
            resp = self.http.request(method, self._url(path), data=data, params=params,
                                     headers=hdrs, timeout=self.timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise Offline(f"{method} {path}: {type(exc).__name__}") from None
        except requests.RequestException as exc:
            raise ServerBusy(f"{method} {path}: {type(exc).__name__}: {exc}") from None
        self._note_time(resp, sent_at)
        return resp

    def _call(self, method: str, path: str, **kw: Any) -> requests.Response:
        """Send; on 401 refresh the access token once and retry; raise on failure."""
        resp = self._send(method, path, **kw)
        if resp.status_code == 401 and kw.get("auth", True):
            self._access = None
            self.refresh()
            resp = self._send(method, path, **kw)
        if resp.status_code >= 400:
            raise error_for(resp)
        return resp

    @staticmethod
    def _json(resp: requests.Response) -> Any:
        try:
            return orjson.loads(resp.content)
        except orjson.JSONDecodeError:
            raise ServerBusy(f"{resp.url.split('?')[0]}: the answer is not JSON "
                             f"({resp.headers.get('Content-Type')})") from None

    def _note_time(self, resp: requests.Response, sent_at: dt.datetime) -> None:
        raw = resp.headers.get(Headers.SERVER_TIME)
        if not raw:
            return
        try:
            server = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            return
        if server.tzinfo is None:
            server = server.replace(tzinfo=dt.timezone.utc)
        received_at = self.clock()
        local = sent_at + (received_at - sent_at) / 2
        self.last_server_time = server
        self.clock_skew = (server - local).total_seconds()

    # -- tokens ----------------------------------------------------------------------------

    @property
    def has_access(self) -> bool:
        return self._access is not None and time.monotonic() < self._access_until

    def _token(self) -> str:
        with self._auth_lock:
            if not self.has_access:
                self.refresh()
            assert self._access is not None
            return self._access

    def _take(self, tokens: Mapping[str, Any]) -> None:
        access, refresh = tokens["access_token"], tokens["refresh_token"]
        register_secret(access)
        register_secret(refresh)
        self.credentials.set(refresh)     # rotated: the old one is dead now
        self._access = access
        # refresh a little early rather than be answered 401
        self._access_until = time.monotonic() + max(5.0, int(tokens["expires_in"]) * 0.9)

    def login(self, username: str, password: str, station_id: str) -> LoginResult:
        body = protocol.LoginRequest(username=username, password=password,
                                     station_id=station_id, device_id=self.device_id)
        resp = self._call("POST", "/auth/login", body=body.model_dump(), auth=False)
        tokens = self._json(resp)
        with self._auth_lock:
            self._take(tokens)
        return LoginResult(tokens["user"], tokens["station"], int(tokens["expires_in"]),
                           str(tokens.get("server_time", "")))

    def refresh(self) -> LoginResult:
        """A new access token from the stored refresh token (which the server rotates).

        ``AuthExpired`` when there is no stored token or the server refuses it (the
        refused token is forgotten: the clerk must sign in again)."""
        with self._auth_lock:
            token = self.credentials.get()
            if not token:
                raise AuthExpired("not signed in on this desk", code="signed_out")
            resp = self._send("POST", "/auth/refresh", auth=False,
                              body={"refresh_token": token, "device_id": self.device_id})
            if resp.status_code == 401:
                self.credentials.delete()
                self._access = None
            if resp.status_code >= 400:
                raise error_for(resp)
            tokens = self._json(resp)
            self._take(tokens)
            return LoginResult(tokens["user"], tokens["station"], int(tokens["expires_in"]),
                               str(tokens.get("server_time", "")))

    def logout(self) -> None:
        """Sign out this desk: revoke the refresh token on the server (when it can be
        reached) and forget both tokens here."""
        with self._auth_lock:
            token = self.credentials.get()
            self._access = None
            if token:
                try:
                    self._send("POST", "/auth/logout", auth=False,
                               body={"refresh_token": token, "device_id": self.device_id})
                except SyncError:
                    pass                    # offline: the token dies with its 30 days
            self.credentials.delete()

    # -- the API ---------------------------------------------------------------------------

    def push(self, ops: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """``PushResponse`` as a dict: ``{"results": [OpResult...], "last_seq", ...}``."""
        resp = self._call("POST", "/sync/push",
                          body={"device_id": self.device_id, "ops": list(ops)})
        return self._json(resp)

    def pull(self, since: str | int, limit: int = protocol.DEFAULT_PULL_LIMIT) -> dict[str, Any]:
        """One page of the change feed, parsed once, as plain dicts."""
        resp = self._call("GET", "/sync/pull", params={"since": str(since), "limit": limit})
        page = self._json(resp)
        if not isinstance(page, dict) or "changes" not in page or "cursor" not in page:
            raise ServerBusy("pull: the answer is not a change-feed page")
        return page

    def _conditional(self, path: str, etag: str | None) -> tuple[str | None, Any] | None:
        headers = {"If-None-Match": _quote(etag)} if etag else None
        resp = self._call("GET", path, headers=headers)
        if resp.status_code == 304:
            return None
        return _unquote(resp.headers.get("ETag")), self._json(resp)

    def catalogue(self, etag: str | None = None) -> tuple[str | None, dict[str, Any]] | None:
        """``(etag, files)`` of the published catalogue, or None when ``etag`` is current."""
        return self._conditional("/catalogue", etag)

    def schedule(self, etag: str | None = None) -> tuple[str | None, dict[str, Any]] | None:
        """``(etag, {"hours", "calendars"})``, or None when ``etag`` is current."""
        return self._conditional("/schedule", etag)

    def directory(self, etag: str | None = None) -> tuple[str | None, dict[str, Any]] | None:
        """``(etag, {"users": [...]})``, or None when ``etag`` is current."""
        return self._conditional("/directory", etag)

    def time(self) -> dt.datetime:
        """The server's clock (also updates ``clock_skew``)."""
        resp = self._call("GET", "/time", auth=False)
        body = self._json(resp)
        raw = body.get("server_time") if isinstance(body, dict) else None
        if raw:
            return dt.datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
        assert self.last_server_time is not None
        return self.last_server_time


def _quote(etag: str) -> str:
    return etag if etag.startswith(('"', "W/")) else f'"{etag}"'


def _unquote(etag: str | None) -> str | None:
    if not etag:
        return None
    etag = etag.removeprefix("W/")
    return etag[1:-1] if len(etag) >= 2 and etag[0] == etag[-1] == '"' else etag


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("halldesk")
    except metadata.PackageNotFoundError:
        return "0+unknown"
