"""The real service on 127.0.0.1 (``alliance-intake serve`` with embedded workers on a temp data dir) and a
headless Debian Chromium driven by Playwright, for the browser tests of the web pages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "web"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the service exited ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url + "/api/v1/healthz", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the service did not answer in {timeout} s:\n{log.read_text(errors='replace')[-3000:]}")


def _cli(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", "from api.cli import main; main()", *args], env=env, check=True,
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2])
    return done.stdout.strip()


@contextmanager
def _serve(data: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``alliance-intake serve`` on 127.0.0.1 with two embedded workers on ``data``; yields its base URL."""
    port = _free_port()
    env = _env(data, extra_env)
    log = data / "service.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", "from api.cli import main; main()", "serve", "--host", "127.0.0.1",
             "--port", str(port), "--workers", "2"],
            env=env, stdout=out, stderr=subprocess.STDOUT, cwd=Path(__file__).resolve().parents[2])
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _env(data: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCE_")}
    env.update({"ALLIANCE_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1", **(extra_env or {})})
    return env


@pytest.fixture(scope="session")
def service_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real service with two embedded workers and its own data directory (local mode: no key)."""
    with _serve(tmp_path_factory.mktemp("service-data")) as url:
        yield url


@dataclass(frozen=True)
class KeyedService:
    """A service that requires keys (``ALLIANCE_AUTH_REQUIRED=true``) and keys made for it by ``keys create``."""

    url: str
    keys: dict[str, str]


@pytest.fixture(scope="session")
def keyed_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyedService]:
    """A real service in key mode, with applicant keys ``a`` and ``b`` and an ``admin`` key."""
    data = tmp_path_factory.mktemp("keyed-data")
    extra = {"ALLIANCE_AUTH_REQUIRED": "true"}
    keys = {name: _cli("keys", "create", "--role", role, "--label", name, env=_env(data, extra))
            for name, role in (("a", "applicant"), ("b", "applicant"), ("admin", "admin"))}
    with _serve(data, extra) as url:
        yield KeyedService(url, keys)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium (Debian's, not a Playwright download)."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} missing (Debian package chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page at 1280 x 800 that fails the test on any script error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True, locale="zh-CN")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield tab
    finally:
        context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[[], Any]]:
    """Pages in separate browser contexts (separate cookie jars: one per signed-in user), 1280 x 800,
    failing the test on any script error."""
    contexts: list[Any] = []
    errors: list[str] = []

    def make() -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True, locale="zh-CN")
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        return tab

    try:
        yield make
    finally:
        for context in contexts:
            context.close()
    assert not errors, f"script errors on the page: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and downloads go (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
