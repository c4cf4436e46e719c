"""End-to-end performance: parse + extract + check per core, screening speed-up, memory, CLI start-up.

Every measurement runs in a fresh child process (one core), so peak RSS is per measurement.

1. On the corpus (``../shared/corpus/docs``; skipped with a message when absent) and on a
   generated set: text PDF pages/s end-to-end, side by side with a bare pypdfium2 text dump (the
   floor) and a pdfplumber-only parse (the naive way); DOCX docs/s end-to-end, also as if every document
   came from its own template (styles read afresh each time).
2. ``screen`` over the generated set with 1 and 2 worker processes: wall time, speed-up, peak RSS
   of a worker.
3. Start-up: ``alliance-intake check`` on a 10-page PDF, wall time including the interpreter.
4. With ``--profile``: the top functions of an end-to-end PDF run (cProfile, by own time).

    .venv/bin/python bench/bench_perf.py [--docs 1000] [--keep DIR] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing as mp
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.generate_corpus import FILLER, generate, write_pdf  # noqa: E402
from tests.corpus import CORPUS  # noqa: E402

AS_OF = date(2026, 1, 1)


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _end_to_end(files: list[str], own_template: bool = False) -> dict[str, Any]:
    """parse + extract + check of each file as its own submission (gansu rule set); ``own_template``:
    as if no two DOCX shared a styles.xml (the styles kept from the last document are dropped)."""
    from api.pipeline import analyse_path, check_outcomes
    from intake.backends import docx

    check_outcomes([analyse_path(files[0], AS_OF)], "gansu", AS_OF)  # warm: imports and pattern files
    pages = 0
    start, cpu = time.perf_counter(), time.process_time()
    for f in files:
        if own_template:
            docx._STYLES.clear()
        outcome = analyse_path(f, AS_OF)
        check_outcomes([outcome], "gansu", AS_OF)
        pages += outcome.extraction.pages
    return {"seconds": time.perf_counter() - start, "pages": pages, "docs": len(files), "peak_mb": _peak_mb(),
            "cpu": time.process_time() - cpu}


def _end_to_end_own_templates(files: list[str]) -> dict[str, Any]:
    return _end_to_end(files, own_template=True)


def _pdfium_floor(files: list[str]) -> dict[str, Any]:
    import pypdfium2 as pdfium

    pages = 0
    start = time.perf_counter()
    for f in files:
        pdf = pdfium.PdfDocument(f)
        for page in pdf:
            page.get_textpage().get_text_range()
            pages += 1
        pdf.close()
    return {"seconds": time.perf_counter() - start, "pages": pages, "docs": len(files), "peak_mb": _peak_mb()}


def _pdfplumber_naive(files: list[str]) -> dict[str, Any]:
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()
                pages += 1
    return {"seconds": time.perf_counter() - start, "pages": pages, "docs": len(files), "peak_mb": _peak_mb()}


def _screen(args: tuple[str, int, str]) -> dict[str, Any]:
    from api.screen.engine_local import LocalEngine
    from api.screen.run import run_screen

    folder, workers, out = args
    start, cpu = time.perf_counter(), time.process_time()
    result = run_screen([folder], Path(out), "auto", AS_OF, LocalEngine(workers))
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": time.perf_counter() - start, "files": result.files, "submissions": result.submissions,
            "failed": result.failed, "worker_peak_mb": _peak_mb(resource.RUSAGE_CHILDREN),
            "parent_cpu": time.process_time() - cpu, "workers_cpu": children.ru_utime + children.ru_stime}


def _call(conn: Any, func: Any, arg: Any) -> None:
    conn.send(func(arg))
    conn.close()


def _child(func: Any, arg: Any) -> dict[str, Any]:
    """``func(arg)`` in a fresh process (not a daemon: the screen rows start worker processes of their own)."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_call, args=(child, func, arg))
    proc.start()
    result: dict[str, Any] = parent.recv()
    proc.join()
    return result


def _row(name: str, r: dict[str, Any]) -> None:
    cpu = f"{1000 * r['cpu'] / r['docs']:>9.1f}" if "cpu" in r else ""  # CPU time: less sensitive to load
    print(f"  {name:<34}{r['docs']:>6}{r['pages']:>7}{r['pages'] / r['seconds']:>10.1f}{r['docs'] / r['seconds']:>9.1f}"
          f"{1000 * r['seconds'] / r['docs']:>9.1f}{r['peak_mb']:>9.0f}{cpu}")


def _per_core(title: str, pdfs: list[Path], docx: list[Path], naive: bool) -> None:
    print(f"\n{title}  (one process per row, one core)")
    print(f"  {'':<34}{'files':>6}{'pages':>7}{'pages/s':>10}{'docs/s':>9}{'ms/doc':>9}{'peak MB':>9}{'cpu ms':>9}")
    paths = [str(p) for p in pdfs]
    if pdfs:
        _row("text PDF end-to-end", _child(_end_to_end, paths))
        _row("text PDF: pypdfium2 text (floor)", _child(_pdfium_floor, paths))
        if naive:
            _row("text PDF: pdfplumber only (naive)", _child(_pdfplumber_naive, paths))
    if docx:
        _row("DOCX end-to-end", _child(_end_to_end, [str(p) for p in docx]))
        _row("DOCX, no two of one template", _child(_end_to_end_own_templates, [str(p) for p in docx]))


def _startup(tmp: Path) -> None:
    pdf = tmp / "ten-pages.pdf"
    paragraphs = ["某某产业技术创新战略联盟协议书"] + [f"第{n}条　{FILLER[n % len(FILLER)] * 2}" for n in range(1, 90)]
    write_pdf(paragraphs, pdf)
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(str(pdf)))
    cli = Path(sys.executable).parent / "alliance-intake"
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([str(cli), "check", str(pdf), "-j", "gansu", "--as-of", "2026-01-01"], check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    bare = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    print(f"\nstart-up: `alliance-intake check` on a {pages}-page PDF: median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s (target < 2 s; a bare interpreter: {min(bare):.2f} s)")


def _profile(pdfs: list[Path], top: int = 18) -> None:
    from api.pipeline import analyse_path, check_outcomes

    check_outcomes([analyse_path(pdfs[0], AS_OF)], "gansu", AS_OF)
    profiler = cProfile.Profile()
    profiler.enable()
    for f in pdfs:
        check_outcomes([analyse_path(f, AS_OF)], "gansu", AS_OF)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
    print(f"\nprofile: end-to-end on {len(pdfs)} PDFs, top {top} functions by own time")
    for line in lines[start:start + top + 1]:
        print("  " + line.replace(str(ROOT) + "/", "").replace(sys.prefix, "<venv>"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="size of the generated set")
    parser.add_argument("--keep", type=Path, default=None, help="generate into (or reuse) this directory")
    parser.add_argument("--no-naive", action="store_true", help="skip the slow pdfplumber-only comparison")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="alliance-perf-") as scratch:
        tmp = Path(scratch)
        docs = CORPUS / "docs"
        if docs.is_dir():
            corpus_pdfs = sorted(p for p in docs.glob("*.pdf") if not p.name.endswith(".scan.pdf"))
            _per_core(f"corpus {CORPUS}", corpus_pdfs, sorted(docs.glob("*.docx")), not args.no_naive)
        else:
            print(f"corpus not found at {CORPUS}: skipping the corpus rows")
        generated = args.keep or tmp / "generated"
        if not generated.is_dir() or not any(generated.iterdir()):
            start = time.perf_counter()
            generate(generated, args.docs, ["txt", "docx", "pdf"])
            print(f"\ngenerated {args.docs} documents in {time.perf_counter() - start:.0f} s ({generated})")
        pdfs = sorted(generated.rglob("*.pdf"))
        # the naive pdfplumber row runs on the corpus only: on a thousand generated PDFs it takes minutes
        _per_core(f"generated set ({args.docs} documents)", pdfs, sorted(generated.rglob("*.docx")), False)
        print(f"\nscreen over the generated set (auto jurisdiction, {len(list(generated.rglob('*.*')))} files)")
        base = None
        for workers in (1, 2):
            r = _child(_screen, (str(generated), workers, str(tmp / f"screen-{workers}.xlsx")))
            base = base or r["seconds"]
            print(f"  {workers} worker(s): {r['seconds']:6.1f} s  {r['files'] / r['seconds']:6.1f} files/s  "
                  f"speed-up {base / r['seconds']:.2f}x  {r['submissions']} submissions, {r['failed']} failed, "
                  f"peak RSS per worker {r['worker_peak_mb']:.0f} MB; CPU: parent {r['parent_cpu']:.1f} s, "
                  f"workers {r['workers_cpu']:.1f} s")
        _startup(tmp)
        if args.profile:
            _profile(pdfs[:60])


if __name__ == "__main__":
    main()
