"""``alliance-intake check``: parse, extract and check one alliance's submission."""

import sys
from datetime import date
from pathlib import Path

import click

from api.pipeline import FileOutcome
from intake.bundle import BundleItem
from models.report import GapReport, MatrixReport

FORMATS = ["json", "table", "html", "docx", "xlsx", "csv"]
BINARY = {"docx", "xlsx"}


def _analyse(items: list[BundleItem], as_of: date) -> list[FileOutcome]:
    from api.pipeline import analyse_items

    outcomes = analyse_items(items, as_of)
    for outcome in outcomes:
        if outcome.extraction.error is not None:
            error = outcome.extraction.error
            click.echo(f"error [{error.code}] {outcome.name}: {error.message_zh} / {error.message_en}", err=True)
    return outcomes


def _render_text(report: GapReport | MatrixReport, fmt: str, texts: dict[str, str]) -> str:
    """A text format; each renderer is imported only when asked for (openpyxl pulls in numpy: ~0.3 s)."""
    if fmt == "table":
        from checklists.render import terminal

        return terminal.render_text(report)
    if fmt == "json":
        from checklists.render import json as json_render

        return json_render.to_json(report)
    if fmt == "html":
        from checklists.render import html as html_render

        return html_render.render_html(report, texts)
    from checklists.render import csv as csv_render

    return csv_render.csv_text([report])


def _write(report: object, fmt: str, out: str | None, texts: dict[str, str]) -> None:
    assert isinstance(report, GapReport | MatrixReport)
    if fmt in BINARY and out is None:
        raise click.UsageError(f"--format {fmt} writes a file: give --out FILE")
    if fmt == "docx":
        from checklists.render import docx as docx_render

        docx_render.write_docx(report, str(out))
        return
    if fmt == "xlsx":
        from checklists.render import xlsx

        xlsx.write_xlsx([report], str(out))
        return
    text = _render_text(report, fmt, texts)
    if out is None:
        click.echo(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


def run_check(items: list[BundleItem], jurisdiction: str, as_of: date, fmt: str, out: str | None,
              checklist_dirs: tuple[str, ...]) -> None:
    """Check the files of one submission and write the report; exit 2 when a file failed."""
    from api.pipeline import check_outcomes, texts_of
    from checklists.loader import ChecklistError, load_rule_sets

    try:
        rule_sets = load_rule_sets([Path(d) for d in checklist_dirs] or None)
    except ChecklistError as exc:
        raise click.ClickException(str(exc)) from exc
    outcomes = _analyse(items, as_of)
    try:
        report = check_outcomes(outcomes, jurisdiction, as_of, rule_sets=rule_sets)
    except KeyError as exc:
        raise click.BadParameter(str(exc.args[0]), param_hint="--jurisdiction") from exc
    _write(report, fmt, out, texts_of(outcomes))
    sys.exit(2 if any(o.failed for o in outcomes) else 0)
