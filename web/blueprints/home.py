"""Home: the area at a glance, with counts by life domain and the network map.

The map takes filters from the query string (a GET form, no JavaScript). Beyond
GROUP_THRESHOLD nodes it shows groups of services instead (by place-level area or by life
domain), each linking to the same map filtered to that group; a map already filtered to one
area is grouped by life domain, and the other way round, so each step narrows it. Beside the
map, its nodes are listed as links, for the keyboard.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request, url_for

from ecosystem.directory import pages as directory
from ecosystem.directory.pages import MapGroups, MapNode, Network

from .. import choosing, network
from ..core import get_ecosystem

bp = Blueprint("home", __name__)

# More nodes than this on the filtered map: show groups instead. Small enough that the map's
# labels are readable (12 CSS px or more) when it first fits the canvas.
GROUP_THRESHOLD = 25
GROUP_BY = {"area": "Area (local authority or place)", "domain": "Life domain"}
FILTER_LABELS = {
    "area": "Area", "domain": "Life domain", "source": "Source of support",
    "support_type": "Type of support", "commissioner": "Commissioner", "cohort": "Cohort",
}
NO_GROUP = "none"  # group id for services with no place or no life domain
# At most this many groups are drawn: the largest, then one for all the others (a nation's
# map has over a thousand places; drawn one by one they cannot be read, 1.5 MB at XL).
MAX_GROUPS = 40
OTHERS = "others"  # group id for the groups beyond MAX_GROUPS


@bp.get("/")
def index() -> tuple[str, int]:
    eco = get_ecosystem()
    options = eco.map_filter_options()
    filters, errors = choosing.read_filters(request.args, directory.MAP_FILTERS, options,
                                            FILTER_LABELS)
    group_by = request.args.get("group", "").strip() or "area"
    if group_by not in GROUP_BY:
        errors["group"] = "Choose how to group the map from the list"
        group_by = "area"
    # Count (and group) in Cypher first: a big map never reads its every node.
    grouping = _grouping(group_by, filters)
    groups = eco.map_groups(filters, grouping or group_by)
    grouped = grouping is not None and groups.nodes > GROUP_THRESHOLD
    urls: dict[str, str] = {}
    if grouped:
        shown, urls = _groups(groups, grouping or group_by, filters)
    else:
        shown = eco.map_network(filters)
    title = ("Groups of services" if grouped
             else "Services, providers, commissioners and cohorts")
    return render_template(
        "home.html",
        summary=eco.summary(),
        domains=eco.counts_by_domain(),
        network=shown,
        options=options,
        filters=filters,
        filter_labels=FILTER_LABELS,
        group_by=group_by,
        grouping=grouping,
        group_choices=GROUP_BY,
        errors=errors,
        grouped=grouped,
        total_nodes=groups.nodes,
        threshold=GROUP_THRESHOLD,
        filtered=any(filters.values()),
        map_html=network.render(shown, name="area-map", title=title, urls=urls,
                                node_links=True)
        if shown.nodes else None,
    ), 400 if errors else 200


def _grouping(group_by: str, filters: dict[str, str | None]) -> str | None:
    """How to group a map too big to read: as asked, unless the filters already keep one
    group of that kind (one area, or one life domain); then by the other; None when both
    are chosen, as grouping could not narrow the map further."""
    for g in (group_by, *(o for o in GROUP_BY if o != group_by)):
        if not filters.get(g):
            return g
    return None


def _groups(groups: MapGroups, group_by: str,
            filters: dict[str, str | None]) -> tuple[Network, dict[str, str]]:
    """One node per group of services, sized by its number of services, and each group's
    link: this map filtered to the group."""
    counts = {g.id or NO_GROUP: g.services for g in groups.groups}
    names: dict[str, str] = {}
    for g in groups.groups:
        gid = g.id or NO_GROUP
        if group_by == "domain":
            names[gid] = network.DOMAIN_NAMES.get(gid, "No life domain recorded")
        else:
            names[gid] = (g.name or gid) if g.id else "No single place"
    if len(counts) > MAX_GROUPS:
        largest = sorted(counts, key=lambda g: (-counts[g], names[g]))
        kept, rest = largest[:MAX_GROUPS - 1], largest[MAX_GROUPS - 1:]
        others = sum(counts[g] for g in rest)
        counts = {**{g: counts[g] for g in kept}, OTHERS: others}
        kind, control = (("life domains", "life domain") if group_by == "domain"
                         else ("places", "area"))
        names[OTHERS] = f"{len(rest):,} other {kind}: choose one with the {control} filter"
    nodes: list[MapNode] = []
    urls: dict[str, str] = {}
    filter_key = "domain" if group_by == "domain" else "area"
    for gid in sorted(counts, key=lambda g: (g in (NO_GROUP, OTHERS), g == OTHERS, names[g])):
        many = "service" if counts[gid] == 1 else "services"
        node = MapNode("group", gid, f"{names[gid]} ({counts[gid]} {many})",
                       domain=gid if group_by == "domain" else None, size=float(counts[gid]))
        nodes.append(node)
        if gid not in (NO_GROUP, OTHERS):
            args: dict[str, Any] = {k: v for k, v in filters.items() if v}
            args[filter_key] = gid
            args["group"] = group_by
            urls[node.key] = url_for("home.index", **args) + "#map"
    return Network(nodes, []), urls
