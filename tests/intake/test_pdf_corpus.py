"""The PDF backend against the development corpus: text and table rows agree with the source .txt.

The corpus lives beside the checkout (``../shared/corpus``); these tests skip when it is absent.
"""

import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from intake.backends.pdf import PdfBackend
from intake.raw import RawDocument
from intake.settings import IntakeSettings
from models import BlockKind, PageStatus
from tests.corpus import DOCS, raw_flow, raw_rows, read_source, source_rows, squash

PDF_FILES = sorted(p for p in DOCS.glob("*.pdf") if not p.name.endswith(".scan.pdf")) if DOCS.is_dir() else []
SCAN_FILES = sorted(DOCS.glob("*.scan.pdf")) if DOCS.is_dir() else []

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not PDF_FILES, reason=f"corpus not found: no text PDFs in {DOCS}"),
]


def _source(path: Path) -> str:
    return read_source(path.name.split(".")[0])


@pytest.fixture(scope="module")
def parsed() -> dict[str, RawDocument]:
    backend, settings = PdfBackend(), IntakeSettings()
    return {p.name: backend.read(p.read_bytes(), p.name, settings) for p in PDF_FILES}


@pytest.mark.parametrize("path", PDF_FILES, ids=lambda p: p.name)
def test_text_agrees_with_source(path: Path, parsed: dict[str, RawDocument]) -> None:
    doc = parsed[path.name]
    assert all(p.status == PageStatus.OK for p in doc.pages)
    ratio = fuzz.ratio(raw_flow(doc), squash(_source(path)))
    assert ratio >= 99, f"{path.name}: similarity {ratio:.2f}"


@pytest.mark.parametrize("path", PDF_FILES, ids=lambda p: p.name)
def test_every_source_table_row_is_a_table_row(path: Path, parsed: dict[str, RawDocument]) -> None:
    doc = parsed[path.name]
    have = {row for block in doc.blocks if block.kind == BlockKind.TABLE for row in raw_rows(block)}
    missing = [row for row in source_rows(_source(path)) if row not in have]
    assert not missing, f"{path.name}: rows not found: {missing[:3]}"


@pytest.mark.parametrize("path", PDF_FILES, ids=lambda p: p.name)
def test_no_furniture_in_the_body(path: Path, parsed: dict[str, RawDocument]) -> None:
    doc = parsed[path.name]
    page_numbers = re.compile(r"第\d+页共\d+页|^-\d+-$")
    assert not [b.text for b in doc.blocks if page_numbers.search(squash(b.text))]
    for block in doc.furniture:
        assert block.kind in (BlockKind.HEADER, BlockKind.FOOTER) and block.text


def test_headers_and_page_footers_of_dev_007_and_dev_013(parsed: dict[str, RawDocument]) -> None:
    for name in ("dev-007.pdf", "dev-013.pdf"):
        doc = parsed[name]
        n = len(doc.pages)
        headers = [b for b in doc.furniture if b.kind == BlockKind.HEADER]
        footers = [b for b in doc.furniture if b.kind == BlockKind.FOOTER]
        assert [b.page for b in headers] == list(range(1, n + 1)), name
        assert [squash(b.text) for b in footers] == [f"第{i}页共{n}页" for i in range(1, n + 1)], name
        assert str(doc.metadata["title"]) in headers[0].text


def test_member_and_signature_tables_of_dev_001(parsed: dict[str, RawDocument]) -> None:
    doc = parsed["dev-001.pdf"]
    tables = [raw_rows(b) for b in doc.blocks if b.kind == BlockKind.TABLE]
    source = source_rows(read_source("dev-001"))
    assert [row for table in tables for row in table] == source
    assert [len(t) for t in tables] == [11, 11]


@pytest.mark.skipif(not SCAN_FILES, reason="no scans in the corpus")
@pytest.mark.parametrize("path", SCAN_FILES, ids=lambda p: p.name)
def test_scans_need_ocr(path: Path) -> None:
    """The scans are recognised as such (OCR off here; tests/intake/test_ocr_corpus.py reads them)."""
    doc = PdfBackend().read(path.read_bytes(), path.name, IntakeSettings(ocr=False))
    assert all(p.status == PageStatus.NEEDS_OCR for p in doc.pages)
    assert {w.code for w in doc.warnings} == {"needs_ocr"}
    assert not doc.blocks
