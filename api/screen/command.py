"""``alliance-intake screen``: bulk screening of many submissions into one workbook (resumable)."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from api.screen.engine_local import LocalEngine
    from api.screen.run import ScreenResult
    from api.screen.settings import ScreenSettings


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--jurisdiction", "-j", default="auto", show_default=True,
              help="rule-set id (gansu, heilongjiang, weinan, hunan, shuozhou, or your own), auto or all")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="the workbook to write (.xlsx)")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="worker processes (local) or Celery task slots (default: CPU count)")
@click.option("--engine", type=click.Choice(["local", "celery"]), default="local", show_default=True,
              help="local: worker processes here; celery: tasks on Celery workers ($ALLIANCE_BROKER_URL)")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="check date for rule-set validity and licence expiry (default: today)")
@click.option("--checklists", "checklist_dirs", multiple=True, type=click.Path(file_okay=False, exists=True),
              help="extra directory of jurisdiction checklists (also ALLIANCE_CHECKLISTS_DIR)")
def screen(inputs: tuple[str, ...], jurisdiction: str, out: str, workers: int | None, engine: str, as_of: object,
           checklist_dirs: tuple[str, ...]) -> None:
    """Screen many submissions (folders, ZIPs) into one workbook; resumable. 批量审查，生成汇总表。

    Each sub-folder or ZIP of a folder is one alliance's submission; loose files are grouped by the
    alliance name found in them. Progress is kept in OUT.state.sqlite: run the same command again
    after an interruption and it continues where it stopped.
    """
    from api.screen.settings import ScreenSettings

    settings = ScreenSettings()
    slots = workers or os.cpu_count() or 1
    local = None
    if engine == "local":  # spawn the workers first: they warm up while this process loads and walks
        from api.screen.engine_local import LocalEngine

        local = LocalEngine(slots, settings)
        local.start()
    try:
        result = _screen(inputs, jurisdiction, Path(out), slots, engine, as_of, checklist_dirs, settings, local)
    except KeyboardInterrupt:
        click.echo(f"\ninterrupted: finished files are kept in {Path(out).name}{settings.state_suffix}; "
                   "run the same command again to continue", err=True)
        sys.exit(130)
    finally:
        if local is not None:
            local.close()
    mean = "n/a" if result.mean_completeness is None else f"{result.mean_completeness:.1%}"
    rate = result.analysed / result.seconds if result.seconds else 0.0
    click.echo(f"screened {result.files} files ({result.analysed} analysed, {result.resumed} from state) in "
               f"{result.submissions} submissions: {result.failed} failed, mean completeness {mean}; "
               f"{result.seconds:.1f} s ({rate:.1f} files/s) -> {result.workbook}")
    sys.exit(2 if result.failed else 0)


def _screen(inputs: tuple[str, ...], jurisdiction: str, out: Path, slots: int, engine: str, as_of: object,
            checklist_dirs: tuple[str, ...], settings: ScreenSettings, local: LocalEngine | None) -> ScreenResult:
    from api.screen.run import run_screen
    from checklists.loader import ChecklistError, load_rule_sets

    day = as_of.date() if hasattr(as_of, "date") else date.today()
    try:
        rule_sets = load_rule_sets([Path(d) for d in checklist_dirs] or None)
    except ChecklistError as exc:
        raise click.ClickException(str(exc)) from exc
    if jurisdiction not in ("auto", "all") and jurisdiction not in rule_sets:
        raise click.BadParameter(f"unknown jurisdiction {jurisdiction!r}; known: {', '.join(sorted(rule_sets))}",
                                 param_hint="--jurisdiction")
    if local is None:
        from api.screen.engine_celery import CeleryEngine

        return run_screen(list(inputs), out, jurisdiction, day, CeleryEngine(slots, settings).run, rule_sets,
                          settings, show_progress=sys.stdout.isatty())
    return run_screen(list(inputs), out, jurisdiction, day, local, rule_sets, settings,
                      show_progress=sys.stdout.isatty())
