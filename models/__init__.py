"""Data models shared by every layer. This package imports nothing else from the project."""

from models.document import (
    BBox,
    Block,
    BlockKind,
    Document,
    Line,
    Mark,
    MarkKind,
    OutlineNode,
    Page,
    PageStatus,
    Table,
    TableCell,
)
from models.errors import IntakeError, Notice
from models.formats import Format
from models.span import Span

__all__ = [
    "BBox",
    "Block",
    "BlockKind",
    "Document",
    "Format",
    "IntakeError",
    "Line",
    "Mark",
    "MarkKind",
    "Notice",
    "OutlineNode",
    "Page",
    "PageStatus",
    "Span",
    "Table",
    "TableCell",
]
