"""The input formats the service recognises (detected from content, never from the name)."""

from enum import StrEnum


class Format(StrEnum):
    """A detected file format."""

    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"
    DOC = "doc"
    WPS = "wps"
    RTF = "rtf"
    ODT = "odt"
    OFD = "ofd"
    ZIP = "zip"
    PNG = "png"
    JPEG = "jpeg"
    TIFF = "tiff"
    BMP = "bmp"
    WEBP = "webp"
    XLSX = "xlsx"
    PPTX = "pptx"
    OLE = "ole"
    UNKNOWN = "unknown"
