"""Outcomes on the demo area: the three duplicate Brindlemouth employment services side by
side (fixtures/README.md, finding 9)."""

from __future__ import annotations

from flask.testing import FlaskClient

from ecosystem import Ecosystem

TRIO = ("b-workwell", "b-brightside", "b-pathways")


def test_the_duplicate_employment_services_side_by_side(demo: Ecosystem) -> None:
    res = demo.outcomes("E06000901")
    cmp = next(c for c in res.comparisons if (c.domain, c.type) == ("work", "care"))
    by = {o.id: o for o in cmp.services}
    assert set(TRIO) <= set(by)
    well, bright, paths = (by[s] for s in TRIO)
    assert all(o.rate is not None for o in (well, bright, paths))
    # WorkWell gets the most people into work, Brightside the fewest.
    assert (well.rate or 0) > (paths.rate or 0) > (bright.rate or 0)
    assert well.cost_per_outcome == round(168_000 / (well.in_year.value or 1), 2)
    assert f"{well.name} has the highest outcome rate" in cmp.why
    assert cmp.services[0].id == "b-workwell"  # the only one costed: fewer than 8 outcomes
    assert bright.cost_per_outcome is None and bright.in_year.suppressed  # in the last year


def test_the_outcomes_page_on_the_demo(client: FlaskClient, demo: Ecosystem) -> None:
    html = client.get("/commissioner/outcomes?area=E06000901").get_data(as_text=True)
    assert "WorkWell Into Employment (Brindlemouth) has the highest outcome rate" in html
    assert "Brightside Job Coaching" in html and "Brindlemouth Pathways to Work" in html
