"""The public Open Referral UK API's reads, as methods (ecosystem/oruk/api.py): the setting
that lets contracts out is filled in here, so no front end can pass another. A page of a list
is kept until the map changes (ecosystem/kept.py): a feed reader asks for the same pages
again and again."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ecosystem import dates
from ecosystem.config import Settings
from ecosystem.db.graph import Graph
from ecosystem.facade.keeping import Keeping
from ecosystem.oruk import api

OrukRecord = dict[str, Any]


class Publishing(Keeping):
    graph: Graph
    settings: Settings

    def _catalogue(self) -> api.Catalogue:
        return api.Catalogue(self.graph, contracts=self.settings.oruk_api_contracts)

    def oruk_api_root(self, openapi_url: str) -> OrukRecord:
        return api.root(openapi_url)

    def oruk_openapi(self, server_url: str) -> OrukRecord:
        return api.openapi(server_url)

    def oruk_list(self, kind: str, args: Mapping[str, str]) -> OrukRecord:
        """A page of `kind` (services, taxonomies, taxonomy_terms, service_at_locations)
        for the query `args`; raises `api.QueryError` for a parameter it cannot use."""
        query = api.Query.parse(args)
        catalogue = self._catalogue()
        lists = {"services": catalogue.services, "taxonomies": catalogue.taxonomies,
                 "taxonomy_terms": catalogue.taxonomy_terms,
                 "service_at_locations": catalogue.service_at_locations}
        # Kept as its JSON text, so no caller can change what the next one is given.
        text = self._kept(("oruk", kind, query, dates.today()),
                          lambda: json.dumps(lists[kind](query)))
        page: OrukRecord = json.loads(text)
        return page

    def oruk_record(self, kind: str, record_id: str) -> OrukRecord | None:
        """One published record of `kind` by its id, or None."""
        catalogue = self._catalogue()
        ones = {"services": catalogue.service, "taxonomies": catalogue.taxonomy,
                "taxonomy_terms": catalogue.taxonomy_term,
                "service_at_locations": catalogue.service_at_location}
        return ones[kind](record_id)
