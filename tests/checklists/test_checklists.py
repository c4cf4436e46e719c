"""Built-in checklist files: they validate, cite their seeds article by article, and warn when due."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from checklists.loader import (
    ChecklistError,
    builtin_rule_sets,
    get_rule_set,
    rule_set_warnings,
)
from checklists.schema import CONDITION_NAMES, Item, RuleSet
from models.clauses import CLAUSE_KEYS

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
BUILTIN_IDS = {"gansu", "heilongjiang", "weinan", "hunan", "shuozhou"}

# ---- article tracing -------------------------------------------------------------------------
_KINDS = {
    "article": r"第[〇零一二三四五六七八九十百]+条",
    "part": r"[一二三四五六七八九十]+、",
    "paren": r"（[一二三四五六七八九十\d]+）",
    "num": r"\d+\.",
}
_LABEL = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _KINDS.items()))
_LINE_START = r"(?m)^[^\S\n]*"  # any indentation (the seeds use U+3000, U+2003, U+00A0)


def _nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


def article_span(text: str, article: str) -> tuple[int, int] | None:
    """Span of ``article`` (e.g. 第八条（五）, 二、（二）, 6.（2）) in ``text``: each label at a line start."""
    labels = [(m.lastgroup, m.group()) for m in _LABEL.finditer(article)]
    assert "".join(label for _, label in labels) == article, f"cannot parse article label {article!r}"
    start, end = 0, len(text)
    for kind, label in labels:
        assert kind is not None
        found = re.compile(_LINE_START + re.escape(label)).search(text, start, end)
        if found is None:
            return None
        following = re.compile(_LINE_START + _KINDS[kind]).search(text, found.end(), end)
        start, end = found.start(), (following.start() if following else end)
    return start, end


def _seed(name: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS}; citation tracing needs ../shared/seeds")
    return (SEEDS / name).read_text(encoding="utf-8")


# ---- built-in files --------------------------------------------------------------------------
ALL = builtin_rule_sets()
ITEMS = [(rs.id, item) for rs in ALL.values() for item in rs.items]


def test_all_builtin_files_load() -> None:
    assert BUILTIN_IDS <= set(ALL)
    for rule_set in ALL.values():
        assert isinstance(rule_set, RuleSet)
        assert 15 <= len(rule_set.items) <= 40, rule_set.id
        assert rule_set.origin is not None and rule_set.origin.endswith(f"{rule_set.id}.yaml")


def test_item_ids_unique_across_files() -> None:
    ids = [item.id for _, item in ITEMS]
    assert len(ids) == len(set(ids))


def test_every_basis_entry_is_known() -> None:
    for _, item in ITEMS:
        for entry in item.basis:
            name = entry.removeprefix("condition:")
            assert entry in CLAUSE_KEYS or (entry.startswith("condition:") and name in CONDITION_NAMES), (
                item.id
            )


@pytest.mark.parametrize(("rule_set_id", "item"), ITEMS, ids=[item.id for _, item in ITEMS])
def test_citation_traced_to_article(rule_set_id: str, item: Item) -> None:
    rule_set = ALL[rule_set_id]
    assert item.citation.file == rule_set.source_file
    text = _seed(rule_set.source_file)
    span = article_span(text, item.citation.article)
    assert span is not None, f"{item.id}: article {item.citation.article} not found in {rule_set.source_file}"
    assert _nows(item.citation.quote) in _nows(text[span[0] : span[1]]), (
        f"{item.id}: quote {item.citation.quote!r} is not in {item.citation.article}"
    )


def test_required_material_articles_exist() -> None:
    for rule_set in ALL.values():
        text = _seed(rule_set.source_file)
        for material in rule_set.conditions.required_materials:
            assert article_span(text, material.article) is not None, (rule_set.id, material.article)


def test_jurisdiction_differences_encoded() -> None:
    def keys(rs_id: str) -> set[str]:
        return {b for item in ALL[rs_id].items for b in item.basis}

    for rs_id in ("gansu", "heilongjiang", "hunan"):
        assert {"legal_rep_signature", "condition:legal_rep_matches_license"} <= keys(rs_id)
    for rs_id in ("weinan", "shuozhou"):
        assert "legal_rep_signature" not in keys(rs_id) and "member_signature" in keys(rs_id)
    assert ALL["weinan"].conditions.min_core_members == 10
    assert ALL["shuozhou"].conditions.min_core_members == 6
    assert ALL["shuozhou"].conditions.max_total_members == 15
    assert ALL["heilongjiang"].conditions.lead_region == "黑龙江省"
    assert "condition:license_for_every_member" in keys("shuozhou")
    assert "in_province_licensing" in keys("hunan") and "ip_on_dissolution_or_exit" in keys("hunan")
    assert "secretariat" in keys("heilongjiang") and "secretariat" not in keys("weinan")


def test_heilongjiang_name_pattern() -> None:
    pattern = ALL["heilongjiang"].conditions.name_pattern
    assert pattern is not None
    assert re.fullmatch(pattern, "黑龙江省智能农机装备产业技术创新联盟")
    assert not re.fullmatch(pattern, "北方寒地农机产业技术创新联盟")
    assert not re.fullmatch(pattern, "黑龙江省农机产业技术创新战略联盟")


def test_shuozhou_term() -> None:
    shuozhou = ALL["shuozhou"]
    assert shuozhou.in_force_until == date(2026, 5, 28)
    assert not any("lapsed" in w for w in rule_set_warnings(shuozhou, date(2026, 5, 28)))
    assert any("lapsed" in w for w in rule_set_warnings(shuozhou, date(2026, 5, 29)))


def test_rule_set_warnings() -> None:
    today = date(2026, 11, 21)
    assert any("征求意见稿" in w and "draft" in w for w in rule_set_warnings(ALL["heilongjiang"], today))
    assert any("试行" in w and "trial" in w for w in rule_set_warnings(ALL["hunan"], today))
    assert any("期满" in w and "lapsed" in w for w in rule_set_warnings(ALL["shuozhou"], today))
    assert not any("lapsed" in w for w in rule_set_warnings(ALL["shuozhou"], date(2025, 1, 1)))
    assert rule_set_warnings(ALL["gansu"], today) == []
    assert rule_set_warnings(ALL["weinan"], today) == []


def test_get_rule_set() -> None:
    assert get_rule_set("weinan").document_number == "渭科发〔2015〕62号"
    with pytest.raises(ChecklistError, match="known: .*gansu"):
        get_rule_set("atlantis")


@pytest.mark.parametrize(
    ("seed", "article", "quote", "inside"),
    [
        ("002_c5bc7306157a1ba6.txt", "6.（2）", "联盟核心成员不少于十家", True),
        ("002_c5bc7306157a1ba6.txt", "6.（3）", "联盟核心成员不少于十家", False),
        (
            "001_62b2ca7b77548f3e.txt",
            "第六条（三）",
            "章程（协议）中要明确联盟理事长单位和各成员单位的任务分工",
            False,
        ),
        ("000_8680b4b7858a00d5.txt", "三、（一）3.", "产业联盟协议", False),
        ("003_69d421830146789b.txt", "第十条（一）", "推荐单位签署推荐意见", False),
    ],
)
def test_article_tracer_is_strict(seed: str, article: str, quote: str, inside: bool) -> None:
    text = _seed(seed)
    span = article_span(text, article)
    assert span is not None
    assert (_nows(quote) in _nows(text[span[0] : span[1]])) is inside
    assert article_span(text, "第九十九条") is None
