"""Reminders by email: `ecosystem stewardship remind`, run daily from cron.

For each stale service (ecosystem/stewardship/freshness.py), once per time it goes stale:

1. stage `stale`: one email to its provider editors (enabled accounts with an email whose
   providers include the service's provider), with a link to the entry;
2. stage `admins`: if it is still stale a month after stage 1, one email to the admins (enabled
   accounts with an email).

What was sent is recorded as a `(:Reminder {key})`, the key being the service, the
`last_verified` it was stale with and the stage, so a second run sends nothing again; a
"still correct" (or an import with a newer date) starts a new round. A stage with nobody to
email is recorded too (so stage 2 still follows a month later). Without a mail server set
(ECOSYSTEM_SMTP_HOST and ECOSYSTEM_SMTP_FROM) nothing is sent or recorded: the worklist
alone."""

from __future__ import annotations

import datetime as dt
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from urllib.parse import quote

from ecosystem.config import Settings
from ecosystem.db.graph import Graph
from ecosystem.stewardship import freshness
from ecosystem.stewardship.worklist import StaleEntry, stale

STAGES = ("stale", "admins")
ESCALATE_AFTER_MONTHS = 1


class MailError(RuntimeError):
    """The mail server could not be reached or refused a message."""


@dataclass(frozen=True)
class Recipient:
    username: str
    email: str


@dataclass(frozen=True)
class Reminder:
    key: str
    stage: str
    entry: StaleEntry
    to: tuple[Recipient, ...]
    subject: str
    body: str


@dataclass
class RemindResult:
    configured: bool
    stale: int = 0  # stale entries seen
    sent: list[Reminder] = field(default_factory=list)
    noted: list[Reminder] = field(default_factory=list)  # due, but nobody had an email


def key(entry: StaleEntry, stage: str) -> str:
    checked = entry.freshness.last_verified
    return f"{entry.id}|{checked.isoformat() if checked else 'never'}|{stage}"


def link(settings: Settings, service_id: str) -> str:
    path = "/services/" + quote(service_id, safe="/:")
    return (settings.public_url or "") + path


def _people(graph: Graph, query: str, **params: object) -> tuple[Recipient, ...]:
    return tuple(Recipient(r["username"], r["email"]) for r in graph.read(query, **params))


def due(graph: Graph, settings: Settings, today: dt.date) -> tuple[int, list[Reminder]]:
    """How many entries are stale, and the reminders due today (not yet recorded)."""
    entries = stale(graph, today, settings.stale_months)
    if not entries:
        return 0, []
    keys = [key(e, s) for e in entries for s in STAGES]
    sent = {r["key"]: freshness.to_date(r["sent_on"])
            for r in graph.read("stewardship/reminders_sent", keys=keys)}
    admins: tuple[Recipient, ...] | None = None
    out = []
    escalate_before = freshness.months_before(today, ESCALATE_AFTER_MONTHS)
    for e in entries:
        first = key(e, "stale")
        if first not in sent:
            to = _people(graph, "stewardship/keepers", providers=[p.id for p in e.providers])
            out.append(_message(settings, e, "stale", first, to))
        elif key(e, "admins") not in sent and (sent[first] or today) <= escalate_before:
            if admins is None:
                admins = _people(graph, "stewardship/admins")
            out.append(_message(settings, e, "admins", key(e, "admins"), admins))
    return len(entries), out


def _message(settings: Settings, e: StaleEntry, stage: str, k: str,
             to: tuple[Recipient, ...]) -> Reminder:
    url = link(settings, e.id)
    checked = (f"were last checked on {e.freshness.last_verified.isoformat()} "
               f"({e.freshness.age})" if e.freshness.last_verified
               else "have never been checked")
    providers = ", ".join(p.name for p in e.providers) or "no provider recorded"
    if stage == "stale":
        subject = f"Please check the details of {e.name}"
        opening = (f"The details of {e.name} ({providers}) on the service map {checked}. "
                   f"Key workers now see a warning that they may be out of date.")
    else:
        subject = f"Still not checked: {e.name}"
        opening = (f"The details of {e.name} ({providers}) {checked}, and nobody has "
                   f"confirmed them in the month since its provider editors were asked.")
    body = (f"{opening}\n\n"
            f"Please open the entry and check it with the service:\n{url}\n\n"
            f"If nothing has changed, choose \"Still correct\" on that page. If something has "
            f"changed, correct it and import it again.\n\n"
            f"Entries are flagged after {settings.stale_months} months without a check. "
            f"Every stale entry you keep is listed at "
            f"{(settings.public_url or '')}/stewardship.\n")
    return Reminder(k, stage, e, to, subject, body)


def send(graph: Graph, settings: Settings, today: dt.date,
         record: Callable[[Reminder], None]) -> RemindResult:
    """Send the reminders due, recording each once sent (`record` writes the audit entry).
    A failure of the mail server raises MailError; what was sent before it stays recorded."""
    if not settings.smtp_configured:
        return RemindResult(False, len(stale(graph, today, settings.stale_months)))
    n, reminders = due(graph, settings, today)
    result = RemindResult(True, n)
    todo = [r for r in reminders if r.to]
    for r in reminders:
        if not r.to:
            _record(graph, r, today)
            result.noted.append(r)
            record(r)
    if not todo:
        return result
    try:
        with _connect(settings) as smtp:
            for r in todo:
                smtp.send_message(_email(settings, r))
                _record(graph, r, today)
                result.sent.append(r)
                record(r)
    except (smtplib.SMTPException, OSError) as e:
        raise MailError(f"the mail server {settings.smtp_host}:{settings.smtp_port} failed: "
                        f"{e}; {len(result.sent)} of {len(todo)} reminders were sent "
                        "(run again to send the rest)") from None
    return result


def _connect(settings: Settings) -> smtplib.SMTP:
    assert settings.smtp_host is not None
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30)
    try:
        if settings.smtp_starttls is not False:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _email(settings: Settings, r: Reminder) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.smtp_from or ""
    msg["To"] = ", ".join(x.email for x in r.to)
    msg["Subject"] = r.subject
    msg.set_content(r.body)
    return msg


def _record(graph: Graph, r: Reminder, today: dt.date) -> None:
    graph.write("stewardship/record_reminder", key=r.key, service_id=r.entry.id,
                stage=r.stage, sent_on=today, usernames=[x.username for x in r.to])
