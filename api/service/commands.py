"""Service commands of the CLI: ``serve``, ``worker``, ``keys create``, ``purge``."""

from __future__ import annotations

import os

import click

from api.service.settings import ServiceSettings


def _settings(**overrides: object) -> ServiceSettings:
    return ServiceSettings(**{k: v for k, v in overrides.items() if v is not None})  # type: ignore[arg-type]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="bind address; anything but 127.0.0.1 requires API keys")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", "workers", default=2, show_default=True, type=int,
              help="embedded worker processes (0: none, e.g. with Celery workers)")
def serve(host: str, port: int, workers: int) -> None:
    """Start the API and N embedded workers. 启动服务与后台工作进程。"""
    import uvicorn

    from api.service.app import create_app
    from api.service.context import Service
    from api.service.worker import start_workers, stop_workers

    os.environ["ALLIANCE_HOST"] = host
    settings = _settings(host=host)
    service = Service(settings)  # migrations to head before anything else starts
    processes = start_workers(settings, workers) if workers > 0 else []
    try:
        uvicorn.run(create_app(settings, service), host=host, port=port, log_level="info")
    finally:
        stop_workers(processes)


@click.command()
@click.option("--workers", "workers", default=1, show_default=True, type=int, help="worker processes")
@click.option("--exit-when-idle", is_flag=True, help="stop when no job is left (batch runs, tests)")
def worker(workers: int, exit_when_idle: bool) -> None:
    """Start embedded workers alone (jobs from the database). 仅启动后台工作进程。"""
    from api.service.worker import run_worker, start_workers, stop_workers

    settings = _settings()
    if workers <= 1:
        done = run_worker(settings, idle_exit=exit_when_idle)
        click.echo(f"worker stopped after {done} jobs", err=True)
        return
    processes = start_workers(settings, workers)
    try:
        for process in processes:
            process.join()
    finally:
        stop_workers(processes)


@click.group()
def keys() -> None:
    """API keys. API 密钥管理。"""


@keys.command("create")
@click.option("--role", type=click.Choice(["applicant", "reviewer", "admin"]), required=True)
@click.option("--jurisdiction", "jurisdictions", multiple=True, help="reviewers: assigned jurisdiction id (repeat)")
@click.option("--label", default="", help="a note on whose key it is")
def keys_create(role: str, jurisdictions: tuple[str, ...], label: str) -> None:
    """Create a key and print it once (only its hash is stored). 创建密钥（仅显示一次）。"""
    from api.service.auth import create_key
    from api.service.context import Service

    service = Service(_settings())
    with service.db.session() as session:
        key = create_key(session, role, list(jurisdictions), label)
    click.echo(key)


@click.command()
def purge() -> None:
    """Delete submissions older than ALLIANCE_RETENTION_DAYS. 删除超过保留期限的申报。"""
    from api.service.context import Service
    from api.service.submissions import purge as purge_old

    click.echo(f"purged {purge_old(Service(_settings()))} submissions")


COMMANDS = [serve, worker, keys, purge]
