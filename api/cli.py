"""The ``alliance-intake`` command line: the same library calls the HTTP API makes."""

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from api.screen.command import screen
from intake.bundle import BundleItem, expand_inputs
from models import Document, IntakeError, OutlineNode
from models.extraction import Extraction
from models.schema import write_schemas

EXIT_BAD_INPUT = 2


def _items(paths: tuple[str, ...]) -> list[BundleItem]:
    """Files, directories and ZIP bundles as the files to process (a ZIP's entries are files)."""
    return list(expand_inputs(paths))


def _outline_lines(nodes: list[OutlineNode], depth: int = 0) -> Iterator[str]:
    for node in nodes:
        title = f" {node.title}" if node.title else ""
        yield f"{'  ' * depth}{node.label}{title}  [p.{node.page} {node.start}-{node.end}]"
        yield from _outline_lines(node.children, depth + 1)


def _error_record(label: str, error: IntakeError) -> dict[str, object]:
    return {"file": label, "error": error.info().model_dump()}


def _parsed(items: list[BundleItem]) -> Iterator[tuple[str, Document | IntakeError]]:
    """Parse each item (legacy formats converted in one batch); a defect fails its file alone."""
    from api.pipeline import parse_safely
    from intake.backends.legacy import preconvert
    from intake.settings import default_settings

    readable = [(i.name, i.data) for i in items if i.data is not None]
    conversions = iter(preconvert(readable, default_settings()))
    for item in items:
        if item.data is None:
            yield item.label, item.error or IntakeError("file_not_found", name=item.label)
            continue
        try:
            yield item.label, parse_safely(item.data, item.name, converted=next(conversions))
        except IntakeError as error:
            yield item.label, error


def _emit_document(doc: Document, label: str, fmt: str) -> str:
    if fmt == "outline":
        head = f"# {label}  ({doc.format.value}, {doc.page_count} pages, {len(doc.text)} chars)"
        warnings = [f"! {w.code}: {w.message_zh} / {w.message_en}" for w in doc.warnings]
        return "\n".join([head, *warnings, *_outline_lines(doc.outline)])
    record = {"file": label, **doc.model_dump(mode="json")}
    return json.dumps(record, ensure_ascii=False, indent=2 if fmt == "json" else None)


@click.group()
@click.version_option(package_name="alliance-intake")
def main() -> None:
    """产业技术创新联盟文件审查工具 / Intake and clause checking for innovation-alliance documents."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "outline"]), default="outline",
              show_default=True, help="json: one document per JSON object; jsonl: one per line; outline: a tree")
def parse(paths: tuple[str, ...], fmt: str) -> None:
    """Parse files, directories or ZIP bundles into the normalized document model. 解析文件为统一文档模型。"""
    failures = 0
    collected: list[str] = []
    for label, result in _parsed(_items(paths)):
        if isinstance(result, Document):
            output = _emit_document(result, label, fmt)
        else:
            failures += 1
            click.echo(f"error [{result.code}] {label}: {result.message_zh} / {result.message_en}", err=True)
            if fmt == "outline":
                continue
            output = json.dumps(_error_record(label, result), ensure_ascii=False, indent=2 if fmt == "json" else None)
        if fmt == "json":
            collected.append(output)
        else:
            click.echo(output)
    if fmt == "json":
        click.echo(collected[0] if len(collected) == 1 else "[\n" + ",\n".join(collected) + "\n]")
    sys.exit(EXIT_BAD_INPUT if failures else 0)


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="directory to write the schema files to (default: print the Document schema)")
def schema(out_dir: str | None) -> None:
    """Export the JSON Schema of the shared models. 导出数据模型的 JSON Schema。"""
    if out_dir is None:
        click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
        return
    for written in write_schemas(Path(out_dir)):
        click.echo(str(written))


def _extraction_record(extraction: Extraction) -> dict[str, object]:
    record = extraction.model_dump(mode="json", exclude_none=False)
    if extraction.error is not None:
        return {"file": extraction.file, "error": record["error"]}
    return record


def _print_table(extractions: list[Extraction]) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    from models.clauses import HEADLINE_CLAUSES

    marks = {"present": "✔ 有", "weak": "~ 弱", "absent": "✘ 无"}
    short = {"ip_ownership": "知识产权归属", "benefit_distribution": "收益分配", "legal_rep_signature": "法定代表人签署",
             "task_division": "任务分工", "diffusion_obligation": "成果扩散"}
    table = RichTable(title="条款抽取 / clause extraction")
    for column in ["file", "kind", *[short.get(k, k) for k in HEADLINE_CLAUSES], "members", "core"]:
        table.add_column(column)
    for e in extractions:
        if e.error is not None:
            table.add_row(Path(e.file).name, f"error: {e.error.code}", *[""] * (len(HEADLINE_CLAUSES) + 2))
            continue
        status = {c.type: c.status.value for c in e.clauses}
        table.add_row(Path(e.file).name, e.kind.value if e.kind else "", *[marks[status[k]] for k in HEADLINE_CLAUSES],
                      str(len(e.members)), str(e.core_member_count or ""))
    Console(width=max(Console().width, 140)).print(table)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="date licences are checked against (default: today)")
def extract(paths: tuple[str, ...], fmt: str, as_of: object) -> None:
    """Extract clauses, members, signatures and licence fields. 抽取条款、成员、签署与执照信息。"""
    day = as_of.date() if hasattr(as_of, "date") else date.today()
    from api.pipeline import analyse_items

    extractions = [o.extraction for o in analyse_items(_items(paths), day)]
    if fmt == "table":
        _print_table(extractions)
    elif fmt == "jsonl":
        for e in extractions:
            click.echo(json.dumps(_extraction_record(e), ensure_ascii=False))
    else:
        records = [_extraction_record(e) for e in extractions]
        click.echo(json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=2))
    sys.exit(EXIT_BAD_INPUT if any(e.error for e in extractions) else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--jurisdiction", "-j", default="auto", show_default=True,
              help="rule-set id (gansu, heilongjiang, weinan, hunan, shuozhou, or your own), auto or all")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="check date for rule-set validity and licence expiry (default: today)")
@click.option("--format", "fmt", type=click.Choice(["json", "table", "html", "docx", "xlsx", "csv"]),
              default="table", show_default=True)
@click.option("--out", default=None, help="write the report to this file (required for docx and xlsx)")
@click.option("--checklists", "checklist_dirs", multiple=True, type=click.Path(file_okay=False, exists=True),
              help="extra directory of jurisdiction checklists (also ALLIANCE_CHECKLISTS_DIR)")
def check(paths: tuple[str, ...], jurisdiction: str, as_of: object, fmt: str, out: str | None,
          checklist_dirs: tuple[str, ...]) -> None:
    """Check one alliance's documents against a jurisdiction's checklist. 对照管理办法逐项检查。"""
    from api.check_command import run_check

    day = as_of.date() if hasattr(as_of, "date") else date.today()
    run_check(_items(paths), jurisdiction, day, fmt, out, checklist_dirs)


main.add_command(screen)


def _add_service_commands() -> None:
    from api.service.commands import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_service_commands()
