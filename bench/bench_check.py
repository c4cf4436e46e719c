"""Gap-report benchmark: reports built from real extraction vs reports built from the gold labels.

For every corpus submission (an alliance's agreement or charter with its licences and forms)
and every rule set (the labelled jurisdiction, or all five when it has none), both reports are
built and compared item by item. Prints the status agreement, the false-assurance count (real
says satisfied where the gold-derived report does not) and the three named condition checks.

    .venv/bin/python bench/bench_check.py [--corpus ../shared/corpus] [--formats txt,docx,pdf]
"""

import argparse
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checklists.checker import check_submission  # noqa: E402
from checklists.loader import load_rule_sets  # noqa: E402
from extractors.pipeline import extract_document  # noqa: E402
from intake import parse_path  # noqa: E402
from tests.checklists.gold import gold_extraction, gold_jurisdiction, submission_groups  # noqa: E402

AS_OF = date(2026, 11, 21)
CHECKS = [("dev-006", "weinan", "weinan.submission.min_core_members", "missing"),
          ("dev-004", "heilongjiang", "heilongjiang.submission.name_format", "missing")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--formats", default="txt,docx,pdf")
    args = parser.parse_args()
    rule_sets = load_rule_sets()
    groups = submission_groups(args.corpus)
    heads = [h for h in groups if gold_extraction(args.corpus, h).kind in ("agreement", "charter")]
    print(f"{'format':<7}{'reports':>8}{'items':>7}{'agree':>8}{'false assurance':>17}   disagreements")
    for fmt in args.formats.split(","):
        agree = total = false_assurance = reports = 0
        confusions: Counter[tuple[str, str]] = Counter()
        named: dict[tuple[str, str], str] = {}
        for head in heads:
            gold_docs = [gold_extraction(args.corpus, i) for i in groups[head]]
            real_docs = [extract_document(parse_path(args.corpus / "docs" / f"{i}.{fmt}"), f"{i}.{fmt}", AS_OF)
                         for i in groups[head]]
            jurisdiction = gold_jurisdiction(args.corpus, head)
            for rs_id in [jurisdiction] if jurisdiction else list(rule_sets):
                gold = {i.id: i.status for i in check_submission(gold_docs, rule_sets[rs_id], AS_OF).items}
                real = check_submission(real_docs, rule_sets[rs_id], AS_OF)
                reports += 1
                for item in real.items:
                    total += 1
                    agree += item.status == gold[item.id]
                    false_assurance += item.status == "satisfied" and gold[item.id] != "satisfied"
                    if item.status != gold[item.id]:
                        confusions[(gold[item.id], item.status)] += 1
                    named[(head, item.id)] = item.status
        worst = ", ".join(f"{g}→{r} ×{n}" for (g, r), n in confusions.most_common(4))
        print(f"{fmt:<7}{reports:>8}{total:>7}{agree / total:>8.3f}{false_assurance:>17}   {worst}")
        for head, _, item_id, expected in CHECKS:
            print(f"        {head} {item_id}: {named.get((head, item_id))} (expected {expected})")
        leads = [named.get((h, f"{j}.submission.lead_in_jurisdiction")) for h, j in (("dev-004", "heilongjiang"),
                                                                                      ("dev-010", "shuozhou"))]
        print(f"        leads registered elsewhere (dev-004, dev-010): {leads}")


if __name__ == "__main__":
    main()
