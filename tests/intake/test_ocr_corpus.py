"""A corpus scan read by OCR matches its source text (CER ≤ 1 %) and keeps its articles."""

import re
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from extractors.signatures import extract_signatures
from intake import parse_path
from intake.normalize import normalize
from tests.corpus import ARTICLE_RE, read_source, squash

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def _articles(text: str) -> set[str]:
    return {re.sub(r"\s", "", m.group(1)) for line in text.splitlines() if (m := ARTICLE_RE.match(line.strip()))}


def test_agreement_scan_reads_at_one_percent_cer(corpus_dir: Path) -> None:
    scan = corpus_dir / "docs" / "dev-004.scan.pdf"
    if not scan.exists():
        pytest.skip(f"{scan.name} not in the corpus")
    doc = parse_path(scan)
    source = read_source("dev-004", corpus_dir)
    ref = squash(normalize(source).text)
    assert Levenshtein.distance(ref, squash(doc.text)) / len(ref) <= 0.01
    assert _articles(source) <= _articles(doc.text)
    assert all(p.ocr for p in doc.pages)


def test_signature_page_seals_are_found(corpus_dir: Path) -> None:
    scan = corpus_dir / "docs" / "dev-001.scan.pdf"
    if not scan.exists():
        pytest.skip(f"{scan.name} not in the corpus")
    doc = parse_path(scan)
    assert sum(1 for m in doc.marks if m.kind == "seal") >= 5
    signatures = extract_signatures(doc)
    assert signatures and sum(s.seal for s in signatures) >= len(signatures) // 2
