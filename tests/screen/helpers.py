"""Shared helpers of the screening tests: generated submissions and an in-process engine."""

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from api.pipeline import analyse_path
from api.screen.jobs import Job, OnResult

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.generate_corpus import generate  # noqa: E402

AS_OF = date(2026, 1, 1)
BIN = Path(sys.executable).parent


def make_corpus(out: Path, docs: int, formats: Sequence[str] = ("txt",), flat: bool = False) -> list[Path]:
    """Generated submissions (one folder each unless ``flat``), in one process."""
    return generate(out, docs, list(formats), seed=3, flat=flat, workers=1)


def inline_engine(jobs: Sequence[Job], on_result: OnResult) -> None:
    """Analyse in this process (no workers): for tests of grouping and the workbook."""
    for job in jobs:
        outcome = analyse_path(job.path, AS_OF, name=job.label)
        code = outcome.extraction.error.code if outcome.extraction.error else None
        on_result(job, outcome.extraction.model_dump_json(), outcome.text, code, 0.0)
