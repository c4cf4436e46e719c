"""LibreOffice headless as a converter: legacy word-processing files in, DOCX bytes out.

Every soffice call runs in a fresh temporary directory with its own throw-away user profile
(``-env:UserInstallation``), so two conversions at once never share state, under a time limit
(the whole process group is killed when it runs over) and an address-space limit
(``RLIMIT_AS``). One call converts many files: a cold start costs seconds, a file a fraction of
that. When a batch call hangs or crashes, the files it did not convert are retried one by one,
so a single bad file fails alone. Every failure is an ``IntakeError`` for that file.
"""

import os
import resource
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from intake.settings import IntakeSettings, default_settings
from models import IntakeError

_TARGET = "docx:MS Word 2007 XML"
_STDERR_KEEP = 300


@dataclass(frozen=True)
class ConversionJob:
    """One file to convert: ``name`` for messages, ``suffix`` the extension soffice sees (doc, rtf…)."""

    name: str
    data: bytes
    suffix: str


Converted = bytes | IntakeError


@dataclass
class _Run:
    outputs: dict[int, bytes]
    timed_out: bool
    returncode: int | None
    stderr: str


def _memory_limit(settings: IntakeSettings) -> Callable[[], None]:
    limit = settings.soffice_memory_mb * 1024 * 1024

    def apply() -> None:  # runs in the child between fork and exec
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def _command(exe: str, profile: Path, outdir: Path, inputs: list[Path]) -> list[str]:
    return [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
            "--nologo", "--nodefault", "--nolockcheck", "--convert-to", _TARGET, "--outdir", str(outdir),
            *map(str, inputs)]


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _run_batch(exe: str, jobs: Sequence[ConversionJob], settings: IntakeSettings) -> _Run:
    """One soffice call over ``jobs``; returns the DOCX bytes of each job it converted."""
    timeout = settings.soffice_startup_seconds + settings.soffice_seconds_per_file * len(jobs)
    with tempfile.TemporaryDirectory(prefix="intake-soffice-") as work:
        root = Path(work)
        indir, outdir, profile = root / "in", root / "out", root / "profile"
        indir.mkdir()
        outdir.mkdir()
        inputs = []
        for index, job in enumerate(jobs):
            path = indir / f"f{index:05d}.{job.suffix}"
            path.write_bytes(job.data)
            inputs.append(path)
        proc = subprocess.Popen(  # noqa: S603 - fixed argument list, no shell
            _command(exe, profile, outdir, inputs), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, preexec_fn=_memory_limit(settings), start_new_session=True,
        )
        timed_out = False
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill(proc)
            _, err = proc.communicate()
        finally:
            _kill(proc)  # helpers soffice may have left behind in its process group
        outputs: dict[int, bytes] = {}
        for index in range(len(jobs)):
            out = outdir / f"f{index:05d}.docx"
            if out.is_file() and out.stat().st_size > 0:
                outputs[index] = out.read_bytes()
        stderr = err.decode("utf-8", "replace").strip()[-_STDERR_KEEP:]
        return _Run(outputs, timed_out, proc.returncode, stderr)


def _failure(job: ConversionJob, run: _Run, settings: IntakeSettings) -> IntakeError:
    if run.timed_out:
        seconds = settings.soffice_startup_seconds + settings.soffice_seconds_per_file
        return IntakeError("conversion_timeout", name=job.name, seconds=round(seconds, 1))
    if run.returncode not in (0, None):
        how = f"killed by signal {-run.returncode}" if run.returncode < 0 else f"exit status {run.returncode}"
        reason = f"LibreOffice stopped ({how}) without output"
        return IntakeError("conversion_failed", name=job.name, reason=reason)
    return IntakeError("conversion_failed", name=job.name,
                       reason="LibreOffice produced no output (unreadable, damaged or password-protected file)")


def _convert_chunk(exe: str, jobs: Sequence[ConversionJob], settings: IntakeSettings) -> list[Converted]:
    run = _run_batch(exe, jobs, settings)
    results: list[Converted] = []
    abnormal = run.timed_out or run.returncode not in (0, None)
    for index, job in enumerate(jobs):
        if index in run.outputs:
            results.append(run.outputs[index])
        elif abnormal and len(jobs) > 1:  # the batch died: this file may be innocent
            results.append(_convert_chunk(exe, [job], settings)[0])
        else:
            results.append(_failure(job, run, settings))
    return results


def _checked(result: Converted, job: ConversionJob, settings: IntakeSettings) -> Converted:
    if isinstance(result, bytes) and len(result) > settings.max_file_bytes:
        return IntakeError("conversion_failed", name=job.name,
                           reason=f"the converted document exceeds {settings.max_file_bytes} bytes")
    return result


def convert_many(jobs: Sequence[ConversionJob], settings: IntakeSettings | None = None) -> list[Converted]:
    """Convert every job to DOCX with as few soffice calls as the batch limit allows.

    Returns, in order, the DOCX bytes of each job or the ``IntakeError`` that job failed with.
    """
    settings = settings or default_settings()
    if not jobs:
        return []
    exe = shutil.which(settings.soffice_command)
    if exe is None:
        return [IntakeError("converter_unavailable", name=j.name, command=settings.soffice_command,
                            format=j.suffix) for j in jobs]
    results: list[Converted] = []
    size = max(settings.soffice_max_batch, 1)
    for start in range(0, len(jobs), size):
        chunk = jobs[start : start + size]
        try:
            converted = _convert_chunk(exe, chunk, settings)
        except OSError as exc:  # not executable, vanished between which() and exec
            converted = [IntakeError("converter_unavailable", name=j.name, command=f"{exe}: {exc.strerror}",
                                     format=j.suffix) for j in chunk]
        results.extend(_checked(r, j, settings) for r, j in zip(converted, chunk, strict=True))
    return results


def convert_one(job: ConversionJob, settings: IntakeSettings | None = None) -> bytes:
    """Convert one file to DOCX; raises the file's ``IntakeError`` when it cannot be converted."""
    result = convert_many([job], settings)[0]
    if isinstance(result, IntakeError):
        raise result
    return result
