"""Editing catalogue entries, their history and provider editors' proposals, as methods.
Every save and decision is audited here with its field-level change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ecosystem.accounts import audit
from ecosystem.config import Settings
from ecosystem.db.graph import Graph
from ecosystem.editing import edit, proposals
from ecosystem.editing.edit import EditResult
from ecosystem.editing.proposals import Proposal, ProposalResult
from ecosystem.importers import history
from ecosystem.importers.history import Change, Who
from ecosystem.importers.stored import StoredRow

WEB_EDIT = "web edit"


def _actor(actor: str | None) -> str:
    return actor or audit.cli_actor()


class Editing:
    graph: Graph
    settings: Settings

    def entry_row(self, table: str, key: str) -> StoredRow | None:
        """An entry as a row of its import table, with the version an edit form carries."""
        return edit.current(self.graph, table, key)

    def blank_entry(self, table: str) -> dict[str, str]:
        return edit.blank(table)

    def save_entry(self, table: str, cells: dict[str, Any], version: str | None,
                   actor: str | None = None, key: str | None = None,
                   source: str = WEB_EDIT, note: str = "") -> EditResult:
        """Create (`key` None) or change one entry through the importer's validation and
        write path; refused with a Conflict when it changed since `version`."""
        who = Who(_actor(actor), source, note)
        result = edit.save(self.graph, self.settings.resolve_pseudonym_key(), table, cells,
                           version, who, key)
        if result.ok and result.fields:
            audit.record(self.graph, who.by, "entry.create" if result.created else "entry.edit",
                         f"{table}:{result.key}", history.summary(result.fields))
        elif result.conflict is not None:
            audit.record(self.graph, who.by, "entry.edit.conflict", f"{table}:{result.key}",
                         "refused: changed since the form was opened")
        return result

    def close_service(self, key: str, on: dt.date, version: str | None,
                      actor: str | None = None) -> EditResult:
        """Status closed with an end date (a closed service is kept, not deleted)."""
        row = edit.current(self.graph, "services", key)
        if row is None:
            raise edit.EditError(f"no service with the id {key!r}")
        return self.save_entry("services", edit.closed(row, on), version, actor, key)

    def entry_history(self, table: str, key: str) -> list[Change]:
        """The versions of an entry, newest first."""
        edit.check_table(table)
        return history.entries(self.graph, table, key)

    def last_updated(self, table: str, key: str) -> dt.datetime | None:
        """When the entry last changed (None: no version recorded)."""
        edit.check_table(table)
        newest = history.entries(self.graph, table, key, limit=1)
        return newest[0].at if newest else None

    # --- Provider editors propose, admins decide -------------------------------------------

    def may_propose(self, providers: Sequence[str], table: str, key: str | None,
                    cells: dict[str, Any] | None = None) -> bool:
        """Whether a provider editor keeping `providers` may propose this: services of their
        own providers only (a new one, or a change that keeps it theirs)."""
        return proposals.allowed(self.graph, providers, table, key, cells)

    def propose_entry(self, table: str, cells: dict[str, Any], version: str | None,
                      actor: str, key: str | None = None) -> ProposalResult:
        """Checked like a save, then kept as pending (not live) until an admin decides."""
        result = proposals.propose(self.graph, self.settings.resolve_pseudonym_key(), table,
                                   cells, version, actor, key)
        if result.proposal is not None:
            p = result.proposal
            audit.record(self.graph, actor, "proposal.create", f"{table}:{p.key}",
                         f"proposal={p.id} " + history.summary(p.fields))
        return result

    def proposals(self, status: str = proposals.PENDING) -> list[Proposal]:
        return proposals.listing(self.graph, status)

    def proposal(self, id: str) -> Proposal | None:
        return proposals.get(self.graph, id)

    def approve_proposal(self, id: str, actor: str | None = None) -> EditResult:
        """Apply a pending proposal through the same save (with its version check)."""
        p = proposals.get(self.graph, id)
        if p is None or p.status != proposals.PENDING:
            raise proposals.ProposalError("no pending proposal with that id")
        who = _actor(actor)
        result = self.save_entry(p.table, p.cells, p.version, who,
                                 None if p.creating else p.key,
                                 note=f"proposed by {p.by}, approved by {who}")
        if result.ok:
            proposals.decide(self.graph, id, proposals.APPROVED, who, "")
            audit.record(self.graph, who, "proposal.approve", f"{p.table}:{p.key}",
                         f"proposal={id} by={p.by} " + history.summary(result.fields))
        return result

    def reject_proposal(self, id: str, reason: str, actor: str | None = None) -> None:
        p = proposals.get(self.graph, id)
        if p is None or p.status != proposals.PENDING:
            raise proposals.ProposalError("no pending proposal with that id")
        reason = reason.strip()
        if not reason:
            raise proposals.ProposalError("Enter a reason for rejecting the proposal")
        who = _actor(actor)
        proposals.decide(self.graph, id, proposals.REJECTED, who, reason)
        audit.record(self.graph, who, "proposal.reject", f"{p.table}:{p.key}",
                     f"proposal={id} by={p.by} reason={reason}")
