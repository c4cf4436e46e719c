"""FastAPI dependencies: the service, the caller (key → principal) and the rate limit."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.service.auth import Principal, principal_for
from api.service.context import Service
from api.service.ratelimit import TokenBuckets
from models import IntakeError

bearer = HTTPBearer(auto_error=False, description="API key as a bearer token / API 密钥")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="API key / API 密钥")


def get_service(request: Request) -> Service:
    """The service of this app."""
    service: Service = request.app.state.service
    return service


async def get_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    header_key: Annotated[str | None, Depends(api_key_header)],
) -> Principal:
    """The caller, from ``X-API-Key`` or ``Authorization: Bearer``; 401 without a valid key (unless local)."""
    service = get_service(request)
    key = header_key or (credentials.credentials if credentials else None)

    def lookup() -> Principal:
        with service.db.session() as session:
            return principal_for(session, key, service.settings.local_mode)

    principal = await run_in_threadpool(lookup)
    buckets: TokenBuckets = request.app.state.buckets
    client = request.client.host if request.client else "?"
    wait = buckets.take(principal.id if principal.id != "local" else f"local:{client}")
    if wait > 0:
        raise IntakeError("rate_limited", retry_after=max(1, int(wait + 0.999)))
    return principal


ServiceDep = Annotated[Service, Depends(get_service)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
