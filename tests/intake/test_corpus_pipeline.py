"""Every corpus document, in every format, through the whole intake pipeline."""

from pathlib import Path

import pytest

from intake import parse_path
from intake.normalize import normalize
from models import BlockKind, Document
from tests.corpus import ARTICLE_RE, read_source

IDS = [f"dev-{i:03d}" for i in range(1, 29)]
FORMATS = ["txt", "docx", "pdf"]


def _labels(doc: Document) -> list[str]:
    return [n.label for root in doc.outline for n in root.walk() if n.kind == "article"]


@pytest.mark.corpus
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", IDS)
def test_outline_has_every_article_of_the_source(corpus_dir: Path, doc_id: str, fmt: str) -> None:
    path = corpus_dir / "docs" / f"{doc_id}.{fmt}"
    doc = parse_path(path)
    expected = [normalize(m.group(1)).text.replace(" ", "") for line in read_source(doc_id, corpus_dir).splitlines()
                if (m := ARTICLE_RE.match(line))]
    assert _labels(doc) == expected


@pytest.mark.corpus
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", IDS)
def test_source_tables_are_found_as_tables(corpus_dir: Path, doc_id: str, fmt: str) -> None:
    path = corpus_dir / "docs" / f"{doc_id}.{fmt}"
    doc = parse_path(path)
    rows = {tuple(normalize(c).text.replace(" ", "").replace("　", "") for c in line.strip().strip("|").split("|"))
            for line in read_source(doc_id, corpus_dir).splitlines() if line.startswith("|")}
    found = set()
    for table in doc.tables:
        for row in table.row_texts(doc.text):
            found.add(tuple(c.replace(" ", "").replace("　", "") for c in row))
    missing = rows - found
    assert not missing, f"{len(missing)} of {len(rows)} source table rows not found as table rows: {sorted(missing)[:3]}"
    if rows:
        assert any(b.kind == BlockKind.TABLE for b in doc.blocks)
