"""Build OFD files (GB/T 33190) for tests and benchmarks: pages of positioned text and ruling lines.

``make_ofd`` writes the package (OFD.xml → Doc_0/Document.xml → Pages/Page_N/Content.xml) from
``OfdPage``s in millimetres; ``layout_text`` lays out a plain text (paragraphs wrapped to the
text width, ``| a | b |`` rows as a ruled table, form feeds as page breaks) the way a typesetter
would, and can cut each line into several text objects.
"""

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
MM_PER_PT = 25.4 / 72


@dataclass
class OfdText:
    """A run of text: baseline at (x, y) mm, font size ``size`` mm, one advance per character."""

    x: float
    y: float
    text: str
    size: float = 3.7


@dataclass
class OfdRule:
    """A straight line from (x0, y0) to (x1, y1) mm."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class OfdPage:
    texts: list[OfdText] = field(default_factory=list)
    rules: list[OfdRule] = field(default_factory=list)
    width: float = 210.0
    height: float = 297.0


def advance(ch: str, size: float) -> float:
    """Width a character takes: full em for CJK, half for ASCII."""
    return size * (0.5 if ch.isascii() else 1.0)


def _deltas(text: str, size: float, compress: bool) -> str:
    values = [f"{advance(c, size):g}" for c in text[:-1]]
    if not compress:
        return " ".join(values)
    out: list[str] = []
    i = 0
    while i < len(values):  # runs of equal advances as "g n d"
        j = i
        while j < len(values) and values[j] == values[i]:
            j += 1
        out.append(f"g {j - i} {values[i]}" if j - i > 2 else " ".join(values[i:j]))
        i = j
    return " ".join(out)


def _text_object(obj_id: int, t: OfdText, compress: bool) -> str:
    width = sum(advance(c, t.size) for c in t.text)
    top = t.y - t.size
    delta = _deltas(t.text, t.size, compress)
    delta_attr = f' DeltaX="{delta}"' if delta else ""
    return (f'<ofd:TextObject ID="{obj_id}" Boundary="{t.x:g} {top:g} {width + 1:g} {t.size * 1.4:g}" '
            f'Font="1" Size="{t.size:g}"><ofd:TextCode X="0" Y="{t.size:g}"{delta_attr}>'
            f"{escape(t.text)}</ofd:TextCode></ofd:TextObject>")


def _path_object(obj_id: int, r: OfdRule) -> str:
    x, y = min(r.x0, r.x1), min(r.y0, r.y1)
    w, h = abs(r.x1 - r.x0), abs(r.y1 - r.y0)
    return (f'<ofd:PathObject ID="{obj_id}" Boundary="{x:g} {y:g} {max(w, 0.1):g} {max(h, 0.1):g}" '
            f'LineWidth="0.25"><ofd:AbbreviatedData>M {r.x0 - x:g} {r.y0 - y:g} L {r.x1 - x:g} {r.y1 - y:g}'
            "</ofd:AbbreviatedData></ofd:PathObject>")


def _content(page: OfdPage, first_id: int, compress: bool) -> tuple[str, int]:
    objects: list[str] = []
    next_id = first_id
    for t in page.texts:
        objects.append(_text_object(next_id, t, compress))
        next_id += 1
    for r in page.rules:
        objects.append(_path_object(next_id, r))
        next_id += 1
    box = f"0 0 {page.width:g} {page.height:g}"
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Area>'
           f"<ofd:PhysicalBox>{box}</ofd:PhysicalBox></ofd:Area><ofd:Content>"
           f'<ofd:Layer ID="{next_id}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')
    return xml, next_id + 1


def make_ofd(pages: list[OfdPage], *, doctype: str = "", compress_deltas: bool = True,
             title: str = "test") -> bytes:
    """The bytes of an OFD package with ``pages``; ``doctype`` is prepended to Document.xml."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
                              f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>{escape(title)}</ofd:Title>'
                              "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        page_refs: list[str] = []
        next_id = 10
        for index, page in enumerate(pages):
            xml, next_id = _content(page, next_id, compress_deltas)
            z.writestr(f"Doc_0/Pages/Page_{index}/Content.xml", xml)
            page_refs.append(f'<ofd:Page ID="{index + 1}" BaseLoc="Pages/Page_{index}/Content.xml"/>')
        first = pages[0] if pages else OfdPage()
        z.writestr("Doc_0/Document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<ofd:Document xmlns:ofd="{NS}">'
                   f"<ofd:CommonData><ofd:MaxUnitID>{next_id}</ofd:MaxUnitID><ofd:PageArea>"
                   f"<ofd:PhysicalBox>0 0 {first.width:g} {first.height:g}</ofd:PhysicalBox></ofd:PageArea>"
                   f"</ofd:CommonData><ofd:Pages>{''.join(page_refs)}</ofd:Pages></ofd:Document>")
    return buf.getvalue()


@dataclass
class Layout:
    """Page geometry (mm) for ``layout_text``; ``pieces`` cuts each line into that many text objects."""

    width: float = 210.0
    height: float = 297.0
    margin: float = 25.0
    size: float = 3.7
    leading: float = 6.5
    pieces: int = 2


class _Typesetter:
    def __init__(self, layout: Layout) -> None:
        self.lay = layout
        self.pages: list[OfdPage] = [OfdPage(width=layout.width, height=layout.height)]
        self.y = layout.margin

    def new_page(self) -> None:
        self.pages.append(OfdPage(width=self.lay.width, height=self.lay.height))
        self.y = self.lay.margin

    def room(self, height: float) -> None:
        if self.y + height > self.lay.height - self.lay.margin and self.y > self.lay.margin:
            self.new_page()

    def wrap(self, text: str, width: float) -> list[str]:
        lines, cur, used = [], "", 0.0
        for ch in text:
            w = advance(ch, self.lay.size)
            if cur and used + w > width + 1e-6:
                lines.append(cur)
                cur, used = "", 0.0
            cur += ch
            used += w
        return [*lines, cur] if cur else lines

    def put(self, x: float, y: float, line: str) -> None:
        n = max(1, min(self.lay.pieces, len(line)))
        step = -(-len(line) // n)
        for start in range(0, len(line), step):
            piece = line[start : start + step]
            offset = sum(advance(c, self.lay.size) for c in line[:start])
            self.pages[-1].texts.append(OfdText(x + offset, y, piece, self.lay.size))

    def paragraph(self, text: str) -> None:
        lay = self.lay
        for line in self.wrap(text, lay.width - 2 * lay.margin):
            self.room(lay.leading)
            self.y += lay.leading
            self.put(lay.margin, self.y - (lay.leading - lay.size) / 2, line)

    def table(self, rows: list[list[str]]) -> None:
        lay = self.lay
        n_cols = max(len(r) for r in rows)
        col_w = (lay.width - 2 * lay.margin) / n_cols
        for row in rows:
            spans = [1] * (len(row) - 1) + [n_cols - len(row) + 1]  # a short row's last cell spans the rest
            xs = [lay.margin]
            for span in spans:
                xs.append(xs[-1] + span * col_w)
            wrapped = [self.wrap(cell, xs[c + 1] - xs[c] - 2) for c, cell in enumerate(row)]
            height = max(1, *(len(w) for w in wrapped)) * lay.leading + 2
            self.room(height)
            top, page = self.y, self.pages[-1]
            for c, lines in enumerate(wrapped):
                for i, line in enumerate(lines):
                    self.put(xs[c] + 1, top + 1 + (i + 1) * lay.leading - 1.5, line)
            page.rules += [OfdRule(xs[0], top, xs[-1], top), OfdRule(xs[0], top + height, xs[-1], top + height)]
            page.rules += [OfdRule(x, top, x, top + height) for x in xs]
            self.y = top + height
        self.y += lay.leading / 2


def layout_text(text: str, layout: Layout | None = None) -> list[OfdPage]:
    """Typeset ``text`` into OFD pages (see the module docstring)."""
    setter = _Typesetter(layout or Layout())
    for page_index, page_text in enumerate(text.split("\f")):
        if page_index:
            setter.new_page()
        rows: list[list[str]] = []
        for raw in page_text.splitlines():
            line = raw.strip()
            if line.startswith("|") and line.endswith("|"):
                cells = [c.strip() for c in line.strip("|").split("|")]
                if not all(set(c) <= set("-: ") for c in cells):
                    rows.append(cells)
                continue
            if rows:
                setter.table(rows)
                rows = []
            if line:
                setter.paragraph(line)
        if rows:
            setter.table(rows)
    return setter.pages
