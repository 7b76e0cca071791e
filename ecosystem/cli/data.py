"""`ecosystem import`, `ecosystem load-demo` and `ecosystem templates`."""

from __future__ import annotations

from pathlib import Path

import click
from tqdm import tqdm

from ecosystem.cli.common import friendly_errors, open_ecosystem
from ecosystem.importers import ImportReport


def _print_report(report: ImportReport, rejects: Path | None) -> None:
    for issue in report.issues[:50]:
        click.echo(f"  {issue}", err=True)
    if len(report.issues) > 50:
        click.echo(f"  ... and {len(report.issues) - 50} more problems", err=True)
    if report.written:
        for line in report.summary_lines():
            click.echo(line)
    if rejects is not None and report.issues:
        report.write_rejects(rejects)
        click.echo(f"Rejected rows and their reasons: {rejects}", err=True)


def _progress() -> tuple[tqdm, object, object]:
    bar = tqdm(total=0, unit=" rows", disable=None, leave=False)

    def on_total(n: int) -> None:
        bar.total = n
        bar.refresh()

    return bar, bar.update, on_total


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--skip-invalid", is_flag=True,
              help="Import the valid rows and write the rejected ones, with reasons, to a file.")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="Where rejected rows go (default: PATH's name + .rejected.csv).")
@friendly_errors
def import_(path: Path, skip_invalid: bool, rejects: Path | None) -> None:
    """Import a folder of CSV files, an XLSX workbook (one sheet per entity) or a JSON file.

    Every row is checked first. By default an import with any invalid row writes nothing.
    """
    with open_ecosystem() as eco:
        for unfinished in eco.unfinished_imports():
            click.echo(f"Note: an import of {unfinished['source']} started "
                       f"{unfinished['started_at']:%Y-%m-%d %H:%M} did not finish; importing "
                       "the same data again completes it.", err=True)
        bar, on_rows, on_total = _progress()
        with bar:
            report = eco.import_path(path, skip_invalid=skip_invalid,
                                     on_rows=on_rows, on_total=on_total)  # type: ignore[arg-type]
        if report.issues:
            n = len(report.issues)
            click.echo(f"{path}: {n} problem{'s' * (n != 1)}:", err=True)
        default = path.with_name(path.name.rstrip("/") + ".rejected.csv")
        _print_report(report, (rejects or default) if skip_invalid else rejects)
        if not report.written:
            raise click.ClickException("Nothing was imported. Fix the rows above and run again.")


@click.command("load-demo")
@click.option("--seed", default=7, show_default=True, help="Seed for the generator.")
@friendly_errors
def load_demo(seed: int) -> None:
    """Replace the graph with the demo area, Northvale (fixtures/README.md lists its findings)."""
    with open_ecosystem() as eco:
        bar, on_rows, on_total = _progress()
        with bar:
            report = eco.load_demo(seed=seed, on_rows=on_rows, on_total=on_total)  # type: ignore[arg-type]
        _print_report(report, None)
        if not report.written:
            raise click.ClickException("The demo area did not load.")
        click.echo("Demo area loaded.")


@click.command("demo")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the demo area's CSV files into.")
@click.option("--seed", default=7, show_default=True)
def demo(out: Path, seed: int) -> None:
    """Write the demo area as import CSV files (a worked example of the templates)."""
    from ecosystem.demo.area import generate
    from ecosystem.importers.templates import write_csv_folder

    write_csv_folder(generate(seed=seed), out)
    click.echo(f"Demo area written to {out}")


@click.command("templates")
@click.option("--out", type=click.Path(path_type=Path), required=True,
              help="A folder for CSV templates, or a file name ending .xlsx for a workbook.")
def templates(out: Path) -> None:
    """Write blank import templates (CSV files or one Excel workbook) with header rows."""
    from ecosystem.importers.templates import write_blank

    write_blank(out)
    click.echo(f"Templates written to {out}")


@click.command("privacy-check")
@click.argument("people_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--column", default="person_ref", show_default=True)
@friendly_errors
def privacy_check(people_file: Path, column: str) -> None:
    """Check that no raw identifier from PEOPLE_FILE (a CSV) appears anywhere in the map."""
    import csv

    with open(people_file, newline="", encoding="utf-8-sig") as f:
        raw = [r[column].strip() for r in csv.DictReader(f) if r.get(column, "").strip()]
    with open_ecosystem() as eco:
        found = eco.find_text(raw)
    if found:
        raise click.ClickException(f"{len(found)} values in the map contain raw identifiers")
    click.echo(f"None of the {len(raw)} identifiers in {people_file.name} is in the map.")
