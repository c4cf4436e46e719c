"""The FastAPI application: ``create_app()`` (used by ``alliance-intake serve`` and the tests)."""

from __future__ import annotations

from fastapi import FastAPI

from api.service import errors
from api.service.context import Service
from api.service.ratelimit import TokenBuckets
from api.service.settings import ServiceSettings, get_settings

PREFIX = "/api/v1"

DESCRIPTION = """
产业技术创新联盟文件智能审查服务：上传联盟协议、章程、营业执照与申请表，后台解析、抽取条款并对照各地管理办法逐项检查，
生成审查报告（JSON / HTML / DOCX 审查意见书 / XLSX / CSV）。

Document intake and mandatory-clause checking for industrial technology innovation alliances: upload an
alliance's files, they are parsed, extracted and checked in the background against a jurisdiction's
checklist, and the gap report is available as JSON, HTML, DOCX, XLSX or CSV.

Every error has one body: `{"error": {"code", "message_zh", "message_en", "detail"}}`.
Authentication: `Authorization: Bearer <key>` or `X-API-Key: <key>` (no key needed in local
single-user mode on 127.0.0.1).
"""


def create_app(settings: ServiceSettings | None = None, service: Service | None = None) -> FastAPI:
    """The app on ``settings`` (default: the environment); migrations run to head on creation."""
    from api.service.routes import batches, health, jurisdictions, submissions

    settings = settings or (service.settings if service else get_settings())
    app = FastAPI(title="alliance-intake", version="1", description=DESCRIPTION,
                  openapi_url=f"{PREFIX}/openapi.json", docs_url=f"{PREFIX}/docs", redoc_url=None)
    app.state.service = service or Service(settings)
    app.state.buckets = TokenBuckets(settings.rate_limit_per_second, settings.rate_limit_burst)
    errors.install(app)
    for module in (submissions, batches, jurisdictions, health):
        app.include_router(module.router, prefix=PREFIX)
    try:
        from api.web import router as web_router  # the web pages (issue 7), when present
    except ImportError:
        pass
    else:
        app.include_router(web_router)
    return app
