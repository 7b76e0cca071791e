"""The grouped map is counted in Cypher (`directory.map_groups`): the same groups and counts
as grouping every node of `directory.map_network`. Read-only on the demo (see test_web_map for
the page)."""

from __future__ import annotations

from collections import Counter

import pytest

from ecosystem import Ecosystem
from ecosystem.directory import pages as directory

FILTERS = [{}, {"domain": "housing"}, {"support_type": "care"}, {"source": "peer"},
           {"area": "E06000901"}, {"domain": "work", "support_type": "provision"}]


def _from_nodes(net: directory.Network, group_by: str) -> Counter[str | None]:
    return Counter(
        (n.domain if group_by == "domain" else (n.places[0][0] if n.places else None))
        for n in net.nodes if n.kind == "service")


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("group_by", directory.MAP_GROUP_BY)
def test_groups_match_the_full_network(demo: Ecosystem, filters: dict[str, str],
                                       group_by: str) -> None:
    net = directory.map_network(demo.graph, filters)
    groups = directory.map_groups(demo.graph, filters, group_by)
    assert groups.nodes == len(net.nodes)
    assert Counter({g.id: g.services for g in groups.groups}) == _from_nodes(net, group_by)
    if group_by == "area":
        names = {p for n in net.nodes for p in n.places[:1]}
        assert {(g.id, g.name) for g in groups.groups if g.id} <= names


def test_demo_has_services_in_several_groups(demo: Ecosystem) -> None:
    """Guards the test above against passing on an empty or one-group map."""
    groups = directory.map_groups(demo.graph, {}, "area")
    assert groups.nodes > 60 and len(groups.groups) >= 3
    assert sum(g.services for g in groups.groups) == 60


def test_unknown_grouping_is_refused(demo: Ecosystem) -> None:
    with pytest.raises(ValueError):
        directory.map_groups(demo.graph, {}, "provider")

