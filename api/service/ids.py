"""Random identifiers (never sequential) and timestamps."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime


def new_id() -> str:
    """A random uuid4, as a string."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (stored as naive UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)
