"""``/jurisdictions``: the rule sets, and adding one (admin)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from api.service import jurisdictions as svc
from api.service.auth import require_admin
from api.service.deps import PrincipalDep, ServiceDep
from api.service.routes import errors
from api.service.schemas import JurisdictionDetail, JurisdictionInfo, JurisdictionList
from models import IntakeError

router = APIRouter(prefix="/jurisdictions", tags=["jurisdictions / 地区规则"])

_YAML_BODY = {"required": True, "content": {
    "text/plain": {"schema": {"type": "string"}, "example": "id: myregion\nname_zh: 某某市\n…"},
    "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                       "properties": {"file": {"type": "string", "format": "binary"}}}},
}}


@router.get("", response_model=JurisdictionList, summary="地区规则列表 / List jurisdictions", responses=errors())
def list_jurisdictions(service: ServiceDep, _principal: PrincipalDep) -> JurisdictionList:
    return svc.list_all(service)


@router.get("/{jurisdiction_id}", response_model=JurisdictionDetail, responses=errors(404),
            summary="地区规则及条目 / A jurisdiction with its items")
def get_jurisdiction(jurisdiction_id: Annotated[str, Path(max_length=80)], service: ServiceDep,
                     _principal: PrincipalDep) -> JurisdictionDetail:
    return svc.one(service, jurisdiction_id)


@router.post("", status_code=201, response_model=JurisdictionInfo, responses=errors(403, 413, 415, 422),
             openapi_extra={"requestBody": _YAML_BODY},
             summary="添加地区规则（管理员） / Add a jurisdiction (admin)",
             description="YAML 检查清单，经 checklists.loader 校验；错误给出文件:行。\n\nA checklist YAML validated by "
                         "checklists.loader; errors name file:line.")
async def add_jurisdiction(request: Request, service: ServiceDep, principal: PrincipalDep) -> JurisdictionInfo:
    require_admin(principal, "add jurisdiction")
    ctype = request.headers.get("content-type", "").lower()
    filename = "checklist.yaml"
    if ctype.startswith("multipart/form-data"):
        async with request.form(max_files=1, max_fields=5) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise IntakeError("empty_upload")
            filename = upload.filename or filename
            text = await upload.read(svc.MAX_CHECKLIST_BYTES + 1)
    elif ctype.startswith(("text/", "application/yaml", "application/x-yaml")) or not ctype:
        text = b""
        async for chunk in request.stream():
            text += chunk
            if len(text) > svc.MAX_CHECKLIST_BYTES:
                raise IntakeError("upload_too_large", limit=svc.MAX_CHECKLIST_BYTES)
    else:
        raise IntakeError("unsupported_media_type", content_type=ctype[:100], expected="application/yaml or multipart/form-data")
    return await run_in_threadpool(svc.add, service, text, filename)
