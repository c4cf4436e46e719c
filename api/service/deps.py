"""FastAPI dependencies: the service, the caller (key or browser session → principal) and the rate limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyCookie, APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.service.auth import LOCAL_PRINCIPAL, Principal, key_from_headers, principal_by_key_id, principal_for
from api.service.context import Service
from api.service.ratelimit import TokenBuckets
from api.service.sessions import COOKIE, CSRF_HEADER, SAFE_METHODS, SessionClaims, csrf_ok, verify
from models import IntakeError

bearer = HTTPBearer(auto_error=False, description="API key as a bearer token / API 密钥")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key / API 密钥")
session_cookie = APIKeyCookie(name=COOKIE, auto_error=False,
                              description="browser session from POST /api/v1/session (web pages); state-changing "
                                          "requests also need X-CSRF-Token / 网页会话 Cookie")


@dataclass(frozen=True)
class Caller:
    """Who is calling and how: ``key`` (header), ``session`` (cookie) or ``local`` (single-user mode)."""

    principal: Principal
    via: str
    session: SessionClaims | None = None


def get_service(request: Request) -> Service:
    """The service of this app."""
    service: Service = request.app.state.service
    return service


def authenticate(service: Service, key: str | None, cookie: str | None) -> Caller:
    """The caller of a key header, else of a valid session cookie, else local mode; 401 otherwise."""
    with service.db.session() as session:
        if key:
            return Caller(principal_for(session, key, False), "key")
        claims = verify(service.settings, cookie)
        if claims is not None:
            principal = principal_by_key_id(session, claims.key_id)
            if principal is not None:
                return Caller(principal, "session", claims)
    if service.settings.local_mode:
        return Caller(LOCAL_PRINCIPAL, "local")
    raise IntakeError("unauthorized")


def request_key(request: Request) -> str | None:
    """The key of ``X-API-Key`` or ``Authorization: Bearer``, if any."""
    return key_from_headers(request.headers.get("authorization"), request.headers.get("x-api-key"))


async def current_caller(request: Request) -> Caller | None:
    """The caller of ``request`` or None (no error, no rate limit): for pages deciding to ask for a sign-in."""
    service = get_service(request)
    try:
        return await run_in_threadpool(authenticate, service, request_key(request), request.cookies.get(COOKIE))
    except IntakeError:
        return None


async def get_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    header_key: Annotated[str | None, Depends(api_key_header)],
    cookie: Annotated[str | None, Depends(session_cookie)],
) -> Principal:
    """The caller, from ``X-API-Key``, ``Authorization: Bearer`` or the session cookie; 401 without one
    (unless local). A state-changing request on the cookie alone needs ``X-CSRF-Token`` (403 without)."""
    service = get_service(request)
    key = header_key or (credentials.credentials if credentials else None)
    caller = await run_in_threadpool(authenticate, service, key, cookie)
    if (caller.session is not None and request.method not in SAFE_METHODS
            and not csrf_ok(service.settings, caller.session.token, request.headers.get(CSRF_HEADER))):
        raise IntakeError("forbidden", action=f"{request.method} with a session cookie needs the {CSRF_HEADER} header")
    principal = caller.principal
    buckets: TokenBuckets = request.app.state.buckets
    client = request.client.host if request.client else "?"
    wait = buckets.take(principal.id if principal.id != "local" else f"local:{client}")
    if wait > 0:
        raise IntakeError("rate_limited", retry_after=max(1, int(wait + 0.999)))
    return principal


ServiceDep = Annotated[Service, Depends(get_service)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
