"""The service's shared parts: settings, database, blob store, rule sets and the job dispatcher."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from api.service.blobstore import BlobStore, make_store
from api.service.db import Database, migrate
from api.service.settings import ServiceSettings
from checklists.schema import RuleSet


class Service:
    """Everything a route, a worker or a command needs; one per process."""

    def __init__(self, settings: ServiceSettings, *, run_migrations: bool = True) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.db = Database(settings)
        if run_migrations:
            migrate(self.db)
        self.store: BlobStore = make_store(settings)

    @property
    def checklist_dir(self) -> Path:
        """Where checklists posted to ``POST /jurisdictions`` are kept."""
        return self.settings.data_dir / "checklists"

    def rule_sets(self) -> dict[str, RuleSet]:
        """Built-in rule sets, ``ALLIANCE_CHECKLISTS_DIR`` and the ones posted to the service."""
        from checklists.loader import load_rule_sets

        extra: Sequence[Path] = [self.checklist_dir] if self.checklist_dir.is_dir() else []
        return load_rule_sets(extra)

    @cached_property
    def pipeline(self) -> str:
        """The version file results are keyed by."""
        from api.service.versions import pipeline_version

        return pipeline_version(self.rule_sets())

    def dispatch(self, job_ids: Sequence[str]) -> None:
        """Tell workers about new jobs: database workers poll; Celery workers get a task each."""
        if self.settings.queue != "celery" or not job_ids:
            return
        from api.celery_app import RUN_JOB, make_app

        app = make_app(broker=self.settings.broker_url)
        for job_id in job_ids:
            app.send_task(RUN_JOB, args=[job_id])
