"""The central API application: ``create_app(settings) -> FastAPI``.

The app is stateless between requests (everything lives in the database), so several
workers or hosts can serve one database. ``create_app_from_env`` is the factory the
workers of ``halldesk-central serve --workers N`` build from ``HALLDESK_*`` variables.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
import orjson
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.middleware.gzip import GZipMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp

from server import api, api_cases, errors, open311_api
from server.config import Settings, from_env
from server.db import Database
from server.middleware import HallDeskMiddleware
from sync.protocol import API_PREFIX, PROTOCOL_VERSION, Headers as H

VERSION = "0.1.0"
DESCRIPTION = """\
The reference central API of Hall Desk (企业服务专窗工作台). The contract is
`sync/protocol.py`; the prose is `docs/protocol.md`; running it is `docs/operations.md`.

Every call under `/api/v1` sends `X-HallDesk-Protocol` and `X-HallDesk-Schema`
(426 `upgrade_required` below the minimum). Every response carries
`X-HallDesk-Server-Time`. Every error is an `ErrorBody` with a Chinese `message_zh`.
Request bodies may be gzip-compressed (`Content-Encoding: gzip`); responses over 1 KiB
are, when the caller accepts gzip.
"""


class HallDeskAPI(FastAPI):
    """FastAPI with the protocol layer outside everything, error middleware included, so
    even a crash's answer carries the server time."""

    def build_middleware_stack(self) -> ASGIApp:
        return HallDeskMiddleware(super().build_middleware_stack(), self.state.settings)


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # requests beyond this many wait on the event loop rather than as threads fighting
    # over the interpreter lock (their database work is short and batched)
    limiter = anyio.to_thread.current_default_thread_limiter()
    limiter.total_tokens = app.state.settings.threads
    yield
    app.state.db.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = HallDeskAPI(title="Hall Desk central API", version=VERSION, description=DESCRIPTION,
                      docs_url="/docs", redoc_url=None, openapi_url="/openapi.json",
                      lifespan=_lifespan)
    app.state.settings = settings
    app.state.db = Database(settings.database_url, settings)
    errors.install(app)
    app.add_middleware(GZipMiddleware, minimum_size=settings.gzip_min_bytes,
                       compresslevel=settings.gzip_level)
    app.include_router(api.router)
    app.include_router(api_cases.router)
    app.include_router(open311_api.router)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> Response:
        return Response(orjson.dumps({"ok": True, "database": app.state.db.dialect}),
                        media_type="application/json")

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def create_app_from_env() -> FastAPI:
    return create_app(from_env())


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    headers = [
        {"name": H.PROTOCOL, "in": "header", "required": True,
         "schema": {"type": "integer", "example": PROTOCOL_VERSION},
         "description": "the desk's protocol version; below the minimum: 426"},
        {"name": H.SCHEMA, "in": "header", "required": True,
         "schema": {"type": "string", "pattern": "^[0-9]{4}$", "example": "0001"},
         "description": "the desk file's schema revision"},
        {"name": H.DEVICE, "in": "header", "required": False, "schema": {"type": "string"},
         "description": "the desk file's replica id"},
        {"name": H.CLIENT, "in": "header", "required": False, "schema": {"type": "string"},
         "description": "halldesk/<version>"},
    ]
    for path, item in schema.get("paths", {}).items():
        if not path.startswith(API_PREFIX + "/"):
            continue
        for operation in item.values():
            params = operation.setdefault("parameters", [])
            known = {p["name"].lower() for p in params}
            params.extend(h for h in headers if h["name"].lower() not in known)
    app.openapi_schema = schema
    return schema
