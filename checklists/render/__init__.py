"""Renderings of the gap report: JSON (the contract), terminal, HTML, DOCX (审查意见书), XLSX and CSV.

Each module takes a :class:`models.report.GapReport` (most also a :class:`MatrixReport`, and the
tabular ones a list of reports for bulk screening) and writes or returns one rendering.
"""
