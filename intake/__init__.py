"""File type detection, parsing, normalization and structure: bytes in, ``models.Document`` out."""

from intake.ingest import parse_bytes, parse_path

__all__ = ["parse_bytes", "parse_path"]
