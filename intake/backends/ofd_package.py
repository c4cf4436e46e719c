"""The OFD package (GB/T 33190): OFD.xml → DocRoot (Document.xml) → pages, templates, page size.

An OFD file is a ZIP of XML. Parts are read through ``SafeZip`` (entry count, size and ratio
limits) and parsed with defusedxml: a DOCTYPE, an entity or an external reference refuses the
whole file (``archive_unsafe``).
"""

import posixpath
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml.ElementTree import fromstring as safe_fromstring

from intake.safe_zip import SafeZip
from intake.settings import IntakeSettings
from models import IntakeError
from models.data_files import load_yaml

_DATA = Path(__file__).resolve().parents[1] / "data" / "ofd.yaml"
MM_TO_PT = 72 / 25.4


@cache
def ofd_params() -> dict[str, Any]:
    """The OFD reading parameters (``intake/data/ofd.yaml``), loaded once."""
    data: dict[str, Any] = load_yaml(_DATA)
    return data


def local(tag: object) -> str:
    """An element's tag without its namespace (OFD files use the ofd: namespace, or none)."""
    return str(tag).rsplit("}", 1)[-1]


def children(el: Element, name: str) -> list[Element]:
    return [c for c in el if local(c.tag) == name]


def child(el: Element | None, *path: str) -> Element | None:
    for name in path:
        if el is None:
            return None
        el = next((c for c in el if local(c.tag) == name), None)
    return el


def numbers(text: str | None) -> list[float]:
    """Space-separated numbers; anything unparsable is skipped."""
    out: list[float] = []
    for token in (text or "").split():
        try:
            out.append(float(token))
        except ValueError:
            continue
    return out


def box(text: str | None) -> tuple[float, float, float, float] | None:
    """An OFD box ``x y w h`` (mm), or None when malformed."""
    values = numbers(text)
    return (values[0], values[1], values[2], values[3]) if len(values) == 4 else None


@dataclass
class Pages:
    """The document's pages (content part paths, in order), template parts by ID, default size (mm)."""

    contents: list[str]
    templates: dict[str, str] = field(default_factory=dict)
    default_size: tuple[float, float] = (210.0, 297.0)


class OfdPackage:
    """Navigates one OFD file's parts."""

    def __init__(self, data: bytes, name: str, settings: IntakeSettings) -> None:
        self.name = name
        self.zip = SafeZip(data, name, settings)

    def xml(self, path: str) -> Element | None:
        info = self.zip.find(path)
        if info is None:
            return None
        data = self.zip.read(info)
        try:
            root: Element = safe_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
        except defusedxml.DefusedXmlException as exc:
            raise IntakeError("archive_unsafe", name=self.name,
                              reason=f"{path} declares a DOCTYPE/ENTITY ({type(exc).__name__})") from exc
        except ParseError as exc:
            raise IntakeError("corrupt_file", name=self.name, reason=f"bad XML in {path}: {exc}") from exc
        return root

    def corrupt(self, reason: str) -> IntakeError:
        return IntakeError("corrupt_file", name=self.name, reason=reason)

    def document(self) -> tuple[str, Element]:
        """The path and root of the first document's Document.xml."""
        root = self.xml("OFD.xml")
        if root is None:
            raise self.corrupt("no OFD.xml")
        doc_root = child(root, "DocBody", "DocRoot")
        path = (doc_root.text or "").strip() if doc_root is not None else ""
        if not path:
            raise self.corrupt("OFD.xml names no DocRoot")
        document = self.xml(path)
        if document is None:
            raise self.corrupt(f"DocRoot {path} is missing")
        return _resolve("", path), document

    def title(self) -> str | None:
        root = self.xml("OFD.xml")
        title = child(root, "DocBody", "DocInfo", "Title")
        return (title.text or "").strip() or None if title is not None else None


def _resolve(base_file: str, loc: str) -> str:
    """A part location: absolute from the package root, else relative to ``base_file``'s folder."""
    loc = loc.strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_file), loc))


def _size(area: Element | None) -> tuple[float, float] | None:
    element = child(area, "PhysicalBox")
    physical = box(element.text if element is not None else None)
    return (physical[2], physical[3]) if physical and physical[2] > 0 and physical[3] > 0 else None


def page_size(page: Element) -> tuple[float, float] | None:
    """A page's own size (mm) from its Area/PhysicalBox, if it has one."""
    return _size(child(page, "Area"))


def pages_of(doc_path: str, document: Element) -> Pages:
    """Where the document's pages and templates are, and its default page size."""
    common = child(document, "CommonData")
    default = _size(child(common, "PageArea"))
    if default is None:
        width, height = ofd_params()["default_page_mm"]
        default = (float(width), float(height))
    templates = {t.get("ID", ""): _resolve(doc_path, t.get("BaseLoc", ""))
                 for t in (children(common, "TemplatePage") if common is not None else []) if t.get("BaseLoc")}
    pages = child(document, "Pages")
    contents = [_resolve(doc_path, p.get("BaseLoc", "")) for p in (children(pages, "Page") if pages is not None else [])
                if p.get("BaseLoc")]
    return Pages(contents, templates, default)
