"""The ASGI layer in front of every endpoint (pure ASGI: no per-request task overhead).

- ``X-HallDesk-Server-Time`` on every response, errors included, and ``Server-Timing``
  (``app;dur=<ms>``: the server's own time for the request, for benchmarks and logs).
- Under ``/api/v1/``: ``X-HallDesk-Protocol`` (and ``X-HallDesk-Schema``) required;
  a protocol below ``MIN_PROTOCOL_VERSION`` or a desk schema below ``MIN_DESK_SCHEMA``
  gets 426 ``upgrade_required`` with ``min_protocol``: the desk parks its outbox.
- Request bodies: at most ``max_wire_bytes`` as sent and ``max_body_bytes`` once
  decompressed (413 ``too_large``: a gzip bomb is cut off at the limit, never inflated
  whole); ``Content-Encoding: gzip`` is inflated here, anything else but identity is
  400 ``bad_encoding``.
"""

from __future__ import annotations

import re
import time
import zlib
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.config import Settings, utcnow
from server.errors import ApiError, error_response
from sync.protocol import (API_PREFIX, MIN_DESK_SCHEMA, MIN_PROTOCOL_VERSION,
                           PROTOCOL_VERSION, ErrorCode, Headers as H)

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
SCHEMA_RE = re.compile(r"\d{4}")


def check_versions(headers: Headers) -> ApiError | None:
    raw = headers.get(H.PROTOCOL)
    if raw is None or not raw.strip().isdigit():
        return ApiError(400, ErrorCode.BAD_REQUEST,
                        f"send the header {H.PROTOCOL}: {PROTOCOL_VERSION}",
                        f"请求缺少协议版本（{H.PROTOCOL}）", field=H.PROTOCOL)
    version = int(raw)
    if version < MIN_PROTOCOL_VERSION:
        return ApiError(426, ErrorCode.UPGRADE_REQUIRED,
                        f"protocol {version} is too old; this server needs {MIN_PROTOCOL_VERSION}"
                        f"..{PROTOCOL_VERSION}: update the desk",
                        "工作台版本过旧，请升级后再同步（未上传的操作已保留）",
                        min_protocol=MIN_PROTOCOL_VERSION)
    if version > PROTOCOL_VERSION:
        return ApiError(400, ErrorCode.BAD_REQUEST,
                        f"protocol {version} is newer than this server's ({MIN_PROTOCOL_VERSION}"
                        f"..{PROTOCOL_VERSION}); update the server",
                        "工作台版本比服务器新，请联系管理员升级服务器", field=H.PROTOCOL)
    schema = headers.get(H.SCHEMA)
    if schema is None or not SCHEMA_RE.fullmatch(schema.strip()):
        return ApiError(400, ErrorCode.BAD_REQUEST,
                        f"send the header {H.SCHEMA} with the desk file's schema revision "
                        "(four digits, e.g. 0001)", f"请求缺少数据版本（{H.SCHEMA}）",
                        field=H.SCHEMA)
    if schema.strip() < MIN_DESK_SCHEMA:
        return ApiError(426, ErrorCode.UPGRADE_REQUIRED,
                        f"desk schema {schema} is too old; this server needs {MIN_DESK_SCHEMA} "
                        "or newer: update the desk", "工作台数据版本过旧，请升级后再同步",
                        min_protocol=MIN_PROTOCOL_VERSION)
    return None


class _TooLarge(Exception):
    pass


def inflate(body: bytes, limit: int) -> bytes:
    """gunzip (several members allowed), refusing to produce more than ``limit`` bytes."""
    out: list[bytes] = []
    size = 0
    data = body
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = d.decompress(data, limit - size + 1)
        size += len(chunk)
        out.append(chunk)
        while d.unconsumed_tail and size <= limit:
            chunk = d.decompress(d.unconsumed_tail, limit - size + 1)
            size += len(chunk)
            out.append(chunk)
        if size > limit:
            raise _TooLarge
        if not d.eof:
            raise zlib.error("truncated gzip stream")
        data = d.unused_data
    return b"".join(out)


class HallDeskMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((H.SERVER_TIME.lower().encode(),
                                utcnow().isoformat(timespec="milliseconds").encode()))
                took = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", b"app;dur=%.1f" % took))
                message = {**message, "headers": headers}
            await send(message)

        headers = Headers(scope=scope)
        query = scope.get("query_string", b"").lower()
        if "\x00" in scope["path"] or b"%00" in query or b"\x00" in query:
            await self._answer(ApiError(400, ErrorCode.BAD_REQUEST,
                                        "a NUL character in the address",
                                        "请求地址含非法字符"), scope, receive, send_with_time)
            return
        if scope["path"].startswith(API_PREFIX + "/"):
            problem = check_versions(headers)
            if problem is not None:
                await self._answer(problem, scope, receive, send_with_time)
                return
        if scope["method"] in BODY_METHODS:
            kind = headers.get("content-type", "").split(";")[0].strip().lower()
            if scope["path"].startswith(API_PREFIX + "/") and kind != "application/json" \
                    and headers.get("content-length", "0") != "0":
                await self._answer(ApiError(
                    400, ErrorCode.BAD_REQUEST, "send JSON with Content-Type: application/json",
                    "请求内容应为 JSON（Content-Type: application/json）",
                    field="Content-Type"), scope, receive, send_with_time)
                return
            try:
                scope, receive = await self._body(scope, receive, headers)
            except ApiError as exc:
                await self._answer(exc, scope, receive, send_with_time)
                return
        await self.app(scope, receive, send_with_time)

    async def _answer(self, exc: ApiError, scope: Scope, receive: Receive, send: Send) -> None:
        await error_response(exc.status, exc.body(), exc.headers)(scope, receive, send)

    def _too_large(self, limit: int, what: str) -> ApiError:
        return ApiError(413, ErrorCode.TOO_LARGE,
                        f"the request body is larger than {limit} bytes {what}; send fewer ops "
                        "per push", "请求内容过大，请分批发送")

    async def _body(self, scope: Scope, receive: Receive, headers: Headers
                    ) -> tuple[Scope, Receive]:
        wire, limit = self.settings.max_wire_bytes, self.settings.max_body_bytes
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > wire:
            raise self._too_large(wire, "as sent")
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("gzip", "identity", ""):
            raise ApiError(400, ErrorCode.BAD_ENCODING,
                           f"Content-Encoding {encoding!r} is not supported; send gzip or none",
                           "不支持的请求压缩格式，请使用 gzip")
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > wire:
                raise self._too_large(wire, "as sent")
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if encoding == "gzip" and body:
            try:
                body = inflate(body, limit)
            except _TooLarge:
                raise self._too_large(limit, "once decompressed") from None
            except zlib.error as exc:
                raise ApiError(400, ErrorCode.BAD_ENCODING, f"the gzip body is damaged ({exc})",
                               "请求内容的 gzip 压缩数据已损坏") from None
        elif len(body) > limit:
            raise self._too_large(limit, "")
        raw_headers = [(k, v) for k, v in scope["headers"]
                       if k not in (b"content-encoding", b"content-length")]
        raw_headers.append((b"content-length", str(len(body)).encode()))
        new_scope: dict[str, Any] = {**scope, "headers": raw_headers}
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return new_scope, replay
