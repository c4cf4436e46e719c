"""Bulk screening: walk folders and archives, group files into submissions, analyse them in parallel
(resumably), check each submission and write one workbook. ``command.py`` is the CLI entry."""
