"""Provider editors and account email addresses: who keeps which provider's entries, and
where their reminders go."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from builders import base_rows, load
from click.testing import CliRunner
from conftest import TEST_PASSWORD, cli_env

from ecosystem import Ecosystem
from ecosystem.accounts import audit, users
from ecosystem.cli import cli


def uniq(prefix: str = "pe") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def area(eco: Ecosystem) -> Ecosystem:
    load(eco, base_rows())
    return eco


def test_a_provider_editor_is_tied_to_existing_providers(area: Ecosystem) -> None:
    name = uniq()
    made = area.create_user(name, users.PROVIDER_EDITOR, TEST_PASSWORD, "test",
                            email=" keeper@example.org ", providers=["PR-VCS", "PR-LA"])
    assert made.providers == ("PR-VCS", "PR-LA")
    stored = area.get_user(name)
    assert stored is not None
    assert stored.email == "keeper@example.org"
    assert stored.providers == ("PR-VCS", "PR-LA")
    assert stored.role_name == "Provider editor"
    entry = next(e for e in audit.entries(area.graph) if e.target == name)
    assert entry.action == "user.create" and "PR-VCS;PR-LA" in entry.detail


def test_unknown_providers_and_bad_addresses_are_refused(area: Ecosystem) -> None:
    with pytest.raises(users.UserError, match="no provider with the id 'PR-NOPE'"):
        area.create_user(uniq(), users.PROVIDER_EDITOR, TEST_PASSWORD, "test",
                         providers=["PR-VCS", "PR-NOPE"])
    with pytest.raises(users.UserError, match="not an email address"):
        area.create_user(uniq(), users.VIEWER, TEST_PASSWORD, "test", email="keeper at home")
    with pytest.raises(users.UserError, match="Only a provider editor"):
        area.create_user(uniq(), users.VIEWER, TEST_PASSWORD, "test", providers=["PR-VCS"])
    assert users.check_email("") is None


def test_set_email_and_providers_are_audited_without_the_address(area: Ecosystem) -> None:
    name = uniq()
    area.create_user(name, users.PROVIDER_EDITOR, TEST_PASSWORD, "test")
    area.set_email(name, "new@example.org", "test")
    area.set_providers(name, ["PR-VCS"], "test")
    stored = area.get_user(name)
    assert stored is not None and stored.email == "new@example.org"
    assert stored.providers == ("PR-VCS",)
    mine = [e for e in audit.entries(area.graph) if e.target == name]
    assert {e.action for e in mine} >= {"user.set_email", "user.set_providers"}
    assert all("new@example.org" not in e.detail for e in mine)
    area.set_email(name, None, "test")
    stored = area.get_user(name)
    assert stored is not None and stored.email is None
    # A role change keeps the address and the providers.
    area.set_role(name, users.VIEWER, "test")
    stored = area.get_user(name)
    assert stored is not None and stored.providers == ("PR-VCS",)
    with pytest.raises(users.UserError, match="not a provider editor"):
        area.set_providers(name, ["PR-LA"], "test")


def test_cli_adds_and_ties_a_provider_editor(area: Ecosystem, tmp_path: Path) -> None:
    name = uniq()
    env = cli_env(area, tmp_path)
    run = CliRunner().invoke(cli, ["users", "add", name, "--role", "provider_editor",
                                   "--email", "k@example.org", "--provider", "PR-VCS",
                                   "--password-stdin"], input=TEST_PASSWORD + "\n", env=env)
    assert run.exit_code == 0, run.output
    run = CliRunner().invoke(cli, ["users", "set-providers", name, "PR-VCS", "PR-LA"],
                             env=env)
    assert run.exit_code == 0, run.output
    assert "PR-VCS, PR-LA" in run.output
    listed = CliRunner().invoke(cli, ["users", "list"], env=env)
    line = next(x for x in listed.output.splitlines() if x.startswith(name))
    assert "provider_editor" in line and "providers: PR-VCS, PR-LA" in line
    bad = CliRunner().invoke(cli, ["users", "set-providers", name, "PR-NOPE"], env=env)
    assert bad.exit_code != 0 and "no provider with the id 'PR-NOPE'" in bad.output
    run = CliRunner().invoke(cli, ["users", "set-email", name], env=env)
    assert run.exit_code == 0 and "Removed" in run.output


def test_admin_page_sets_email_and_providers(area: Ecosystem, client) -> None:  # type: ignore[no-untyped-def]
    name = uniq()
    page = client.get("/admin/users")
    token = page.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    made = client.post("/admin/users", data={
        "csrf_token": token, "username": name, "role": "provider_editor",
        "email": "keeper@example.org", "providers": "PR-VCS, PR-LA",
        "password": TEST_PASSWORD, "password_again": TEST_PASSWORD})
    assert made.status_code == 302
    stored = area.get_user(name)
    assert stored is not None and stored.providers == ("PR-VCS", "PR-LA")
    bad = client.post(f"/admin/users/{name}", data={
        "csrf_token": token, "action": "set_contact", "email": "x@example.org",
        "providers": "PR-NOPE"})
    assert bad.status_code == 400
    assert "no provider with the id" in bad.get_data(as_text=True)
    ok = client.post(f"/admin/users/{name}", data={
        "csrf_token": token, "action": "set_contact", "email": "x@example.org",
        "providers": "PR-LA"})
    assert ok.status_code == 302
    stored = area.get_user(name)
    assert stored is not None and stored.providers == ("PR-LA",)
    assert stored.email == "x@example.org"
    listed = client.get("/admin/users").get_data(as_text=True)
    assert "for PR-LA" in listed


@pytest.mark.signed_in_as("provider_editor")
def test_a_provider_editor_reads_the_directory_only(riverside: Ecosystem, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/services").status_code == 200
    assert client.get("/commissioner/").status_code == 403
    assert client.get("/key-worker/").status_code == 403
    assert client.get("/admin/users").status_code == 403
