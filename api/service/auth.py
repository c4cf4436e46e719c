"""API keys (stored as sha256), roles and who may see what."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.service.ids import new_id, utcnow
from api.service.tables import ApiKey, Submission
from models import IntakeError

ROLES = ("applicant", "reviewer", "admin")
LOCAL = "local"


@dataclass(frozen=True)
class Principal:
    """The caller: key id, role and (reviewers) assigned jurisdictions."""

    id: str
    role: str
    jurisdictions: frozenset[str] = field(default_factory=frozenset)

    def can_see(self, submission: Submission) -> bool:
        """Applicants: own submissions; reviewers: their jurisdictions; admins: all."""
        if self.role == "admin":
            return True
        if self.role == "applicant":
            return submission.owner == self.id
        jurisdiction = submission.resolved_jurisdiction or submission.jurisdiction
        return jurisdiction in self.jurisdictions


LOCAL_PRINCIPAL = Principal(LOCAL, "admin")


def hash_key(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, role: str, jurisdictions: list[str] | None = None, label: str = "") -> str:
    """Create a key and return it (shown once; only its hash is stored)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {ROLES}")
    key = secrets.token_urlsafe(32)
    session.add(ApiKey(id=new_id(), key_hash=hash_key(key), role=role, jurisdictions=",".join(jurisdictions or []),
                       label=label, created_at=utcnow(), revoked=0))
    return key


def principal_for(session: Session, key: str | None, local_mode: bool) -> Principal:
    """The principal of a request's key; local single-user mode when no key is given and allowed."""
    if not key:
        if local_mode:
            return LOCAL_PRINCIPAL
        raise IntakeError("unauthorized")
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key), ApiKey.revoked == 0))
    if row is None:
        raise IntakeError("unauthorized")
    return _principal(row)


def principal_by_key_id(session: Session, key_id: str) -> Principal | None:
    """The principal of the (not revoked) key ``key_id`` — a browser session names its key by id."""
    row = session.scalar(select(ApiKey).where(ApiKey.id == key_id, ApiKey.revoked == 0))
    return _principal(row) if row is not None else None


def _principal(row: ApiKey) -> Principal:
    return Principal(row.id, row.role, frozenset(j for j in row.jurisdictions.split(",") if j))


def key_from_headers(authorization: str | None, x_api_key: str | None) -> str | None:
    """The key from ``Authorization: Bearer`` or ``X-API-Key``."""
    if x_api_key:
        return x_api_key.strip()
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip() or None
    return None


def require_admin(principal: Principal, action: str) -> None:
    """403 unless the caller is an admin."""
    if principal.role != "admin":
        raise IntakeError("forbidden", action=action)
