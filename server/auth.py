"""Sign-in: argon2 password hashes, HMAC-signed access tokens, rotating refresh tokens,
lockout after repeated failures, and ``current_principal`` for the endpoints.

- An access token is ``hd1.<claims>.<signature>``: base64url JSON claims (user, role,
  jurisdiction, station, device, expiry) signed with HMAC-SHA256 under the server's key.
  It lives ``access_ttl_seconds`` (15 minutes) and needs no database read to check.
- A refresh token is 32 random bytes; only its sha256 is stored. It lives 30 days, is
  bound to the device it was issued to, and is rotated on every refresh: the old one is
  spent, and a spent token presented again revokes its whole family (a stolen copy and
  the real desk can never both keep going).
- Five failed passwords lock the account for 15 minutes (``locked``), whatever the
  password tried next; an unknown user name costs the same time as a wrong password.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
import threading
import uuid
from dataclasses import dataclass
from typing import Any

import orjson
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from sqlalchemy import Connection, select, update

from core.tickets import Role
from server import audit
from server.config import Settings, utcnow
from server.db import Database
from server.errors import ApiError
from server.migrate import TOKEN_SECRET_KEY
from server.models import devices, refresh_tokens, server_settings, stations, users
from sync.codec import db_time, from_db_time
from sync.protocol import ErrorCode, LoginRequest, RefreshRequest

TOKEN_PREFIX = "hd1"
CITY = "city"

_hashers: dict[str, PasswordHasher] = {}
_dummy_hashes: dict[str, str] = {}
_lock = threading.Lock()


def hasher(profile: str = "default") -> PasswordHasher:
    with _lock:
        if profile not in _hashers:
            _hashers[profile] = (PasswordHasher() if profile == "default" else
                                 PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        return _hashers[profile]


def hash_password(password: str, profile: str = "default") -> str:
    return hasher(profile).hash(password)


def verify_password(stored: str | None, password: str, profile: str = "default") -> bool:
    """Constant work whether or not the user exists."""
    ph = hasher(profile)
    if stored is None:
        if profile not in _dummy_hashes:
            _dummy_hashes[profile] = ph.hash(secrets.token_hex(8))
        stored = _dummy_hashes[profile]
        try:
            ph.verify(stored, password)
        except VerificationError:
            pass
        return False
    try:
        return ph.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# -- access tokens -----------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_access_token(secret: bytes, claims: dict[str, Any]) -> str:
    body = _b64(orjson.dumps(claims, option=orjson.OPT_SORT_KEYS))
    signed = f"{TOKEN_PREFIX}.{body}"
    sig = hmac.new(secret, signed.encode(), hashlib.sha256).digest()
    return f"{signed}.{_b64(sig)}"


def read_access_token(secret: bytes, token: str, now: dt.datetime) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        raise _bad_token("not an access token")
    try:
        sig = _unb64(parts[2])
        expected = hmac.new(secret, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(sig, expected):
            raise _bad_token("signature does not match")
        claims = orjson.loads(_unb64(parts[1]))
    except (ValueError, orjson.JSONDecodeError):
        raise _bad_token("malformed token") from None
    if not isinstance(claims, dict) or not isinstance(claims.get("exp"), int):
        raise _bad_token("malformed claims")
    if claims["exp"] <= int(now.timestamp()):
        raise ApiError(401, ErrorCode.TOKEN_EXPIRED, "the access token has expired; refresh it",
                       "登录已过期，正在重新验证")
    return claims


def _bad_token(why: str) -> ApiError:
    return ApiError(401, ErrorCode.BAD_TOKEN, f"invalid token: {why}; sign in again",
                    "登录凭证无效，请重新登录", headers={"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class Principal:
    """Who is calling: the user, the role and jurisdiction the server holds for them, and
    the station and device they signed in at."""

    username: str
    role: Role
    town: str              # the user's jurisdiction: a town code or "city"
    station_id: str
    station_town: str
    device_id: str

    def claims(self, now: dt.datetime, ttl: int) -> dict[str, Any]:
        return {"sub": self.username, "rol": self.role.value, "twn": self.town,
                "stn": self.station_id, "stt": self.station_town, "dev": self.device_id,
                "iat": int(now.timestamp()), "exp": int(now.timestamp()) + ttl,
                "jti": secrets.token_hex(8)}

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> Principal:
        try:
            return cls(str(claims["sub"]), Role(claims["rol"]), str(claims["twn"]),
                       str(claims["stn"]), str(claims["stt"]), str(claims["dev"]))
        except (KeyError, ValueError):
            raise _bad_token("malformed claims") from None

    @property
    def is_supervisor(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)


_secret_cache: dict[str, bytes] = {}


def _cached_secret(db: Database, settings: Settings) -> bytes | None:
    if settings.token_secret:
        return settings.token_secret.encode()
    return _secret_cache.get(db.url)


def token_secret(db: Database, settings: Settings) -> bytes:
    found = _cached_secret(db, settings)
    if found is None:
        with db.read() as conn:
            value = conn.execute(select(server_settings.c.value)
                                 .where(server_settings.c.key == TOKEN_SECRET_KEY)).scalar()
        if value is None:
            raise RuntimeError("the database has no token key: run halldesk-central upgrade")
        found = _secret_cache[db.url] = value.encode()
    return found


_bearer = HTTPBearer(auto_error=False, description="the access token from /api/v1/auth/login")


async def current_principal(request: Request,
                            creds: HTTPAuthorizationCredentials | None = Depends(_bearer)
                            ) -> Principal:
    """The caller, from the access token. A coroutine, run on the event loop: checking an
    HMAC is cheaper than a trip to the thread pool (only the first call of a process
    reads the token key from the database, on a thread)."""
    if creds is None or creds.scheme.lower() != "bearer":
        raise _bad_token("no bearer token")
    state = request.app.state
    secret = _cached_secret(state.db, state.settings)
    if secret is None:
        secret = await run_in_threadpool(token_secret, state.db, state.settings)
    return Principal.from_claims(read_access_token(secret, creds.credentials, utcnow()))


async def optional_principal(request: Request,
                             creds: HTTPAuthorizationCredentials | None = Depends(_bearer)
                             ) -> Principal | None:
    return None if creds is None else await current_principal(request, creds)


# -- login, refresh, logout ----------------------------------------------------------------

def _tokens(conn: Connection, principal: Principal, display: str, station_name: str,
            secret: bytes, settings: Settings, now: dt.datetime, family: str) -> dict[str, Any]:
    refresh = secrets.token_urlsafe(32)
    conn.execute(refresh_tokens.insert().values(
        token_hash=hashlib.sha256(refresh.encode()).hexdigest(), family=family,
        username=principal.username, device_id=principal.device_id,
        station_id=principal.station_id, issued_at=db_time(now),
        expires_at=db_time(now + dt.timedelta(seconds=settings.refresh_ttl_seconds)),
        revoked=False))
    return {"access_token": sign_access_token(secret, principal.claims(
                now, settings.access_ttl_seconds)),
            "refresh_token": refresh, "expires_in": settings.access_ttl_seconds,
            "user": {"username": principal.username, "display": display,
                     "role": principal.role.value, "town": principal.town},
            "station": {"id": principal.station_id, "town": principal.station_town,
                        "name": station_name},
            "server_time": now.isoformat()}


def may_sign_in_at(user_town: str, station_town: str) -> bool:
    """City accounts sign in anywhere; a town's accounts at their town's stations."""
    return user_town == CITY or user_town == station_town


def login(db: Database, settings: Settings, req: LoginRequest, client: str | None) -> dict:
    secret = token_secret(db, settings)
    now = utcnow()
    with db.read() as conn:
        user = conn.execute(select(users).where(users.c.username == req.username)).first()
    locked_until = from_db_time(user.locked_until) if user is not None else None
    failure: ApiError | None = None
    if user is not None and locked_until is not None and locked_until > now:
        failure = _locked(locked_until, now)
        with db.write() as conn:
            audit.record(conn, now, "login", "failed", username=req.username,
                         station_id=req.station_id, device_id=req.device_id,
                         detail={"why": "locked", "client": client})
    # the hash is checked outside any transaction: it takes tens of milliseconds
    elif not verify_password(user.password_hash if user is not None else None, req.password,
                             settings.argon2_profile) or user is None or user.disabled:
        with db.write() as conn:
            failure = _fail_login(conn, settings, user, req, now, client)
    if failure is not None:
        raise failure
    assert user is not None
    with db.write() as conn:
        station = conn.execute(select(stations).where(stations.c.id == req.station_id)).first()
        if station is None:
            raise ApiError(422, ErrorCode.INVALID, f"unknown station {req.station_id!r}",
                           f"窗口编号 {req.station_id} 不存在", field="station_id")
        if not may_sign_in_at(user.town, station.town):
            raise ApiError(403, ErrorCode.OUT_OF_SCOPE,
                           f"{user.username} belongs to {user.town} and may not sign in at "
                           f"{station.id} ({station.town})",
                           f"该账号属于{user.town}，不能在 {station.id} 窗口登录")
        conn.execute(update(users).where(users.c.username == user.username)
                     .values(failed_logins=0, locked_until=None, updated_at=db_time(now)))
        _touch_device(conn, req.device_id, station.id, user.username, now)
        principal = Principal(user.username, Role(user.role), user.town, station.id,
                              station.town, req.device_id)
        tokens = _tokens(conn, principal, user.display, station.name, secret, settings, now,
                         str(uuid.uuid4()))
        audit.record(conn, now, "login", "ok", username=user.username, station_id=station.id,
                     device_id=req.device_id, detail={"client": client})
        return tokens


def _fail_login(conn: Connection, settings: Settings, user: Any, req: LoginRequest,
                now: dt.datetime, client: str | None) -> ApiError:
    audit.record(conn, now, "login", "failed", username=req.username, station_id=req.station_id,
                 device_id=req.device_id, detail={"why": "bad_credentials", "client": client})
    if user is None or user.disabled:
        return _bad_credentials(None)
    failed = conn.execute(update(users).where(users.c.username == user.username)
                          .values(failed_logins=users.c.failed_logins + 1)
                          .returning(users.c.failed_logins)).scalar_one()
    if failed >= settings.lockout_attempts:
        until = now + dt.timedelta(seconds=settings.lockout_seconds)
        conn.execute(update(users).where(users.c.username == user.username)
                     .values(failed_logins=0, locked_until=db_time(until)))
        audit.record(conn, now, "lockout", "ok", username=user.username,
                     detail={"until": db_time(until)})
        return _locked(until, now)
    return _bad_credentials(settings.lockout_attempts - failed)


def _bad_credentials(left: int | None) -> ApiError:
    tail = "" if left is None else f"; {left} attempt(s) left before the account is locked"
    tail_zh = "" if left is None else f"，再错 {left} 次将锁定账号"
    return ApiError(401, ErrorCode.BAD_CREDENTIALS, "wrong user name or password" + tail,
                    "用户名或密码错误" + tail_zh)


def _locked(until: dt.datetime, now: dt.datetime) -> ApiError:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return ApiError(403, ErrorCode.LOCKED,
                    f"too many failed sign-ins; the account is locked for {minutes} minute(s)",
                    f"登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试",
                    headers={"Retry-After": str(minutes * 60)})


def _touch_device(conn: Connection, device_id: str, station_id: str, username: str,
                  now: dt.datetime) -> None:
    updated = conn.execute(update(devices).where(devices.c.device_id == device_id).values(
        station_id=station_id, username=username, last_seen=db_time(now))).rowcount
    if not updated:
        conn.execute(devices.insert().values(device_id=device_id, station_id=station_id,
                                             username=username, last_seq=0,
                                             first_seen=db_time(now), last_seen=db_time(now)))


def refresh(db: Database, settings: Settings, req: RefreshRequest) -> dict:
    secret = token_secret(db, settings)
    now = utcnow()
    token_hash = hashlib.sha256(req.refresh_token.encode()).hexdigest()
    error: ApiError | None = None
    with db.write() as conn:
        row = conn.execute(select(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash)
                           .with_for_update()).first()
        if row is None or row.device_id != req.device_id:
            raise _bad_token("unknown refresh token, or another device's")
        if row.revoked or row.used_at is not None:
            # a spent token again: someone holds a copy; end the whole family
            conn.execute(update(refresh_tokens).where(refresh_tokens.c.family == row.family)
                         .values(revoked=True))
            audit.record(conn, now, "refresh", "failed", username=row.username,
                         station_id=row.station_id, device_id=row.device_id,
                         detail={"why": "reused" if not row.revoked else "revoked"})
            error = _bad_token("this refresh token was already used or revoked")
        elif from_db_time(row.expires_at) <= now:
            error = ApiError(401, ErrorCode.TOKEN_EXPIRED, "the session has expired; sign in again",
                             "登录已过期，请重新登录")
        if error is None:
            user = conn.execute(select(users).where(users.c.username == row.username)).first()
            station = conn.execute(select(stations).where(stations.c.id == row.station_id)).first()
            if user is None or user.disabled or station is None:
                raise _bad_token("the account or station no longer exists")
            conn.execute(update(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash)
                         .values(used_at=db_time(now)))
            principal = Principal(user.username, Role(user.role), user.town, station.id,
                                  station.town, row.device_id)
            audit.record(conn, now, "refresh", "ok", username=user.username,
                         station_id=station.id, device_id=row.device_id, detail={})
            return _tokens(conn, principal, user.display, station.name, secret, settings, now,
                           row.family)
    raise error


def logout(db: Database, req: RefreshRequest) -> None:
    token_hash = hashlib.sha256(req.refresh_token.encode()).hexdigest()
    with db.write() as conn:
        row = conn.execute(select(refresh_tokens)
                           .where(refresh_tokens.c.token_hash == token_hash)).first()
        if row is None or row.device_id != req.device_id:
            raise _bad_token("unknown refresh token")
        conn.execute(update(refresh_tokens).where(refresh_tokens.c.family == row.family)
                     .values(revoked=True))
        audit.record(conn, utcnow(), "logout", "ok", username=row.username,
                     station_id=row.station_id, device_id=row.device_id, detail={})
