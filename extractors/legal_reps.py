"""Who each unit's legal representative is, as the document itself says outside the signature
page: a member table's 法定代表人 column, or a note after the unit's name
(X（核心成员；法定代表人：Y）, 甲方：X／住所：…／法定代表人：Y).

Signatures use it to tell whether a name signed under 授权代表 or 代表 is in fact the legal
representative, and on scans to restore a name partly hidden by handwriting.
"""

import re

from extractors.cn_text import person_at
from extractors.member_tables import cell_grid, cell_text, header_word
from extractors.orgs import name_key
from extractors.parties_config import alternation, signatures_config
from models import Document

_NOTE_WINDOW = 80  # how far before a 法定代表人：Y note the unit's name may stand


def table_reps(doc: Document) -> dict[str, str]:
    """name_key(unit) → the legal representative a member table names for it (法定代表人 column)."""
    config = signatures_config()
    heads = tuple(config.tables.party_headers)
    found: dict[str, str] = {}
    for table in doc.tables:
        grid = cell_grid(table)
        if not grid:
            continue
        texts = [cell_text(doc, c) for c in grid[0]]
        if any(cue in t for t in texts for cue in config.sign_cues):
            continue  # a signature table: its names are what is being checked
        party = next((i for i, t in enumerate(texts) if header_word(t).endswith(heads)), None)
        person = next((i for i, t in enumerate(texts) if header_word(t) in config.legal_words), None)
        if party is None or person is None:
            continue
        for row in grid[1:]:
            unit, rep = cell_text(doc, row[party]), cell_text(doc, row[person])
            if unit and rep:
                found.setdefault(name_key(unit), rep)
    return found


def note_reps(doc: Document, units: list[str]) -> dict[str, str]:
    """name_key(unit) → Y for each 法定代表人：Y written shortly after one of ``units``."""
    config = signatures_config()
    text = doc.match_text
    label = re.compile(f"(?:{alternation(config.legal_words)})[：:]")
    found: dict[str, str] = {}
    for match in label.finditer(text):
        person = person_at(text, match.end(), min(len(text), match.end() + 8), config.name_stops)
        if person is None:
            continue
        before = text[max(0, match.start() - _NOTE_WINDOW) : match.start()]
        nearest = max(units, key=lambda u: before.rfind(u), default=None)
        if nearest and before.rfind(nearest) >= 0:
            found.setdefault(name_key(nearest), doc.text[person[0] : person[1]])
    return found


def legal_reps(doc: Document, units: list[str] | None = None) -> dict[str, str]:
    """Both sources; a member table wins over a note."""
    return {**note_reps(doc, units or []), **table_reps(doc)}
