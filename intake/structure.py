"""Recognise the structure of a document: title, preamble, chapters, articles, items, annexes,
the signature part; build the outline tree and give each block its kind and outline path.

The rules (regular expressions and limits) are data in ``data/structure.yaml``.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from intake.numerals import to_int
from models import Block, BlockKind, OutlineNode
from models.data_files import load_yaml

_RULES = Path(__file__).with_name("data") / "structure.yaml"
_ITEM_RANK = 10


@dataclass(frozen=True)
class _Pattern:
    kind: str
    rank: int
    style: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Rules:
    patterns: tuple[_Pattern, ...]
    separator: re.Pattern[str]
    bracket_title: re.Pattern[str]
    runin_title: re.Pattern[str]
    runin_title_forbidden: re.Pattern[str]
    title_only_max: int
    title_only_forbidden: re.Pattern[str]
    annex: re.Pattern[str]
    doc_title_words: re.Pattern[str]
    doc_title_max: int
    signature_start: re.Pattern[str]
    signature_cues: re.Pattern[str]
    prose_min: int


@cache
def rules() -> _Rules:
    """Load and compile ``data/structure.yaml`` once."""
    data: dict[str, Any] = load_yaml(_RULES)
    cn = data["cn_numeral"]
    num = f"(?:{cn}|\\d+)"

    def compile_(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern.replace("{num}", num).replace("{cn}", cn))

    patterns = [_Pattern(p["kind"], p["rank"], p["kind"], compile_(p["pattern"])) for p in data["ranked"]]
    patterns += [_Pattern("item", _ITEM_RANK, p["style"], compile_(p["pattern"])) for p in data["items"]]
    return _Rules(
        patterns=tuple(patterns),
        separator=re.compile(data["separator"]),
        bracket_title=re.compile(data["bracket_title"]),
        runin_title=re.compile(data["runin_title"]),
        runin_title_forbidden=re.compile(data["runin_title_forbidden"]),
        title_only_max=int(data["title_only_max"]),
        title_only_forbidden=re.compile(data["title_only_forbidden"]),
        annex=compile_(data["annex"]),
        doc_title_words=re.compile(data["doc_title_words"]),
        doc_title_max=int(data["doc_title_max"]),
        signature_start=re.compile(data["signature_start"]),
        signature_cues=re.compile(data["signature_cues"]),
        prose_min=int(data["prose_min"]),
    )


@dataclass
class _Heading:
    kind: str
    style: str
    rank: int
    label: str
    number: int | None
    title: str | None
    rest: str


def _title_span(rest: str, r: _Rules) -> tuple[int, int] | None:
    """Return where the title sits in ``rest`` (the line after the number), if it has one."""
    sep = r.separator.match(rest)
    base = sep.end() if sep else 0
    body = rest[base:]
    bracket = r.bracket_title.match(body)
    if bracket:
        group = "title" if bracket.group("title") is not None else "paren"
        return base + bracket.start(group), base + bracket.end(group)
    stripped = body.rstrip()
    if stripped and len(stripped) <= r.title_only_max and not r.title_only_forbidden.search(stripped):
        return base, base + len(stripped)
    runin = r.runin_title.match(body)
    if runin and len(body) > len(runin.group(0)) and not r.runin_title_forbidden.search(runin.group("title")):
        return base + runin.start("title"), base + runin.end("title")
    return None


def match_heading(line: str, original: str | None = None) -> _Heading | None:
    """Return the numbered heading that ``line`` starts with, if any.

    ``line`` is matched (normally its Simplified form); labels and titles are cut from
    ``original`` (same length) so they read as written.
    """
    r = rules()
    source = line if original is None else original
    for p in r.patterns:
        m = p.regex.match(line)
        if m:
            return _heading(p.kind, p.style, p.rank, m, line, source, r)
    m = r.annex.match(line)
    if m:
        return _heading("annex", "annex", 0, m, line, source, r)
    return None


def _heading(kind: str, style: str, rank: int, m: re.Match[str], line: str, source: str, r: _Rules) -> _Heading:
    rest = line[m.end() :]
    span = _title_span(rest, r)
    title = source[m.end() + span[0] : m.end() + span[1]].strip() if span else None
    numeral = m.groupdict().get("num")
    number = to_int(numeral) if numeral else None
    return _Heading(kind, style, rank, source[m.start() : m.end()].strip(), number, title or None, rest)


class _Builder:
    def __init__(self, text: str, match_text: str) -> None:
        self.text = text
        self.match_text = match_text
        self.roots: list[OutlineNode] = []
        self.stack: list[tuple[int, str, OutlineNode]] = []
        self.last_article: int | None = None
        self.in_signature = False

    def path(self) -> list[str]:
        return [node.label for _, _, node in self.stack]

    def push(self, rank: int, style: str, node: OutlineNode) -> None:
        if self.stack:
            self.stack[-1][2].children.append(node)
        else:
            self.roots.append(node)
        self.stack.append((rank, style, node))

    def open_ranked(self, h: _Heading, node: OutlineNode) -> None:
        while self.stack and self.stack[-1][0] >= h.rank:
            self.stack.pop()
        self.push(h.rank, h.style, node)

    def open_item(self, h: _Heading, node: OutlineNode) -> None:
        styles = [style for _, style, _ in self.stack]
        if h.style in styles:
            while self.stack[-1][1] != h.style:
                self.stack.pop()
            self.stack.pop()
        rank = max([rank for rank, _, _ in self.stack], default=0)
        self.push(max(rank + 1, _ITEM_RANK), h.style, node)

    def accept_article(self, h: _Heading) -> bool:
        """Reject 第三十一条另有约定… at a paragraph start: a reference, not a new article."""
        if h.number is None or self.last_article is None or h.number == self.last_article + 1:
            return True
        return h.number > self.last_article and (h.title is not None or bool(rules().separator.match(h.rest)))


def _is_doc_title(block: Block, line: str) -> bool:
    r = rules()
    if block.kind == BlockKind.TITLE:
        return True
    return len(line) <= r.doc_title_max and "。" not in line and bool(r.doc_title_words.search(line))


def _close(nodes: list[OutlineNode], end: int) -> None:
    """Set each node's end to the start of its next sibling (or the parent's end)."""
    for i, node in enumerate(nodes):
        node.end = nodes[i + 1].start if i + 1 < len(nodes) else end
        _close(node.children, node.end)


def _first_line(text: str, block: Block) -> str:
    line = text[block.start : block.end]
    return line.split("\n", 1)[0]


def build_outline(text: str, match_text: str, blocks: list[Block]) -> list[OutlineNode]:
    """Classify ``blocks`` in place (kind, level, outline path) and return the outline roots."""
    b = _Builder(text, match_text)
    r = rules()
    top_blocks = [blk for blk in blocks if blk.kind not in (BlockKind.TABLE_CELL, BlockKind.HEADER, BlockKind.FOOTER)]
    last_numbered = _last_numbered_index(top_blocks, match_text)
    last_prose = _last_prose_index(top_blocks, match_text, r)
    for index, block in enumerate(top_blocks):
        line = _first_line(match_text, block)
        if index == 0 and block.kind != BlockKind.TABLE and _is_doc_title(block, line):
            block.kind = BlockKind.TITLE
            b.roots.append(OutlineNode(kind="title", label=text[block.start : block.end].split("\n")[0],
                                       page=block.page, start=block.start, end=block.end, block_id=block.id))
            continue
        if _signature_starts(block, line, index, max(last_numbered, last_prose), b, r):
            b.stack.clear()
            b.in_signature = True
            b.push(0, "signature", OutlineNode(kind="signature", label="签署页", page=block.page,
                                               start=block.start, end=block.end, block_id=block.id))
        original = _first_line(text, block)
        heading = match_heading(line, original) if block.kind != BlockKind.TABLE else None
        if heading is not None and heading.kind == "annex":
            b.in_signature = False
        if heading is not None and not (b.in_signature and heading.kind != "annex"):
            _open(b, block, heading, line)
        elif not b.stack:
            label = "鉴于" if line.startswith("鉴于") else "序言"
            b.push(0, "preamble", OutlineNode(kind="preamble", label=label, page=block.page, start=block.start,
                                              end=block.end, block_id=block.id))
        if b.in_signature and block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING):
            block.kind = BlockKind.SIGNATURE_BLOCK
        block.outline_path = b.path()
    _close(b.roots, len(text))
    _inherit_paths(blocks)
    return b.roots


def _last_numbered_index(blocks: list[Block], match_text: str) -> int:
    last = -1
    for i, block in enumerate(blocks):
        if block.kind != BlockKind.TABLE:
            h = match_heading(_first_line(match_text, block))
            if h is not None and h.kind in ("article", "chapter", "section", "item"):
                last = i
    return last


def _last_prose_index(blocks: list[Block], match_text: str, r: _Rules) -> int:
    """The last block of the body holding a sentence of prose (annexes after the body do not count)."""
    last = -1
    for i, block in enumerate(blocks):
        if block.kind == BlockKind.TABLE:
            continue
        body = match_text[block.start : block.end]
        heading = match_heading(_first_line(match_text, block))
        if heading is not None and heading.kind == "annex" and last >= 0:
            break
        if any(len(s.strip()) >= r.prose_min for s in body.split("。")[:-1]):
            last = i
    return last


def _signature_starts(block: Block, line: str, index: int, body_end: int, b: _Builder, r: _Rules) -> bool:
    """An explicit marker line starts the signature part; a signing cue does only after the body.

    ``body_end`` is the index of the last block of the body: the last numbered heading or the last
    prose paragraph, whichever comes later.
    """
    if b.in_signature:
        return False
    if r.signature_start.search(line) and len(line) <= 40:
        return True
    if index <= body_end:
        return False
    body = b.match_text[block.start : block.end]
    if block.kind == BlockKind.TABLE:
        header = body.split("\n", 1)[0]
        return bool(r.signature_cues.search(header))
    return bool(r.signature_cues.search(body)) and match_heading(line) is None


def _open(b: _Builder, block: Block, h: _Heading, line: str) -> None:
    if h.kind == "article" and not b.accept_article(h):
        return
    node = OutlineNode(kind=h.kind, label=h.label, number=h.number, title=h.title, page=block.page,
                       start=block.start, end=block.end, block_id=block.id)
    if b.stack and b.stack[0][1] == "preamble":
        b.stack.clear()
    if h.kind == "annex":
        b.stack.clear()
        b.push(0, "annex", node)
        block.kind = BlockKind.HEADING
        block.level = 1
        return
    if h.kind == "item":
        b.open_item(h, node)
        short = len(line) <= rules().title_only_max and not rules().title_only_forbidden.search(line)
        block.kind = BlockKind.HEADING if short else BlockKind.LIST_ITEM
        if block.kind == BlockKind.HEADING:
            block.level = len(b.stack)
        return
    b.open_ranked(h, node)
    if h.kind == "article":
        b.last_article = h.number
        block.kind = BlockKind.ARTICLE
    else:
        block.kind = BlockKind.HEADING
        block.level = h.rank


def _inherit_paths(blocks: list[Block]) -> None:
    """Give table cells the outline path of their table."""
    table_paths = {blk.table_id: blk.outline_path for blk in blocks if blk.kind == BlockKind.TABLE}
    for blk in blocks:
        if blk.kind == BlockKind.TABLE_CELL and blk.table_id in table_paths:
            blk.outline_path = list(table_paths[blk.table_id])
