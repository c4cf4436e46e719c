"""Ruling lines and images of a PDF page, from its path and image objects (form XObjects included)."""

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from intake.backends.pdf_chars import PageFrame
from intake.backends.pdf_params import TableParams

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_FORM_DEPTH = 8
_AXIS_TOL = 0.5


@dataclass(slots=True)
class Rule:
    """An axis-aligned ruling line: ``pos`` is y (horizontal) or x (vertical); [start, end] its extent."""

    pos: float
    start: float
    end: float


@dataclass
class PageObjects:
    """What the page draws besides text: ruling lines and image boxes, top-left coordinates."""

    horizontal: list[Rule] = field(default_factory=list)
    vertical: list[Rule] = field(default_factory=list)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """Return the matrix that applies ``inner`` then ``outer``."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix(obj: ctypes.c_void_p) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


class _Collector:
    def __init__(self, frame: PageFrame, params: TableParams) -> None:
        self.frame = frame
        self.params = params
        self.out = PageObjects()
        self._l, self._b, self._r, self._t = (ctypes.c_float() for _ in range(4))

    def box(self, obj: ctypes.c_void_p, form: Matrix) -> tuple[float, float, float, float] | None:
        refs = (ctypes.byref(self._l), ctypes.byref(self._b), ctypes.byref(self._r), ctypes.byref(self._t))
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *refs):
            return None
        left, bottom, right, top = self._l.value, self._b.value, self._r.value, self._t.value
        if form != _IDENTITY:
            pts = [_apply(form, x, y) for x in (left, right) for y in (bottom, top)]
            left, right = min(p[0] for p in pts), max(p[0] for p in pts)
            bottom, top = min(p[1] for p in pts), max(p[1] for p in pts)
        return self.frame.box(left, bottom, right, top)

    def add_segment(self, x0: float, y0: float, x1: float, y1: float) -> None:
        p = self.params
        if abs(y1 - y0) <= _AXIS_TOL and abs(x1 - x0) >= p.min_rule_length:
            self.out.horizontal.append(Rule((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= _AXIS_TOL and abs(y1 - y0) >= p.min_rule_length:
            self.out.vertical.append(Rule((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def path(self, obj: ctypes.c_void_p, form: Matrix) -> None:
        box = self.box(obj, form)
        if box is None:
            return
        x0, top, x1, bottom = box
        thick = self.params.max_rule_thickness
        if bottom - top <= thick:
            self.add_segment(x0, (top + bottom) / 2, x1, (top + bottom) / 2)
        elif x1 - x0 <= thick:
            self.add_segment((x0 + x1) / 2, top, (x0 + x1) / 2, bottom)
        else:
            self.stroked_segments(obj, form)

    def stroked_segments(self, obj: ctypes.c_void_p, form: Matrix) -> None:
        """Edges of a stroked path that is not itself thin (cell rectangles, grids drawn as one path)."""
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if (
            not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
            or not stroke.value
        ):
            return
        m = _compose(_matrix(obj), form)
        x, y = ctypes.c_float(), ctypes.c_float()
        first: tuple[float, float] | None = None
        last: tuple[float, float] | None = None
        for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            point = self.frame.point(*_apply(m, x.value, y.value))
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_LINETO and last is not None:
                self.add_segment(*last, *point)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                first = point
            last = point
            if pdfium_c.FPDFPathSegment_GetClose(seg) and first is not None:
                self.add_segment(*point, *first)
                last = first

    def walk(self, count: int, get: object, parent: ctypes.c_void_p, form: Matrix, depth: int) -> None:
        for i in range(count):
            obj = get(parent, i)  # type: ignore[operator]
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                self.path(obj, form)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                box = self.box(obj, form)
                if box is not None:
                    self.out.images.append(box)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                inner = _compose(_matrix(obj), form)
                n = pdfium_c.FPDFFormObj_CountObjects(obj)
                self.walk(n, pdfium_c.FPDFFormObj_GetObject, obj, inner, depth + 1)


def page_objects(page: pdfium.PdfPage, frame: PageFrame, params: TableParams) -> PageObjects:
    """Return the page's ruling lines (thin paths, stroked path edges) and image boxes."""
    collector = _Collector(frame, params)
    n = pdfium_c.FPDFPage_CountObjects(page.raw)
    collector.walk(n, pdfium_c.FPDFPage_GetObject, page.raw, _IDENTITY, 0)
    return collector.out
