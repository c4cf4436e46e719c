"""Clause extraction on the labelled corpus (../shared/corpus): the floors, per format.

Floors: F1 >= 0.95 on each headline clause, macro F1 >= 0.90 over all 31 keys, evidence hit rate
>= 0.90 (see bench/bench_extract.py for the overlap rule), kind accuracy 1.0 — on the agreements
and charters, in every format a backend reads (txt, docx, pdf).
"""

from pathlib import Path

import pytest

from bench.bench_extract import FormatResult, load_golds, run_format
from models.clauses import HEADLINE_CLAUSES

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module", params=["txt", "docx", "pdf"])
def result(request: pytest.FixtureRequest, corpus_dir: Path) -> FormatResult:
    golds = load_golds(corpus_dir / "gold", all_kinds=False)
    out = run_format(request.param, golds, corpus_dir / "docs")
    assert not out.failures, out.failures
    assert out.docs == len(golds)
    return out


def test_headline_clauses_f1(result: FormatResult) -> None:
    scores = {key: result.keys[key].f1() for key in HEADLINE_CLAUSES}
    assert min(scores.values()) >= 0.95, scores


def test_macro_f1(result: FormatResult) -> None:
    assert result.macro_f1() >= 0.90


def test_evidence_hit_rate(result: FormatResult) -> None:
    assert result.evidence_hit() >= 0.90


def test_kind_accuracy(result: FormatResult) -> None:
    assert result.kind_ok == result.docs


def test_kind_of_licences_and_forms(corpus_dir: Path) -> None:
    golds = [g for g in load_golds(corpus_dir / "gold", all_kinds=True) if g["kind"] not in ("agreement", "charter")]
    out = run_format("txt", golds, corpus_dir / "docs")
    assert out.kind_ok == out.docs == len(golds)
