"""Read the service's own HTTP API from inside a web route, in process, as the caller.

The web routes (page images, the report page's view) need a submission's files, parsed documents and
report. Rather than reach into the service's storage, they ask the service's public API
(``api/service/CONTRACT.md``) through the application object itself, with the caller's credentials:
the same access rules (a foreign id is a 404), the same audit trail, no network hop, and no coupling to
how the service stores things.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.types import Message

API = "/api/v1"
_FORWARDED = {b"authorization", b"x-api-key", b"cookie", b"accept-language", b"user-agent"}


@dataclass
class Reply:
    """The status, headers and body of an internal call."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def json(self) -> Any:
        return json.loads(self.body)


async def call(request: Request, path: str, query: str = "") -> Reply:
    """GET ``path`` (absolute, e.g. ``/api/v1/submissions/x``) on the running app as the caller of ``request``."""
    scope = request.scope
    headers = [(k, v) for k, v in scope.get("headers", []) if k in _FORWARDED]
    inner: dict[str, Any] = {
        "type": "http",
        "asgi": scope.get("asgi", {"version": "3.0"}),
        "http_version": scope.get("http_version", "1.1"),
        "method": "GET",
        "scheme": scope.get("scheme", "http"),
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": headers,
        "client": scope.get("client"),
        "server": scope.get("server"),
    }
    if "state" in scope:
        inner["state"] = dict(scope["state"])
    status = 500
    out_headers: dict[str, str] = {}
    chunks: list[bytes] = []
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])
            out_headers.update({k.decode("latin-1").lower(): v.decode("latin-1")
                                for k, v in message.get("headers", [])})
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await request.app(inner, receive, send)
    return Reply(status, out_headers, b"".join(chunks))
