"""The web pages: upload (/), the reviewer's report (/submissions/{id}), the batch dashboard (/batches/{id}).

The pages are static HTML shells with their own CSS and JavaScript (no external resources: the
machines are offline); they read the service's JSON API. Two routes here do work the browser cannot:

- ``/api/v1/submissions/{id}/files/{file_id}/pages/{n}.png`` renders a page of a PDF, scan or photo
  (cached on disk by content hash and width);
- ``/api/v1/submissions/{id}/web-view`` gives the report with every evidence entry located on its
  file: highlight rectangles on page images, or the text cut into highlighted segments.

Both read the submission through the service's own API, as the caller (``api/web/internal.py``).
When the service needs keys, a browser signs in once at ``/sign-in`` (``api/web/session.py``); the
pages then redirect there instead of failing, and a report or batch the caller may not see is a 404.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import mimetypes
import os
import tempfile
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from api.web import session
from api.web.internal import API, Reply, call
from api.web.pages import DEFAULT_WIDTH, PageNotFoundError, cache_path, clamp_width, render_page
from api.web.view import build_view

STATIC = Path(__file__).parent / "data" / "static"
TEMPLATES = Path(__file__).parent / "data" / "pages"
PAGES = {"upload": "upload.html", "report": "report.html", "batch": "batch.html", "sign-in": "sign-in.html"}
_VIEW_CACHE: OrderedDict[str, dict[str, Any]] = OrderedDict()
_VIEW_CACHE_SIZE = 32

router = APIRouter(include_in_schema=False)
router.include_router(session.router)


@cache
def asset_version() -> str:
    """A hash of the static files, appended to their URLs so a new release is never served stale."""
    digest = hashlib.sha256()
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def _page_html(name: str) -> str:
    return (TEMPLATES / PAGES[name]).read_text(encoding="utf-8").replace("{{v}}", asset_version())


def _html(name: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(_page_html(name), status_code=status, headers={"Cache-Control": "no-cache"})


async def _gated(request: Request, name: str, api_path: str | None = None) -> Response:
    """Page ``name``; the sign-in page first when a key is needed and missing; status 404 (the page then
    shows the error) when ``api_path`` — the page's object in the API — is not there for this caller."""
    redirect = await session.sign_in_redirect(request)
    if redirect is not None:
        return redirect
    if api_path is not None and (await call(request, api_path)).status == 404:
        return _html(name, status=404)
    return _html(name)


def page_cache_dir(request: Request | None = None) -> Path:
    """Where rendered page images are kept: ``<data_dir>/page-cache`` of the running service."""
    env = os.environ.get("ALLIANCE_PAGE_CACHE_DIR")
    if env:
        return Path(env)
    service = getattr(request.app.state, "service", None) if request is not None else None
    data_dir = getattr(getattr(service, "settings", None), "data_dir", None)
    if isinstance(data_dir, Path):
        return data_dir / "page-cache"
    try:
        from api.service.settings import get_settings

        return get_settings().data_dir / "page-cache"
    except Exception:  # noqa: BLE001 - the pages work without the service's settings (tests, a bare app)
        return Path(tempfile.gettempdir()) / "alliance-page-cache"


def _relay(reply: Reply) -> Response:
    """The service's error answer, passed on as it was."""
    media = reply.headers.get("content-type", "application/json")
    return Response(reply.body, status_code=reply.status, media_type=media)


@router.get("/", response_class=HTMLResponse)
async def upload_page(request: Request) -> Response:
    """Upload files or a ZIP, choose the jurisdiction, watch the progress."""
    return await _gated(request, "upload")


@router.get("/sign-in", response_class=HTMLResponse)
async def sign_in_page() -> HTMLResponse:
    """Paste an API key once; the browser keeps a session cookie (``api/web/session.py``)."""
    return _html("sign-in")


@router.get("/submissions/{submission_id}", response_class=HTMLResponse)
async def report_page(request: Request, submission_id: str) -> Response:
    """The reviewer's screen: documents with highlighted evidence beside the checklist."""
    return await _gated(request, "report", f"{API}/submissions/{quote(submission_id, safe='')}")


@router.get("/batches/{batch_id}", response_class=HTMLResponse)
async def batch_page(request: Request, batch_id: str) -> Response:
    """Progress and results of every submission of a batch."""
    return await _gated(request, "batch", f"{API}/batches/{quote(batch_id, safe='')}")


@router.get("/web/static/{path:path}")
async def static_file(path: str) -> Response:
    """CSS, JavaScript and the UI strings (versioned URLs, cached for a year)."""
    target = (STATIC / path).resolve()
    if not target.is_relative_to(STATIC.resolve()) or not target.is_file():
        return JSONResponse({"error": {"code": "not_found", "message_zh": "没有该文件", "message_en": "not found",
                                       "detail": None}}, status_code=404)
    media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if target.suffix in (".js", ".css", ".json"):
        media += "; charset=utf-8"
    return FileResponse(target, media_type=media, headers={"Cache-Control": "public, max-age=31536000, immutable"})


def _file_of(detail: dict[str, Any], file_id: str) -> dict[str, Any] | None:
    for f in detail.get("files", []):
        if str(f.get("id")) == file_id:
            return dict(f)
    return None


def _not_found(what: str) -> JSONResponse:
    return JSONResponse({"error": {"code": "not_found", "message_zh": f"没有该{what}", "message_en": f"no such {what}",
                                   "detail": None}}, status_code=404)


@router.get("/api/v1/submissions/{submission_id}/files/{file_id}/pages/{page}.png")
async def page_image(request: Request, submission_id: str, file_id: str, page: int, w: int = DEFAULT_WIDTH) -> Response:
    """Page ``page`` of a file as a PNG ``w`` pixels wide (200–2000), rendered once and cached."""
    sub = f"{API}/submissions/{quote(submission_id, safe='')}"
    detail = await call(request, sub)
    if not detail.ok:
        return _relay(detail)
    meta = _file_of(detail.json(), file_id)
    if meta is None or page < 1:
        return _not_found("页面")
    width = clamp_width(w)
    sha = str(meta.get("sha256") or "")
    headers = {"Cache-Control": "private, max-age=86400", "ETag": f'"{sha[:16]}-{page}-{width}"'}
    cache_dir = page_cache_dir(request)
    if sha:
        cached = cache_path(cache_dir, sha, page, width)
        if cached.is_file():
            return Response(cached.read_bytes(), media_type="image/png", headers=headers)
    content = await call(request, f"{sub}/files/{quote(file_id, safe='')}/content")
    if not content.ok:
        return _relay(content)
    fmt = str(meta.get("format") or "")
    try:
        png = await asyncio.to_thread(render_page, content.body, fmt, page, width, cache_dir, sha or None)
    except PageNotFoundError:
        return _not_found("页面")
    return Response(png, media_type="image/png", headers=headers)


async def _documents(request: Request, sub: str, files: list[dict[str, Any]]) -> dict[str, dict[str, Any] | None]:
    out: dict[str, dict[str, Any] | None] = {}
    for f in files:
        reply = await call(request, f"{sub}/files/{quote(str(f['id']), safe='')}/document")
        out[str(f["id"])] = reply.json() if reply.ok else None
    return out


@router.get("/api/v1/submissions/{submission_id}/web-view")
async def web_view(request: Request, submission_id: str) -> Response:
    """The report with its evidence located on the files (see ``api/web/view.py``)."""
    sub = f"{API}/submissions/{quote(submission_id, safe='')}"
    detail_reply = await call(request, sub)
    if not detail_reply.ok:
        return _relay(detail_reply)
    detail = detail_reply.json()
    report_reply = await call(request, f"{sub}/report", "format=json")
    if not report_reply.ok:
        return _relay(report_reply)
    files = list(detail.get("files", []))
    key = hashlib.sha256(report_reply.body + json.dumps([f.get("sha256") for f in files]).encode()).hexdigest()
    view = _VIEW_CACHE.get(key)
    if view is None:
        documents = await _documents(request, sub, files)
        report = report_reply.json()
        view = await asyncio.to_thread(build_view, report, files, documents)
        _VIEW_CACHE[key] = view
        while len(_VIEW_CACHE) > _VIEW_CACHE_SIZE:
            _VIEW_CACHE.popitem(last=False)
    else:
        _VIEW_CACHE.move_to_end(key)
    return JSONResponse({"submission": detail, **view}, headers={"Cache-Control": "no-store"})
