"""The key worker's writes: a client's answers between pages (short-lived), and later the
unmet needs they record and the plans they save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from ecosystem import dates
from ecosystem.analyses import unmet_demand
from ecosystem.analyses.suppression import Disclosure
from ecosystem.config import Settings
from ecosystem.db.graph import Graph
from ecosystem.importers.pseudonymise import pseudonym
from ecosystem.keyworker import caseload, drafts, unmet


class KeyWork:
    settings: Settings
    graph: Graph

    def save_client_answers(self, user: str, answers: Mapping[str, Sequence[str]],
                            picks: Sequence[str] = (), token: str | None = None,
                            now: float | None = None) -> str:
        """Keep a client's answers for `drafts.TTL_SECONDS`; returns the session's token."""
        return drafts.save(self.graph, user, answers, picks, token, now)

    def client_answers(self, user: str, token: str | None, now: float | None = None
                       ) -> tuple[drafts.Answers, list[str]] | None:
        return drafts.load(self.graph, user, token, now)

    def forget_client_answers(self, token: str | None, now: float | None = None) -> None:
        drafts.forget(self.graph, token, now)

    # --- Unmet needs ---------------------------------------------------------------------

    def record_unmet_need(self, area_id: str, domain: str, reason: str,
                          min_age: int | None = None, max_age: int | None = None,
                          on: dt.date | None = None) -> None:
        """One unmet need, by area, age band, domain, reason and date: nothing that
        identifies the person (ecosystem/keyworker/unmet.py)."""
        unmet.record(self.graph, unmet.UnmetNeed(area_id, unmet.age_band_of(min_age, max_age),
                                                 domain, reason, on or dates.today()))

    def unmet_demand(self, since: dt.date | None = None) -> unmet_demand.UnmetDemand:
        """The recorded unmet needs counted, every count through the disclosure policy."""
        return unmet_demand.run(self.graph, since, Disclosure(
            self.settings.suppression_threshold, self.settings.suppression_rounding))

    # --- The caseload --------------------------------------------------------------------

    def find_by_case_reference(self, owner: str | None, reference: str) -> str | None:
        """The pseudonymised id of the person imported with this case reference, if they
        are on `owner`'s caseload (None: an admin, anyone with a key worker). The typed
        reference is only hashed with the pseudonymisation key, never stored or logged."""
        reference = reference.strip()
        if not reference:
            return None
        person_id = pseudonym(reference, self.settings.resolve_pseudonym_key())
        key_worker = caseload.key_worker_of(self.graph, person_id)
        if key_worker is None or (owner is not None and key_worker != owner):
            return None
        return person_id

    def person_timeline(self, person_id: str) -> list[caseload.TimelineEvent]:
        """A person's journey, oldest first (for their page, which is audited)."""
        return caseload.timeline(self.graph, person_id)

    def save_person_plan(self, person_id: str, picks: Sequence[str],
                         fields: Mapping[str, Sequence[str]], on: dt.date | None = None
                         ) -> bool:
        """Save a person's plan with them (visible to their key worker and admins, through
        the audited person pages); False if there is no such person."""
        return caseload.save_plan(self.graph, person_id, picks, fields, on or dates.today())

    def person_plan(self, person_id: str) -> caseload.SavedPlan | None:
        return caseload.saved_plan(self.graph, person_id)
