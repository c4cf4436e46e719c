"""Browser sessions: an API key exchanged once for a signed, expiring, HttpOnly cookie.

The web pages cannot put a key header on ``<img>``, download links or ``EventSource``; a browser signs
in with its key (``POST /api/v1/session``) and gets a cookie the auth dependency accepts like the
header. The cookie holds no key: ``<key id>.<expires>.<nonce>.<mac>``, with an HMAC-SHA256 over the
rest under the service's session secret (``ALLIANCE_SESSION_SECRET``, else ``<data_dir>/session-secret``,
made once with mode 0600). Every request looks the key id up again, so revoking the key ends its
sessions. State-changing requests that rely on the cookie must also carry ``X-CSRF-Token`` (an HMAC of
the cookie, handed to the page by ``GET /api/v1/session``); requests with a key header need none.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from api.service.settings import ServiceSettings

COOKIE = "alliance_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_SECRETS: dict[Path, bytes] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True)
class SessionClaims:
    """What a valid cookie says: whose key, until when (unix seconds), and the cookie itself."""

    key_id: str
    expires: int
    token: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def session_secret(settings: ServiceSettings) -> bytes:
    """The HMAC key: ``session_secret`` when set, else the data directory's secret file (created once)."""
    if settings.session_secret:
        return settings.session_secret.encode()
    path = (settings.data_dir / "session-secret").resolve()
    with _LOCK:
        cached = _SECRETS.get(path)
        if cached is not None:
            return cached
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # written whole to a private temp file, then linked into place: a racing process either
            # links first (we read its secret) or finds ours; nobody reads a half-written file
            tmp = path.with_name(f".session-secret.{os.getpid()}.{secrets.token_hex(4)}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        secret = path.read_text().strip().encode()
        _SECRETS[path] = secret
        return secret


def _mac(secret: bytes, payload: str) -> str:
    return _b64(hmac.new(secret, payload.encode(), hashlib.sha256).digest())


def issue(settings: ServiceSettings, key_id: str, now: float | None = None) -> SessionClaims:
    """A new session cookie for the key ``key_id``, valid for ``session_ttl_seconds``."""
    expires = int(now if now is not None else time.time()) + settings.session_ttl_seconds
    payload = f"{key_id}.{expires}.{secrets.token_urlsafe(12)}"
    return SessionClaims(key_id, expires, f"{payload}.{_mac(session_secret(settings), 's1|' + payload)}")


def verify(settings: ServiceSettings, token: str | None, now: float | None = None) -> SessionClaims | None:
    """The claims of a cookie, or None when it is malformed, forged or expired."""
    if not token or len(token) > 300:
        return None
    payload, _, mac = token.rpartition(".")
    parts = payload.split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    if not hmac.compare_digest(mac, _mac(session_secret(settings), "s1|" + payload)):
        return None
    expires = int(parts[1])
    if expires <= (now if now is not None else time.time()):
        return None
    return SessionClaims(parts[0], expires, token)


def csrf_token(settings: ServiceSettings, token: str) -> str:
    """The CSRF token bound to the session cookie ``token`` (sent back as ``X-CSRF-Token``)."""
    return _mac(session_secret(settings), "csrf|" + token)


def csrf_ok(settings: ServiceSettings, token: str, header: str | None) -> bool:
    """Whether ``header`` is the CSRF token of the session ``token``."""
    return bool(header) and hmac.compare_digest(str(header), csrf_token(settings, token))
