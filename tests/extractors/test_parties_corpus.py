"""Parties on the labelled corpus (txt, docx, pdf) and on the project's own party documents.

The scoring is ``bench/bench_parties.py``'s; the floors are the project's bars.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_parties.py"
FLOORS = {
    "members_f1": 0.95,
    "core_count_acc": 1.0,
    "core_count_acc_distinguished": 1.0,
    "lead_address_acc": 0.95,
    "signature_slot_acc": 0.95,
    **{f"license_{f}_acc": 0.95 for f in ("type", "name", "uscc", "uscc_valid", "legal_rep", "address", "established", "valid_until")},
}


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_parties", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _below(figures: dict[str, float]) -> dict[str, float]:
    return {key: figures[key] for key, floor in FLOORS.items() if not figures[key] >= floor}


@pytest.mark.corpus
@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_corpus_floors(corpus_dir: Path, fmt: str) -> None:
    figures = _bench().score_corpus(corpus_dir, fmt)
    assert figures["docs"] == 28
    assert _below(figures) == {}


def test_own_documents_are_all_right() -> None:
    figures = _bench().score_own()
    assert figures["docs"] >= 3
    imperfect = {k: v for k, v in figures.items() if k.endswith(("_f1", "_acc")) and v == v and v < 1.0}
    assert imperfect == {}  # (v == v skips NaN: a figure with nothing to count)
