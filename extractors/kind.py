"""What kind of filing a document is: agreement, charter, licence, application form or other.

The cues are data (``patterns/_kind.yaml``): each adds its weight when it matches the title line,
the head of the text or the whole body; the highest total wins. Commercial contracts (买卖合同,
技术开发合同) carry a heavy ``other`` cue so an IP clause never makes them an alliance agreement.
"""

import re
from collections import defaultdict

from extractors.pattern_store import PatternSet, load_patterns
from models import Document
from models.extraction import DocumentKind

_TITLE_LINES = 3
_TITLE_MAX = 60


def _title(doc: Document, head_chars: int) -> str:
    """The title line and the short lines of the head: a title often runs over two lines
    (联盟名称 / 合作协议, …管理办法 / （联盟章程）) and a form may open with 附件1."""
    title = next((doc.match_text[r.start : r.end] for r in doc.outline if r.kind == "title"), None)
    titles = [title] if title is not None else []
    lines = [ln.strip() for ln in doc.match_text[:head_chars].split("\n") if ln.strip()]
    return "\n".join(titles + [ln for ln in lines[:_TITLE_LINES] if len(ln) <= _TITLE_MAX])


def kind_scores(doc: Document, patterns: PatternSet | None = None) -> dict[DocumentKind, float]:
    """The total cue weight of each kind."""
    spec = (patterns or load_patterns()).kind
    places = {"title": _title(doc, spec.head_chars), "head": doc.match_text[: spec.head_chars], "body": doc.match_text}
    scores: dict[DocumentKind, float] = defaultdict(float)
    for rule in spec.rules:
        if re.search(rule.regex, places[rule.where]):
            scores[DocumentKind(rule.kind)] += rule.weight
    return dict(scores)


def classify_kind(doc: Document) -> DocumentKind:
    """Return the document's kind (``other`` when no cue fires)."""
    scores = kind_scores(doc)
    if not scores:
        return DocumentKind.OTHER
    return max(scores.items(), key=lambda item: item[1])[0]
