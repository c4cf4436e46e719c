"""OCR benchmark on the corpus scans: CER, 第X条 found, seconds per page, peak memory.

For every ``docs/*.scan.pdf``: the parsed text against the matching ``.txt`` (both normalized as
intake normalizes text, whitespace and table bars removed; CER = Levenshtein distance / length of
the source), article numbers (第X条 starting a line) found against the source, wall-clock and CPU
seconds per page, seal and ink marks found.

    .venv/bin/python bench/bench_ocr.py [--corpus ../shared/corpus] [--only dev-001,dev-004] [--workers N]
"""

import argparse
import os
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus import ARTICLE_RE, CORPUS, read_source, squash  # noqa: E402


def _articles(text: str) -> set[str]:
    return {re.sub(r"\s", "", m.group(1)) for line in text.splitlines() if (m := ARTICLE_RE.match(line.strip()))}


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--only", default="", help="comma-separated document ids")
    parser.add_argument("--workers", type=int, default=None, help="INTAKE_OCR_WORKERS for this run")
    args = parser.parse_args()
    if args.workers is not None:
        os.environ["INTAKE_OCR_WORKERS"] = str(args.workers)
    from rapidfuzz.distance import Levenshtein

    from intake import parse_path
    from intake.normalize import normalize
    from intake.ocr.engine import engine
    from intake.ocr.pdf_pages import warm_up
    from intake.settings import IntakeSettings

    files = sorted((args.corpus / "docs").glob("*.scan.pdf"))
    if args.only:
        wanted = set(args.only.split(","))
        files = [f for f in files if f.name.split(".")[0] in wanted]
    if not files:
        print(f"no scans under {args.corpus / 'docs'}")
        return
    engine()  # model loading is start-up, not per page (here and in the OCR worker processes)
    warm_up(IntakeSettings())
    per_page: list[float] = []
    total_dist = total_len = 0
    print(f"{'file':18} {'pages':>5} {'CER':>7} {'articles':>9} {'s/page':>7} {'cpu/page':>8} {'seals':>5} {'ink':>4}")
    for f in files:
        doc_id = f.name.split(".")[0]
        source = read_source(doc_id, args.corpus)
        wall, cpu = time.perf_counter(), time.process_time()
        doc = parse_path(f)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        pages = max(doc.page_count, 1)
        per_page.extend([wall / pages] * pages)
        ref = squash(normalize(source).text)
        hyp = squash(doc.text)
        dist = Levenshtein.distance(ref, hyp)
        total_dist += dist
        total_len += len(ref)
        want, got = _articles(source), _articles(doc.text)
        seals = sum(1 for m in doc.marks if m.kind == "seal")
        ink = sum(1 for m in doc.marks if m.kind == "ink")
        print(f"{f.name:18} {pages:5d} {dist / max(len(ref), 1):7.2%} {len(want & got):4d}/{len(want):<4d} "
              f"{wall / pages:7.2f} {cpu / pages:8.2f} {seals:5d} {ink:4d}")
    per_page.sort()
    p90 = per_page[min(int(0.9 * len(per_page)), len(per_page) - 1)]
    print(f"summary: {len(files)} scans, {len(per_page)} pages, {len(per_page) / len(files):.1f} pages/doc, "
          f"CER {total_dist / max(total_len, 1):.2%}, s/page median {statistics.median(per_page):.2f} "
          f"p90 {p90:.2f}, peak RSS {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
