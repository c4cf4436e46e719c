"""``/healthz`` and ``/readyz`` (no key needed)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api.service.deps import ServiceDep
from api.service.health import readiness
from api.service.schemas import Health

router = APIRouter(tags=["health / 健康检查"])


@router.get("/healthz", response_model=Health, summary="进程存活 / Process alive")
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"model": Health, "description": "not ready / 未就绪"}},
            summary="可以接收任务 / Ready for work",
            description="数据库可达、存储可写、迁移为最新、最近有工作进程。\n\nDB reachable, store writable, migrations at head, "
                        "workers seen recently.")
async def readyz(service: ServiceDep) -> JSONResponse:
    ready, checks = await run_in_threadpool(readiness, service)
    return JSONResponse(Health(status="ready" if ready else "not_ready", checks=checks).model_dump(),
                        status_code=200 if ready else 503)
