"""Cut elements a reader never looks at out of an XML part before it is parsed.

``styles.xml`` of the common templates is mostly table-style formatting (``w:tblStylePr``,
``w:tblPr``, ``w:rPr``, ...) and latent styles: 350 KB of which ``Styles`` reads a few KB. Building
the tree of all of it is the dearest step of reading such a DOCX, so those elements are cut out of
the bytes first. The cut is exact for well-formed XML: each element removed runs from its start tag
to the first matching end tag, so it is either the whole element (nothing outside it changes) or the
rest no longer parses and the caller parses the full bytes. Anything unusual (comments, CDATA,
processing instructions, an encoding other than UTF-8/ASCII, an end tag with spaces) gives ``None``:
parse the full bytes. (Bad XML inside a cut element is no longer seen: such a part is read, not refused.)
"""

import re
from functools import cache

_DECLARATION = re.compile(rb"""^<\?xml[^>]*?\?>""")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_PLAIN = {b"utf-8", b"utf8", b"us-ascii", b"ascii"}
_ATTRS = rb"""(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>"""


@cache
def _patterns(prefix: str, names: tuple[str, ...]) -> tuple[re.Pattern[bytes], re.Pattern[bytes], dict[bytes, bytes]]:
    """Start tags of ``prefix:name`` elements with their attributes (group 1: the name, 2: "/" when
    self-closing), end tags holding white space, and each name's end tag."""
    alternatives = b"|".join(re.escape(n.encode()) for n in names)
    tag = b"<" + re.escape(prefix.encode()) + b":(" + alternatives + b")"
    spaced_end = re.compile(b"</" + re.escape(prefix.encode()) + b":(?:" + alternatives + rb")\s")
    ends = {n.encode(): f"</{prefix}:{n}>".encode() for n in names}
    return re.compile(tag + _ATTRS), spaced_end, ends


def prune(data: bytes, prefix: str, names: tuple[str, ...]) -> bytes | None:
    """``data`` without the ``prefix:name`` elements (``names``), or None: parse it whole."""
    starts, spaced_end, ends = _patterns(prefix, names)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    declaration = _DECLARATION.match(body)
    if declaration is not None:
        encoding = _ENCODING.search(declaration.group(0))
        if encoding is not None and encoding.group(1).lower() not in _PLAIN:
            return None
    rest = declaration.end() if declaration is not None else 0
    if b"<!" in body or body.find(b"<?", rest) >= 0 or spaced_end.search(data):
        return None  # what could hide a tag, or an end tag the search below would not see
    parts: list[bytes] = []
    pos, search, find = 0, starts.search, data.find
    while (match := search(data, pos)) is not None:
        end = match.end()
        if not match.group(2):  # not self-closing: up to the first end tag of that name
            close = ends[match.group(1)]
            found = find(close, end)
            if found < 0:
                return None
            end = found + len(close)
        parts.append(data[pos:match.start()])
        pos = end
    if not parts:
        return data
    parts.append(data[pos:])
    return b"".join(parts)
