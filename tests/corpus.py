"""Where the labelled corpus is and how tests and benchmarks read it (one place for both).

The corpus sits beside the checkout (``../shared/corpus``) in CI and on developer machines; a fresh
clone does not have it, and the tests that need it skip.
"""

import re
from pathlib import Path

from intake.raw import RawBlock, RawDocument
from models import Document

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


_FIDELITY_SQUASH = re.compile(r"[\s|　]")


def fidelity(docs: list[tuple[str, Document]], corpus: Path = CORPUS) -> dict[str, float]:
    """How well parsed documents keep their corpus source: text similarity (rapidfuzz ratio after
    normalization, whitespace and table bars removed), 第X条 articles found in the outline, and
    source table rows found as table rows."""
    from rapidfuzz import fuzz

    from intake.normalize import normalize

    sims: list[float] = []
    found = expected = rows_found = rows_expected = 0
    for doc_id, doc in docs:
        source = read_source(doc_id, corpus)
        sims.append(fuzz.ratio(_FIDELITY_SQUASH.sub("", normalize(source).text), _FIDELITY_SQUASH.sub("", doc.text)))
        wanted = [normalize(m.group(1)).text.replace(" ", "") for ln in source.splitlines()
                  if (m := ARTICLE_RE.match(ln))]
        labels = {n.label for root in doc.outline for n in root.walk() if n.kind == "article"}
        expected += len(wanted)
        found += sum(1 for a in wanted if a in labels)
        rows = {tuple(_FIDELITY_SQUASH.sub("", normalize(c).text) for c in ln.strip().strip("|").split("|"))
                for ln in source.splitlines() if ln.startswith("|")}
        got = {tuple(_FIDELITY_SQUASH.sub("", c) for c in row) for t in doc.tables for row in t.row_texts(doc.text)}
        rows_expected += len(rows)
        rows_found += len(rows & got)
    return {"sim_min": min(sims), "sim_mean": sum(sims) / len(sims), "articles": found,
            "articles_expected": expected, "rows": rows_found, "rows_expected": rows_expected}
