"""Key worker: a client's options by need, a plan built from them (print and CSV), and the
client's routes on a small map.

Two ways in: a client typed into the form (nothing is stored: the answers travel in the form
posts only, never in a URL, a cookie or the graph), or a person on the key worker's caseload
(a pseudonymised `Person`; the person id is in the URL so that `web.access` can check the
caseload and audit every view and export).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import Field, StringField
from wtforms.validators import ValidationError

from ecosystem import dates
from ecosystem.analyses import options
from ecosystem.analyses.eligibility import Profile
from ecosystem.keyworker import caseload as keyworker
from ecosystem.keyworker.caseload import AreaChoice
from ecosystem.keyworker.commissioning import commissioning_note
from ecosystem.vocabulary import (
    BENEFIT_LABELS,
    BENEFIT_STATUSES,
    DOMAIN_NAMES,
    DOMAINS,
    EVENT_TYPE_LABELS,
    HOUSING_LABELS,
    HOUSING_STATUSES,
    MAX_AGE,
    MIN_AGE,
    OUTCOME_LABELS,
    SEVERITIES,
    SOURCE_NAMES,
    TYPE_NAMES,
    UNMET_REASONS,
)
from ecosystem.vocabulary import EVIDENCE as EVIDENCE_TEXT

from .. import choosing, network
from ..access import caseload_owner, current_user
from ..core import get_ecosystem

bp = Blueprint("keyworker", __name__, url_prefix="/key-worker")

MAX_CONDITIONS_LENGTH = 200
MAX_REFERENCE_LENGTH = 200

YES_NO = [("", "Not known"), ("yes", "Yes"), ("no", "No")]
SEVERITY = list(SEVERITIES.items())


class ListField(Field):
    """Every value a checkbox group posted (rendered by the template, not by WTForms)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = [str(v) for v in valuelist]

    def _value(self) -> str:
        return ""


class ClientForm(FlaskForm):
    """The client's answers. Only the area and at least one need are required: an answer
    left as "not known" never rules a service out, it becomes something to check.

    Fields are plain text and lists checked by the validators below; each field's `choices`
    (value, text) are what the template shows."""

    class Meta:
        csrf = False  # CSRFProtect checks every POST for the whole app

    area = StringField("Where does the client live?")
    age = StringField("Age")
    needs = ListField("Which life domains does the client need support with?", default=list)
    uses = ListField("Services the client already uses", default=list)
    benefit = ListField("Which benefits does the client get?", default=list)
    housing = StringField("What is the client's housing situation?", default="")
    in_work = StringField("Is the client in paid work?", default="")
    offending = StringField("Does the client have an offending history?", default="")
    severity = StringField("How severe are the client's mental health difficulties?",
                           default="any")
    conditions = StringField("Diagnosed conditions (optional)")

    def __init__(self, *args: Any, area_choices: Sequence[tuple[str, str]] = (),
                 service_choices: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: dict[str, list[tuple[str, str]]] = {
            "area": [("", "Choose an area"), *area_choices],
            "needs": [(d.id, d.name) for d in DOMAINS],
            "uses": list(service_choices),
            "benefit": [(b, BENEFIT_LABELS.get(b, b)) for b in BENEFIT_STATUSES],
            "housing": [("", "Not known")]
            + [(h, HOUSING_LABELS.get(h, h)) for h in HOUSING_STATUSES],
            "in_work": YES_NO, "offending": YES_NO, "severity": SEVERITY,
        }
        for name, values in choices.items():
            self[name].choices = values

    def _allowed(self, name: str) -> set[str]:
        return {v for v, _ in self[name].choices if v}

    # Every message names the field and says how to put it right (NHS.UK error messages).
    area_problem: str | None = None  # what was wrong with an area typed by name
    area_long = False  # the areas are too many for a select: a text box (web/choosing.py)
    area_text = ""  # what that box holds

    def validate_area(self, field: Field) -> None:
        if self.area_problem:
            raise ValidationError(self.area_problem)
        if not field.data:
            raise ValidationError("Choose the area the client lives in")
        if field.data not in self._allowed("area"):
            raise ValidationError("Choose an area from the list")

    def validate_age(self, field: Field) -> None:
        raw = (field.data or "").strip()
        if not raw:
            return
        if not raw.isdigit():
            raise ValidationError("Age must be a whole number, like 34")
        if not MIN_AGE <= int(raw) <= MAX_AGE:
            raise ValidationError(f"Age must be between {MIN_AGE} and {MAX_AGE}")

    def validate_needs(self, field: Field) -> None:
        if not field.data:
            raise ValidationError("Select at least one life domain the client needs "
                                  "support with")
        if set(field.data) - set(DOMAIN_NAMES):
            raise ValidationError("Select life domains from the list")

    def validate_uses(self, field: Field) -> None:
        if set(field.data or ()) - self._allowed("uses"):
            raise ValidationError("Select services from the list")

    def validate_benefit(self, field: Field) -> None:
        field.data = [b for b in field.data or () if b]  # a hidden field's "" is no answer
        if set(field.data) - set(BENEFIT_STATUSES):
            raise ValidationError("Select benefits from the list, or none if not known")
        if "none" in field.data and len(field.data) > 1:
            raise ValidationError("Select No benefits on its own, or the benefits the "
                                  "client gets")

    def validate_housing(self, field: Field) -> None:
        _one_of(field, HOUSING_STATUSES, "Select a housing situation from the list, or "
                "Not known")

    def validate_in_work(self, field: Field) -> None:
        _one_of(field, ("yes", "no"), "Select Yes, No or Not known for paid work")

    def validate_offending(self, field: Field) -> None:
        _one_of(field, ("yes", "no"), "Select Yes, No or Not known for offending history")

    def validate_severity(self, field: Field) -> None:
        if (field.data or "any") not in {v for v, _ in SEVERITY}:
            raise ValidationError("Select how severe the difficulties are, or Not known")

    def validate_conditions(self, field: Field) -> None:
        if len(field.data or "") > MAX_CONDITIONS_LENGTH:
            raise ValidationError(f"Conditions must be {MAX_CONDITIONS_LENGTH} characters "
                                  "or fewer")

    def profile(self) -> Profile:
        age = int(self.age.data) if (self.age.data or "").strip() else None
        lo, hi = Profile.age_range(age)
        conditions = tuple(c.strip() for c in (self.conditions.data or "").split(",")
                           if c.strip())
        return Profile(
            area_id=self.area.data, min_age=lo, max_age=hi, needs=tuple(self.needs.data),
            uses=tuple(self.uses.data or ()), benefits=tuple(self.benefit.data or ()),
            housing_status=self.housing.data or None, in_work=_yes_no(self.in_work.data),
            offending_history=_yes_no(self.offending.data), severity=self.severity.data or "any",
            conditions=conditions)

    def error_list(self) -> list[tuple[str, str]]:
        """(the id to link to, message) in the order of the fields on the page."""
        first_id = {"needs": "needs-" + DOMAINS[0].id,
                    "benefit": "benefit-" + BENEFIT_STATUSES[0],
                    "in_work": "in_work-0", "offending": "offending-0",
                    "severity": "severity-0"}
        return [(first_id.get(name, name), errs[0]) for name, errs in self.errors.items()
                if errs and name in self._fields]


def _one_of(field: Field, allowed: Sequence[str], message: str) -> None:
    if field.data and field.data not in allowed:
        raise ValidationError(message)


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _client_areas() -> list[AreaChoice]:
    """Every area a client can live in, read once a request (the form and the caseload's
    filter both list them: 5,000 at XL)."""
    if "client_areas" not in g:
        g.client_areas = get_ecosystem().client_areas()
    areas: list[AreaChoice] = g.client_areas
    return areas


def _area_choices() -> list[tuple[str, str]]:
    """(id, label) of every area a client can live in."""
    return [(a.id, a.label) for a in _client_areas()]


def _with_area_read(formdata: Any) -> tuple[Any, str | None]:
    """`formdata` with an area typed by name (a long list's text box, web/choosing.py) as
    its id; and what was wrong with the name, if anything."""
    areas = _client_areas()
    raw = formdata.get("area", "") if formdata is not None else ""
    if not raw or not choosing.is_long(areas) or raw in {a.id for a in areas}:
        return formdata, None
    found, problem = choosing.read(raw, areas, "area")
    read = formdata.copy()
    read["area"] = found or ""
    return read, problem


def _client_form(formdata: Any = None) -> ClientForm:
    """The form, listing the services of the area it was given (none before one is chosen:
    a county has thousands)."""
    eco = get_ecosystem()
    typed = formdata.get("area", "") if formdata is not None else ""
    formdata, problem = _with_area_read(formdata)
    area_choices = _area_choices()
    area = formdata.get("area", "") if formdata is not None else ""
    services = (eco.client_services(area) if area in {a for a, _ in area_choices}
                else [])
    form = ClientForm(formdata=formdata, area_choices=area_choices,
                      service_choices=[(s.id, s.label) for s in services])
    form.area_problem = problem
    areas = _client_areas()
    form.area_long = choosing.is_long(areas)
    form.area_text = typed if problem else choosing.shown(areas, form.area.data)
    # Shown in groups by the (first) area each service serves, so a large area's list of
    # services stays manageable: each group opens on its own.
    groups: dict[str, list[tuple[str, str]]] = {}
    for svc in services:
        where = svc.areas[0] if svc.areas else "No area recorded"
        groups.setdefault(where, []).append((svc.id, svc.label))
    form.uses.groups = sorted(groups.items())
    return form


GET_CASELOAD = ("keyworker.index", "keyworker.caseload_page")  # pages that list it themselves


def _caseload() -> dict[str, Any]:
    """One page of the caseload (`?page=`), filtered by the need and area asked for
    (`?need=&area=`: codes, never anything about a person)."""
    eco, owner = get_ecosystem(), caseload_owner()
    need = request.args.get("need", "")
    need = need if need in DOMAIN_NAMES else ""
    areas, problem = _area_choices(), None
    area = request.args.get("area", "")
    if choosing.is_long(areas) and area and area not in {a for a, _ in areas}:
        found, problem = choosing.read(area, _client_areas(), "area")
        area = found or ""
    area = area if area in {a for a, _ in areas} else ""
    listing = eco.caseload_page(owner, request.args.get("page", type=int), need or None,
                                area or None)
    # Its page links stay on the page when it is a GET of the list; from a form's answer
    # (a POST), they go to the caseload page.
    endpoint = (request.endpoint if request.endpoint in GET_CASELOAD
                else "keyworker.caseload_page")
    return {"people": listing.people, "caseload_total": listing.page.total,
            "caseload_shown": listing.page, "caseload_endpoint": endpoint,
            "caseload_filter": {"need": need, "area": area, "areas": areas,
                                "area_long": choosing.is_long(areas), "area_problem": problem,
                                "area_text": request.args.get("area", "") if problem
                                else choosing.shown(_client_areas(), area),
                                "needs": [(d.id, d.name) for d in DOMAINS]}}


# --- Pages ----------------------------------------------------------------------------------

@bp.get("/")
def index() -> ResponseReturnValue:
    form = _client_form()
    expired = request.args.get("expired") == "1"
    return render_template("keyworker/index.html", form=form, errors=[], labels=_labels(),
                           expired=expired, **_caseload())


@bp.get("/caseload", endpoint="caseload_page")
def caseload_page() -> ResponseReturnValue:
    """The caseload on its own page: find a client by case reference, filter, open one."""
    return render_template("keyworker/index.html", form=_client_form(), errors=[],
                           labels=_labels(), expired=False, caseload_only=True,
                           **_caseload())


@bp.get("/change")
def change() -> ResponseReturnValue:
    """The form as the key worker left it (their answers kept server-side, not in a URL)."""
    saved = _saved()
    if saved is None:
        return redirect(url_for("keyworker.index", expired="1"), 303)
    form = _client_form(MultiDict(saved[0]))
    return render_template("keyworker/index.html", form=form, errors=[], labels=_labels(),
                           expired=False, keep=True, **_caseload())


@bp.post("/options", endpoint="options")
def options_page() -> ResponseReturnValue:
    form = _client_form(request.form)
    if request.form.get("step") == "area":  # the area chosen: its services, answers kept
        return render_template("keyworker/index.html", form=form, errors=[],
                               labels=_labels(), expired=False,
                               keep=request.form.get("keep") == "1", **_caseload())
    if not form.validate():
        return render_template("keyworker/index.html", form=form, errors=form.error_list(),
                               labels=_labels(), expired=False, **_caseload()), 400
    _save(_answers(_with_area_read(request.form)[0]), _picked(),
          keep_plan=request.form.get("keep") == "1")
    return redirect(url_for("keyworker.options_view"), 303)


@bp.get("/options", endpoint="options_view")
def options_view() -> ResponseReturnValue:
    loaded = _saved_form()
    if loaded is None:
        return redirect(url_for("keyworker.index", expired="1"), 303)
    form, picks = loaded
    result = get_ecosystem().options(form.profile())
    return _options_response(result, form=form, picked=picks)


@bp.post("/plan")
def plan() -> ResponseReturnValue:
    form = _client_form(request.form)
    if not form.validate():
        return redirect(url_for("keyworker.index"))
    picks = _picked()
    result = get_ecosystem().options(form.profile())
    if not keyworker.plan_items(result, picks):
        return _options_response(result, form, error="Select at least one option for the "
                                 "plan", status=400)
    _save(_answers(request.form), picks, keep_plan=True)
    return redirect(url_for("keyworker.plan_view"), 303)


@bp.get("/plan", endpoint="plan_view")
def plan_view() -> ResponseReturnValue:
    loaded = _saved_form()
    if loaded is None:
        return redirect(url_for("keyworker.index", expired="1"), 303)
    form, picks = loaded
    result = get_ecosystem().options(form.profile())
    saved = _saved()
    details, _ = keyworker.plan_details(saved[0] if saved else {})
    return _plan_response(result, form=form, picks=picks, details=details)


@bp.post("/plan/details", endpoint="plan_details")
def plan_details() -> ResponseReturnValue:
    """The client's goals, next steps, review date and consent, kept with the answers."""
    saved = _saved()
    loaded = _saved_form()
    if saved is None or loaded is None:
        return redirect(url_for("keyworker.index", expired="1"), 303)
    form, picks = loaded
    fields = {name: [str(v) for v in request.form.getlist(name)] for name in PLAN_FIELDS}
    details, errors = keyworker.plan_details(fields)
    if errors:
        result = get_ecosystem().options(form.profile())
        return _plan_response(result, form, picks=picks, details=details,
                              details_errors=errors, status=400)
    answers = {k: v for k, v in saved[0].items() if k not in PLAN_FIELDS}
    _save({**answers, **fields}, picks)
    return redirect(url_for("keyworker.plan_view") + "#plan-details", 303)


@bp.post("/plan.csv")
def plan_csv() -> ResponseReturnValue:
    form = _client_form(request.form)
    if not form.validate():
        abort(400)
    result = get_ecosystem().options(form.profile())
    return _csv_response(result)


@bp.get("/plan/commissioning-note", endpoint="commissioning_note")
def plan_commissioning_note() -> ResponseReturnValue:
    """The unit costs of the plan's options and their total: for the key worker or the
    commissioner, never the client's copy (which shows no cost)."""
    loaded = _saved_form()
    if loaded is None:
        return redirect(url_for("keyworker.index", expired="1"), 303)
    form, picks = loaded
    return _note_response(get_ecosystem().options(form.profile()), picks,
                          url_for("keyworker.plan_view"))


@bp.post("/unmet", endpoint="record_unmet")
def record_unmet() -> ResponseReturnValue:
    """Record that a need of the client's has no suitable option: the area, age band, life
    domain, reason and date only (from the kept answers: nothing is taken from the post but
    the domain and the reason)."""
    loaded = _saved_form()
    if loaded is None:
        return redirect(url_for("keyworker.index", expired="1"), 303)
    form, picks = loaded
    profile = form.profile()
    domain, reason = request.form.get("unmet_domain", ""), request.form.get("unmet_reason", "")
    errors = []
    if domain not in profile.needs:
        errors.append(("unmet_domain", "Select the need that has no suitable option"))
    if reason not in UNMET_REASONS:
        errors.append(("unmet_reason-" + next(iter(UNMET_REASONS)),
                       "Select why no option suits the client"))
    if errors:
        result = get_ecosystem().options(profile)
        return _options_response(result, form, picked=picks, unmet_errors=errors,
                                 status=400)
    get_ecosystem().record_unmet_need(profile.area_id or "", domain, reason,
                                      profile.min_age, profile.max_age)
    session[RECORDED_KEY] = [domain, reason]
    return redirect(url_for("keyworker.options_view") + "#unmet-recorded", 303)


@bp.post("/find", endpoint="find_person")
def find_person() -> ResponseReturnValue:
    """A client on the caseload by the key worker's own case reference: hashed with the
    pseudonymisation key and looked up; the typed reference is never stored or logged."""
    reference = request.form.get("case_reference", "")[:MAX_REFERENCE_LENGTH]
    person_id = get_ecosystem().find_by_case_reference(caseload_owner(), reference)
    if person_id is None:
        message = ("Enter the client's case reference" if not reference.strip() else
                   "No one on your caseload has that case reference. Check it and try again")
        form = _client_form()
        return render_template("keyworker/index.html", form=form, errors=[],
                               labels=_labels(), expired=False, find_error=message,
                               **_caseload()), 404 if reference.strip() else 400
    return redirect(url_for("keyworker.person", person_id=person_id), 303)


@bp.post("/forget")
def forget() -> ResponseReturnValue:
    """Start again: the answers kept for this key worker are deleted now."""
    get_ecosystem().forget_client_answers(session.pop(ANSWERS_KEY, None))
    return redirect(url_for("keyworker.index"), 303)


@bp.get("/people/<person_id>")
def person(person_id: str) -> ResponseReturnValue:
    result = _person_result(person_id)
    saved = get_ecosystem().person_plan(person_id)
    return _options_response(result, form=None,
                             timeline=get_ecosystem().person_timeline(person_id),
                             saved_on=saved.updated if saved else None,
                             has_plan=saved is not None)


@bp.post("/people/<person_id>/plan")
def person_plan(person_id: str) -> ResponseReturnValue:
    saved = get_ecosystem().person_plan(person_id)
    details, _ = keyworker.plan_details(saved.fields if saved else {})
    return _plan_response(_person_result(person_id), form=None, details=details)


@bp.post("/people/<person_id>/plan/save", endpoint="person_plan_save")
def person_plan_save(person_id: str) -> ResponseReturnValue:
    """Save the plan with the person: the options picked and the plan's details."""
    result = _person_result(person_id)
    picks = _picked()
    fields = {name: [str(v) for v in request.form.getlist(name)] for name in PLAN_FIELDS}
    details, errors = keyworker.plan_details(fields)
    if errors or not keyworker.plan_items(result, picks):
        return _plan_response(result, form=None, picks=picks, details=details,
                              details_errors=errors or [("plan-details", "Select at least "
                                                         "one option for the plan")],
                              status=400)
    if not get_ecosystem().save_person_plan(person_id, picks, fields):
        abort(404)
    return redirect(url_for("keyworker.person_plan_saved", person_id=person_id), 303)


@bp.get("/people/<person_id>/plan", endpoint="person_plan_saved")
def person_plan_saved(person_id: str) -> ResponseReturnValue:
    """The plan saved with the person, reopened (to read, print or update)."""
    result = _person_result(person_id)
    saved = get_ecosystem().person_plan(person_id)
    if saved is None:
        return redirect(url_for("keyworker.person", person_id=person_id), 303)
    details, _ = keyworker.plan_details(saved.fields)
    return _plan_response(result, form=None, picks=saved.picks, details=details,
                          saved_on=saved.updated)


@bp.get("/people/<person_id>/plan/commissioning-note",
        endpoint="person_commissioning_note")
def person_commissioning_note(person_id: str) -> ResponseReturnValue:
    """The commissioning note of the plan saved with the person."""
    saved = get_ecosystem().person_plan(person_id)
    if saved is None:
        return redirect(url_for("keyworker.person", person_id=person_id), 303)
    return _note_response(_person_result(person_id), saved.picks,
                          url_for("keyworker.person_plan_saved", person_id=person_id))


@bp.post("/people/<person_id>/plan.csv")
def person_plan_csv(person_id: str) -> ResponseReturnValue:
    return _csv_response(_person_result(person_id))


# --- Helpers --------------------------------------------------------------------------------

ANSWERS_KEY = "kw_answers"  # the session holds only a random token, never the answers
RECORDED_KEY = "kw_unmet_recorded"  # the last unmet need recorded (domain, reason): shown once
PLAN_FIELDS = ("goals", "step_what", "step_who", "step_by", "review", "consent", "consent_on")
ANSWER_FIELDS = ("area", "age", "needs", "uses", "benefit", "housing", "in_work",
                 "offending", "severity", "conditions")


def _answers(formdata: Any) -> dict[str, list[str]]:
    return {name: [str(v) for v in formdata.getlist(name)] for name in ANSWER_FIELDS
            if name in formdata}


def _username() -> str:
    user = current_user()
    return user.username if user else ""


def _save(answers: dict[str, list[str]], picks: Sequence[str], keep_plan: bool = False
          ) -> None:
    """Keep the answers and picks; `keep_plan`: and the plan's details already kept (the
    same client), not a new client's."""
    if keep_plan:
        saved = _saved()
        if saved:
            answers = {**{k: v for k, v in saved[0].items() if k in PLAN_FIELDS}, **answers}
    session[ANSWERS_KEY] = get_ecosystem().save_client_answers(
        _username(), answers, picks, session.get(ANSWERS_KEY))


def _saved() -> tuple[dict[str, list[str]], list[str]] | None:
    return get_ecosystem().client_answers(_username(), session.get(ANSWERS_KEY))


def _saved_form() -> tuple[ClientForm, list[str]] | None:
    """The kept answers as a checked form, and the picked options (None: none kept, or they
    have expired, or the map changed so that they no longer check)."""
    saved = _saved()
    if saved is None:
        return None
    form = _client_form(MultiDict(saved[0]))
    if not form.validate():
        return None
    return form, saved[1]


def _person_result(person_id: str) -> options.OptionsResult:
    try:
        return get_ecosystem().options(person_id=person_id)
    except options.UnknownPerson:
        abort(404)
    except ValueError:  # a person with needs but no recorded area
        abort(404)


def _labels() -> dict[str, Any]:
    return {"domains": DOMAIN_NAMES, "sources": SOURCE_NAMES, "types": TYPE_NAMES,
            "events": EVENT_TYPE_LABELS, "outcomes": OUTCOME_LABELS,
            "benefits": BENEFIT_LABELS, "housing": HOUSING_LABELS,
            "severity": dict(SEVERITY), "evidence": EVIDENCE_TEXT}


def _picked() -> list[str]:
    return [p for p in request.form.getlist("pick") if ":" in p][:200]


def _client_summary(result: options.OptionsResult,
                    form: ClientForm | None) -> list[tuple[str, str]]:
    """The answers the options were worked out from, as (question, answer) rows."""
    p = result.profile
    eco = get_ecosystem()
    where = eco.client_area(p.area_id) if p.area_id else None
    used = dict(form.uses.choices) if form is not None else {
        s.id: s.label for s in eco.client_services_named(p.uses)}
    if p.min_age is None and p.max_age is None:
        age = "Not known"
    elif p.min_age == p.max_age:
        age = str(p.min_age)
    else:
        age = f"{p.min_age} to {p.max_age}"
    yes_no = {True: "Yes", False: "No", None: "Not known"}
    return [
        ("Area", where.label if where else p.area_id or "Not known"),
        ("Age", age),
        ("Needs", ", ".join(DOMAIN_NAMES.get(d, d) for d in p.needs) or "None"),
        ("Services already used", ", ".join(used.get(u, u) for u in p.uses) or "None"),
        ("Benefits", ", ".join(BENEFIT_LABELS.get(b, b) for b in p.all_benefits)
         or "Not known"),
        ("Housing", HOUSING_LABELS.get(p.housing_status or "", "Not known")),
        ("In paid work", yes_no[p.in_work]),
        ("Offending history", yes_no[p.offending_history]),
        ("Severity", dict(SEVERITY).get(p.severity, p.severity)),
        ("Conditions", ", ".join(p.conditions) or "Not known"),
    ]


def _current_services(result: options.OptionsResult) -> list[tuple[str, str]]:
    """(id, name) of the services the client uses now."""
    if not result.profile.uses:
        return []
    names = {s.id: s.label for s in get_ecosystem().client_services_named(result.profile.uses)}
    return [(u, names.get(u, u)) for u in result.profile.uses]


def _route_map(result: options.OptionsResult, name: str, title: str,
               picked_ids: set[str] | None = None) -> Any:
    net = get_ecosystem().route_network(result)
    if len(net.nodes) < 2:
        return None
    highlight = frozenset(f"service:{s}" for s in picked_ids) if picked_ids else frozenset()
    return network.render(net, name=name, title=title, size="small", highlight=highlight,
                          highlight_label="In the plan")


def _plan_urls(person_id: str | None) -> dict[str, str]:
    if person_id:
        return {"plan": url_for("keyworker.person_plan", person_id=person_id),
                "csv": url_for("keyworker.person_plan_csv", person_id=person_id)}
    return {"plan": url_for("keyworker.plan"), "csv": url_for("keyworker.plan_csv")}


def _options_response(result: options.OptionsResult, form: ClientForm | None,
                      picked: Sequence[str] = (), error: str | None = None,
                      status: int = 200,
                      unmet_errors: Sequence[tuple[str, str]] = (),
                      timeline: Sequence[keyworker.TimelineEvent] = (),
                      saved_on: dt.date | None = None,
                      has_plan: bool = False) -> ResponseReturnValue:
    map_html = _route_map(result, "client-routes", "How the client can get to their options")
    return render_template(
        "keyworker/options.html", result=result, form=form, labels=_labels(),
        summary=_client_summary(result, form), urls=_plan_urls(result.person_id),
        picked=set(picked), error=error, map_html=map_html, unmet_reasons=UNMET_REASONS,
        unmet_errors=list(unmet_errors), recorded=session.pop(RECORDED_KEY, None),
        timeline=list(timeline), current=_current_services(result), saved_on=saved_on,
        has_plan=has_plan), status


def _plan_response(result: options.OptionsResult, form: ClientForm | None,
                   picks: Sequence[str] | None = None,
                   details: keyworker.PlanDetails | None = None,
                   details_errors: Sequence[tuple[str, str]] = (),
                   status: int = 200, saved_on: dt.date | None = None) -> ResponseReturnValue:
    picked = list(picks) if picks is not None else _picked()
    items = keyworker.plan_items(result, picked)
    if not items:
        return _options_response(result, form, error="Select at least one option for the "
                                 "plan", status=400)
    picked_ids = {it.option.service_id for it in items}
    map_html = _route_map(result, "plan-routes", "The routes to the services in the plan",
                          picked_ids)
    return render_template(
        "keyworker/plan.html", result=result, form=form, items=items, labels=_labels(),
        summary=_client_summary(result, form), urls=_plan_urls(result.person_id),
        picked=picked, map_html=map_html, today=dates.today(),
        details=details or keyworker.PlanDetails(), details_errors=list(details_errors),
        plan_steps=keyworker.PLAN_STEPS, saved_on=saved_on), status


def _note_response(result: options.OptionsResult, picks: Sequence[str],
                   back: str) -> ResponseReturnValue:
    items = keyworker.plan_items(result, picks)
    if not items:
        return redirect(back, 303)
    return render_template("keyworker/commissioning_note.html", result=result,
                           note=commissioning_note(items), today=dates.today(), back=back)


def _csv_response(result: options.OptionsResult) -> ResponseReturnValue:
    items = keyworker.plan_items(result, _picked())
    if not items:
        abort(400)
    body = keyworker.plan_csv(items, result.unmet)
    name = f"support-plan-{dates.today().isoformat()}.csv"
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
