"""``/submissions``: upload, list, detail, events, report, documents, re-check, delete."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from api.service import submissions as svc
from api.service.deps import PrincipalDep, ServiceDep
from api.service.reporting import MEDIA_TYPES
from api.service.routes import errors
from api.service.routes.sse import event_stream
from api.service.schemas import CheckRequest, Created, SubmissionDetail, SubmissionList
from api.service.uploads import read_upload

router = APIRouter(prefix="/submissions", tags=["submissions / 申报"])
Id = Annotated[str, Path(max_length=64, description="submission id / 申报编号")]
FileId = Annotated[str, Path(max_length=64, description="file id / 文件编号")]

_UPLOAD_BODY = {
    "required": True,
    "content": {"multipart/form-data": {"schema": {
        "type": "object",
        "required": ["files"],
        "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": "文件（可多个；ZIP 为一个申报，顶层按文件夹分组则为一批申报） / files (many; a ZIP is one "
                                     "submission; a ZIP of top-level folders is a batch)"},
            "jurisdiction": {"type": "string", "default": "auto", "example": "gansu",
                             "description": "地区规则 id、auto 或 all / rule-set id, auto or all"},
            "as_of": {"type": "string", "format": "date", "example": "2026-11-21",
                      "description": "检查日期 / check date"},
            "name": {"type": "string", "example": "某某产业技术创新战略联盟", "description": "申报名称 / name"},
        },
    }}},
}


@router.post("", status_code=202, response_model=Created, responses=errors(400, 413, 415, 422),
             openapi_extra={"requestBody": _UPLOAD_BODY},
             summary="上传申报材料 / Upload a submission",
             description="上传一个联盟的文件（或 ZIP），排队处理，立即返回 202。\n\nUpload one alliance's files (or a ZIP); "
                         "processing is queued and the answer is immediate (202).")
async def create_submission(request: Request, service: ServiceDep, principal: PrincipalDep) -> Created:
    upload = await read_upload(request, service.settings)
    return await run_in_threadpool(svc.create, service, principal, upload)


@router.get("", response_model=SubmissionList, responses=errors(422),
            summary="申报列表 / List submissions",
            description="调用者可见的申报。\n\nSubmissions visible to the caller, newest first.")
def list_submissions(service: ServiceDep, principal: PrincipalDep,
                     batch_id: Annotated[str | None, Query(max_length=64)] = None,
                     status: Annotated[Literal["queued", "running", "done", "failed"] | None, Query()] = None) -> SubmissionList:
    return svc.list_visible(service, principal, batch_id, status)


@router.get("/{submission_id}", response_model=SubmissionDetail, responses=errors(404),
            summary="申报详情与进度 / Submission status and progress")
def get_submission(submission_id: Id, service: ServiceDep, principal: PrincipalDep) -> SubmissionDetail:
    return svc.detail(service, principal, submission_id)


@router.get("/{submission_id}/events", responses={**errors(404), 200: {"content": {"text/event-stream": {}}}},
            response_class=StreamingResponse,
            summary="进度事件流 / Progress events (SSE)",
            description="`progress` 事件，最后一个 `done`。\n\nServer-sent `progress` events and a final `done`.")
async def submission_events(submission_id: Id, service: ServiceDep, principal: PrincipalDep) -> StreamingResponse:
    return await event_stream(lambda: svc.progress_event(service, principal, submission_id),
                              service.settings.sse_interval_seconds, service.settings.sse_max_seconds)


@router.get("/{submission_id}/report", response_class=Response, responses={**errors(404, 409, 422), 200: {
    "content": {t: {} for t in MEDIA_TYPES.values()}}},
            summary="审查报告 / The gap report",
            description="json、html、docx（审查意见书）、xlsx、csv。报告未生成时 409。\n\njson, html, docx, xlsx or csv; 409 while not ready.")
def get_report(submission_id: Id, service: ServiceDep, principal: PrincipalDep,
               format: Annotated[Literal["json", "html", "docx", "xlsx", "csv"], Query()] = "json") -> Response:
    body = svc.report(service, principal, submission_id, format)
    headers = {"Content-Disposition": f'attachment; filename="report-{submission_id}.{format}"'} if format in ("docx", "xlsx") else None
    return Response(body, media_type=MEDIA_TYPES[format], headers=headers)


@router.get("/{submission_id}/files/{file_id}/document", response_class=Response,
            responses={**errors(404, 409, 422), 200: {"content": {"application/json": {}}}},
            summary="解析后的文档 / The parsed document",
            description="统一文档模型（文本、页、带 bbox 的块、行）。\n\nThe normalized Document (text, pages, blocks with bbox, lines).")
def get_document(submission_id: Id, file_id: FileId, service: ServiceDep, principal: PrincipalDep) -> Response:
    return Response(svc.document_json(service, principal, submission_id, file_id), media_type="application/json")


@router.get("/{submission_id}/files/{file_id}/content", response_class=Response,
            responses={**errors(404), 200: {"content": {"application/octet-stream": {}}}},
            summary="原始文件 / The original file")
def get_content(submission_id: Id, file_id: FileId, service: ServiceDep, principal: PrincipalDep) -> Response:
    data, _name, media_type = svc.content(service, principal, submission_id, file_id)
    return Response(data, media_type=media_type, headers={"X-Content-Type-Options": "nosniff",
                                                          "Content-Disposition": "attachment"})


@router.post("/{submission_id}/check", status_code=202, response_model=SubmissionDetail, responses=errors(404, 422),
             summary="重新检查 / Re-check",
             description="换一个地区或日期重新检查（复用已解析的文件）。\n\nCheck again with another jurisdiction or date "
                         "(parsed files are re-used).")
def recheck(submission_id: Id, body: CheckRequest, service: ServiceDep, principal: PrincipalDep) -> SubmissionDetail:
    return svc.recheck(service, principal, submission_id, body.jurisdiction, body.as_of)


@router.delete("/{submission_id}", status_code=204, response_class=Response, responses=errors(404),
               summary="删除申报 / Delete a submission",
               description="删除申报、其报告及不再被引用的文件。\n\nDeletes the submission, its reports and files no other "
                           "submission uses.")
def delete_submission(submission_id: Id, service: ServiceDep, principal: PrincipalDep) -> Response:
    svc.remove(service, principal, submission_id)
    return Response(status_code=204)
