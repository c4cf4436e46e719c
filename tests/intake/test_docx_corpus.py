"""The DOCX backend against the development corpus: text, article numbers and table rows.

The corpus lives beside the checkout (``../shared/corpus``); these tests skip when it is absent.
"""

import re
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from intake.backends.docx import DocxBackend
from intake.raw import RawDocument
from intake.settings import IntakeSettings
from models import BlockKind
from tests.corpus import DOCS, raw_flow, raw_rows, read_source, source_rows, squash

DOCX_FILES = sorted(DOCS.glob("*.docx")) if DOCS.is_dir() else []
ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇0-9０-９]+[条條]")

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not DOCX_FILES, reason=f"corpus not found: no .docx files in {DOCS}"),
]


@pytest.fixture(scope="module")
def docs() -> dict[str, RawDocument]:
    backend, settings = DocxBackend(), IntakeSettings()
    return {p.stem: backend.read(p.read_bytes(), p.name, settings) for p in DOCX_FILES}


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_text_matches_source(path: Path, docs: dict[str, RawDocument]) -> None:
    ratio = fuzz.ratio(raw_flow(docs[path.stem]), squash(read_source(path.stem)))
    assert ratio >= 99, f"{path.stem}: similarity {ratio:.2f}"


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_article_numbers_start_blocks(path: Path, docs: dict[str, RawDocument]) -> None:
    expected = [m.group(0) for line in read_source(path.stem).splitlines() if (m := ARTICLE.match(line.strip()))]
    found = [m.group(0) for b in docs[path.stem].blocks
             if b.kind != BlockKind.TABLE and (m := ARTICLE.match(b.text.lstrip()))]
    assert found == expected


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_table_rows_are_rows(path: Path, docs: dict[str, RawDocument]) -> None:
    expected = source_rows(read_source(path.stem))
    rows = [row for b in docs[path.stem].blocks if b.table is not None for row in raw_rows(b)]
    missing = [row for row in expected if row not in rows]
    assert not missing, f"{len(missing)} of {len(expected)} rows not found, e.g. {missing[:2]}"


def test_corpus_pages_and_notices(docs: dict[str, RawDocument]) -> None:
    for stem, doc in docs.items():
        assert doc.pages and doc.metadata["page_count"] == len(doc.pages), stem
        assert all(b.page <= len(doc.pages) for b in doc.blocks), stem
        assert "docx_pages_estimated" in {n.code for n in doc.warnings}, stem
