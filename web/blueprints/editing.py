"""Editing catalogue entries: create, edit and close (admins), propose (provider editors, for
their own providers' services), approve or reject proposals (admins), and each entry's
history. Every save goes through the core (`Ecosystem.save_entry`), which validates and
writes it as the importer would a row."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from ecosystem import dates
from ecosystem.accounts.users import ADMIN, User
from ecosystem.editing import forms, history_words
from ecosystem.editing.edit import EditError, EditResult
from ecosystem.editing.proposals import ProposalError
from ecosystem.importers.stored import CATALOGUE, cells
from ecosystem.vocabulary import ENTRY_KINDS, FIELD_LABELS

from ..access import current_user
from ..core import get_ecosystem

bp = Blueprint("editing", __name__)

# Where an entry of each table is shown: its own directory page, or (contracts and referral
# routes, which have none) the page of the service it is about.
PAGES = {"services": ("directory.service", "id"), "providers": ("directory.provider", "id"),
         "commissioners": ("directory.commissioner", "id"),
         "cohorts": ("directory.cohort", "id"), "contracts": ("directory.service", "service_id"),
         "referral_routes": ("directory.service", "from_service_id")}


def _user() -> User:
    user = current_user()
    if user is None:  # _enforce has signed everyone in before a view runs
        abort(403)
    return user


def _table(table: str) -> str:
    if table not in CATALOGUE:
        abort(404)
    return table


def entry_url(table: str, values: dict[str, str]) -> str:
    endpoint, arg = PAGES[table]
    return url_for(endpoint, id=values.get(arg) or "")


def _may(user: User, table: str, key: str | None, form_cells: dict[str, str] | None) -> bool:
    """Admins edit any entry; a provider editor only their own providers' services (checked
    per entry through the core); anyone else nothing."""
    if user.role == ADMIN:
        return True
    return get_ecosystem().may_propose(user.providers, table, key, form_cells)


def _render(table: str, key: str | None, values: dict[str, str], version: str | None,
            result: EditResult | None = None, status: int = 200) -> ResponseReturnValue:
    user = _user()
    errors = result.messages() if result is not None else {}
    summary = [(FIELD_LABELS.get(f, f) if f else "", f or "", m) for f, m in errors.items()]
    return render_template(
        "editing/form.html", table=table, key=key, values=forms.shown(values), version=version,
        fields=forms.fields(table), errors=errors, summary=summary,
        conflict=None if result is None else result.conflict,
        kind=ENTRY_KINDS[table], labels=FIELD_LABELS, proposing=user.role != ADMIN,
        back=entry_url(table, values) if key else None), status


@bp.route("/edit/<table>/new", methods=["GET", "POST"], endpoint="create")
def create(table: str) -> ResponseReturnValue:
    table = _table(table)
    user = _user()
    eco = get_ecosystem()
    if request.method == "GET":
        values = eco.blank_entry(table)
        if user.role != ADMIN:
            if not _may(user, table, None, None):
                abort(403)
            values["provider_id"] = request.args.get("provider_id", user.providers[0])
        return _render(table, None, values, None)
    values = forms.cells_from_form(table, request.form, request.form.getlist)
    if not _may(user, table, None, values):
        abort(403)
    return _save(table, None, values, None)


@bp.route("/edit/<table>/<path:key>", methods=["GET", "POST"], endpoint="edit")
def edit(table: str, key: str) -> ResponseReturnValue:
    table = _table(table)
    user = _user()
    eco = get_ecosystem()
    if not _may(user, table, key, None):
        abort(403)
    row = eco.entry_row(table, key)
    if row is None:
        abort(404)
    if request.method == "GET":
        return _render(table, key, cells(row.values), row.version)
    values = forms.cells_from_form(table, request.form, request.form.getlist)
    if not _may(user, table, key, values):
        abort(403)
    return _save(table, key, values, request.form.get("version", ""))


def _save(table: str, key: str | None, values: dict[str, str], version: str | None
          ) -> ResponseReturnValue:
    user = _user()
    eco = get_ecosystem()
    if user.role != ADMIN:
        proposed = eco.propose_entry(table, values, version, user.username, key)
        if not proposed.ok:
            return _render(table, key, values, _version_after(proposed.check, version),
                           proposed.check, 409 if proposed.check.conflict else 400)
        flash("Your change was sent to an admin for approval. It is not live until then.")
        return redirect(entry_url(table, values) if key else url_for("home.index"))
    result = eco.save_entry(table, values, version, user.username, key)
    if not result.ok:
        return _render(table, key, values, _version_after(result, version), result,
                       409 if result.conflict else 400)
    flash(f"Saved the {ENTRY_KINDS[table]}." if result.fields
          else f"Nothing changed: the {ENTRY_KINDS[table]} is as it was.")
    return redirect(entry_url(table, values))


def _version_after(result: EditResult, version: str | None) -> str | None:
    """After a conflict the form carries the stored version: saving again, having seen
    both, is a deliberate choice."""
    return result.conflict.version if result.conflict is not None else version


@bp.post("/edit/services/<path:key>/close", endpoint="close")
def close(key: str) -> ResponseReturnValue:
    eco = get_ecosystem()
    row = eco.entry_row("services", key)
    if row is None:
        abort(404)
    text = request.form.get("end_date", "").strip()
    try:
        on = dt.date.fromisoformat(text) if text else dates.today()
    except ValueError:
        flash("Enter the end date like 2026-03-31.", "error")
        return redirect(url_for("editing.edit", table="services", key=key))
    try:
        result = eco.close_service(key, on, request.form.get("version", ""),
                                   _user().username)
    except EditError:
        abort(404)
    if not result.ok:
        return _render("services", key, cells(row.values), row.version, result,
                       409 if result.conflict else 400)
    flash(f"Closed the service from {on.isoformat()}. It stays in the map, marked closed.")
    return redirect(url_for("directory.service", id=key))


@bp.get("/history/<table>/<path:key>", endpoint="history")
def history(table: str, key: str) -> ResponseReturnValue:
    table = _table(table)
    eco = get_ecosystem()
    row = eco.entry_row(table, key)
    if row is None:
        abort(404)
    values = cells(row.values)
    versions = eco.entry_history(table, key)
    names = eco.names(history_words.named_ids(f for c in versions for f in c.fields))
    changes = [(c, [history_words.worded(table, f, names) for f in c.fields])
               for c in versions]
    return render_template("editing/history.html", table=table, key=key,
                           name=values.get("name") or key, kind=ENTRY_KINDS[table],
                           changes=changes, back=entry_url(table, values))


@bp.get("/services/<path:key>/history", endpoint="service_history")
def service_history(key: str) -> ResponseReturnValue:
    return history("services", key)


def _proposals_page(errors: dict[str, str], status: int = 200, **context: object
                    ) -> ResponseReturnValue:
    """The proposals waiting, each change in words (as the history reads it)."""
    eco = get_ecosystem()
    proposals = eco.proposals()
    names = eco.names(history_words.named_ids(f for p in proposals for f in p.fields))
    waiting = [(p, [history_words.worded(p.table, f, names) for f in p.fields])
               for p in proposals]
    return render_template("editing/proposals.html", proposals=waiting, labels=FIELD_LABELS,
                           kinds=ENTRY_KINDS, errors=errors, **context), status


@bp.get("/data/proposals", endpoint="proposals")
def proposals() -> ResponseReturnValue:
    return _proposals_page({})


@bp.post("/data/proposals/<pid>", endpoint="decide")
def decide(pid: str) -> ResponseReturnValue:
    eco = get_ecosystem()
    who = _user().username
    action = request.form.get("action", "")
    try:
        if action == "approve":
            result = eco.approve_proposal(pid, who)
            if result.conflict is not None:
                p = eco.proposal(pid)
                return _proposals_page(
                    {pid: "The entry changed after this was proposed: compare both "
                          "versions below, then reject it or ask for it again."}, 409,
                    conflict=result.conflict, conflict_for=p)
            if not result.ok:
                return _proposals_page({pid: "; ".join(
                    f"{FIELD_LABELS.get(f, f)}: {m}" for f, m in result.messages().items())},
                    400)
            flash("Approved: the change is live.")
        elif action == "reject":
            eco.reject_proposal(pid, request.form.get("reason", "")[:500], who)
            flash("Rejected the proposal.")
        else:
            abort(400)
    except ProposalError as e:
        return _proposals_page({pid: str(e)}, 400)
    return redirect(url_for("editing.proposals"))
