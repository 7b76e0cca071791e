"""The key worker's flow (issue 14), on maps the tests build (tests/builders.py): benefits as
a multiple choice, answers kept across pages, plain words, the ranking, unmet needs recorded
and the plan saved with a person."""

from __future__ import annotations

import re
from typing import Any

from builders import N1, PLACE1, base_rows, load, service
from flask.testing import FlaskClient
from test_web_keyworker import csrf, text, visible

from ecosystem import Ecosystem


def post(client: FlaskClient, url: str, data: dict[str, Any], **kw: Any) -> Any:
    return client.post(url, data={"csrf_token": csrf(client), **data}, **kw)


def section(html: str, domain: str) -> str:
    m = re.search(rf'aria-labelledby="need-{domain}">(.*?)</section>', html, re.S)
    assert m, domain
    return m.group(1)


def with_pip_service(eco: Ecosystem) -> None:
    rows = base_rows()
    rows["services"].append(service("PIPHELP", "PIP peer group", "PR-VCS", PLACE1, "money",
                                    "information", kind="advice", self_referral="yes",
                                    benefit_status="pip"))
    load(eco, rows)


CLIENT: dict[str, Any] = {"area": N1, "age": "30", "needs": ["money"], "housing": "",
                          "in_work": "", "offending": "", "severity": "any",
                          "conditions": ""}


def test_benefits_are_a_multiple_choice_and_all_of_them_count(eco: Ecosystem,
                                                              client: FlaskClient) -> None:
    with_pip_service(eco)
    form = text(client.get("/key-worker/"))
    assert 'id="benefit-esa" name="benefit" type="checkbox" value="esa"' in form
    assert 'id="benefit-pip" name="benefit" type="checkbox" value="pip"' in form
    html = text(post(client, "/key-worker/options", {**CLIENT, "benefit": ["esa", "pip"]},
                     follow_redirects=True))
    assert "PIP peer group" in visible(section(html, "money")).split("cannot use")[0]
    assert '<input type="hidden" name="benefit" value="esa">' in html
    assert '<input type="hidden" name="benefit" value="pip">' in html
    summary = visible(html)
    assert "Employment and Support Allowance (ESA), Personal Independence Payment (PIP)" \
        in summary
    only_esa = text(post(client, "/key-worker/options", {**CLIENT, "benefit": ["esa"]},
                         follow_redirects=True))
    assert "PIP peer group" not in visible(section(only_esa, "money")).split("cannot use")[0]


def test_post_redirect_get_keeps_the_answers_server_side_and_out_of_the_url(
        eco: Ecosystem, client: FlaskClient) -> None:
    # Issue 14: "Change the client's answers" lost what was entered, and Back showed the
    # browser's resubmission page (the options were the answer to a POST).
    with_pip_service(eco)
    answers = {**CLIENT, "age": "43", "benefit": ["esa", "pip"], "conditions": "psychosis"}
    resp = post(client, "/key-worker/options", answers)
    assert resp.status_code == 303
    where = resp.headers["Location"]
    assert where.endswith("/key-worker/options")  # nothing person-level in the URL
    first = client.get(where)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-store"
    assert "PIP peer group" in visible(text(first))
    assert visible(text(client.get(where))) == visible(text(first))  # Back, Forward: the same
    assert 'href="/key-worker/change"' in text(first)
    change = text(client.get("/key-worker/change"))
    assert 'value="43"' in change and 'value="psychosis"' in change
    assert 'value="esa" checked' in change and 'value="pip" checked' in change
    assert f'<option value="{N1}" selected>' in change
    assert 'id="needs-money" name="needs" type="checkbox" value="money" checked' in change
    # A plan is a redirect to a page too; Back from it is the options page again.
    plan = post(client, "/key-worker/plan", {**answers, "pick": ["money:PIPHELP"]})
    assert plan.status_code == 303 and plan.headers["Location"].endswith("/key-worker/plan")
    assert "PIP peer group" in visible(text(client.get("/key-worker/plan")))
    assert re.search(r'value="money:PIPHELP"[^>]* checked>', text(client.get(where)))
    # The session cookie holds a token, never the answers.
    with client.session_transaction() as s:
        token = s["kw_answers"]
        assert "psychosis" not in str(dict(s))
    assert eco.client_answers("test-admin", token) is not None
    assert eco.client_answers("someone-else", token) is None  # tied to the key worker


def test_kept_answers_expire_and_start_again_forgets_them(eco: Ecosystem,
                                                          client: FlaskClient) -> None:
    from ecosystem.keyworker.drafts import TTL_SECONDS

    token = eco.save_client_answers("kw", {"area": [N1]}, now=1000.0)
    assert eco.client_answers("kw", token, now=1000.0 + TTL_SECONDS - 1) is not None
    assert eco.client_answers("kw", token, now=1000.0 + TTL_SECONDS) is None
    eco.save_client_answers("kw", {"area": [N1]})  # a save now deletes the expired one
    assert eco.client_answers("kw", token, now=1000.0) is None
    assert "KeyWorkerDraft" not in eco.counts()  # not part of the map
    with_pip_service(eco)
    post(client, "/key-worker/options", {**CLIENT, "conditions": "unique-text-xyz"})
    assert eco.find_text(["unique-text-xyz"])
    assert post(client, "/key-worker/forget", {}).status_code == 303
    assert not eco.find_text(["unique-text-xyz"])
    assert client.get("/key-worker/options").headers["Location"].endswith("?expired=1")


def test_options_link_to_their_pages_and_say_checks_plainly(eco: Ecosystem,
                                                            client: FlaskClient) -> None:
    rows = base_rows()
    rows["services"].append(service("WARDWORK", "Ward vocational rehab", "PR-NHS", PLACE1,
                                    "work", "care", kind="ward", self_referral="yes",
                                    housing_status="inpatient"))
    load(eco, rows)
    html = text(post(client, "/key-worker/options", {**CLIENT, "age": "", "needs": ["work"]},
                     follow_redirects=True))
    work = section(html, "work")
    assert re.search(r'<a href="[^"]+">About IPS employment service</a>', work)
    page = visible(work)
    assert "age: takes" not in page and "severity: for" not in page
    # The inpatient-only service is set apart, with the check in plain words.
    assert "Only if the client is in hospital or prison now" in page
    assert "Ward vocational rehab : Only for people in hospital now: check before referring" \
        in page
    assert 'value="work:WARDWORK"' not in work


def test_the_plan_has_goals_next_steps_review_and_consent_and_no_unit_cost(
        eco: Ecosystem, client: FlaskClient) -> None:
    load(eco, base_rows())
    answers = {**CLIENT, "needs": ["work"], "severity": "severe"}
    post(client, "/key-worker/options", answers)
    assert post(client, "/key-worker/plan", {**answers, "pick": ["work:IPS"]}).status_code \
        == 303
    bad = post(client, "/key-worker/plan/details", {"goals": "x", "review": "31/02/2026"})
    assert bad.status_code == 400
    assert '<a href="#review">The review date must be a real date' in text(bad)
    resp = post(client, "/key-worker/plan/details", {
        "goals": "I want to get back to work as a chef",
        "step_what": ["Ask the CMHT to refer to IPS", ""], "step_who": ["Key worker", ""],
        "step_by": ["2026-12-15", ""], "review": "2027-01-12", "consent": "yes",
        "consent_on": "2026-12-01"})
    assert resp.status_code == 303
    page = visible(text(client.get("/key-worker/plan")))
    assert "I want to get back to work as a chef" in page
    assert "What Ask the CMHT to refer to IPS Who Key worker By when 15 December 2026" in page
    assert "Review date 12 January 2027" in page
    assert "The client agreed to this plan and its referrals on 1 December 2026" in page
    # The client's copy never shows the unit cost (IPS: £2,500 a person).
    assert "2,500" not in page and "Cost:" not in page
    body = text(post(client, "/key-worker/plan.csv", {**answers, "pick": ["work:IPS"]}))
    assert "unit cost" not in body and "2500" not in body
    # Changing the chosen options keeps the plan's details; a new client starts afresh.
    post(client, "/key-worker/plan", {**answers, "pick": ["work:IPS"]})
    assert "I want to get back to work as a chef" in text(client.get("/key-worker/plan"))
    post(client, "/key-worker/options", answers)
    post(client, "/key-worker/plan", {**answers, "pick": ["work:IPS"]})
    assert "I want to get back to work as a chef" not in text(client.get("/key-worker/plan"))


def test_the_person_page_shows_current_services_and_the_journey_as_a_timeline(
        eco: Ecosystem, client: FlaskClient) -> None:
    from builders import journeys_rows

    from ecosystem.importers.pseudonymise import pseudonym

    load(eco, base_rows())
    load(eco, journeys_rows())
    key = eco.settings.resolve_pseudonym_key()
    page = visible(text(client.get(f"/key-worker/people/{pseudonym('ward-0', key)}")))
    assert "Their journey so far (5 events)" in page
    journey = page[page.index("Their journey so far"):]
    assert journey.index("Admitted at Acute ward") < journey.index(
        "Referred at Housing First, referred from Acute ward") < journey.index(
        "Outcome recorded at Housing First (outcome: tenancy)")
    assert "6 January 2025 : Admitted at Acute ward" in journey
    esa = visible(text(client.get(f"/key-worker/people/{pseudonym('esa-0', key)}")))
    current = esa[esa.index("Services the person uses now"):esa.index("Their journey")]
    assert "IPS employment service" in current and "Work and health programme" in current


def test_a_plan_is_saved_with_the_person_reopened_and_updated_audited(
        eco: Ecosystem, client: FlaskClient) -> None:
    from builders import journeys_rows

    from ecosystem.accounts import audit
    from ecosystem.importers.pseudonymise import pseudonym

    load(eco, base_rows())
    load(eco, journeys_rows())
    pid = pseudonym("esa-0", eco.settings.resolve_pseudonym_key())
    start = audit.entries(eco.graph, limit=1)[0].at
    assert "Open the saved plan" not in text(client.get(f"/key-worker/people/{pid}"))
    made = text(post(client, f"/key-worker/people/{pid}/plan", {"pick": ["money:DEBT"]}))
    assert f'action="/key-worker/people/{pid}/plan/save"' in made
    saved = post(client, f"/key-worker/people/{pid}/plan/save", {
        "pick": ["money:DEBT"], "goals": "Clear my rent arrears",
        "step_what": ["Book debt advice"], "step_who": ["Key worker"],
        "step_by": ["2026-12-20"], "review": "2027-02-01"})
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith(f"/key-worker/people/{pid}/plan")
    page = visible(text(client.get(f"/key-worker/people/{pid}/plan")))
    assert "Clear my rent arrears" in page and "Debt advice" in page
    assert "Review date 1 February 2027" in page and "Saved with the person on" in page
    assert "Open the saved plan" in text(client.get(f"/key-worker/people/{pid}"))
    post(client, f"/key-worker/people/{pid}/plan/save",
         {"pick": ["money:DEBT"], "goals": "Clear my arrears and find work"})
    assert "Clear my arrears and find work" in text(client.get(f"/key-worker/people/{pid}/plan"))
    actions = [(e.action, e.target) for e in audit.entries(eco.graph, start)]
    assert ("person.plan.save", pid) in actions
    assert sum(1 for a in actions if a == ("person.view", pid)) >= 3
    assert "Clear my" not in str(audit.entries(eco.graph, start))


def test_the_commissioning_note_has_the_unit_costs_the_clients_copy_has_none(
        eco: Ecosystem, client: FlaskClient) -> None:
    from builders import journeys_rows

    from ecosystem.importers.pseudonymise import pseudonym

    load(eco, base_rows())
    answers = {**CLIENT, "needs": ["work", "money"], "severity": "severe"}
    post(client, "/key-worker/options", answers)
    picks = {**answers, "pick": ["work:IPS", "money:DEBT"]}
    assert post(client, "/key-worker/plan", picks).status_code == 303
    plan = text(client.get("/key-worker/plan"))
    # The client's copy: no cost on the page or in its CSV, a link to the note instead.
    main = visible(plan[plan.index("<main"):])
    assert "£" not in main and "2,500" not in main
    assert 'href="/key-worker/plan/commissioning-note"' in plan
    body = text(post(client, "/key-worker/plan.csv", picks))
    assert "£" not in body and "2500" not in body and "cost" not in body.lower()
    # The note: each option's unit cost, and the total of those recorded.
    resp = client.get("/key-worker/plan/commissioning-note")
    assert resp.status_code == 200
    note = visible(text(resp))
    assert "Not the client's copy" in note
    assert "Work and education IPS employment service" in note and "£2,500 a person" in note
    assert "Debt advice" in note and "No unit cost recorded" in note
    assert "Total £2,500 a person" in note
    assert "Not counted, as no unit cost is recorded: Debt advice." in note
    # The plan saved with a person has its note too (audited as a view of the person).
    load(eco, journeys_rows())
    pid = pseudonym("esa-0", eco.settings.resolve_pseudonym_key())
    url = f"/key-worker/people/{pid}/plan/commissioning-note"
    assert client.get(url).status_code == 303  # no saved plan yet: back to the person
    post(client, f"/key-worker/people/{pid}/plan/save", {"pick": ["money:DEBT"]})
    saved = text(client.get(f"/key-worker/people/{pid}/plan"))
    assert f'href="{url}"' in saved and "£" not in visible(saved[saved.index("<main"):])
    person_note = visible(text(client.get(url)))
    assert f"person {pid}" in person_note and "Debt advice" in person_note
    assert "Total Not known: no option in the plan has a unit cost recorded" in person_note
