"""Parties benchmark: members, core counts, lead address, signatures and licence fields against gold.

Scores the development corpus (``../shared/corpus``: txt, docx, pdf) and the project's own party
documents (``tests/extractors/data/parties``), per format:

* members: precision / recall / F1, a hit being name (after normalization) + type + role;
  also name-only F1;
* core-count accuracy (all documents with a gold count, and those that distinguish 核心成员);
* lead-address accuracy; alliance-name accuracy;
* signatures: per-slot accuracy (party, role, name, signed and date all right; slots matched by
  party, unmatched gold and predicted slots count as wrong) and per-field accuracy; ``seal`` is
  reported apart (only scans show seals);
* licence fields: per-field accuracy over licences, and whether non-licences give None.

    .venv/bin/python bench/bench_parties.py [--corpus ../shared/corpus] [--formats txt docx pdf]
        [--only dev-001,dev-004] [--cache /tmp/ocr-cache] [--show]

``--cache DIR`` keeps the OCR engine's answers in DIR (see ``bench/ocr_cache.py``), so scans are
recognised once and later runs redo only layout and extraction; ``--show`` prints each
document's signature slots that differ from gold.
"""

import argparse
import json
import time
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
OWN_DOCS = ROOT / "tests" / "extractors" / "data" / "parties"
AS_OF = date(2026, 11, 1)
SLOT_FIELDS = ("signatory_role", "signatory_name", "signed", "date")
LICENSE_FIELDS = ("type", "name", "uscc", "uscc_valid", "legal_rep", "address", "established", "valid_until")


def norm(value: Any) -> Any:
    """Compare text after NFKC, Simplified conversion and without spaces."""
    if not isinstance(value, str):
        return value
    from models.chinese import to_simplified

    return to_simplified(unicodedata.normalize("NFKC", value)).replace(" ", "").replace("\u3000", "")


def _name_key(name: str) -> str:
    from extractors.orgs import name_key

    return name_key(norm(name))


SHOW = False


def score_doc(gold: dict[str, Any], path: Path, tally: Counter[str]) -> None:
    """Parse ``path``, extract everything, and add the comparison with ``gold`` to ``tally``."""
    from extractors.license import extract_license
    from extractors.members import extract_members
    from extractors.signatures import extract_signatures
    from intake import parse_path

    doc = parse_path(path)
    start = time.perf_counter()
    members = extract_members(doc)
    signatures = extract_signatures(doc, members)
    licence = extract_license(doc, AS_OF)
    tally["ms"] += int((time.perf_counter() - start) * 1000)
    tally["docs"] += 1
    _score_members(gold, members, tally)
    _score_signatures(gold, [s.model_dump() for s in signatures], tally)
    if SHOW:
        _show(path.name, gold["signatures"], [s.model_dump() for s in signatures])
    _score_license(gold.get("license"), licence.model_dump() if licence else None, tally)


def _score_members(gold: dict[str, Any], result: Any, tally: Counter[str]) -> None:
    want = {_name_key(m["name"]): (m["type"], m["role"]) for m in gold["members"]}
    got = {_name_key(m.name): (m.type, m.role) for m in result.members}
    tally["m_gold"] += len(want)
    tally["m_pred"] += len(got)
    tally["m_tp"] += sum(1 for k, v in got.items() if want.get(k) == v)
    tally["m_name_tp"] += sum(1 for k in got if k in want)
    if gold.get("core_member_count") is not None:
        tally["core_n"] += 1
        tally["core_ok"] += result.core_member_count == gold["core_member_count"]
        if gold["core_member_count"] != len(gold["members"]):
            tally["core_dist_n"] += 1
            tally["core_dist_ok"] += result.core_member_count == gold["core_member_count"]
    if gold.get("lead_unit_address") is not None:
        address = result.lead_unit.address if result.lead_unit else None
        tally["addr_n"] += 1
        tally["addr_ok"] += norm(address) == norm(gold["lead_unit_address"])
    if gold.get("alliance_name") is not None:
        tally["name_n"] += 1
        tally["name_ok"] += norm(result.alliance_name) == norm(gold["alliance_name"])


def _score_signatures(gold: dict[str, Any], got: list[dict[str, Any]], tally: Counter[str]) -> None:
    by_party = {_name_key(s["party"]): s for s in got}
    matched = 0
    for want in gold["signatures"]:
        tally["s_gold"] += 1
        have = by_party.get(_name_key(want["party"]))
        if have is None:
            continue
        matched += 1
        tally["s_party_ok"] += 1
        fields_ok = [norm(have[f]) == norm(want[f]) for f in SLOT_FIELDS]
        for field, ok in zip(SLOT_FIELDS, fields_ok, strict=True):
            tally[f"s_{field}_ok"] += ok
        tally["s_slot_ok"] += all(fields_ok)
        tally["s_seal_ok"] += have["seal"] == want["seal"]
    tally["s_extra"] += len(got) - matched


def _show(name: str, want: list[dict[str, Any]], got: list[dict[str, Any]]) -> None:
    keys = ("party", *SLOT_FIELDS, "seal")
    have = {_name_key(s["party"]): s for s in got}
    gold_keys = {_name_key(w["party"]) for w in want}
    for w in want:
        g = have.get(_name_key(w["party"]))
        if g is None:
            print(f"  {name}: MISSING {[w[k] for k in keys]}")
        elif any(norm(g[k]) != norm(w[k]) for k in keys):
            print(f"  {name}: gold {[w[k] for k in keys]}\n  {' ' * len(name)}  got  {[g[k] for k in keys]}")
    for g in got:
        if _name_key(g["party"]) not in gold_keys:
            print(f"  {name}: EXTRA {[g[k] for k in keys]}")


def _score_license(want: dict[str, Any] | None, got: dict[str, Any] | None, tally: Counter[str]) -> None:
    if want is None:
        tally["l_none_n"] += 1
        tally["l_none_ok"] += got is None
        return
    tally["l_n"] += 1
    for field in LICENSE_FIELDS:
        tally[f"l_{field}_ok"] += got is not None and norm(got.get(field)) == norm(want.get(field))


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def summary(tally: Counter[str]) -> dict[str, float]:
    """Figures of one run."""
    p = _ratio(tally["m_tp"], tally["m_pred"])
    r = _ratio(tally["m_tp"], tally["m_gold"])
    slots = tally["s_gold"] + tally["s_extra"]
    out = {
        "docs": tally["docs"],
        "ms_per_doc": _ratio(tally["ms"], tally["docs"]),
        "members_precision": p,
        "members_recall": r,
        "members_f1": _ratio(2 * p * r, p + r),
        "members_name_f1": _ratio(2 * tally["m_name_tp"], tally["m_pred"] + tally["m_gold"]),
        "core_count_acc": _ratio(tally["core_ok"], tally["core_n"]),
        "core_count_acc_distinguished": _ratio(tally["core_dist_ok"], tally["core_dist_n"]),
        "lead_address_acc": _ratio(tally["addr_ok"], tally["addr_n"]),
        "alliance_name_acc": _ratio(tally["name_ok"], tally["name_n"]),
        "signature_slot_acc": _ratio(tally["s_slot_ok"], slots),
        "signature_party_acc": _ratio(tally["s_party_ok"], slots),
        "signature_seal_acc": _ratio(tally["s_seal_ok"], tally["s_gold"]),
        "license_none_acc": _ratio(tally["l_none_ok"], tally["l_none_n"]),
    }
    for field in SLOT_FIELDS:
        out[f"signature_{field}_acc"] = _ratio(tally[f"s_{field}_ok"], slots)
    for field in LICENSE_FIELDS:
        out[f"license_{field}_acc"] = _ratio(tally[f"l_{field}_ok"], tally["l_n"])
    return out


def score_corpus(corpus: Path, fmt: str, only: set[str] | None = None) -> dict[str, float]:
    """Figures over the corpus documents that exist in ``fmt`` (those in ``only`` if given)."""
    tally: Counter[str] = Counter()
    for gold_path in sorted((corpus / "gold").glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if only and gold["id"] not in only:
            continue
        name = gold["files"].get(fmt)
        if name:
            score_doc(gold, corpus / "docs" / name, tally)
    return summary(tally)


def score_own(rendered: Path | None = None, fmt: str = "txt") -> dict[str, float]:
    """Figures over the project's own party documents (``*.txt`` with ``*.expected.json``), or over
    renderings of them in another format kept in ``rendered`` (same stem, extension ``fmt``)."""
    tally: Counter[str] = Counter()
    for expected in sorted(OWN_DOCS.glob("*.expected.json")):
        gold = json.loads(expected.read_text(encoding="utf-8"))
        stem = expected.name.replace(".expected.json", "")
        path = (rendered or OWN_DOCS) / f"{stem}.{fmt}"
        if path.exists():
            score_doc(gold, path, tally)
    return summary(tally)


def _print(title: str, figures: dict[str, float]) -> None:
    print(f"\n== {title}")
    for key, value in figures.items():
        print(f"  {key:34s} {value:.3f}" if isinstance(value, float) else f"  {key:34s} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--formats", nargs="+", default=["txt", "docx", "pdf"])
    parser.add_argument("--own-rendered", type=Path, help="docx/pdf renderings of the own documents")
    parser.add_argument("--only", default="", help="comma-separated corpus document ids")
    parser.add_argument("--cache", type=Path, help="keep the OCR engine's answers in this directory")
    parser.add_argument("--show", action="store_true", help="print signature slots that differ from gold")
    args = parser.parse_args()
    global SHOW
    SHOW = args.show
    if args.cache:
        from ocr_cache import install  # beside this script

        install(args.cache)
    only = set(filter(None, args.only.split(","))) or None
    if (args.corpus / "gold").is_dir():
        for fmt in args.formats:
            _print(f"corpus {fmt}", score_corpus(args.corpus, fmt, only))
    else:
        print(f"corpus not found at {args.corpus}")
    _print("own documents (tests/extractors/data/parties)", score_own())
    if args.own_rendered:
        for fmt in ("docx", "pdf"):
            _print(f"own documents rendered as {fmt}", score_own(args.own_rendered, fmt))


if __name__ == "__main__":
    main()
