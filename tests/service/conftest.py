"""Fixtures of the service tests: an app on a temporary data directory, drained in process."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.service.app import create_app
from api.service.auth import create_key
from api.service.context import Service
from api.service.processing import run_one
from api.service.settings import ServiceSettings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "examples" / "sample-agreement.txt").read_bytes()
API = "/api/v1"


def charter(n: int) -> bytes:
    """A small distinct charter text."""
    return (f"第{n}号产业技术创新战略联盟章程\n第一条　本联盟名称为某某{n}产业技术创新战略联盟。\n"
            f"第二条　联盟成果的知识产权归完成方所有。\n编号 {n}\n").encode()


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def settings(tmp_path: Path) -> ServiceSettings:
    return ServiceSettings(data_dir=tmp_path / "data", doc_timeout_seconds=60, rate_limit_per_second=1000,
                           rate_limit_burst=10000, sse_interval_seconds=0.05)


@pytest.fixture
def service(settings: ServiceSettings) -> Service:
    return Service(settings)


@pytest.fixture
def client(service: Service) -> Iterator[TestClient]:
    with TestClient(create_app(service=service)) as c:
        yield c


@pytest.fixture
def drain(service: Service) -> Callable[[], int]:
    """Run queued jobs in this process until none is left; returns how many ran."""
    def run() -> int:
        count = 0
        while run_one(service, "test-worker"):
            count += 1
        return count
    return run


@pytest.fixture
def make_key(service: Service) -> Callable[..., str]:
    def make(role: str, *jurisdictions: str) -> str:
        with service.db.session() as session:
            return create_key(session, role, list(jurisdictions))
    return make
