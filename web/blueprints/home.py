"""Home: the area at a glance, with counts by life domain and the network map."""

from __future__ import annotations

from flask import Blueprint, render_template

from ecosystem import directory

from .. import network
from ..core import get_ecosystem

bp = Blueprint("home", __name__)


@bp.get("/")
def index() -> str:
    eco = get_ecosystem()
    net = directory.map_network(eco)
    return render_template(
        "home.html",
        summary=directory.summary(eco),
        domains=directory.counts_by_domain(eco),
        network=net,
        map_html=network.render(net, name="area-map",
                                title="Services, providers and commissioners") if net.nodes
        else None,
    )
