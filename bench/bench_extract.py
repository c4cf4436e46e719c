"""Clause-extraction benchmark on the labelled corpus (../shared/corpus) or any gold-labelled folder.

Per clause key: precision / recall / F1 of "addressed" (present or weak) against absent, three-way
status accuracy, and the evidence hit rate. Then macro F1 over the 31 keys, document-kind
accuracy and milliseconds per document, for each format (txt, docx, pdf; scans when a backend
reads them).

Evidence hit: for each (document, clause) that both the gold and the extractor address, a hit
when at least one reported quote overlaps at least one gold quote. Overlap is measured after
NFKC normalization, Traditional→Simplified and whitespace removal: the longest common substring
must cover at least half of the shorter of the two quotes.

    .venv/bin/python bench/bench_extract.py [--formats txt,docx,pdf] [--all-kinds] [--errors] [--gold DIR --docs DIR]
"""

import argparse
import json
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from extractors.clauses import classify_kind, extract_clauses
from intake import parse_path
from models import IntakeError
from models.chinese import to_simplified
from models.clauses import CLAUSE_KEYS, HEADLINE_CLAUSES
from models.extraction import ClauseFinding

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
CLAUSE_KINDS = ("agreement", "charter")
ADDRESSED = ("present", "weak")


def norm(text: str) -> str:
    """The comparable form of a quote."""
    return "".join(to_simplified(unicodedata.normalize("NFKC", text)).split())


def overlaps(a: str, b: str) -> bool:
    """True when the longest common substring covers half of the shorter quote."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= 0.5 * min(len(a), len(b))


@dataclass
class KeyStats:
    """Counts for one clause key."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    total: int = 0
    hits: int = 0
    both: int = 0
    errors: list[str] = field(default_factory=list)

    def f1(self) -> float:
        """F1 of addressed vs absent (1.0 when there is nothing to find and nothing was reported)."""
        if self.tp + self.fp + self.fn == 0:
            return 1.0
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn)

    def precision(self) -> float:
        """Precision of addressed."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    def recall(self) -> float:
        """Recall of addressed."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class FormatResult:
    """Everything measured on one format."""

    keys: dict[str, KeyStats] = field(default_factory=lambda: {k: KeyStats() for k in CLAUSE_KEYS})
    kind_ok: int = 0
    docs: int = 0
    millis: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def macro_f1(self) -> float:
        """Mean F1 over the 31 keys."""
        return statistics.mean(s.f1() for s in self.keys.values())

    def evidence_hit(self) -> float:
        """Hit rate over all (document, clause) pairs both sides address."""
        both = sum(s.both for s in self.keys.values())
        return sum(s.hits for s in self.keys.values()) / both if both else 1.0


def score_document(gold: dict, findings: list[ClauseFinding], result: FormatResult) -> None:
    """Add one document's findings to ``result``."""
    by_key = {f.type: f for f in findings}
    for key in CLAUSE_KEYS:
        g, p, stats = gold["clauses"][key], by_key[key], result.keys[key]
        g_on, p_on = g["status"] in ADDRESSED, p.status.value in ADDRESSED
        stats.total += 1
        stats.exact += g["status"] == p.status.value
        stats.tp += g_on and p_on
        stats.fp += p_on and not g_on
        stats.fn += g_on and not p_on
        if g["status"] != p.status.value:
            stats.errors.append(f"{gold['id']}: gold {g['status']}, got {p.status.value} — {p.explanation[:140]}")
        if g_on and p_on:
            stats.both += 1
            hit = any(overlaps(q.quote, gq) for q in p.evidence for gq in g.get("quotes", []))
            stats.hits += hit
            if not hit:
                stats.errors.append(f"{gold['id']}: evidence miss — {[q.quote[:40] for q in p.evidence]}")


def run_format(fmt: str, golds: list[dict], docs_dir: Path) -> FormatResult:
    """Extract every document of ``golds`` in format ``fmt`` and score it."""
    result = FormatResult()
    for gold in golds:
        name = gold["files"].get(fmt)
        if not name:
            continue
        try:
            doc = parse_path(docs_dir / name)
        except IntakeError as exc:
            result.failures.append(f"{name}: {exc}")
            continue
        started = time.perf_counter()
        findings = extract_clauses(doc)
        result.millis.append((time.perf_counter() - started) * 1000)
        result.docs += 1
        result.kind_ok += classify_kind(doc).value == gold["kind"]
        score_document(gold, findings, result)
    return result


def print_result(fmt: str, result: FormatResult, show_errors: bool) -> None:
    """Print the table of one format."""
    print(f"\n=== {fmt}: {result.docs} documents ===")
    print(f"{'clause':28} {'P':>5} {'R':>5} {'F1':>5} {'acc':>5} {'evid':>5}")
    for key in CLAUSE_KEYS:
        s = result.keys[key]
        evid = f"{s.hits / s.both:5.2f}" if s.both else "    -"
        mark = "*" if key in HEADLINE_CLAUSES else " "
        print(f"{mark}{key:27} {s.precision():5.2f} {s.recall():5.2f} {s.f1():5.2f} {s.exact / max(s.total, 1):5.2f} {evid}")
        if show_errors:
            for line in s.errors:
                print(f"      {line}")
    print(f"macro F1 {result.macro_f1():.3f}   evidence hit {result.evidence_hit():.3f}   "
          f"kind accuracy {result.kind_ok}/{result.docs}   "
          f"ms/doc median {statistics.median(result.millis or [0]):.1f} max {max(result.millis or [0]):.1f}")
    for failure in result.failures:
        print(f"  not parsed: {failure}")


def load_golds(gold_dir: Path, all_kinds: bool) -> list[dict]:
    """The gold files, limited to agreements and charters unless ``all_kinds``."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.gold.json"))]
    return golds if all_kinds else [g for g in golds if g["kind"] in CLAUSE_KINDS]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--formats", default="txt,docx,pdf")
    parser.add_argument("--all-kinds", action="store_true", help="score licences and forms too")
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument("--gold", type=Path, default=CORPUS / "gold")
    parser.add_argument("--docs", type=Path, default=CORPUS / "docs")
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        print(f"gold labels not found at {args.gold}", file=sys.stderr)
        return 2
    golds = load_golds(args.gold, args.all_kinds)
    kinds = json.loads(json.dumps([g["kind"] for g in golds]))
    print(f"{len(golds)} labelled documents ({', '.join(sorted(set(kinds)))})")
    extract_clauses(parse_path(args.docs / golds[0]["files"]["txt"]))  # warm-up (pattern loading)
    for fmt in args.formats.split(","):
        print_result(fmt, run_format(fmt, golds, args.docs), args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
