"""The real server: ``alliance-intake serve`` on 127.0.0.1 (a free port) with one embedded worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.service.conftest import API, charter, free_port

CLI = str(Path(sys.executable).with_name("alliance-intake"))


@pytest.mark.slow
def test_serve_runs_a_submission_end_to_end(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "ALLIANCE_DATA_DIR": str(tmp_path / "data"), "ALLIANCE_HEARTBEAT_SECONDS": "0.5"}
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen([CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{API}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        response = httpx.post(f"{base}/submissions", files=[("files", ("章程.txt", charter(1), "text/plain"))],
                              data={"jurisdiction": "gansu"}, timeout=10)
        assert response.status_code == 202
        sid = response.json()["submissions"][0]["id"]
        with httpx.stream("GET", f"{base}/submissions/{sid}/events", timeout=60) as stream:
            events = [line for line in stream.iter_lines() if line.startswith("event:")]
        assert events[-1] == "event: done"
        assert httpx.get(f"{base}/submissions/{sid}", timeout=10).json()["status"] == "done"
        report = httpx.get(f"{base}/submissions/{sid}/report", params={"format": "docx"}, timeout=10)
        assert report.status_code == 200 and report.content[:2] == b"PK"
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
