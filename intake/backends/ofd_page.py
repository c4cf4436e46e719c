"""One OFD page's content (Content.xml and its templates) → character boxes, ruling lines, images.

OFD stores where each glyph goes: a TextObject's Boundary (mm, origin top-left) places its
coordinate space, an optional CTM transforms it, and each TextCode starts at X/Y (the baseline)
and advances by DeltaX (``g n d`` repeats ``d`` n times). The character boxes and ruling lines
come out in points, top-left origin: the same ``Char`` and ``Rule`` the PDF layout works on.
"""

import math
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from intake.backends.ofd_package import MM_TO_PT, box, children, local, numbers, ofd_params
from intake.backends.pdf_chars import Char
from intake.backends.pdf_objects import PageObjects, Rule
from intake.backends.pdf_params import TableParams

Ctm = tuple[float, float, float, float, float, float]
_IDENTITY: Ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_CONTAINERS = {"Content", "Layer", "PageBlock", "CompositeObject"}
_PATH_ARGS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


@dataclass
class PageContent:
    """What one page draws, in points with the origin top-left."""

    chars: list[Char] = field(default_factory=list)
    objects: PageObjects = field(default_factory=PageObjects)
    count: int = 0


def expand_deltas(text: str | None) -> list[float]:
    """DeltaX/DeltaY values with ``g n d`` runs expanded."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            values = numbers(" ".join(tokens[i + 1 : i + 3]))
            if len(values) == 2:
                out.extend([values[1]] * min(max(int(values[0]), 0), 100000))
            i += 3
            continue
        out.extend(numbers(tokens[i]))
        i += 1
    return out


def _ctm(el: Element) -> Ctm:
    values = numbers(el.get("CTM"))
    return (values[0], values[1], values[2], values[3], values[4], values[5]) if len(values) == 6 else _IDENTITY


def _apply(m: Ctm, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


class _Reader:
    def __init__(self, tables: TableParams) -> None:
        p: dict[str, Any] = ofd_params()
        self.glyph = p["glyph"]
        self.limit = int(p["max_objects_per_page"])
        self.axis_tol = float(p["axis_tolerance_mm"]) * MM_TO_PT
        self.min_rule = tables.min_rule_length
        self.thick = tables.max_rule_thickness
        self.out = PageContent()

    def walk(self, el: Element) -> None:
        for obj in el:
            kind = local(obj.tag)
            self.out.count += 1
            if self.out.count > self.limit:
                raise ValueError(f"more than {self.limit} objects on the page")
            if kind == "TextObject":
                self.text(obj)
            elif kind == "PathObject":
                self.path(obj)
            elif kind == "ImageObject" and (b := box(obj.get("Boundary"))) is not None:
                x, y, w, h = (v * MM_TO_PT for v in b)
                self.out.objects.images.append((x, y, x + w, y + h))
            elif kind in _CONTAINERS:
                self.walk(obj)

    def text(self, obj: Element) -> None:
        bnd = box(obj.get("Boundary"))
        if bnd is None:
            return
        size = numbers(obj.get("Size"))
        em = size[0] if size and size[0] > 0 else bnd[3]
        m = _ctm(obj)
        sx, sy = math.hypot(m[0], m[1]) or 1.0, math.hypot(m[2], m[3]) or 1.0
        g = self.glyph
        x = y = 0.0
        for code in children(obj, "TextCode"):
            x = numbers(code.get("X"))[0] if numbers(code.get("X")) else x
            y = numbers(code.get("Y"))[0] if numbers(code.get("Y")) else y
            dxs, dys = expand_deltas(code.get("DeltaX")), expand_deltas(code.get("DeltaY"))
            for i, ch in enumerate(code.text or ""):
                natural = em * (g["latin_advance"] if ch.isascii() else g["cjk_advance"])
                dx = dxs[i] if i < len(dxs) else natural
                width = min(dx, natural) if dx > 0 else natural
                px, py = _apply(m, x, y)
                left, base = (bnd[0] + px) * MM_TO_PT, (bnd[1] + py) * MM_TO_PT
                self.out.chars.append(Char(ch, left, base - g["ascent"] * em * sy * MM_TO_PT,
                                           left + width * sx * MM_TO_PT, base + g["descent"] * em * sy * MM_TO_PT))
                x += dx
                y += dys[i] if i < len(dys) else 0.0

    def segment(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if abs(y1 - y0) <= self.axis_tol and abs(x1 - x0) >= self.min_rule:
            self.out.objects.horizontal.append(Rule((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= self.axis_tol and abs(y1 - y0) >= self.min_rule:
            self.out.objects.vertical.append(Rule((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def path(self, obj: Element) -> None:
        bnd = box(obj.get("Boundary"))
        if bnd is None:
            return
        x, y, w, h = (v * MM_TO_PT for v in bnd)
        if min(w, h) <= self.thick and _ctm(obj) == _IDENTITY:  # a hairline or thin bar: its box is the rule
            if h <= w:
                self.segment(x, y + h / 2, x + w, y + h / 2)
            else:
                self.segment(x + w / 2, y, x + w / 2, y + h)
            return
        if (obj.get("Stroke") or "true").lower() == "false":
            return
        data = next((c for c in obj if local(c.tag) == "AbbreviatedData"), None)
        if data is not None:
            self.abbreviated(data.text or "", _ctm(obj), bnd)

    def abbreviated(self, text: str, m: Ctm, bnd: tuple[float, float, float, float]) -> None:
        tokens = text.split()
        first = last = None
        i = 0
        while i < len(tokens):
            op = tokens[i]
            n = _PATH_ARGS.get(op)
            if n is None:
                i += 1
                continue
            args = numbers(" ".join(tokens[i + 1 : i + 1 + n]))
            i += 1 + n
            if op == "C" and first is not None and last is not None:
                self.segment(*last, *first)
                last = first
                continue
            if len(args) < 2:
                continue
            px, py = _apply(m, args[-2], args[-1])
            point = ((bnd[0] + px) * MM_TO_PT, (bnd[1] + py) * MM_TO_PT)
            if op == "L" and last is not None:
                self.segment(*last, *point)
            if op in ("M", "S"):
                first = point
            last = point


def read_page(roots: list[Element], tables: TableParams) -> PageContent:
    """The characters, rules and images of a page drawn from ``roots`` (templates first, then the page)."""
    reader = _Reader(tables)
    for root in roots:
        for part in root:
            if local(part.tag) == "Content":
                reader.walk(part)
    return reader.out
