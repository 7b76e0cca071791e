"""`ecosystem import-oruk` and `ecosystem export-oruk`: Open Referral UK feeds (docs/oruk.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ecosystem.cli.common import friendly_errors, open_ecosystem


class Source(click.ParamType):
    """A feed's file or folder (which must exist), or an ORUK API's http(s) address."""

    name = "PATH_OR_URL"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None
                ) -> Path | str:
        from ecosystem.oruk.fetch import is_url

        if is_url(value):
            return value
        path = Path(value)
        if not path.exists():
            self.fail(f"{value!r}: no such file or folder (and not an http(s):// address)",
                      param, ctx)
        return path


class Since(click.ParamType):
    name = "WHEN|last"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None
                ) -> dt.datetime | str:
        if value == "last":
            return value
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            self.fail(f"{value!r}: a date (2026-11-30), a date and time "
                      "(2026-11-30T06:00:00Z), or last", param, ctx)


@click.command("import-oruk")
@click.argument("path", type=Source())
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Taxonomy mapping CSV (default: the shipped one; see docs/oruk.md).")
@click.option("--area", help="Area id (already in the map) for services whose service_areas "
              "name no area of the map.")
@click.option("--confirm-funders", is_flag=True,
              help="Make each free-text funding source a commissioner.")
@click.option("--funders", "funders_file",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV mapping funding text (source) to a commissioner_id (+ name, kind; "
              "annual_value and start_date, end_date make it a contract).")
@click.option("--unmapped-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the unmapped taxonomy terms as mapping rows to finish by hand.")
@click.option("--feed", "feed_name",
              help="Name of this feed (default: the file or folder name); services gone from "
              "it are marked on re-import.")
@click.option("--provider", help="Provider (an id in the map, or a name) of services that "
              "name no organization.")
@click.option("--skip-invalid", is_flag=True,
              help="Import the valid records and write the rejected ones, with reasons, to a "
              "file.")
@click.option("--since", type=Since(),
              help="Only services modified since then (a date, a date and time in UTC, or "
              "'last' for the feed's last good run); marks none as gone. For an API, passed "
              "as modified_after.")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="Where rejected records go (default: PATH's name + .rejected.csv).")
@friendly_errors
def import_oruk(path: Path, mapping: Path | None, area: str | None, confirm_funders: bool,
                funders_file: Path | None, unmapped_out: Path | None, feed_name: str | None,
                provider: str | None, skip_invalid: bool, since: dt.datetime | str | None,
                rejects: Path | None) -> None:
    """Import an ORUK / HSDS 3.0 feed: an API's address (https://host/path/, whose /services
    is paged through), JSON (service, organization, page or list), a folder of saved
    /services pages, or a folder of HSDS CSV files. Every record is checked first; with any
    problem nothing is written."""
    with open_ecosystem() as eco:
        result = eco.import_oruk(path, mapping=mapping, confirm_funders=confirm_funders,
                                 funders_file=funders_file, area=area, feed_name=feed_name,
                                 provider=provider, skip_invalid=skip_invalid, since=since)
    report = result.report
    if skip_invalid and report.issues:
        if isinstance(path, Path):
            out = rejects or path.with_name(path.name.rstrip("/") + ".rejected.csv")
        else:
            out = rejects or Path(f"{result.feed_name}.rejected.csv")
        report.write_rejects(out)
        click.echo(f"Rejected records and their reasons: {out}", err=True)
    if report.issues:
        n = len(report.issues)
        click.echo(f"{path}: {n} problem{'s' * (n != 1)}:", err=True)
        for issue in report.issues[:50]:
            click.echo(f"  {issue}", err=True)
        if n > 50:
            click.echo(f"  ... and {n - 50} more problems", err=True)
    if result.unmapped:
        click.echo(f"{len(result.unmapped)} taxonomy term(s) not in the mapping:", err=True)
        for taxonomy, term_id, name, services in result.unmapped[:30]:
            where = f" ({taxonomy})" if taxonomy else ""
            click.echo(f"  {name or term_id}{where}: {len(services)} service(s)", err=True)
        if unmapped_out is not None:
            result.write_unmapped(unmapped_out)
            click.echo(f"Unmapped terms written to {unmapped_out}: fill in domains, types or "
                       "sources and pass it (with the rest of the mapping) as --mapping.",
                       err=True)
    if result.unconfirmed_funders:
        click.echo("Unconfirmed funders (not imported; use --confirm-funders or --funders):",
                   err=True)
        for text, services in result.unconfirmed_funders.items():
            click.echo(f"  {text!r}: {len(services)} service(s)", err=True)
    conv = result.conversion
    if conv.fallback_sources or conv.fallback_sectors:
        click.echo(f"Mapping fallback used: source of support for {len(conv.fallback_sources)} "
                   f"service(s), sector for {len(conv.fallback_sectors)} organisation(s).",
                   err=True)
    if result.since is not None and not result.feed.services and not report.issues:
        click.echo(f"No service modified since {result.since.isoformat()}: nothing to import.")
        click.echo(f"Feed name: {result.feed_name}.")
        return
    if not report.written:
        raise click.ClickException("Nothing was imported. Fix the problems above and run again.")
    for line in report.summary_lines():
        click.echo(line)
    click.echo(f"Feed name: {result.feed_name} (give the same --feed to re-import it).")
    if result.removed:
        click.echo(f"{len(result.removed)} service(s) no longer in the feed: marked "
                   "in_feed=false (not deleted).")
    elif result.since is not None:
        click.echo(f"Services modified since {result.since.isoformat()} only: nothing marked "
                   "as removed.")
    elif not result.feed.complete or report.issues:
        click.echo("Partial feed (one page, a single service, pages that do not say how many "
                   "there are, or records skipped): nothing marked as removed.")


@click.command("export-oruk")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@friendly_errors
def export_oruk(out: Path | None) -> None:
    """Write our services as an ORUK page of service_full records (JSON), each checked
    against the published schema first: an invalid value is left out, with a warning."""
    from ecosystem.oruk.export import to_json

    with open_ecosystem() as eco:
        published = eco.export_oruk()
    for warning in published.warnings:
        click.echo(f"Warning: {warning}", err=True)
    text = to_json(published.page)
    if out is None:
        click.echo(text, nl=False)
    else:
        part = out.with_name(out.name + ".part")  # a whole file or none, never half of one
        part.write_text(text, encoding="utf-8")
        part.replace(out)
        click.echo(f"Services written to {out}", err=True)
