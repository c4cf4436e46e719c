"""Property-based API tests from the OpenAPI schema (schemathesis 4): no input gives a 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.service.app import create_app
from api.service.context import Service
from api.service.settings import ServiceSettings
from api.service.worker import heartbeat

_DATA = Path(tempfile.mkdtemp(prefix="alliance-schemathesis-"))
_SERVICE = Service(ServiceSettings(data_dir=_DATA, rate_limit_per_second=10_000, rate_limit_burst=100_000,
                                   sse_max_seconds=1.0, worker_seen_seconds=24 * 3600))
heartbeat(_SERVICE, "schemathesis")  # /readyz answers 503 without a worker, by design
APP = create_app(service=_SERVICE)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)
CASES: list[str] = []


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_gives_a_server_error(case: Any) -> None:
    CASES.append(f"{case.method} {case.operation.path}")
    case.call_and_validate(checks=[not_a_server_error])


def test_schema_documents_every_route_with_chinese_and_english() -> None:
    document = APP.openapi()
    paths = document["paths"]
    assert {"/api/v1/submissions", "/api/v1/submissions/{submission_id}/report", "/api/v1/batches/{batch_id}/export",
            "/api/v1/jurisdictions", "/api/v1/readyz"} <= set(paths)
    summaries = [op["summary"] for p in paths.values() for op in p.values()]
    assert all(" / " in s and any("\u4e00" <= ch <= "\u9fff" for ch in s) for s in summaries)
    if CASES:  # after the property tests in a full run
        print(f"\nschemathesis: {len(CASES)} generated requests over {len(set(CASES))} operations, no 5xx")
