"""`ecosystem users ...` (add, list, disable, enable, set-role, set-password, set-email,
set-providers), `ecosystem audit` and `ecosystem clear-people` (the first step of rotating
the pseudonymisation key).

The first admin is made here (`ecosystem users add NAME --role admin`): there is no default
user or password. Every change is audited as `cli:<os user>`.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ecosystem.accounts import audit as audit_log
from ecosystem.accounts import users as users_mod
from ecosystem.cli.common import friendly_errors, open_ecosystem

ROLE = click.Choice(users_mod.ROLES)
F = TypeVar("F", bound=Callable[..., Any])


def _password(username: str, from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
    else:
        password = click.prompt(f"Password for {username}", hide_input=True,
                                confirmation_prompt=True)
    try:
        users_mod.check_password(password, username)
    except users_mod.UserError as e:
        raise click.ClickException(str(e)) from None
    return password


def _user_errors(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except users_mod.UserError as e:
            raise click.ClickException(str(e)) from None

    return wrapper  # type: ignore[return-value]


@click.group("users")
def users() -> None:
    """Manage who can sign in to the web pages, and their roles.

    Roles: admin (everything), analyst and commissioner (aggregates, no person-level data),
    key_worker (person-level data for their own caseload, and aggregates), viewer (the
    directory and map only), provider_editor (the directory, and proposing changes to the
    entries of the providers they are tied to). docs/security.md has the details.
    """


@users.command("add")
@click.argument("username")
@click.option("--role", type=ROLE, required=True)
@click.option("--email", help="Where reminders to this user are sent.")
@click.option("--provider", "providers", multiple=True, metavar="PROVIDER_ID",
              help="For a provider editor: a provider whose entries they keep (repeat it "
                   "for several).")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input (for scripts).")
@friendly_errors
@_user_errors
def add(username: str, role: str, email: str | None, providers: tuple[str, ...],
        password_stdin: bool) -> None:
    """Add a user (the password is asked for twice, never given as an argument)."""
    name = users_mod.check_username(username)
    users_mod.check_email(email)
    password = _password(name, password_stdin)
    with open_ecosystem() as eco:
        eco.init()  # the user_name constraint must exist before the first user
        user = eco.create_user(name, role, password, email=email, providers=providers)
    click.echo(f"Added {user.username} ({user.role}).")


@users.command("first-admin")
@click.argument("username", required=False)
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input.")
@friendly_errors
@_user_errors
def first_admin(username: str | None, password_stdin: bool) -> None:
    """Make the first admin if there is no enabled admin yet; otherwise do nothing.

    For `make run`: asks for a username and a password (twice) the first time only.
    """
    with open_ecosystem() as eco:
        eco.init()
        admins = [u.username for u in eco.list_users()
                  if u.role == users_mod.ADMIN and not u.disabled]
        if admins:
            click.echo(f"Admins who can sign in: {', '.join(admins)}.")
            return
        click.echo("There is no admin yet: make one to sign in to the web pages.")
        name = users_mod.check_username(username or click.prompt("Username"))
        password = _password(name, password_stdin)
        eco.create_user(name, users_mod.ADMIN, password)
    click.echo(f"Added {name} (admin).")


@users.command("list")
@friendly_errors
def list_() -> None:
    """List the users, their roles and whether they are disabled."""
    with open_ecosystem() as eco:
        rows = eco.list_users()
    if not rows:
        click.echo("No users yet. Add the first admin with "
                   "`ecosystem users add NAME --role admin`.")
        return
    width = max(len(u.username) for u in rows)
    for u in rows:
        notes = ["disabled"] if u.disabled else []
        if u.providers:
            notes.append("providers: " + ", ".join(u.providers))
        click.echo(f"{u.username:<{width}}  {u.role:<15}  {'; '.join(notes)}".rstrip())


@users.command("disable")
@click.argument("username")
@friendly_errors
@_user_errors
def disable(username: str) -> None:
    """Stop a user signing in; their open sessions end at once."""
    with open_ecosystem() as eco:
        eco.set_disabled(username, True)
    click.echo(f"Disabled {username}.")


@users.command("enable")
@click.argument("username")
@friendly_errors
@_user_errors
def enable(username: str) -> None:
    """Let a disabled user sign in again."""
    with open_ecosystem() as eco:
        eco.set_disabled(username, False)
    click.echo(f"Enabled {username}.")


@users.command("set-role")
@click.argument("username")
@click.argument("role", type=ROLE)
@friendly_errors
@_user_errors
def set_role(username: str, role: str) -> None:
    """Change a user's role; their open sessions end at once."""
    with open_ecosystem() as eco:
        eco.set_role(username, role)
    click.echo(f"{username} is now {role}.")


@users.command("set-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input.")
@friendly_errors
@_user_errors
def set_password(username: str, password_stdin: bool) -> None:
    """Set a new password for a user; their open sessions end at once."""
    password = _password(username, password_stdin)
    with open_ecosystem() as eco:
        eco.set_password(username, password)
    click.echo(f"Password changed for {username}.")


@users.command("set-email")
@click.argument("username")
@click.argument("email", required=False)
@friendly_errors
@_user_errors
def set_email(username: str, email: str | None) -> None:
    """Set where reminders to a user are sent; without EMAIL, remove the address."""
    with open_ecosystem() as eco:
        eco.set_email(username, email)
    click.echo(f"{'Set' if email else 'Removed'} the email address of {username}.")


@users.command("set-providers")
@click.argument("username")
@click.argument("providers", nargs=-1, metavar="[PROVIDER_ID]...")
@friendly_errors
@_user_errors
def set_providers(username: str, providers: tuple[str, ...]) -> None:
    """Tie a provider editor to the providers whose entries they keep (the whole list;
    none unties them)."""
    with open_ecosystem() as eco:
        user = eco.set_providers(username, providers)
    click.echo(f"{user.username} keeps the entries of "
               f"{', '.join(user.providers) if user.providers else 'no provider'}.")


def _since(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return audit_log.parse_since(value)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--since") from None


@click.command("audit")
@click.option("--since", help="Only entries at or after this date/time (ISO 8601, UTC).")
@click.option("--format", "fmt", type=click.Choice(["text", "csv"]), default="text",
              show_default=True)
@click.option("--limit", default=10_000, show_default=True, type=click.IntRange(1))
@friendly_errors
def audit(since: str | None, fmt: str, limit: int) -> None:
    """Show the audit log (sign-ins, user changes, imports, person-level views), newest first."""
    with open_ecosystem() as eco:
        items = eco.audit_entries(_since(since), limit)
    if fmt == "csv":
        click.echo(audit_log.to_csv(items), nl=False)
        return
    for e in items:
        click.echo(f"{e.at.isoformat(timespec='seconds')}  {e.username}  {e.action}  "
                   f"{e.target}  {e.detail}".rstrip())


@click.command("clear-people")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@friendly_errors
def clear_people(yes: bool) -> None:
    """Delete every person and journey event; services, users and the audit log stay.

    To rotate the pseudonymisation key: run this, set the new key, import the people and
    journeys again (docs/security.md).
    """
    if not yes:
        click.confirm("Delete every person and journey event from the graph?", abort=True)
    with open_ecosystem() as eco:
        gone = eco.clear_people()
    click.echo(f"Deleted {gone['people']} people and {gone['events']} events.")
