"""A small in-memory stand-in of the service's API (``api/service/CONTRACT.md``) for the web routes' unit tests.

It analyses uploads synchronously with the real pipeline and serves the contract's GET routes the
web pages read (submission detail, report, document, content, batch, jurisdictions). The browser
tests run the real service; this one lets the route tests run in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from api.pipeline import FileOutcome, analyse_bytes, check_outcomes
from api.web import router


@dataclass
class FakeSubmission:
    id: str
    batch_id: str
    name: str
    outcomes: list[tuple[str, FileOutcome, bytes]]
    report: dict[str, Any] = field(default_factory=dict)


def _error(status: int, code: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message_zh": code, "message_en": code, "detail": None}}, status)


def make_fake_app(files: list[tuple[str, bytes]], jurisdiction: str = "auto") -> tuple[FastAPI, str]:
    """An app with the web router and one analysed submission of ``files``; returns it and the submission id."""
    app = FastAPI()
    app.include_router(router)
    outcomes = []
    for i, (name, data) in enumerate(files):
        outcomes.append((f"f{i}", analyse_bytes(data, name), data))
    report = check_outcomes([o for _, o, _ in outcomes], jurisdiction)
    sub = FakeSubmission(uuid.uuid4().hex[:12], "b" + uuid.uuid4().hex[:8], files[0][0], outcomes,
                         report.model_dump(mode="json"))
    store = {sub.id: sub}
    _submission_routes(app, store)
    _file_routes(app, store)
    return app, sub.id


def _detail(s: FakeSubmission) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "batch_id": s.batch_id, "status": "done",
            "progress": {"done": len(s.outcomes), "failed": 0, "total": len(s.outcomes), "eta_seconds": 0},
            "files": [{"id": fid, "name": o.name, "sha256": hashlib.sha256(data).hexdigest(),
                       "format": o.document.format if o.document else None,
                       "status": "failed" if o.failed else "done",
                       "error": o.extraction.error.model_dump(mode="json") if o.extraction.error else None,
                       "pages": o.document.page_count if o.document else None, "ocr_pages": 0}
                      for fid, o, data in s.outcomes],
            "jurisdiction": s.report.get("jurisdiction"), "as_of": s.report.get("as_of"),
            "report_available": True}


def _submission_routes(app: FastAPI, store: dict[str, FakeSubmission]) -> None:
    @app.get("/api/v1/submissions/{sid}")
    async def get_submission(request: Request, sid: str) -> Response:
        if request.headers.get("x-api-key") == "stranger" or sid not in store:
            return _error(404, "not_found")
        return JSONResponse(_detail(store[sid]))

    @app.get("/api/v1/submissions/{sid}/report")
    async def get_report(sid: str, format: str = "json") -> Response:  # noqa: A002 - the contract's name
        if sid not in store:
            return _error(404, "not_found")
        if format == "docx":
            from checklists.render.docx import build_docx
            from models.report import GapReport

            out = io.BytesIO()
            build_docx(GapReport.model_validate(store[sid].report)).save(out)
            return Response(out.getvalue(), media_type="application/vnd.openxmlformats-officedocument."
                                                        "wordprocessingml.document")
        return JSONResponse(store[sid].report)


def _file_routes(app: FastAPI, store: dict[str, FakeSubmission]) -> None:
    def _file(sid: str, fid: str) -> tuple[FileOutcome, bytes] | None:
        if sid not in store:
            return None
        for f, o, data in store[sid].outcomes:
            if f == fid:
                return o, data
        return None

    @app.get("/api/v1/submissions/{sid}/files/{fid}/document")
    async def get_document(sid: str, fid: str) -> Response:
        found = _file(sid, fid)
        if found is None:
            return _error(404, "not_found")
        if found[0].document is None:
            return _error(422, "file_failed")
        return Response(found[0].document.model_dump_json(), media_type="application/json")

    @app.get("/api/v1/submissions/{sid}/files/{fid}/content")
    async def get_content(sid: str, fid: str) -> Response:
        found = _file(sid, fid)
        if found is None:
            return _error(404, "not_found")
        return Response(found[1], media_type="application/octet-stream")
