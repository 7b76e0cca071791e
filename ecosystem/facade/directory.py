"""The directory, the forms' choices and the key worker's reads, as methods. The forms'
whole-map lists are kept until the map changes (ecosystem/kept.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ecosystem import dates
from ecosystem.accounts import audit
from ecosystem.accounts.throttle import RequestLimit
from ecosystem.analyses.options import OptionsResult
from ecosystem.config import Settings
from ecosystem.db.graph import Graph
from ecosystem.directory import choices, finder, pages
from ecosystem.directory.choices import Choice, Names
from ecosystem.directory.finder import PublicNeed
from ecosystem.directory.pages import (
    DomainCount,
    EntityDetail,
    FilterOption,
    MapGroups,
    Network,
    SearchHit,
    ServiceListing,
    Summary,
)
from ecosystem.facade.keeping import Keeping
from ecosystem.keyworker import caseload
from ecosystem.keyworker.caseload import AreaChoice, CaseloadPage, CaseloadPerson, ServiceChoice

Filters = dict[str, str | None]


class Directory(Keeping):
    settings: Settings
    graph: Graph

    # --- The public find-support page -------------------------------------------------------

    def public_finder_on(self) -> bool:
        return finder.is_on(self.graph)

    def set_public_finder(self, on: bool, actor: str | None = None) -> None:
        finder.switch(self.graph, on, actor or audit.cli_actor())
        audit.record(self.graph, actor or audit.cli_actor(), "setting.public_finder",
                     "find support", "on" if on else "off")

    def find_support(self, area_id: str, age: int | None, domains: tuple[str, ...],
                     today: dt.date | None = None) -> tuple[PublicNeed, ...]:
        return finder.find(self.graph, area_id, age, domains, today or dates.today())

    def request_limit(self, secret: bytes | str, kind: str, limit: int) -> RequestLimit:
        """`limit` requests a minute per address, shared by every process."""
        return RequestLimit(self.graph, secret, kind, limit)

    # --- The directory and the map -------------------------------------------------------

    def summary(self) -> Summary:
        return self._kept("summary", lambda: pages.summary(self.graph))

    def counts_by_domain(self, area_id: str | None = None) -> list[DomainCount]:
        return list(self._kept(("counts by domain", area_id),
                               lambda: pages.counts_by_domain(self.graph, area_id)))

    def service_list(self, filters: Filters | None = None, today: dt.date | None = None
                     ) -> list[ServiceListing]:
        """The services list: filters are `pages.LIST_FILTERS` -> id (None: any); stale as
        ECOSYSTEM_STALE_MONTHS says, on `today` (default: the real one)."""
        return pages.service_list(self.graph, filters, today=today or dates.today(),
                                  stale_months=self.settings.stale_months)

    def service_list_page(self, filters: Filters | None = None, page: int | None = None,
                          today: dt.date | None = None) -> pages.ServiceListPage:
        """One page of `service_list` (page 1 when None; the last when past the end)."""
        day = today or dates.today()
        return self._kept(("services list", _key(filters), page, day), lambda: (
            pages.service_list_page(self.graph, filters, page, today=day,
                                    stale_months=self.settings.stale_months)))

    def service_list_options(self) -> dict[str, list[FilterOption]]:
        return _copy(self._kept("list options", lambda: pages.list_filter_options(self.graph)))

    def map_filter_options(self) -> dict[str, list[FilterOption]]:
        return _copy(self._kept("map options", lambda: pages.map_filter_options(self.graph)))

    def map_network(self, filters: Filters | None = None) -> Network:
        return self._kept(("map network", _key(filters)),
                          lambda: pages.map_network(self.graph, filters))

    def map_groups(self, filters: Filters | None = None, group_by: str = "area") -> MapGroups:
        return self._kept(("map groups", _key(filters), group_by),
                          lambda: pages.map_groups(self.graph, filters, group_by))

    def entity(self, kind: str, id: str, today: dt.date | None = None) -> EntityDetail | None:
        """A directory page: kind is one of `ecosystem.directory.pages.ENTITY_KINDS`; a
        service's freshness as ECOSYSTEM_STALE_MONTHS says, on `today`."""
        return pages.detail(self.graph, kind, id, today or dates.today(),
                            self.settings.stale_months)

    def search(self, text: str, limit: int = 50, filters: Filters | None = None
               ) -> list[SearchHit]:
        """Ranked hits; filters are `pages.SEARCH_FILTERS` -> id (None: any)."""
        return pages.search(self.graph, text, limit, filters)

    # --- Choices on the forms ------------------------------------------------------------

    def area_choices(self) -> list[Choice]:
        return list(self._kept("areas", lambda: choices.areas(self.graph)))

    def default_area(self) -> str | None:
        """The area a page shows when none is chosen: the largest (accounts carry no area)."""
        return self._kept("largest area", lambda: choices.largest_area(self.graph))

    def service_choices(self, area_id: str | None = None) -> list[Choice]:
        return list(self._kept(("services", area_id),
                               lambda: choices.services(self.graph, area_id)))

    def commissioner_choices(self) -> list[Choice]:
        return list(self._kept("commissioners", lambda: choices.commissioners(self.graph)))

    def names(self, ids: Iterable[str] | None = None) -> Names:
        """The names of everything by id, or (`ids`) of those only."""
        if ids is not None:
            return choices.names(self.graph, ids)
        return self._kept("names", lambda: choices.names(self.graph))

    # --- The key worker ------------------------------------------------------------------

    def client_areas(self) -> list[AreaChoice]:
        return list(self._kept("client areas", lambda: caseload.areas(self.graph)))

    def client_area(self, area_id: str) -> AreaChoice | None:
        return caseload.area(self.graph, area_id)

    def client_services_named(self, ids: Iterable[str]) -> list[ServiceChoice]:
        """The services with these ids (a client's), without listing every service."""
        return caseload.services_named(self.graph, ids)

    def client_services(self, area_id: str | None = None) -> list[ServiceChoice]:
        """`area_id`: only the services serving that area (or one it is in, or within it)."""
        return caseload.services(self.graph, area_id or None)

    def caseload(self, owner: str | None, limit: int | None = None, need: str | None = None,
                 area_id: str | None = None) -> list[CaseloadPerson]:
        """`limit` None: the feature's own default (CASELOAD_LIMIT)."""
        if limit is None:
            return caseload.caseload(self.graph, owner, need=need, area_id=area_id)
        return caseload.caseload(self.graph, owner, limit, need, area_id)

    def caseload_page(self, owner: str | None, page: int | None = None,
                      need: str | None = None, area_id: str | None = None
                      ) -> CaseloadPage:
        """One page of the caseload, with the whole (filtered) caseload's total."""
        return caseload.caseload_page(self.graph, owner, page, need, area_id,
                                      total=self.caseload_size(owner, need, area_id))

    def caseload_size(self, owner: str | None, need: str | None = None,
                      area_id: str | None = None) -> int:
        """Everyone's count (an admin's, `owner` None) is kept until the map changes: it
        walks every person with a key worker, a tenth of a nation's people."""
        if owner is None:
            return self._kept(("caseload_size", need or None, area_id or None),
                              lambda: caseload.caseload_size(self.graph, None, need, area_id))
        return caseload.caseload_size(self.graph, owner, need, area_id)

    def key_worker_of(self, person_id: str) -> str | None:
        """The username of the person's key worker (None: no such person, or none)."""
        return caseload.key_worker_of(self.graph, person_id)

    def route_network(self, result: OptionsResult, only: Iterable[str] | None = None
                      ) -> Network:
        return caseload.route_network(self.graph, result, only)


def _key(filters: Filters | None) -> tuple[tuple[str, str | None], ...]:
    return tuple(sorted((filters or {}).items()))


def _copy(options: dict[str, list[FilterOption]]) -> dict[str, list[FilterOption]]:
    return {k: list(v) for k, v in options.items()}
