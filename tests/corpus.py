"""Where the labelled corpus is and how tests and benchmarks read it (one place for both).

The corpus sits beside the checkout (``../shared/corpus``) in CI and on developer machines; a fresh
clone does not have it, and the tests that need it skip.
"""

import re
from pathlib import Path

from intake.raw import RawBlock, RawDocument

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DOCS = CORPUS / "docs"
ARTICLE_RE = re.compile(r"^(第\s*[〇零一二三四五六七八九十百千两0-9０-９]+\s*[条條])")
_SQUASH_RE = re.compile(r"[\s|]+")


def read_source(doc_id: str, corpus: Path = CORPUS) -> str:
    """The source .txt of ``doc_id`` (UTF-8; dev-008 is GB18030 on purpose)."""
    data = (corpus / "docs" / f"{doc_id}.txt").read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def squash(text: str) -> str:
    """Text without whitespace and table bars, for comparing renderings."""
    return _SQUASH_RE.sub("", text)


def source_rows(text: str) -> list[tuple[str, ...]]:
    """The ``| a | b |`` table rows of a source text, cells squashed."""
    return [tuple(squash(c) for c in line.strip().strip("|").split("|")) for line in text.splitlines()
            if line.startswith("|")]


def raw_rows(block: RawBlock) -> list[tuple[str, ...]]:
    """Each row of a backend's raw table as its cells (a merged cell where it starts), squashed."""
    assert block.table is not None
    rows: list[list[str]] = [[] for _ in range(block.table.n_rows)]
    for cell in sorted(block.table.cells, key=lambda c: (c.row, c.col)):
        rows[cell.row].append(squash(cell.text))
    return [tuple(r) for r in rows]


def raw_flow(doc: RawDocument) -> str:
    """A backend's paragraphs and table cells in order, squashed."""
    parts: list[str] = []
    for block in doc.blocks:
        if block.table is None:
            parts.append(block.text)
        else:
            parts.extend(cell for row in raw_rows(block) for cell in row)
    return squash("".join(parts))
