"""The audit log: every read and write of a submission's documents and reports."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.service.auth import Principal
from api.service.ids import utcnow
from api.service.tables import AuditEntry


def record(session: Session, principal: Principal, action: str, target: str, submission_id: str | None = None) -> None:
    """Add one entry (committed with the caller's session)."""
    session.add(AuditEntry(at=utcnow(), actor=principal.id, role=principal.role, action=action, target=target[:200],
                           submission_id=submission_id))
