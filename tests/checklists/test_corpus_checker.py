"""The checker on gold-label extractions of the development corpus (what a perfect extractor gives):
the done-when cases, jurisdiction detection, and no false assurance anywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from checklists.checker import check_submission
from checklists.jurisdiction import detect_jurisdiction
from checklists.loader import builtin_rule_sets, get_rule_set
from models.extraction import ClauseStatus
from models.report import GapReport
from tests.checklists.gold import (
    CORPUS_AS_OF,
    gold_extraction,
    gold_jurisdiction,
    submission_groups,
)
from tests.corpus import read_source

pytestmark = pytest.mark.corpus


def _report(corpus: Path, head: str, rule_set: str | None = None) -> GapReport:
    docs = [gold_extraction(corpus, i) for i in submission_groups(corpus)[head]]
    return check_submission(docs, get_rule_set(rule_set or gold_jurisdiction(corpus, head) or "gansu"), CORPUS_AS_OF)


def _status(report: GapReport, item_id: str) -> str:
    return next(i.status for i in report.items if i.id == item_id)


def test_weinan_nine_core_members_fail(corpus_dir: Path) -> None:
    report = _report(corpus_dir, "dev-006")
    assert _status(report, "weinan.submission.min_core_members") == "missing"
    assert _status(_report(corpus_dir, "dev-005"), "weinan.submission.min_core_members") == "satisfied"
    assert _status(_report(corpus_dir, "dev-017"), "weinan.submission.min_core_members") == "satisfied"


def test_leads_registered_elsewhere_fail(corpus_dir: Path) -> None:
    assert _status(_report(corpus_dir, "dev-004"), "heilongjiang.submission.lead_in_jurisdiction") == "missing"
    assert _status(_report(corpus_dir, "dev-010"), "shuozhou.submission.lead_in_jurisdiction") == "missing"
    for head, item in (("dev-003", "heilongjiang"), ("dev-009", "shuozhou"), ("dev-005", "weinan")):
        assert _status(_report(corpus_dir, head), f"{item}.submission.lead_in_jurisdiction") == "satisfied"


def test_heilongjiang_misnamed_alliance_fails(corpus_dir: Path) -> None:
    assert _status(_report(corpus_dir, "dev-004"), "heilongjiang.submission.name_format") == "missing"
    assert _status(_report(corpus_dir, "dev-003"), "heilongjiang.submission.name_format") == "satisfied"


def test_other_corpus_conditions(corpus_dir: Path) -> None:
    assert _status(_report(corpus_dir, "dev-010"), "shuozhou.submission.min_core_members") == "missing"
    assert _status(_report(corpus_dir, "dev-009"), "shuozhou.submission.min_core_members") == "satisfied"
    assert _status(_report(corpus_dir, "dev-019"), "shuozhou.submission.max_total_members") == "missing"
    assert _status(_report(corpus_dir, "dev-005"), "weinan.submission.license_valid") == "missing"  # check character
    assert _status(_report(corpus_dir, "dev-009"), "shuozhou.submission.license_valid") == "missing"  # expired
    assert _status(_report(corpus_dir, "dev-001"), "gansu.submission.license_valid") == "satisfied"


def test_jurisdiction_detection_matches_the_labels(corpus_dir: Path) -> None:
    for head, ids in submission_groups(corpus_dir).items():
        docs = [gold_extraction(corpus_dir, i) for i in ids]
        texts = {f"{i}.txt": read_source(i, corpus_dir) for i in ids}
        detection = detect_jurisdiction(docs, texts)
        expected = gold_jurisdiction(corpus_dir, head)
        if expected is None:
            assert detection.status == "needs_choice", head
        else:
            assert (detection.status, detection.id) == ("detected", expected), head


@pytest.mark.parametrize("rule_set", sorted(builtin_rule_sets()))
def test_no_satisfied_item_where_the_gold_clause_is_absent(corpus_dir: Path, rule_set: str) -> None:
    scopes = {"agreement": {"agreement"}, "charter": {"charter"}, "either": {"agreement", "charter"}}
    for head, ids in submission_groups(corpus_dir).items():
        docs = [gold_extraction(corpus_dir, i) for i in ids]
        report = check_submission(docs, get_rule_set(rule_set), CORPUS_AS_OF)
        for item in report.items:
            keys = [b for b in item.basis if not b.startswith("condition:")]
            if item.status != "satisfied" or not keys:
                continue
            kinds = scopes.get(item.applies_to)
            scope = [d for d in docs if kinds is None or (d.kind is not None and d.kind.value in kinds)]
            for key in keys:
                assert any(f.type == key and f.status == ClauseStatus.PRESENT for d in scope for f in d.clauses), (
                    head, item.id, key)
