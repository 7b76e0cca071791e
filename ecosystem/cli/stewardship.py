"""`ecosystem stewardship`: keeping the map true (docs/stewardship.md)."""

from __future__ import annotations

import click

from ecosystem.cli.common import friendly_errors, open_ecosystem
from ecosystem.stewardship.reminders import MailError


@click.group()
def stewardship() -> None:
    """Keep the map true: stale entries and reminders (docs/stewardship.md)."""


@stewardship.command("remind")
@friendly_errors
def remind() -> None:
    """Email the provider editors of entries that have turned stale, with a link to each
    (and the admins, if still stale a month later). Each reminder goes once; run it daily
    from cron, e.g. `0 7 * * * ecosystem stewardship remind`.

    Needs ECOSYSTEM_SMTP_HOST and ECOSYSTEM_SMTP_FROM (and ECOSYSTEM_PUBLIC_URL for full
    links); without them nothing is sent, and the worklist (/stewardship) is the reminder.
    Every reminder sent is audited as `reminder.sent`.
    """
    with open_ecosystem() as eco:
        try:
            result = eco.send_reminders()
        except MailError as e:
            raise click.ClickException(str(e)) from None
    if not result.configured:
        click.echo("No mail server is set (ECOSYSTEM_SMTP_HOST and ECOSYSTEM_SMTP_FROM): no "
                   f"reminders sent. {result.stale} stale entries are on the worklist "
                   "(/stewardship).")
        return
    click.echo(f"{result.stale} stale entries; {len(result.sent)} reminders sent.")
    for r in result.sent:
        click.echo(f"  {r.entry.id}: {r.stage} reminder to "
                   f"{', '.join(x.username for x in r.to)}")
    for r in result.noted:
        who = "provider editor" if r.stage == "stale" else "admin"
        click.echo(f"  {r.entry.id}: no {who} with an email address to remind "
                   "(add one with `ecosystem users`)")
