"""What each import file holds: one pydantic model per entity, in the order they load.

Cells come from CSV, Excel or JSON, so every field accepts text and is converted here. Lists
are written in one cell separated by semicolons ("housing; money"). Identifiers of people and
events are pseudonymised after validation; names, NHS numbers and other direct identifiers
are refused as columns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from ecosystem.contacts import (
    parse_email,
    parse_hours,
    parse_phone,
    parse_referral_method,
    parse_site,
    parse_url,
    split_cell,
)
from ecosystem.vocabulary import (
    AGE_BANDS,
    AREA_LEVELS,
    BENEFIT_STATUSES,
    COMMISSIONER_KINDS,
    DOMAIN_IDS,
    EVENT_TYPES,
    HOUSING_STATUSES,
    MODEL_IDS,
    OUTCOMES,
    SECTORS,
    SERVICE_STATUSES,
    SEVERITIES,
    SOURCE_IDS,
    TYPE_IDS,
)

ID_RE = r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$"


def _blank_to_none(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _split_list(v: Any) -> Any:
    if v is None:
        return []
    if isinstance(v, list | tuple):
        return [str(x).strip() for x in v if str(x).strip()]
    if isinstance(v, str):
        return [p.strip() for p in re.split(r"[;|]", v) if p.strip()]
    return v


def _to_date(v: Any) -> Any:
    v = _blank_to_none(v)
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, str):
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return dt.datetime.strptime(v, fmt).date()
            except ValueError:
                pass
        raise ValueError("a date as YYYY-MM-DD (or DD/MM/YYYY)")
    return v


def _to_bool(v: Any) -> Any:
    v = _blank_to_none(v)
    if isinstance(v, str):
        low = v.lower()
        if low in {"yes", "y", "true", "1"}:
            return True
        if low in {"no", "n", "false", "0"}:
            return False
        raise ValueError("yes or no")
    return v


def _to_number(v: Any) -> Any:
    v = _blank_to_none(v)
    if isinstance(v, str):
        v = v.replace(",", "").replace("£", "")
    return v


def _lower(v: Any) -> Any:
    v = _blank_to_none(v)
    return v.lower().replace(" ", "_").replace("-", "_") if isinstance(v, str) else v


Text = Annotated[str, BeforeValidator(_blank_to_none)]
OptText = Annotated[str | None, BeforeValidator(_blank_to_none)]
_IdText = Annotated[str, Field(pattern=ID_RE)]
Id = Annotated[_IdText, BeforeValidator(_blank_to_none)]
OptId = Annotated[_IdText | None, BeforeValidator(_blank_to_none)]
IdList = Annotated[list[Annotated[str, Field(pattern=ID_RE)]], BeforeValidator(_split_list)]
TextList = Annotated[list[str], BeforeValidator(_split_list)]
Date = Annotated[dt.date, BeforeValidator(_to_date)]
OptDate = Annotated[dt.date | None, BeforeValidator(_to_date)]
OptBool = Annotated[bool | None, BeforeValidator(_to_bool)]
Bool = Annotated[bool, BeforeValidator(_to_bool)]
OptInt = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_to_number)]
OptMoney = Annotated[Annotated[float, Field(ge=0)] | None, BeforeValidator(_to_number)]

# The code lists are ecosystem.vocabulary's: a Literal made at run time, which mypy reads as str.
if TYPE_CHECKING:
    AreaLevel = str
    Sector = str
    CommissionerKind = str
    ServiceStatus = str
    Severity = str
    AgeBand = str
else:
    AreaLevel = Literal[tuple(AREA_LEVELS)]
    Sector = Literal[tuple(SECTORS)]
    CommissionerKind = Literal[tuple(COMMISSIONER_KINDS)]
    ServiceStatus = Literal[tuple(SERVICE_STATUSES)]
    Severity = Literal[tuple(SEVERITIES)]
    AgeBand = Literal[AGE_BANDS]


def _one_of(allowed: tuple[str, ...], what: str) -> Any:
    def check(v: str | None) -> str | None:
        return None if v is None else _check_members([v], allowed, what)[0]
    return AfterValidator(check)


def _check_members(values: list[str], allowed: tuple[str, ...], what: str) -> list[str]:
    norm = [v.lower().replace(" ", "_").replace("-", "_") for v in values]
    allowed_norm = {a.replace("-", "_"): a for a in allowed}
    bad = [v for v, n in zip(values, norm, strict=True) if n not in allowed_norm]
    if bad:
        raise ValueError(f"{what} from: {', '.join(allowed)} (got {', '.join(bad)})")
    return [allowed_norm[n] for n in norm]


def _opt(parse: Any) -> Any:
    return AfterValidator(lambda v: None if v is None else parse(v))


def _each(parse: Any) -> Any:
    return AfterValidator(lambda vs: [parse(v) for v in vs])


OptPhone = Annotated[str | None, BeforeValidator(_blank_to_none), _opt(parse_phone)]
OptEmail = Annotated[str | None, BeforeValidator(_blank_to_none), _opt(parse_email)]
OptUrl = Annotated[str | None, BeforeValidator(_blank_to_none), _opt(parse_url)]
OptHours = Annotated[str | None, BeforeValidator(_blank_to_none), _opt(parse_hours)]
# Sites and ways in hold commas and |, so only semicolons separate them.
SiteList = Annotated[list[str], BeforeValidator(split_cell), _each(parse_site)]
MethodList = Annotated[list[str], BeforeValidator(split_cell), _each(parse_referral_method)]

OptBenefit = Annotated[str | None, BeforeValidator(_blank_to_none),
                      _one_of(BENEFIT_STATUSES, "a benefit status")]
OptHousing = Annotated[str | None, BeforeValidator(_blank_to_none),
                      _one_of(HOUSING_STATUSES, "a housing status")]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class AreaRow(Row):
    id: Id
    name: Text
    level: Annotated[AreaLevel, BeforeValidator(_lower)]
    parent_id: OptId = None


class ProviderRow(Row):
    id: Id
    name: Text
    sector: Annotated[Sector, BeforeValidator(_lower)]
    website: OptText = None


class CommissionerRow(Row):
    id: Id
    name: Text
    kind: Annotated[CommissionerKind, BeforeValidator(_lower)]
    area_id: OptId = None


class CohortRow(Row):
    id: Id
    name: Text
    area_id: Id
    criteria: OptText = None
    estimated_size: OptInt = None
    # Structured criteria, matched against services' eligibility like a person's answers.
    min_age: OptInt = None
    max_age: OptInt = None
    severity: Annotated[Severity, BeforeValidator(_lower)] = "any"
    benefit_status: OptBenefit = None
    housing_status: OptHousing = None
    in_work: OptBool = None
    offending_history: OptBool = None
    need_housing: OptInt = None
    need_money: OptInt = None
    need_work: OptInt = None
    need_connectedness: OptInt = None
    need_family: OptInt = None
    need_victimisation: OptInt = None
    need_offending: OptInt = None
    need_citizenship: OptInt = None
    # The types of support a need is met by, as domain:type ("housing:provision;
    # housing:care"); a need naming none is met by any type in its domain.
    types_needed: TextList = []

    @field_validator("types_needed")
    @classmethod
    def _types_needed(cls, v: list[str]) -> list[str]:
        out = []
        for item in v:
            domain, sep, typ = item.partition(":")
            if not sep:
                raise ValueError(f"life domain:type of support, like housing:provision "
                                 f"(got {item})")
            out.append(_check_members([domain.strip()], DOMAIN_IDS, "life domains")[0] + ":"
                       + _check_members([typ.strip()], TYPE_IDS, "types of support")[0])
        return sorted(set(out))



class ServiceRow(Row):
    id: Id
    name: Text
    provider_id: Id
    kind: OptText = None
    description: OptText = None
    areas: IdList
    # A clinical service (a ward, a CMHT, a GP hub) is an entry point of journeys and
    # referral routes, not social support: it needs no life domain, and the social-support
    # analyses (coverage, spend by domain, concentration, overlaps, orphans) leave it out.
    # Before `domains`, so that its check can read it.
    clinical: Bool = False
    # Required unless clinical: the default is checked too (a blank cell is "not given").
    domains: TextList = Field(default=[], validate_default=True)
    sources: TextList
    types: TextList
    model_id: OptId = None
    model_fidelity: Annotated[
        Annotated[float, Field(ge=0, le=1)] | None, BeforeValidator(_to_number)
    ] = None
    cohorts: IdList = []
    min_age: OptInt = None
    max_age: OptInt = None
    severity: Annotated[Severity, BeforeValidator(_lower)] = "any"
    conditions: TextList = []
    benefit_status: TextList = []
    housing_status: TextList = []
    in_work: Annotated[Literal["any", "yes", "no"], BeforeValidator(_lower)] = "any"
    offending_history: Annotated[
        Literal["any", "required", "excluded"], BeforeValidator(_lower)
    ] = "any"
    other_criteria: OptText = None
    self_referral: Bool = False
    referral_from: TextList = []
    capacity: OptInt = None
    waiting_days: OptInt = None
    unit_cost: OptMoney = None
    status: Annotated[ServiceStatus, BeforeValidator(_lower)] = "active"
    end_date: OptDate = None
    # Provenance and directory detail from an Open Referral UK feed (docs/oruk.md). Optional:
    # other imports leave them empty. Structured ORUK parts are kept as JSON text per item.
    url: OptText = None
    source: OptText = None  # the feed a service came from, e.g. "oruk"
    source_id: OptText = None  # the service's id in that feed
    in_feed: OptBool = None  # false once a re-import of the feed no longer lists it
    removed_from_feed_on: OptDate = None
    locations: TextList = []
    cost_options: TextList = []
    funding: TextList = []  # free-text funding sources, as published
    funder_ids: IdList = []  # commissioners the user confirmed for those sources
    taxonomy_terms: TextList = []
    # Contact and access details (ecosystem/contacts.py; formats in the templates' GUIDE.md).
    phone: OptPhone = None
    email: OptEmail = None
    website: OptUrl = None
    sites: SiteList = []
    opening_hours: OptHours = None
    hours_note: OptText = None
    referral_methods: MethodList = []
    languages: TextList = []
    accessibility: OptText = None
    free_to_client: OptBool = None
    update_contact: OptText = None  # a role or team, never a person's name

    @field_validator("domains")
    @classmethod
    def _domains(cls, v: list[str], info: ValidationInfo) -> list[str]:
        if not v and not info.data.get("clinical"):
            raise ValueError("at least one life domain (or clinical: yes, for a clinical "
                             "service such as a ward or a CMHT, which needs none)")
        return _check_members(v, DOMAIN_IDS, "life domains")

    @field_validator("sources")
    @classmethod
    def _sources(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("at least one source of support")
        return _check_members(v, SOURCE_IDS, "sources of support")

    @field_validator("types")
    @classmethod
    def _types(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("at least one type of support")
        return _check_members(v, TYPE_IDS, "types of support")

    @field_validator("areas")
    @classmethod
    def _areas(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("at least one area served")
        return v

    @field_validator("model_id")
    @classmethod
    def _model(cls, v: str | None) -> str | None:
        if v is not None and v not in MODEL_IDS:
            raise ValueError(f"a model of support from: {', '.join(MODEL_IDS)}")
        return v

    @field_validator("referral_methods")
    @classmethod
    def _ways_in(cls, v: list[str], info: ValidationInfo) -> list[str]:
        # Options rank and word a service by self_referral: the two must agree.
        own = [m for m in v if m.startswith(("self_referral", "drop_in"))]
        if own and info.data.get("self_referral") is False:
            raise ValueError(f"self_referral is no, but {own[0].split(':')[0]} is a way to "
                             "refer oneself: set self_referral to yes, or remove it")
        return v

    @field_validator("benefit_status")
    @classmethod
    def _benefits(cls, v: list[str]) -> list[str]:
        return _check_members(v, BENEFIT_STATUSES, "benefit statuses")

    @field_validator("housing_status")
    @classmethod
    def _housing(cls, v: list[str]) -> list[str]:
        return _check_members(v, HOUSING_STATUSES, "housing statuses")


class ReferralRouteRow(Row):
    from_service_id: Id
    to_service_id: Id
    note: OptText = None


class ContractRow(Row):
    id: Id
    commissioner_id: Id
    service_id: Id
    annual_value: Annotated[float, BeforeValidator(_to_number), Field(ge=0)]
    start_date: Date
    end_date: OptDate = None
    capacity: OptInt = None


class PersonRow(Row):
    person_ref: Text
    age_band: Annotated[AgeBand, BeforeValidator(_blank_to_none)]
    area_id: Id
    cohorts: IdList = []
    needs: TextList = []
    benefit_status: OptBenefit = None
    housing_status: OptHousing = None
    in_work: OptBool = None
    offending_history: OptBool = None
    severity: Annotated[Severity, BeforeValidator(_lower)] = "any"
    conditions: TextList = []
    key_worker: OptText = None

    @field_validator("needs")
    @classmethod
    def _needs(cls, v: list[str]) -> list[str]:
        return _check_members(v, DOMAIN_IDS, "life domains")


class EventRow(Row):
    event_ref: Text
    person_ref: Text
    service_id: Id
    type: Annotated[str, BeforeValidator(_lower)]
    date: Date
    referred_from_service_id: OptId = None
    outcome: OptText = None

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        return _check_members([v], EVENT_TYPES, "an event type")[0]

    @field_validator("outcome")
    @classmethod
    def _outcome(cls, v: str | None) -> str | None:
        return None if v is None else _check_members([v], OUTCOMES, "an outcome")[0]


@dataclass(frozen=True)
class Entity:
    name: str  # file stem / sheet name / JSON key
    model: type[Row]
    key: tuple[str, ...]  # fields that identify a row
    required: bool = False


# Load order: every entity refers only to entities above it.
ENTITIES: tuple[Entity, ...] = (
    Entity("areas", AreaRow, ("id",)),
    Entity("providers", ProviderRow, ("id",)),
    Entity("commissioners", CommissionerRow, ("id",)),
    Entity("cohorts", CohortRow, ("id",)),
    Entity("services", ServiceRow, ("id",)),
    Entity("referral_routes", ReferralRouteRow, ("from_service_id", "to_service_id")),
    Entity("contracts", ContractRow, ("id",)),
    Entity("people", PersonRow, ("person_ref",)),
    Entity("journey_events", EventRow, ("event_ref",)),
)
ENTITY_BY_NAME = {e.name: e for e in ENTITIES}

# Columns refused outright: the tool never stores direct identifiers.
FORBIDDEN_COLUMNS = frozenset({
    "name", "first_name", "last_name", "surname", "full_name", "nhs_number", "nhs_no",
    "date_of_birth", "dob", "postcode", "address", "email", "phone", "ni_number",
})


def columns(entity: Entity) -> list[str]:
    return list(entity.model.model_fields)


def required_columns(entity: Entity) -> list[str]:
    return [n for n, f in entity.model.model_fields.items() if f.is_required()]
