"""Legacy formats and OFD on the development corpus: speed (single vs batched) and fidelity.

The corpus DOCX files are converted once with soffice to .doc, .odt and .rtf (cached in a temp
directory, never committed); each corpus .txt is typeset as OFD by the test generator. Then:
s/doc parsing each file on its own (one soffice cold start per file) against ``parse_many``
(one soffice call for all), and fidelity against the corpus .txt (similarity of the squashed
text, article numbers found, table rows found).

    .venv/bin/python bench/bench_legacy.py [--corpus ../shared/corpus] [--limit N] [--cache DIR]
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intake import parse_bytes  # noqa: E402
from intake.ingest import parse_many  # noqa: E402
from models import Document  # noqa: E402
from tests.corpus import CORPUS, fidelity, read_source  # noqa: E402
from tests.intake.ofd_maker import layout_text, make_ofd  # noqa: E402

TARGETS = {"doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf"}


def _convert_corpus(docx: list[Path], cache: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {}
    for fmt, target in TARGETS.items():
        folder = cache / fmt
        folder.mkdir(parents=True, exist_ok=True)
        todo = [p for p in docx if not (folder / f"{p.stem}.{fmt}").exists()]
        if todo:
            with tempfile.TemporaryDirectory() as profile:
                subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                                "--convert-to", target, "--outdir", str(folder), *map(str, todo)],
                               check=True, capture_output=True, timeout=1800)
        out[fmt] = [folder / f"{p.stem}.{fmt}" for p in docx]
    return out


def _timed_single(items: list[tuple[str, bytes]]) -> tuple[float, list[Document]]:
    start = time.perf_counter()
    docs = [parse_bytes(data, name) for name, data in items]
    return time.perf_counter() - start, docs


def _timed_batch(items: list[tuple[str, bytes]]) -> tuple[float, list[Any]]:
    start = time.perf_counter()
    docs = parse_many(items)
    return time.perf_counter() - start, docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="first N documents only (0: all)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "alliance-intake-legacy-bench")
    args = parser.parse_args()
    docs_dir = args.corpus / "docs"
    if not docs_dir.is_dir():
        sys.exit(f"corpus not found at {args.corpus}")
    docx = sorted(docs_dir.glob("*.docx"))[: args.limit or None]
    ids = [p.stem for p in docx]
    started = time.perf_counter()
    files = _convert_corpus(docx, args.cache)
    print(f"corpus: {args.corpus}  docs: {len(ids)}  conversions cached in {args.cache} "
          f"({time.perf_counter() - started:.1f} s)")
    print(f"{'format':<8}{'files':>6}{'single s/doc':>14}{'batch s/doc':>13}{'speed-up':>10}"
          f"{'sim min':>9}{'sim mean':>10}{'articles':>12}{'table rows':>12}")
    for fmt, paths in files.items():
        items = [(p.name, p.read_bytes()) for p in paths]
        single, docs = _timed_single(items)
        batch, batched = _timed_batch(items)
        assert all(isinstance(d, Document) for d in batched), [d for d in batched if not isinstance(d, Document)]
        f = fidelity(list(zip(ids, docs, strict=True)), args.corpus)
        n = len(items)
        print(f"{fmt:<8}{n:>6}{single / n:>14.3f}{batch / n:>13.3f}{single / batch:>9.1f}x"
              f"{f['sim_min']:>9.2f}{f['sim_mean']:>10.2f}{f['articles']:>6}/{f['articles_expected']:<5}"
              f"{f['rows']:>6}/{f['rows_expected']:<5}")
    ofd = [(f"{i}.ofd", make_ofd(layout_text(read_source(i, args.corpus)))) for i in ids]
    single, docs = _timed_single(ofd)
    f = fidelity(list(zip(ids, docs, strict=True)), args.corpus)
    pages = sum(d.page_count for d in docs)
    print(f"{'ofd':<8}{len(ofd):>6}{single / len(ofd):>14.3f}{'-':>13}{'-':>10}"
          f"{f['sim_min']:>9.2f}{f['sim_mean']:>10.2f}{f['articles']:>6}/{f['articles_expected']:<5}"
          f"{f['rows']:>6}/{f['rows_expected']:<5}   ({pages / single:.0f} pages/s)")


if __name__ == "__main__":
    main()
