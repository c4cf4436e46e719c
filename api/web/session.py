"""Browser sessions for the web pages: the sign-in page and ``/api/v1/session`` (sign in, status, sign out).

A browser pastes an API key once; ``POST /api/v1/session`` checks it and sets an HttpOnly, SameSite=Strict
cookie (``api/service/sessions.py``) that page images, download links and the progress stream carry by
themselves. The pages read ``GET /api/v1/session`` on start: who is signed in, and the CSRF token they
send as ``X-CSRF-Token`` on uploads, re-checks and deletions.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response

from api.service.context import Service
from api.service.deps import Caller, current_caller
from api.service.errors import error_response
from api.service.sessions import COOKIE, CSRF_HEADER, csrf_ok, csrf_token, issue
from models import IntakeError

router = APIRouter(include_in_schema=False)
SIGN_IN = "/sign-in"
_NO_STORE = {"Cache-Control": "no-store"}


def service_of(request: Request) -> Service | None:
    """The service behind the app (None for a bare app with only the web router, as in the route tests)."""
    service = getattr(request.app.state, "service", None)
    return service if isinstance(service, Service) else None


async def sign_in_redirect(request: Request) -> Response | None:
    """A redirect to the sign-in page when the service needs a key and the browser has no session."""
    if service_of(request) is None or await current_caller(request) is not None:
        return None
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"{SIGN_IN}?next={quote(target, safe='')}", status_code=303, headers=_NO_STORE)


def _expires(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat().replace("+00:00", "Z")


def _state(service: Service | None, caller: Caller | None) -> dict[str, Any]:
    required = service is None or not service.settings.local_mode
    if caller is None:
        return {"authenticated": False, "via": None, "auth_required": service is not None and required}
    out: dict[str, Any] = {"authenticated": True, "via": caller.via, "auth_required": required,
                           "role": caller.principal.role, "jurisdictions": sorted(caller.principal.jurisdictions)}
    if caller.session is not None and service is not None:
        out["expires_at"] = _expires(caller.session.expires)
        out["csrf_token"] = csrf_token(service.settings, caller.session.token)
    return out


def _clear(response: Response, request: Request, service: Service) -> None:
    secure = service.settings.session_cookie_secure or request.url.scheme == "https"
    response.delete_cookie(COOKIE, path="/", secure=secure, httponly=True, samesite="strict")


@router.get("/api/v1/session")
async def session_state(request: Request) -> Response:
    """Whether this browser is signed in (and how), its role, and the CSRF token of its session."""
    service = service_of(request)
    if service is None:
        return JSONResponse({"authenticated": True, "via": "local", "auth_required": False}, headers=_NO_STORE)
    return JSONResponse(_state(service, await current_caller(request)), headers=_NO_STORE)


@router.post("/api/v1/session")
async def sign_in(request: Request) -> Response:
    """Exchange an API key (JSON ``{"key": …}``) for a session cookie; 401 for an unknown or revoked key."""
    service = service_of(request)
    if service is None:
        return error_response(IntakeError("not_found", what="session"))
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":  # a cross-site HTML form cannot send JSON: no login CSRF
        return error_response(IntakeError("unsupported_media_type", content_type=media or "?",
                                          expected="application/json"))
    client = request.client.host if request.client else "?"
    wait = request.app.state.buckets.take(f"sign-in:{client}")
    if wait > 0:
        return error_response(IntakeError("rate_limited", retry_after=max(1, int(wait + 0.999))),
                              headers={"Retry-After": str(max(1, int(wait + 0.999)))})
    try:
        body = json.loads(await request.body())
    except ValueError:
        body = None
    key = body.get("key") if isinstance(body, dict) else None
    if not isinstance(key, str) or not key.strip() or len(key) > 512:
        return error_response(IntakeError("invalid_request", reason="body must be {\"key\": \"<API key>\"}"))

    def check() -> Caller:
        from api.service.audit import record
        from api.service.auth import principal_for
        from api.service.deps import Caller

        with service.db.session() as session:
            principal = principal_for(session, key.strip(), False)
            record(session, principal, "session.sign_in", principal.id)
        return Caller(principal, "session", issue(service.settings, principal.id))

    try:
        caller = await run_in_threadpool(check)
    except IntakeError as exc:
        return error_response(exc)
    assert caller.session is not None
    response = JSONResponse(_state(service, caller), headers=_NO_STORE)
    response.set_cookie(COOKIE, caller.session.token, max_age=service.settings.session_ttl_seconds, path="/",
                        secure=service.settings.session_cookie_secure or request.url.scheme == "https",
                        httponly=True, samesite="strict")
    return response


@router.delete("/api/v1/session")
async def sign_out(request: Request) -> Response:
    """Forget the session cookie (with the session's ``X-CSRF-Token`` while it is valid) and the browser's
    cache of this site (``Clear-Site-Data``) → 204."""
    service = service_of(request)
    if service is None:
        return Response(status_code=204)
    caller = await current_caller(request)
    if (caller is not None and caller.session is not None
            and not csrf_ok(service.settings, caller.session.token, request.headers.get(CSRF_HEADER))):
        return error_response(IntakeError("forbidden", action=f"sign-out needs the {CSRF_HEADER} header"))
    # page images and reports are cached privately by the browser: a shared workstation keeps none of them
    response = Response(status_code=204, headers={**_NO_STORE, "Clear-Site-Data": '"cache"'})
    _clear(response, request, service)
    return response
