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
def _start_tags(prefix: str, names: tuple[str, ...]) -> re.Pattern[bytes]:
    """The start tags of ``prefix:name`` elements, attributes included (group 1: the name, 2: "/")."""
    alternatives = b"|".join(re.escape(n.encode()) for n in names)
    return re.compile(b"<" + re.escape(prefix.encode()) + b":(" + alternatives + b")" + _ATTRS)


def prune(data: bytes, prefix: str, names: tuple[str, ...]) -> bytes | None:
    """``data`` without the ``prefix:name`` elements (``names``), or None: parse it whole."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    declaration = _DECLARATION.match(body)
    if declaration is not None:
        encoding = _ENCODING.search(declaration.group(0))
        if encoding is not None and encoding.group(1).lower() not in _PLAIN:
            return None
    rest = declaration.end() if declaration is not None else 0
    if b"<!" in body or body.find(b"<?", rest) >= 0:
        return None
    parts: list[bytes] = []
    pos, search = 0, _start_tags(prefix, names).search
    close_prefix = b"</" + prefix.encode() + b":"
    while (match := search(data, pos)) is not None:
        end = match.end()
        if not match.group(2):  # not self-closing: up to the first end tag of that name
            close = close_prefix + match.group(1)
            while True:
                found = data.find(close, end)
                if found < 0:
                    return None
                after = data[found + len(close):found + len(close) + 1]
                if after == b">":
                    end = found + len(close) + 1
                    break
                if after.isspace() or not after:
                    return None  # an end tag with spaces: too unusual to cut safely
                end = found + len(close)  # a longer name (rPrChange): go on
        parts.append(data[pos:match.start()])
        pos = end
    if not parts:
        return data
    parts.append(data[pos:])
    return b"".join(parts)
