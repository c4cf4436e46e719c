"""The local engine: a file that crashes or hangs its worker fails alone; the others go on."""

import json
from pathlib import Path

from api.screen.engine_local import LocalEngine
from api.screen.jobs import Job
from api.screen.settings import ScreenSettings

TEXT = "某某产业技术创新战略联盟协议书\n第一条　本联盟名称为某某产业技术创新战略联盟。\n"


def test_crash_and_hang_fail_alone(tmp_path: Path) -> None:
    names = ["a.txt", "crash.txt", "b.txt", "hang.txt", "c.txt", "d.txt"]
    for name in names:
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    jobs = [Job(name, str(tmp_path / name), name, "2026-01-01") for name in names]
    results: dict[str, tuple[dict[str, object], str | None]] = {}
    settings = ScreenSettings(file_timeout=3, poll_seconds=0.05)
    engine = LocalEngine(2, settings, target="tests.screen.faulty:analyse")

    def on_result(job: Job, extraction: str, text: str | None, code: str | None, seconds: float) -> None:
        assert job.key not in results
        results[job.key] = (json.loads(extraction), code)

    engine.run(jobs, on_result)
    assert sorted(results) == sorted(names)
    assert results["crash.txt"][1] == "worker_crashed"
    assert results["hang.txt"][1] == "file_timeout"
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        extraction, code = results[name]
        assert code is None and extraction["alliance_name"] == "某某产业技术创新战略联盟"
    assert engine.restarts == 2
