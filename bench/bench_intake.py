"""Intake benchmark: speed, peak memory and fidelity per format on the development corpus.

Each measurement runs in a fresh child process (one core), so peak RSS is per format. Side by
side in the same run: a bare pypdfium2 text dump of the same PDFs (the floor) and, unless
``--no-naive``, a pdfplumber-only parse (text + tables; what a naive implementation does).

    .venv/bin/python bench/bench_intake.py [--corpus ../shared/corpus] [--repeat 3] [--no-naive]
"""

import argparse
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus import CORPUS, fidelity  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_pipeline(files: list[str], repeat: int) -> dict[str, Any]:
    from intake import parse_path

    parse_path(files[0])  # warm imports (counted in start-up, not throughput)
    pages = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            pages += parse_path(f).page_count
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "pages": pages, "docs": len(files) * repeat, "peak_mb": _peak_mb()}


def _run_pdfium_floor(files: list[str], repeat: int) -> dict[str, Any]:
    import pypdfium2 as pdfium

    pages = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            pdf = pdfium.PdfDocument(f)
            for page in pdf:
                page.get_textpage().get_text_range()
                pages += 1
            pdf.close()
    return {"seconds": time.perf_counter() - start, "pages": pages, "docs": len(files) * repeat, "peak_mb": _peak_mb()}


def _run_pdfplumber_naive(files: list[str], repeat: int) -> dict[str, Any]:
    import pdfplumber

    pages = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            with pdfplumber.open(f) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.extract_tables()
                    pages += 1
    return {"seconds": time.perf_counter() - start, "pages": pages, "docs": len(files) * repeat, "peak_mb": _peak_mb()}


def _in_child(func: Any, files: list[str], repeat: int) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        result: dict[str, Any] = pool.apply(func, (files, repeat))
    return result


def _fidelity(files: list[Path], corpus: Path) -> dict[str, float]:
    from intake import parse_path

    return fidelity([(f.name.split(".")[0], parse_path(f)) for f in files], corpus)


def _startup_seconds() -> float:
    import subprocess

    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import intake, api.cli"], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-naive", action="store_true", help="skip the slow pdfplumber-only comparison")
    args = parser.parse_args()
    docs = args.corpus / "docs"
    if not docs.is_dir():
        sys.exit(f"corpus not found at {args.corpus}")
    sets = {
        "text": sorted(docs.glob("*.txt")),
        "docx": sorted(docs.glob("*.docx")),
        "pdf": sorted(p for p in docs.glob("*.pdf") if not p.name.endswith(".scan.pdf")),
    }
    print(f"corpus: {args.corpus}  repeat: {args.repeat}  (one process per row, one core)")
    print(f"{'format':<22}{'files':>6}{'pages':>7}{'pages/s':>10}{'docs/s':>9}{'ms/doc':>9}{'peak MB':>9}")
    rows: list[tuple[str, list[Path], Any]] = [(name, files, _run_pipeline) for name, files in sets.items()]
    rows.append(("pdf: pypdfium2 floor", sets["pdf"], _run_pdfium_floor))
    if not args.no_naive:
        rows.append(("pdf: pdfplumber naive", sets["pdf"], _run_pdfplumber_naive))
    for name, files, func in rows:
        r = _in_child(func, [str(f) for f in files], args.repeat if "naive" not in name else 1)
        print(f"{name:<22}{len(files):>6}{r['pages']:>7}{r['pages'] / r['seconds']:>10.1f}"
              f"{r['docs'] / r['seconds']:>9.1f}{1000 * r['seconds'] / r['docs']:>9.1f}{r['peak_mb']:>9.0f}")
    print(f"\nstart-up (import intake + CLI): {_startup_seconds():.2f} s")
    print(f"\n{'fidelity':<10}{'sim min':>9}{'sim mean':>10}{'articles':>12}{'table rows':>12}")
    for name, files in sets.items():
        f = _fidelity(files, args.corpus)
        print(f"{name:<10}{f['sim_min']:>9.2f}{f['sim_mean']:>10.2f}{f['articles']:>6}/{f['articles_expected']:<5}"
              f"{f['rows']:>6}/{f['rows_expected']:<5}")


if __name__ == "__main__":
    main()
