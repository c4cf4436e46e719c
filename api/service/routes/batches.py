"""``/batches``: totals, events and the whole batch's export."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response
from fastapi.responses import StreamingResponse

from api.service import submissions as svc
from api.service.deps import PrincipalDep, ServiceDep
from api.service.reporting import MEDIA_TYPES
from api.service.routes import errors
from api.service.routes.sse import event_stream
from api.service.schemas import BatchDetail

router = APIRouter(prefix="/batches", tags=["batches / 批次"])
Id = Annotated[str, Path(max_length=64, description="batch id / 批次编号")]


@router.get("/{batch_id}", response_model=BatchDetail, responses=errors(404),
            summary="批次进度 / Batch progress")
def get_batch(batch_id: Id, service: ServiceDep, principal: PrincipalDep) -> BatchDetail:
    return svc.batch(service, principal, batch_id)


@router.get("/{batch_id}/events", response_class=StreamingResponse,
            responses={**errors(404), 200: {"content": {"text/event-stream": {}}}},
            summary="批次进度事件流 / Batch progress events (SSE)")
async def batch_events(batch_id: Id, service: ServiceDep, principal: PrincipalDep) -> StreamingResponse:
    return await event_stream(lambda: svc.batch_event(service, principal, batch_id),
                              service.settings.sse_interval_seconds, service.settings.sse_max_seconds)


@router.get("/{batch_id}/export", response_class=Response,
            responses={**errors(404, 409), 200: {"content": {MEDIA_TYPES["xlsx"]: {}, MEDIA_TYPES["csv"]: {}}}},
            summary="导出整批 / Export the whole batch")
def export_batch(batch_id: Id, service: ServiceDep, principal: PrincipalDep,
                 format: Annotated[Literal["xlsx", "csv"], Query()] = "xlsx") -> Response:
    body = svc.export(service, principal, batch_id, format)
    return Response(body, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="batch-{batch_id}.{format}"'})
