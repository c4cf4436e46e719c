"""The ``all`` matrix: one row per basis entry (clause key or condition), one cell per jurisdiction."""

from __future__ import annotations

from collections.abc import Sequence

from checklists.clause_items import WORST_FIRST
from checklists.schema import CONDITION_NAMES, CONDITION_PREFIX
from checklists.settings import labels
from models.clauses import CLAUSE_KEYS
from models.report import GapItem, MatrixCell, MatrixRow, RuleSetResult

_SEVERITY_RANK = {"mandatory": 0, "conditional": 1, "advisory": 2}
BASIS_ORDER: tuple[str, ...] = CLAUSE_KEYS + tuple(CONDITION_PREFIX + c for c in CONDITION_NAMES)


def basis_label(basis: str) -> str:
    """The Chinese label of a clause key or ``condition:<name>``."""
    if basis.startswith(CONDITION_PREFIX):
        name = basis[len(CONDITION_PREFIX) :]
        return labels().conditions.get(name, name)
    return labels().clause(basis)


def _cell(items: list[GapItem]) -> MatrixCell:
    worst = min(items, key=lambda i: WORST_FIRST[i.status])
    severe = min(items, key=lambda i: _SEVERITY_RANK[i.severity])
    return MatrixCell(status=worst.status, severity=severe.severity, item_ids=[i.id for i in items])


def build_matrix(results: Sequence[RuleSetResult]) -> list[MatrixRow]:
    """Rows in clause-key order, then conditions; a cell folds a jurisdiction's items on that basis."""
    grouped: dict[str, dict[str, list[GapItem]]] = {}
    for result in results:
        for item in result.items:
            for basis in item.basis:
                grouped.setdefault(basis, {}).setdefault(result.jurisdiction, []).append(item)
    order = [b for b in BASIS_ORDER if b in grouped] + sorted(b for b in grouped if b not in BASIS_ORDER)
    return [MatrixRow(basis=b, label=basis_label(b), cells={rs: _cell(items) for rs, items in grouped[b].items()})
            for b in order]
