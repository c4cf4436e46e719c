"""DOCX backend: WordprocessingML read straight from the ZIP package (stdlib expat ElementTree).

Walks the body in document order (paragraphs, tables, content controls), renders Word's automatic
numbering into the text (``docx_numbering``), lists text-box paragraphs after their anchor,
keeps headers and footers apart as furniture and estimates pages from the page breaks stored in
the file. Bad input raises ``IntakeError`` (``encrypted_office``, ``corrupt_file``, ``archive_unsafe``).
"""

import codecs
import hashlib
import io
import posixpath
import re
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError, XMLParser

from intake.backends.docx_numbering import (
    MC_NS,
    UNREAD_STYLE_PARTS,
    Label,
    Numberer,
    Numbering,
    StyleInfo,
    Styles,
    attr,
    int_attr,
    is_on,
    w,
)
from intake.backends.docx_prune import prune
from intake.raw import RawBlock, RawCell, RawDocument, RawPage, RawTable
from intake.settings import IntakeSettings
from models import BlockKind, Format, IntakeError, Notice

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_UNPACKED = 200 * 1024 * 1024
_MAX_RATIO = 200
_RATIO_MIN_SIZE = 1024 * 1024  # parts smaller than this cannot bomb, whatever their ratio
_STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": R_NS.encode(),
}
_BAD_INPUT = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError,
              ParseError, ValueError, UnicodeError, LookupError)
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


class _Package:
    """The parts of an OPC package, read within the size and ratio limits and parsed safely."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        if data[:8] == _OLE_MAGIC:
            if "EncryptedPackage".encode("utf-16-le") in data:
                raise IntakeError("encrypted_office", name=name)
            raise self.corrupt("an OLE compound file (legacy .doc?), not a DOCX package")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
            raise self.corrupt(f"not a readable ZIP package: {exc}") from exc
        self._infos = {i.filename.lstrip("/").replace("\\", "/").lower(): i for i in self._zip.infolist()}
        self._unpacked = 0

    def corrupt(self, reason: str) -> IntakeError:
        return IntakeError("corrupt_file", name=self.name, reason=reason)

    def unsafe(self, reason: str) -> IntakeError:
        return IntakeError("archive_unsafe", name=self.name, reason=reason)

    def has(self, path: str) -> bool:
        return path.lower() in self._infos

    def read(self, path: str) -> bytes | None:
        info = self._infos.get(path.lower())
        if info is None:
            return None
        room = _MAX_UNPACKED - self._unpacked
        if info.file_size > room:
            raise self.unsafe(f"{path} unpacks beyond {_MAX_UNPACKED // 2**20} MB")
        with self._zip.open(info) as handle:
            data = handle.read(room + 1)
        self._unpacked += len(data)
        if len(data) > room:
            raise self.unsafe(f"{path} unpacks beyond {_MAX_UNPACKED // 2**20} MB")
        if len(data) >= _RATIO_MIN_SIZE and len(data) > _MAX_RATIO * max(info.compress_size, 1):
            raise self.unsafe(f"{path} has a compression ratio above {_MAX_RATIO}")
        return data

    def xml(self, path: str, unread: tuple[str, ...] = ()) -> Element | None:
        """Parse part ``path`` (None when absent); ``unread``: names of w: elements to cut out first."""
        data = self.read(path)
        return None if data is None else self.parse(path, data, unread)

    def parse(self, path: str, data: bytes, unread: tuple[str, ...] = ()) -> Element:
        """Parse the bytes ``data`` of part ``path`` (see ``xml``)."""
        if _declares_dtd(data):  # entity expansion (billion laughs), external entities
            raise self.unsafe(f"{path} declares a DOCTYPE/ENTITY")
        if b"purl.oclc.org/ooxml" in data:  # Strict OOXML: same vocabulary, other namespaces
            for strict, transitional in _STRICT.items():
                data = data.replace(strict, transitional)
        pruned = prune(data, "w", unread) if unread else None
        if pruned is not None and pruned is not data:
            try:
                parser = XMLParser()
                parser.feed(pruned)
                return parser.close()
            except ParseError:
                pass  # the cut did not fall on whole elements: parse everything
        parser = XMLParser()
        try:
            parser.feed(data)
            return parser.close()
        except ParseError as exc:
            raise self.corrupt(f"bad XML in {path}: {exc}") from exc

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Return ``{rId: (type, part path)}`` of the internal relationships of ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        out: dict[str, tuple[str, str]] = {}
        for rel in root if root is not None else ():
            target, rid = rel.get("Target"), rel.get("Id")
            if target is None or rid is None or rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[rid] = (rel.get("Type", "").rsplit("/", 1)[-1], posixpath.normpath(path))
        return out


def _declares_dtd(data: bytes) -> bool:
    """Whether the XML has a DOCTYPE or ENTITY declaration, in whatever encoding it declares."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", "replace")
    elif b"\x00" in data[:4]:  # UTF-16 without a byte order mark, detected as expat does
        text = data.decode("utf-16-be" if data[0] == 0 else "utf-16-le", "replace")
    else:
        declared = _DECLARED_ENCODING.match(data[:200])
        encoding = declared.group(1).decode() if declared else "utf-8"
        if codecs.lookup(encoding).name in ("utf-8", "ascii", "latin-1", "cp1252"):
            return b"<!DOCTYPE" in data or b"<!ENTITY" in data
        text = data.decode(encoding, "replace")
    return "<!DOCTYPE" in text or "<!ENTITY" in text


M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_P, _R, _T, _TBL, _TR, _TC, _PPR = (w(t) for t in ("p", "r", "t", "tbl", "tr", "tc", "pPr"))
_ALT, _CHOICE, _FALLBACK = (f"{{{MC_NS}}}{t}" for t in ("AlternateContent", "Choice", "Fallback"))
_TXBX = w("txbxContent")
_BLOCK_WRAPPERS = {w(t) for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}
_INLINE_WRAPPERS = _BLOCK_WRAPPERS | {w(t) for t in ("hyperlink", "smartTag", "dir", "bdo")}
_CHARS = {w("tab"): "\t", w("ptab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "-", w("br"): "\n"}
_BR, _LRPB, _SYM = w("br"), w("lastRenderedPageBreak"), w("sym")
_TEXT_TAGS = {_T, _SYM, *_CHARS}
_MATH = {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"}
_GRAPHICS = {w("drawing"), w("pict"), w("object")}
_PAGE_FIELDS = {"PAGE", "NUMPAGES", "SECTIONPAGES"}
_BREAKING_SECTIONS = {"nextPage", "oddPage", "evenPage"}
_MAX_SPAN = 1000


def _branch(alt: Element) -> Element | None:
    """The one branch of mc:AlternateContent to read: the first Choice, else the Fallback."""
    return alt.find(_CHOICE) if alt.find(_CHOICE) is not None else alt.find(_FALLBACK)


def _find_boxes(el: Element, out: list[Element]) -> None:
    for child in el:
        if child.tag == _TXBX:
            out.append(child)
        elif child.tag == _ALT:
            branch = _branch(child)
            if branch is not None:
                _find_boxes(branch, out)
        elif len(child):
            _find_boxes(child, out)


def _children(el: Element, tag: str) -> list[Element]:
    """Rows of a table or cells of a row, looking through content controls and custom XML."""
    out: list[Element] = []
    for child in el:
        if child.tag == tag:
            out.append(child)
        elif child.tag in _BLOCK_WRAPPERS:
            out.extend(_children(child, tag))
    return out


def flatten_table(block: RawBlock) -> str:
    """A nested table as text: one line per row, cells separated by tabs."""
    rows: dict[int, list[str]] = {}
    for cell in block.table.cells if block.table else []:
        rows.setdefault(cell.row, []).append(cell.text)
    return "\n".join("\t".join(texts) for _, texts in sorted(rows.items()))


def _char(el: Element) -> str:
    """The text of a run item: w:t, w:tab, w:br (not a page break), w:sym, ..."""
    if el.tag == _T:
        return el.text or ""
    if el.tag != _SYM:
        return _CHARS[el.tag]
    try:
        return chr(int(el.get(w("char"), ""), 16))
    except (ValueError, OverflowError):
        return ""


class Pages:
    """Page estimate: explicit breaks, section breaks and Word's last-rendered page breaks."""

    def __init__(self, sections: list[Element]) -> None:
        self._sections = sections
        self.page, self.section = 1, 0
        self._fresh = True  # no text since the last counted break: a rendered break here repeats it
        self._row: int | None = None
        self._starts, self._page_section = {0: 1}, {1: 0}

    def text(self) -> None:
        self._fresh = False

    def explicit(self) -> None:
        self.page += 1
        self._fresh = True
        self._page_section[self.page] = self.section

    def rendered(self, row: int | None) -> None:
        if row is not None and row == self._row:
            return  # Word marks the break in every cell of the row that starts the page
        self._row = row
        if self._fresh:
            self._fresh = False
        else:
            self.explicit()
            self._fresh = False

    def end_section(self) -> None:
        self.section += 1
        following = self._sections[self.section] if self.section < len(self._sections) else None
        kind = attr(following.find(w("type"))) if following is not None else None
        if following is not None and (kind or "nextPage") in _BREAKING_SECTIONS:
            self.explicit()
        self._starts[self.section] = self.page

    def section_start(self, index: int) -> int:
        return self._starts.get(index, 1)

    def size(self, page: int) -> tuple[float | None, float | None]:
        while page > 1 and page not in self._page_section:
            page -= 1
        index = self._page_section.get(page, 0)
        size = self._sections[index].find(w("pgSz")) if index < len(self._sections) else None
        width, height = int_attr(size, name=w("w")), int_attr(size, name=w("h"))
        return (width / 20 if width else None, height / 20 if height else None)


class _Para:
    __slots__ = ("parts", "boxes", "page")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.boxes: list[Element] = []
        self.page: int | None = None


class Walker:
    """Turns one story (the body, a header, a footer) into raw blocks, in document order."""

    def __init__(self, styles: Styles, numberer: Numberer, pages: Pages | None) -> None:
        self.styles, self.numberer, self.pages = styles, numberer, pages
        self.skipped: set[str] = set()
        self._fields: list[list[str]] = []  # [instruction, "1" once separated]
        self._mute = False
        self._boxes = self._tables = 0
        self._row: int | None = None

    def blocks(self, root: Element) -> list[RawBlock]:
        out: list[RawBlock] = []
        self._container(root, out)
        return out

    @property
    def _page(self) -> int:
        return self.pages.page if self.pages else 1

    def _container(self, el: Element, out: list[RawBlock]) -> None:
        for child in el:
            tag = child.tag
            if tag == _P:
                self._paragraph(child, out)
            elif tag == _TBL:
                self._table(child, out)
            elif tag in _BLOCK_WRAPPERS:
                self._container(child, out)
            elif tag == _ALT and (branch := _branch(child)) is not None:
                self._container(branch, out)
            elif tag == w("altChunk"):
                self.skipped.add("altChunk (an embedded foreign document)")

    def _paragraph(self, p: Element, out: list[RawBlock]) -> None:
        ppr = p.find(_PPR)
        sid = attr(ppr.find(w("pStyle"))) if ppr is not None else None
        style = self.styles.get(sid)
        pbb = ppr.find(w("pageBreakBefore")) if ppr is not None else None
        if self.pages and not (self._boxes or self._tables) and (is_on(pbb) if pbb is not None else style.break_before):
            self.pages.explicit()
        para = _Para()
        self._inline(p, para)
        self._fields = [f for f in self._fields if f[1]]  # an instruction never spans paragraphs
        self._mute = self._muted()
        text = "".join(para.parts)
        mark_deleted = ppr is not None and ppr.find(f"{w('rPr')}/{w('del')}") is not None
        label = None if mark_deleted and not text.strip() else self._label(ppr, style, sid)
        if label is not None:
            text = label.text + label.suffix + text if text.strip() else ("" if label.bullet else label.text)
        if text.strip():
            out.append(RawBlock(kind=_kind(ppr, style, label), page=para.page or self._page, text=text,
                                heading_level=_heading(ppr, style), style=style.name))
        for box in para.boxes:
            self._boxes += 1
            self._container(box, out)
            self._boxes -= 1
        if ppr is not None and ppr.find(w("sectPr")) is not None and self.pages and not self._boxes:
            self.pages.end_section()

    def _label(self, ppr: Element | None, style: StyleInfo, sid: str | None) -> Label | None:
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        num_id = int_attr(num_pr.find(w("numId"))) if num_pr is not None else None
        ilvl = int_attr(num_pr.find(w("ilvl"))) if num_pr is not None else None
        if num_id is None:
            num_id = style.num_id
        if not num_id:
            return None
        return self.numberer.next_label(num_id, style.ilvl if ilvl is None else ilvl, style.num_style or sid)

    def _inline(self, el: Element, para: _Para) -> None:
        for child in el:
            tag = child.tag
            if tag == _R:
                rpr = child.find(w("rPr"))
                self._run(child, para, rpr is not None and is_on(rpr.find(w("vanish"))))
            elif tag in _INLINE_WRAPPERS:
                self._inline(child, para)
            elif tag == w("fldSimple"):
                if _field_name(child.get(w("instr"), "")) not in _PAGE_FIELDS:
                    self._inline(child, para)
            elif tag == _ALT and (branch := _branch(child)) is not None:
                self._inline(branch, para)
            elif tag in _MATH:
                self._add(para, "".join(t.text or "" for t in child.iter(f"{{{M_NS}}}t")))

    def _run(self, r: Element, para: _Para, hidden: bool) -> None:
        for child in r:
            tag = child.tag
            if tag == _LRPB or (tag == _BR and child.get(w("type")) == "page"):
                if self.pages and not self._boxes:
                    self.pages.rendered(self._row) if tag == _LRPB else self.pages.explicit()
            elif tag in _TEXT_TAGS:
                if not hidden:
                    self._add(para, _char(child))
            elif tag in (w("fldChar"), w("instrText")):
                self._field(child)
            elif tag in _GRAPHICS:
                _find_boxes(child, para.boxes)
            elif tag == _ALT and (branch := _branch(child)) is not None:
                self._run(branch, para, hidden)

    def _add(self, para: _Para, text: str) -> None:
        if not text or self._mute:
            return
        para.parts.append(text)
        if para.page is None:
            para.page = self._page
        if self.pages and not self._boxes:
            self.pages.text()

    def _field(self, el: Element) -> None:
        kind = el.get(w("fldCharType"))
        if el.tag == w("instrText"):
            if self._fields and not self._fields[-1][1]:
                self._fields[-1][0] += el.text or ""
        elif kind == "begin":
            self._fields.append(["", ""])
        elif kind == "separate" and self._fields:
            self._fields[-1][1] = "1"
        elif kind == "end" and self._fields:
            self._fields.pop()
        self._mute = self._muted()

    def _muted(self) -> bool:
        return any(not sep or _field_name(instr) in _PAGE_FIELDS for instr, sep in self._fields)

    def _table(self, tbl: Element, out: list[RawBlock]) -> None:
        saved_row = self._row
        cells: list[RawCell] = []
        above: dict[int, RawCell] = {}
        rows = _children(tbl, _TR)
        n_cols = 0
        self._tables += 1
        for r, tr in enumerate(rows):
            self._row = id(tr)
            tr_pr = tr.find(w("trPr"))
            col = min(int_attr(tr_pr.find(w("gridBefore")) if tr_pr is not None else None, 0) or 0, _MAX_SPAN)
            here: dict[int, RawCell] = {}
            for tc in _children(tr, _TC):
                col = self._cell(tc, r, col, above, here, cells)
            after = int_attr(tr_pr.find(w("gridAfter")) if tr_pr is not None else None, 0) or 0
            n_cols, above = max(n_cols, col + min(max(after, 0), _MAX_SPAN)), here
        self._tables -= 1
        self._row = saved_row
        if cells:
            tbl_pr = tbl.find(w("tblPr"))
            style = attr(tbl_pr.find(w("tblStyle"))) if tbl_pr is not None else None
            out.append(RawBlock(kind=BlockKind.TABLE, page=cells[0].page,
                                table=RawTable(n_rows=len(rows), n_cols=n_cols, cells=cells),
                                style=self.styles.name(style)))

    def _cell(self, tc: Element, r: int, col: int, above: dict[int, RawCell], here: dict[int, RawCell],
              cells: list[RawCell]) -> int:
        tc_pr = tc.find(w("tcPr"))
        span = min(max(int_attr(tc_pr.find(w("gridSpan")) if tc_pr is not None else None, 1) or 1, 1), _MAX_SPAN)
        v_merge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
        owner = above.get(col)
        if v_merge is not None and attr(v_merge) != "restart" and owner is not None and owner.col == col:
            owner.rowspan = r - owner.row + 1
            cell = owner
        else:
            blocks: list[RawBlock] = []
            self._container(tc, blocks)
            text = "\n".join(flatten_table(b) if b.table else b.text for b in blocks)
            cell = RawCell(row=r, col=col, text=text, colspan=span, page=blocks[0].page if blocks else self._page)
            cells.append(cell)
        for c in range(col, col + span):
            here[c] = cell
        return col + span


def _field_name(instr: str) -> str:
    words = instr.split()
    return words[0].upper() if words else ""


def _heading(ppr: Element | None, style: StyleInfo) -> int | None:
    outline = int_attr(ppr.find(w("outlineLvl"))) if ppr is not None else None
    if outline is None:
        return style.heading
    return outline + 1 if 0 <= outline < 9 else None


def _kind(ppr: Element | None, style: StyleInfo, label: Label | None) -> BlockKind:
    if style.title:
        return BlockKind.TITLE
    if _heading(ppr, style) is not None:
        return BlockKind.HEADING
    return BlockKind.LIST_ITEM if label is not None else BlockKind.PARAGRAPH


class DocxBackend:
    """Reads Office Open XML word-processing documents (.docx, .docm, .dotx)."""

    name: str = "docx-ooxml-1"
    formats: tuple[Format, ...] = (Format.DOCX,)

    def read(self, data: bytes, name: str, settings: IntakeSettings) -> RawDocument:
        """Extract blocks, furniture, pages and metadata from DOCX bytes."""
        try:
            return self._read(_Package(data, name), settings)
        except IntakeError:
            raise
        except RecursionError as exc:
            raise IntakeError("corrupt_file", name=name, reason="content nested too deeply") from exc
        except _BAD_INPUT as exc:
            raise IntakeError("corrupt_file", name=name, reason=f"{type(exc).__name__}: {exc}") from exc

    def _read(self, pkg: _Package, settings: IntakeSettings) -> RawDocument:
        main = next((p for t, p in pkg.rels("").values() if t == "officeDocument"), "word/document.xml")
        if not pkg.has(main):
            main = "word/document.xml"
        root = pkg.xml(main)
        body = root.find(w("body")) if root is not None else None
        if body is None:
            raise pkg.corrupt("no word/document.xml body" if root is None else f"{main} has no w:body")
        rels = pkg.rels(main)
        by_type = {t: p for t, p in rels.values()}
        styles = _styles(pkg, by_type.get("styles", "word/styles.xml"))
        numbering = Numbering(pkg.xml(by_type.get("numbering", "word/numbering.xml")), styles)
        old = {id(s) for change in body.iter(w("sectPrChange")) for s in change}
        sections = [s for s in body.iter(w("sectPr")) if id(s) not in old]
        pages = Pages(sections)
        walker = Walker(styles, Numberer(numbering), pages)
        blocks = walker.blocks(body)
        warnings = [Notice.make("docx_pages_estimated")]
        warnings += [Notice.make("docx_unsupported_part", reason=r) for r in sorted(walker.skipped)]
        furniture = _furniture(pkg, rels, sections, pages, styles, numbering)
        count = max(pages.page, _app_pages(pkg), *(b.page for b in blocks + furniture))
        if count > settings.max_pages:
            raise IntakeError("too_many_pages", name=pkg.name, pages=count, limit=settings.max_pages)
        raw_pages = [RawPage(n, *pages.size(n)) for n in range(1, count + 1)]
        metadata: dict[str, object] = {**_core(pkg), "page_count": count}
        return RawDocument(format=Format.DOCX, parser=self.name, pages=raw_pages, blocks=blocks,
                           furniture=furniture, warnings=warnings, metadata=metadata)


_STYLES: dict[bytes, Styles] = {}
_STYLES_KEPT = 32


def _styles(pkg: _Package, path: str) -> Styles:
    """The package's styles. Documents made from one template carry the same styles.xml (350 KB
    for Word's, a third of reading a typical DOCX): the styles read from it are kept, by a digest
    of its bytes, for the last few distinct ones (they are never changed once read)."""
    data = pkg.read(path)
    if data is None:
        return Styles(None)
    key = hashlib.blake2b(data, digest_size=16).digest()
    styles = _STYLES.get(key)
    if styles is None:
        styles = Styles(pkg.parse(path, data, UNREAD_STYLE_PARTS))
        if len(_STYLES) >= _STYLES_KEPT:
            _STYLES.pop(next(iter(_STYLES)))
        _STYLES[key] = styles
    return styles


def _furniture(pkg: _Package, rels: dict[str, tuple[str, str]], sections: list[Element],
               pages: Pages, styles: Styles, numbering: Numbering) -> list[RawBlock]:
    out: list[RawBlock] = []
    seen_parts: set[str] = set()
    seen_text: set[tuple[BlockKind, str]] = set()
    for index, sect in enumerate(sections):
        for ref in sect:
            kind = {w("headerReference"): BlockKind.HEADER, w("footerReference"): BlockKind.FOOTER}.get(ref.tag)
            target = rels.get(ref.get(f"{{{R_NS}}}id", ""))
            if kind is None or target is None or target[1] in seen_parts:
                continue
            seen_parts.add(target[1])
            root = pkg.xml(target[1])
            if root is None:
                continue
            parts = Walker(styles, Numberer(numbering), None).blocks(root)
            text = "\n".join(flatten_table(b) if b.table else b.text for b in parts).strip()
            if text and (kind, text) not in seen_text:
                seen_text.add((kind, text))
                out.append(RawBlock(kind=kind, page=pages.section_start(index), text=text))
    return out


def _app_pages(pkg: _Package) -> int:
    root = pkg.xml("docProps/app.xml")
    pages = next((el for el in root.iter() if el.tag.endswith("}Pages")), None) if root is not None else None
    try:
        return max(int((pages.text or "0").strip()), 0) if pages is not None else 0
    except ValueError:
        return 0


def _core(pkg: _Package) -> dict[str, object]:
    root = pkg.xml("docProps/core.xml")
    out: dict[str, object] = {}
    for el in root if root is not None else ():
        key = {"title": "title", "creator": "author", "created": "created"}.get(el.tag.rsplit("}", 1)[-1])
        if key and el.text and el.text.strip():
            out[key] = el.text.strip()
    return out

