"""Keeping the map true, as methods: freshness from ECOSYSTEM_STALE_MONTHS, "still correct"
(audited as `service.verify`), the worklist (kept until the map changes: ecosystem/kept.py)
and the reminders by email."""

from __future__ import annotations

import datetime as dt

from ecosystem import dates
from ecosystem.accounts import audit
from ecosystem.accounts.users import User
from ecosystem.config import Settings
from ecosystem.db.graph import Graph
from ecosystem.facade.keeping import Keeping
from ecosystem.stewardship import reminders, worklist
from ecosystem.stewardship.reminders import RemindResult
from ecosystem.stewardship.worklist import Worklist


class Stewardship(Keeping):
    settings: Settings
    graph: Graph

    def keeps(self, user: User, service_id: str) -> bool:
        """Whether `user` may confirm this service's entry: an admin, or a provider editor
        of one of its providers."""
        return worklist.keeps(self.graph, user, service_id)

    def verify_service(self, service_id: str, actor: str | None = None,
                       today: dt.date | None = None) -> str:
        """"Still correct": the entry's details confirmed today, nothing else changed.
        Audited. Returns the service's name; `worklist.NoSuchService` if there is none."""
        day = today or dates.today()
        name = worklist.verify(self.graph, service_id, day)
        audit.record(self.graph, actor or audit.cli_actor(), "service.verify", service_id,
                     f"last_verified={day.isoformat()}")
        return name

    def worklist(self, user: User, today: dt.date | None = None,
                 page: int | None = None) -> Worklist:
        """One page of the stale entries `user` keeps (every one, for an admin), oldest
        first, with the whole worklist's counts."""
        day = today or dates.today()
        return self._kept(("worklist", user.role, user.providers, day, page), lambda: (
            worklist.worklist(self.graph, user, day, self.settings.stale_months, page)))

    def send_reminders(self, actor: str | None = None, today: dt.date | None = None
                       ) -> RemindResult:
        """Email the provider editors of entries that turned stale (and the admins a month
        later), each once; every reminder sent or noted is audited (`reminder.sent`,
        `reminder.noted`). Without SMTP settings: nothing sent, `configured` False."""
        who = actor or audit.cli_actor()

        def note(r: reminders.Reminder) -> None:
            action = "reminder.sent" if r.to else "reminder.noted"
            audit.record(self.graph, who, action, r.entry.id,
                         f"stage={r.stage} to={';'.join(x.username for x in r.to) or 'nobody'}")

        return reminders.send(self.graph, self.settings, today or dates.today(), note)
