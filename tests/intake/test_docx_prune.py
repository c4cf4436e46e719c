"""Cutting unread elements out of styles.xml before parsing: the same styles, or the full parse."""

import io
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element, XMLParser

import docx
import pytest

from intake.backends.docx_numbering import UNREAD_STYLE_PARTS, Styles
from intake.backends.docx_prune import prune
from tests.corpus import CORPUS

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def parse(data: bytes) -> Element:
    parser = XMLParser()
    parser.feed(data)
    return parser.close()


def resolved(root: Element) -> dict[str | None, tuple[object, ...]]:
    styles = Styles(root)
    ids = [el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}styleId")
           for el in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}style")]
    return {sid: (styles.get(sid), styles.name(sid), styles.num_id(sid) if sid else None,
                  styles.default_paragraph) for sid in [None, "missing", *ids]}


def cut(data: bytes) -> bytes | None:
    return prune(data, "w", UNREAD_STYLE_PARTS)


def same_styles(data: bytes) -> None:
    pruned = cut(data)
    assert pruned is not None and len(pruned) < len(data)
    assert resolved(parse(pruned)) == resolved(parse(data))


def template_styles() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return zipfile.ZipFile(out).read("word/styles.xml")


def test_python_docx_template_keeps_every_style() -> None:
    data = template_styles()
    same_styles(data)
    assert len(cut(data) or b"") < len(data) / 4


def test_corpus_styles_keep_every_style() -> None:
    files = sorted(Path(CORPUS / "docs").glob("*.docx"))
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    for path in files:
        same_styles(zipfile.ZipFile(path).read("word/styles.xml"))


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:latentStyles w:count="2"><w:lsdException w:name="Normal"/><w:lsdException w:name="heading 1"/></w:latentStyles>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
 <w:pPr><w:rPr><w:b/></w:rPr><w:pageBreakBefore/></w:pPr><w:rPr a='x>y'><w:rPrChange w:id="1"><w:rPr/></w:rPrChange></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
 <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr/></w:style>
<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:basedOn w:val="H1"/>
 <w:pPr><w:outlineLvl w:val="4"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single"/></w:tblBorders></w:tblPr>
 <w:tblStylePr w:type="firstRow"><w:pPr><w:outlineLvl w:val="7"/></w:pPr><w:rPr><w:b/></w:rPr></w:tblStylePr>
 <w:tblStylePr w:type="lastRow"/></w:style></w:styles>""".encode()


def test_hand_written_styles_keep_every_style() -> None:
    same_styles(STYLES)
    pruned = cut(STYLES) or b""
    for name in UNREAD_STYLE_PARTS:
        assert f"<w:{name}".encode() not in pruned.replace(b"<w:rPrChange", b"")
    assert b"<w:rPrChange" not in pruned  # went with the rPr it sits in


@pytest.mark.parametrize("data", [
    STYLES.replace(b"<w:styles", b"<!-- <w:rPr> --><w:styles"),  # comments, CDATA: could hide tags
    STYLES.replace(b"<w:latentStyles", b"<?pi <w:rPr>?><w:latentStyles"),
    STYLES.replace(b'encoding="UTF-8"', b'encoding="GBK"'),
    STYLES.replace(b"</w:tblPr>", b"</w:tblPr >"),  # an end tag with spaces
    STYLES.replace(b"</w:tblPr>", b""),  # an element to cut never closed
])
def test_unusual_bytes_are_parsed_whole(data: bytes) -> None:
    assert cut(data) is None


def test_a_cut_that_is_not_a_whole_element_does_not_parse() -> None:
    nested = STYLES.replace(b"<w:tblPr>", b"<w:tblPr><w:tblPr>", 1).replace(b"</w:tblPr>", b"</w:tblPr></w:tblPr>", 1)
    parse(nested)  # well-formed, but the cut ends at the inner end tag ...
    with pytest.raises(SyntaxError):
        parse(cut(nested) or b"")  # ... so the rest no longer parses and the reader parses the full bytes
    with pytest.raises(SyntaxError):
        parse(cut(STYLES.replace(b"</w:styles>", b"")) or b"")  # bad XML stays bad


def test_nothing_to_cut_returns_the_same_bytes() -> None:
    data = f'<w:styles {W}><w:style w:styleId="a"><w:name w:val="A"/></w:style></w:styles>'.encode()
    assert cut(data) is data


def test_reader_falls_back_to_the_full_parse() -> None:
    from intake.backends.docx import DocxBackend
    from intake.settings import IntakeSettings

    def read(styles: bytes) -> list[tuple[object, ...]]:
        document = docx.Document()
        document.add_paragraph("第一条　总则", style="Heading 1")
        out, source = io.BytesIO(), io.BytesIO()
        document.save(source)
        with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
            for info in src.infolist():
                dst.writestr(info, styles if info.filename == "word/styles.xml" else src.read(info))
        raw = DocxBackend().read(out.getvalue(), "x.docx", IntakeSettings())
        return [(b.kind, b.text, b.heading_level, b.style) for b in raw.blocks]

    data = template_styles()
    nested = data.replace(b"<w:tblPr>", b"<w:tblPr><w:tblPr>", 1).replace(b"</w:tblPr>", b"</w:tblPr></w:tblPr>", 1)
    assert read(nested) == read(data) == read(data.replace(b"<w:styles", b"<!-- x --><w:styles"))
    assert read(data)[0][2] == 1
