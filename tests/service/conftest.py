"""Fixtures of the service tests: an app on a temporary data directory, drained in process."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from api.service.app import create_app
from api.service.auth import create_key
from api.service.context import Service
from api.service.processing import run_one
from api.service.settings import ServiceSettings
from tests.service import postgres

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


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL when it does not exit within 20 s."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A throw-away redis-server on a free port (skipped when it is not installed)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (scripts/install.sh installs it)")
    port = free_port()
    server = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        client.close()
        stop_process(server)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[postgres.Cluster]:
    """One throw-away PostgreSQL server for the session (skipped when the binaries are absent)."""
    reason = postgres.why_not()
    if reason is not None:
        pytest.skip(reason)
    postgres.Cluster.stop_orphans()
    cluster = postgres.Cluster(free_port())
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Parametrises a test over both databases: "" (SQLite under the data dir) or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return ""
    cluster: postgres.Cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_database()


@pytest.fixture
def settings(tmp_path: Path) -> ServiceSettings:
    return ServiceSettings(data_dir=tmp_path / "data", doc_timeout_seconds=60, rate_limit_per_second=1000,
                           rate_limit_burst=10000, sse_interval_seconds=0.05)


@pytest.fixture
def service(settings: ServiceSettings) -> Iterator[Service]:
    service = Service(settings)
    yield service
    service.db.dispose()  # close pooled connections (psycopg warns about connections left open)


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
