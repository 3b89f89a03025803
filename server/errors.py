"""Every error the API answers is an ``ErrorBody`` (sync/protocol.py) with a Chinese
``message_zh``. This module holds the exception the endpoints raise and the handlers
that turn framework errors (validation, unknown routes, crashes) into that shape."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from sync.protocol import ErrorCode

log = logging.getLogger("halldesk.central")


class ApiError(Exception):
    """An answer other than success: status, stable code, English and Chinese message."""

    def __init__(self, status: int, error: str, message: str, message_zh: str, *,
                 field: str | None = None, headers: dict[str, str] | None = None,
                 **extra: Any):
        super().__init__(message)
        self.status, self.error = status, error
        self.message, self.message_zh, self.field = message, message_zh, field
        self.headers = headers or {}
        self.extra = {k: v for k, v in extra.items() if v is not None}

    def body(self) -> dict[str, Any]:
        out = {"error": self.error, "message": self.message, "message_zh": self.message_zh}
        if self.field is not None:
            out["field"] = self.field
        out.update(self.extra)
        return out


def error_response(status: int, body: Any,
                   headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body), status_code=status, headers=headers,
                    media_type="application/json")


def invalid(field: str, message: str, message_zh: str) -> ApiError:
    return ApiError(422, ErrorCode.INVALID, message, message_zh, field=field)


def forbidden(message: str, message_zh: str) -> ApiError:
    return ApiError(403, ErrorCode.FORBIDDEN, message, message_zh)


def not_found(what: str, what_zh: str) -> ApiError:
    return ApiError(404, ErrorCode.NOT_FOUND, f"{what} not found", f"未找到{what_zh}")


def no_nul(**fields: str | None) -> None:
    """Text that goes to the database as it is may not hold NUL (PostgreSQL refuses it)."""
    for name, value in fields.items():
        if value is not None and "\x00" in value:
            raise invalid(name, f"{name}: contains a NUL character", f"{name} 含非法字符")


def field_path(loc: Sequence[Any]) -> str:
    """('body', 'ops', 3, 'seq') -> 'ops[3].seq'; ('query', 'limit') -> 'limit'."""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "body"


_ZH = {
    "missing": "缺少必填字段 {f}",
    "extra_forbidden": "不允许的字段 {f}",
    "int_parsing": "{f} 应为整数",
    "int_type": "{f} 应为整数",
    "int_from_float": "{f} 应为整数",
    "string_type": "{f} 应为文本",
    "bool_type": "{f} 应为布尔值",
    "bool_parsing": "{f} 应为布尔值",
    "dict_type": "{f} 应为对象",
    "model_type": "{f} 应为对象",
    "model_attributes_type": "{f} 应为对象",
    "list_type": "{f} 应为列表",
    "string_too_short": "{f} 过短",
    "string_too_long": "{f} 过长",
    "too_short": "{f} 项数过少",
    "too_long": "{f} 项数过多",
    "greater_than_equal": "{f} 数值过小",
    "less_than_equal": "{f} 数值过大",
    "enum": "{f} 取值无效",
    "literal_error": "{f} 取值无效",
    "datetime_parsing": "{f} 应为带时区的时间",
    "datetime_from_date_parsing": "{f} 应为带时区的时间",
    "datetime_type": "{f} 应为带时区的时间",
}


def validation_error(errors: Sequence[dict[str, Any]]) -> ApiError:
    """The first of pydantic's errors, as 400 ``bad_json`` or 422 ``invalid``."""
    first = errors[0] if errors else {"type": "missing", "loc": ("body",), "msg": "required"}
    kind = first.get("type", "")
    if kind in ("json_invalid", "json_type"):
        return ApiError(400, ErrorCode.BAD_JSON, "the body is not valid JSON: "
                        + str(first.get("ctx", {}).get("error", first.get("msg", ""))),
                        "请求内容不是有效的 JSON")
    field = field_path(first.get("loc", ()))
    if kind == "missing" and field == "body":
        return ApiError(400, ErrorCode.BAD_JSON, "a JSON body is required", "缺少 JSON 请求内容",
                        field=None)
    zh = _ZH.get(kind, "{f} 无效").format(f=field)
    return invalid(field, f"{field}: {first.get('msg', 'invalid')}", zh)


_STATUS_CODES = {400: ErrorCode.BAD_JSON, 404: ErrorCode.NOT_FOUND, 405: "method_not_allowed",
                 413: ErrorCode.TOO_LARGE}
_STATUS_ZH = {400: "请求内容无法解析（不是有效的 JSON）", 404: "未找到该地址", 405: "不支持该请求方法", 413: "请求内容过大"}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        if request.url.path.startswith("/open311/"):
            return open311_error(exc)
        return error_response(exc.status, exc.body(), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        err = validation_error(exc.errors())
        if request.url.path.startswith("/open311/"):
            return open311_error(err)
        return error_response(err.status, err.body())

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, "http_error")
        err = ApiError(exc.status_code, code, str(exc.detail),
                       _STATUS_ZH.get(exc.status_code, "请求无法处理"))
        if request.url.path.startswith("/open311/"):
            return open311_error(err)
        return error_response(err.status, err.body(), dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, {"error": ErrorCode.INTERNAL,
                                    "message": "internal server error; the request may be retried",
                                    "message_zh": "服务器内部错误，请稍后重试"})


def open311_error(exc: ApiError) -> Response:
    """GeoReport v2 errors are a list of {code, description}; ours adds ErrorBody's keys."""
    body = [{"code": exc.status, "description": exc.message, **exc.body()}]
    return error_response(exc.status, body, exc.headers)
