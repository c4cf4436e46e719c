"""Server-sent events of progress: ``progress`` events while work goes on, a final ``done``."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def event_stream(poll: Callable[[], tuple[dict[str, Any], bool]], interval: float, max_seconds: float) -> StreamingResponse:
    """Stream ``poll()`` results until it says finished; the first poll runs before the response starts."""
    first = await run_in_threadpool(poll)

    async def body() -> AsyncIterator[str]:
        data, finished = first
        last: dict[str, Any] | None = None
        deadline = time.monotonic() + max_seconds
        while True:
            if data != last:
                yield _event("progress", data)
                last = data
            if finished:
                yield _event("done", {"status": data.get("status", "done")})
                return
            if time.monotonic() > deadline:
                yield _event("timeout", {})
                return
            await asyncio.sleep(interval)
            data, finished = await run_in_threadpool(poll)

    return StreamingResponse(body(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
