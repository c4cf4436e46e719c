"""One error body for every failure: ``{"error": {"code", "message_zh", "message_en", "detail"}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from models import IntakeError

log = logging.getLogger(__name__)

_HTTP_CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found", 413: "upload_too_large",
               415: "unsupported_media_type", 429: "rate_limited"}


def _jsonable(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return str(value)


def error_response(error: IntakeError, status: int | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON response of a coded error."""
    body = {"code": error.code, "message_zh": error.message_zh, "message_en": error.message_en,
            "detail": _jsonable(error.detail)}
    return JSONResponse({"error": body}, status_code=status or error.http_status, headers=headers)


async def _intake_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, IntakeError)
    headers = {"Retry-After": str(exc.detail.get("retry_after", 1))} if exc.code == "rate_limited" else None
    return error_response(exc, headers=headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()]
    error = IntakeError("invalid_request", reason="; ".join(problems)[:500])
    error.detail["errors"] = problems[:20]
    return error_response(error)


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code)
    if code == "not_found":
        error = IntakeError("not_found", what="path")
    elif code == "unsupported_media_type":
        error = IntakeError(code, content_type="?", expected="see the API description")
    elif code is not None and code not in ("upload_too_large", "rate_limited"):
        error = IntakeError(code, action=str(exc.detail)) if code == "forbidden" else IntakeError(code)
    else:
        error = IntakeError("invalid_request", reason=str(exc.detail))
    return error_response(error, status=exc.status_code)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=exc)
    return error_response(IntakeError("internal_error", name="request", reason=type(exc).__name__), status=500)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(IntakeError, _intake_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
