"""Reminders by email (docs/stewardship.md): `ecosystem stewardship remind` against a real
SMTP server on 127.0.0.1 (aiosmtpd), reading what it received."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import uuid
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from builders import base_rows, load
from click.testing import CliRunner
from conftest import TEST_PASSWORD, cli_env

from ecosystem import Ecosystem, dates
from ecosystem.accounts import audit, users
from ecosystem.cli import cli
from ecosystem.stewardship.reminders import MailError

TODAY = dates.today()


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        msg = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def take(self) -> list[tuple[list[str], EmailMessage]]:
        got, self.messages = self.messages, []
        return got


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def with_mail(eco: Ecosystem, port: int) -> Ecosystem:
    settings = dataclasses.replace(eco.settings, smtp_host="127.0.0.1", smtp_port=port,
                                   smtp_from="map@example.org", smtp_starttls=False,
                                   public_url="https://map.example.org")
    return Ecosystem(settings, eco.graph)


def account(eco: Ecosystem, role: str, providers: tuple[str, ...] = (), *,
            email: bool = True) -> tuple[str, str]:
    name = f"rem-{uuid.uuid4().hex[:8]}"
    address = f"{name}@example.org"
    eco.create_user(name, role, TEST_PASSWORD, "test", email=address if email else None,
                    providers=providers)
    return name, address


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    rows = base_rows()
    old = (TODAY - dt.timedelta(days=430)).isoformat()
    for s in rows["services"]:
        # HF (PR-VCS) checked 14 months ago, TENANCY (PR-VCS) never; the rest last week.
        if s["id"] != "TENANCY":
            s["last_verified"] = old if s["id"] == "HF" else (
                TODAY - dt.timedelta(days=7)).isoformat()
    load(eco, rows)
    return eco


def by_service(got: list[tuple[list[str], EmailMessage]]) -> dict[str, tuple[list[str],
                                                                              EmailMessage]]:
    out = {}
    for rcpts, msg in got:
        body = msg.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        sid = text.split("https://map.example.org/services/", 1)[1].split()[0]
        assert sid not in out, f"two emails for {sid}"
        out[sid] = (rcpts, msg)
    return out


def test_provider_editors_then_admins_each_once(area: Ecosystem,
                                                smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    eco = with_mail(area, port)
    vcs, vcs_mail = account(eco, users.PROVIDER_EDITOR, ("PR-VCS",))
    _, la_mail = account(eco, users.PROVIDER_EDITOR, ("PR-LA",))
    _, silent = account(eco, users.PROVIDER_EDITOR, ("PR-VCS",), email=False)
    _, admin_mail = account(eco, users.ADMIN)

    result = eco.send_reminders(actor="cron", today=TODAY)
    assert result.configured and result.stale == 2
    mail = by_service(inbox.take())
    assert set(mail) == {"HF", "TENANCY"}
    rcpts, msg = mail["HF"]
    assert vcs_mail in rcpts and la_mail not in rcpts and admin_mail not in rcpts
    assert msg["From"] == "map@example.org"
    assert msg["Subject"] == "Please check the details of Housing First"
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "last checked on" in text and "14 months ago" in text
    assert "https://map.example.org/services/HF" in text and "Still correct" in text
    assert "have never been checked" in mail["TENANCY"][1].get_body(  # type: ignore[union-attr]
        ("plain",)).get_content()
    sent = [e for e in audit.entries(eco.graph)[:10] if e.action == "reminder.sent"]
    assert {e.target for e in sent} >= {"HF", "TENANCY"}
    assert all(e.username == "cron" and "stage=stale" in e.detail for e in sent)
    assert any(vcs in e.detail for e in sent) and not any("@" in e.detail for e in sent)

    # Nobody is emailed twice for the same thing.
    again = eco.send_reminders(today=TODAY + dt.timedelta(days=20))
    assert again.sent == [] and inbox.take() == []

    # A month later, still stale: the admins.
    later = TODAY + dt.timedelta(days=32)
    eco.send_reminders(today=later)
    mail = by_service(inbox.take())
    assert set(mail) == {"HF", "TENANCY"}
    rcpts, msg = mail["HF"]
    assert admin_mail in rcpts and vcs_mail not in rcpts
    assert msg["Subject"] == "Still not checked: Housing First"
    eco.send_reminders(today=later)
    assert inbox.take() == []

    # "Still correct" ends the round; stale again later, a new round begins.
    eco.verify_service("HF", actor="test", today=later)
    eco.send_reminders(today=later + dt.timedelta(days=10))
    assert inbox.take() == []
    much_later = later + dt.timedelta(days=200)
    eco.send_reminders(today=much_later)
    mail = by_service(inbox.take())
    assert "HF" in mail and vcs_mail in mail["HF"][0]
    assert mail["HF"][1]["Subject"] == "Please check the details of Housing First"
    assert silent  # an editor without an address is simply not emailed


def test_without_smtp_nothing_is_sent_or_recorded(area: Ecosystem, smtp: tuple[Inbox, int],
                                                  tmp_path: Path) -> None:
    inbox, port = smtp
    account(area, users.PROVIDER_EDITOR, ("PR-VCS",))
    r = CliRunner().invoke(cli, ["stewardship", "remind"], env=cli_env(area, tmp_path))
    assert r.exit_code == 0, r.output
    assert "No mail server is set" in r.output and "2 stale entries" in r.output
    # Nothing was recorded: once a server is set, the reminders still go.
    env = cli_env(area, tmp_path, ECOSYSTEM_SMTP_HOST="127.0.0.1",
                  ECOSYSTEM_SMTP_PORT=str(port), ECOSYSTEM_SMTP_FROM="map@example.org",
                  ECOSYSTEM_SMTP_STARTTLS="0", ECOSYSTEM_PUBLIC_URL="https://map.example.org/")
    r = CliRunner().invoke(cli, ["stewardship", "remind"], env=env)
    assert r.exit_code == 0, r.output
    assert "2 stale entries; 2 reminders sent." in r.output
    assert set(by_service(inbox.take())) == {"HF", "TENANCY"}


def test_a_provider_with_no_editor_is_noted_and_goes_to_the_admins(
        eco: Ecosystem, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    rows = base_rows()
    for s in rows["services"]:
        s["last_verified"] = (TODAY - dt.timedelta(days=7 if s["id"] != "FAMILY" else 400)
                              ).isoformat()
    load(eco, rows)
    mailer = with_mail(eco, port)
    _, admin_mail = account(mailer, users.ADMIN)
    result = mailer.send_reminders(today=TODAY)
    family = [r for r in result.sent + result.noted if r.entry.id == "FAMILY"]
    assert len(family) == 1 and family[0].stage == "stale"
    assert all(admin_mail not in rcpts for rcpts, _ in inbox.take())
    mailer.send_reminders(today=TODAY + dt.timedelta(days=31))
    mail = by_service(inbox.take())
    assert admin_mail in mail["FAMILY"][0]


def test_a_mail_server_that_does_not_answer_is_a_clear_error(
        area: Ecosystem, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    account(area, users.PROVIDER_EDITOR, ("PR-VCS",))
    eco = with_mail(area, free_port())  # nothing listens there
    with pytest.raises(MailError, match=r"the mail server 127\.0\.0\.1:\d+ failed.*0 of 2"):
        eco.send_reminders(today=TODAY)
    # Nothing was recorded as sent: with a server that answers, both still go.
    with_mail(area, port).send_reminders(today=TODAY)
    assert set(by_service(inbox.take())) == {"HF", "TENANCY"}
