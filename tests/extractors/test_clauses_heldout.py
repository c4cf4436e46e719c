"""Our own documents (tests/extractors/data): wording, numbering and layout the corpus does not use.

Each round was measured once before any fix (see the report): hx-01..04 before the first tuning
round, hx-05..07 after it, round3/hx-08..10 after all tuning, round4/hx-11..18 (new numbering, vocabulary, traps, a sales
contract) before the generalisation round (macro F1 0.856), round5/hx-19..23 after it (0.850: mostly
weak wordings), round6/hx-24..35 written by helpers who never saw the code or earlier rounds
(0.936 before tuning, SCORE-before-tuning.txt), round7/hx-36..47 by two more such helpers, scored
after the round-6 fixes and before any of its own (0.943), round8/hx-48..53 by two more, scored
before any of its own fixes (0.934, kind 6/6), round9/hx-54..60 by one more, scored before any of
its own fixes (0.963, evidence 0.975, kind 7/7; members F1 0.870), round10/hx-61..67 by one more, scored
before any of its own fixes (0.908, evidence 0.991, kind 7/7; members F1 0.815). All have since been used for fixes,
so these floors guard against regressions; they do not measure generalization any more.
"""

from pathlib import Path

import pytest

from bench.bench_extract import load_golds, run_format
from models.clauses import HEADLINE_CLAUSES

DATA = Path(__file__).with_name("data")


@pytest.mark.parametrize(("folder", "count"), [(DATA, 7), (DATA / "round3", 3), (DATA / "round4", 8), (DATA / "round5", 5),
                                            (DATA / "round6", 12), (DATA / "round7", 12), (DATA / "round8", 6),
                                            (DATA / "round9", 7), (DATA / "round10", 7)],
                         ids=["rounds-1-2", "round-3", "round-4", "round-5", "round-6", "round-7", "round-8", "round-9",
                              "round-10"])
def test_own_documents(folder: Path, count: int) -> None:
    golds = load_golds(folder / "gold", all_kinds=True)
    result = run_format("txt", golds, folder / "docs")
    assert result.docs == len(golds) == count
    assert result.kind_ok == result.docs
    assert result.macro_f1() >= 0.95
    assert result.evidence_hit() >= 0.95
    # round 8: fixed only where a rule generalises; a licence-income split in a contract (benefit)
    # stays open (0.91)
    headline_floor = 0.90 if folder.name == "round8" else 0.95
    assert min(result.keys[k].f1() for k in HEADLINE_CLAUSES) >= headline_floor
