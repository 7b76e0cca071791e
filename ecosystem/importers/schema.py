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
from functools import cache
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
from pydantic.fields import FieldInfo

from ecosystem.contacts import (
    parse_email,
    parse_hours,
    parse_phone,
    parse_referral_method,
    parse_site,
    parse_url,
    split_cell,
)
from ecosystem.importers import cells
from ecosystem.vocabulary import (
    AGE_BANDS,
    AREA_LEVELS,
    COMMISSIONER_KINDS,
    SECTORS,
    SERVICE_STATUSES,
    SEVERITIES,
)

ID_RE = r"^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$"


def _blank_to_none(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def _before(read: Any) -> BeforeValidator:
    """A cells.py reader, after an empty cell is taken as not given."""
    return BeforeValidator(lambda v: read(_blank_to_none(v)))


@dataclass(frozen=True)
class CodedAs:
    """Marks a field whose cells are codes of vocabulary list `kind` (`coded_columns`)."""

    kind: str


def _coded(kind: str, what: str) -> BeforeValidator:
    return _before(cells.coded(kind, what))


def _codes(kind: str, what: str) -> BeforeValidator:
    return BeforeValidator(cells.coded_list(kind, what))


def _lower(v: Any) -> Any:
    v = _blank_to_none(v)
    return v.lower().replace(" ", "_").replace("-", "_") if isinstance(v, str) else v


_DOMAIN = cells.coded("domain", "life domains")
_TYPE = cells.coded("type", "types of support")

Text = Annotated[str, BeforeValidator(_blank_to_none)]
OptText = Annotated[str | None, BeforeValidator(_blank_to_none)]
_IdText = Annotated[str, Field(pattern=ID_RE)]
Id = Annotated[_IdText, BeforeValidator(_blank_to_none)]
OptId = Annotated[_IdText | None, BeforeValidator(_blank_to_none)]
IdList = Annotated[list[Annotated[str, Field(pattern=ID_RE)]], BeforeValidator(cells.split_ids)]
TextList = Annotated[list[str], BeforeValidator(cells.split_list)]
# Short free text where a comma may be part of a value: semicolons only.
WordList = Annotated[list[str], BeforeValidator(cells.split_words)]
Date = Annotated[dt.date, _before(cells.to_date)]
OptDate = Annotated[dt.date | None, _before(cells.to_date)]
OptBool = Annotated[bool | None, _before(cells.to_bool)]
Bool = Annotated[bool, _before(cells.to_bool)]
OptInt = Annotated[Annotated[int, Field(ge=0)] | None, _before(cells.to_whole)]
OptMoney = Annotated[Annotated[float, Field(ge=0)] | None, _before(cells.to_money)]

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

OptBenefit = Annotated[str | None, _coded("benefit", "a benefit status"), CodedAs("benefit")]
OptHousing = Annotated[str | None, _coded("housing", "a housing status"), CodedAs("housing")]
Severe = Annotated[Severity, _coded("severity", "a severity"), CodedAs("severity")]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class AreaRow(Row):
    id: Id
    name: Text
    level: Annotated[AreaLevel, _coded("area_level", "an area level"), CodedAs("area_level")]
    parent_id: OptId = None


class ProviderRow(Row):
    id: Id
    name: Text
    sector: Annotated[Sector, _coded("sector", "a sector"), CodedAs("sector")]
    website: OptText = None


class CommissionerRow(Row):
    id: Id
    name: Text
    kind: Annotated[
        CommissionerKind, _coded("commissioner_kind", "a kind of commissioner"),
        CodedAs("commissioner_kind"),
    ]
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
    severity: Severe = "any"
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
    types_needed: Annotated[list[str], BeforeValidator(cells.split_pairs)] = []

    @field_validator("types_needed")
    @classmethod
    def _types_needed(cls, v: list[str]) -> list[str]:
        out = []
        for item in v:
            domain, sep, typ = item.partition(":")
            if not sep:
                raise ValueError(f"life domain:type of support, like housing:provision "
                                 f"(got {item})")
            out.append(_DOMAIN(domain.strip()) + ":" + _TYPE(typ.strip()))
        return sorted(set(out))



class ServiceRow(Row):
    id: Id
    name: Text
    provider_id: Id
    kind: Annotated[str | None, _before(cells.known_or_text("service_kind"))] = None
    description: OptText = None
    areas: IdList
    # A clinical service (a ward, a CMHT, a GP hub) is an entry point of journeys and
    # referral routes, not social support: it needs no life domain, and the social-support
    # analyses (coverage, spend by domain, concentration, overlaps, orphans) leave it out.
    # Before `domains`, so that its check can read it.
    clinical: Bool = False
    # Required unless clinical: the default is checked too (a blank cell is "not given").
    domains: Annotated[list[str], _codes("domain", "life domains"),
                       CodedAs("domain")] = Field(default=[], validate_default=True)
    sources: Annotated[list[str], _codes("source", "sources of support"), CodedAs("source")]
    types: Annotated[list[str], _codes("type", "types of support"), CodedAs("type")]
    model_id: Annotated[str | None, _coded("model", "a model of support"), CodedAs("model")] = None
    model_fidelity: Annotated[
        Annotated[float, Field(ge=0, le=1)] | None, _before(cells.to_fraction)
    ] = None
    cohorts: IdList = []
    min_age: OptInt = None
    max_age: OptInt = None
    severity: Severe = "any"
    conditions: WordList = []
    benefit_status: Annotated[
        list[str], _codes("benefit", "benefit statuses"), CodedAs("benefit")
    ] = []
    housing_status: Annotated[
        list[str], _codes("housing", "housing statuses"), CodedAs("housing")
    ] = []
    in_work: Annotated[Literal["any", "yes", "no"], BeforeValidator(_lower)] = "any"
    offending_history: Annotated[
        Literal["any", "required", "excluded"], BeforeValidator(_lower)
    ] = "any"
    other_criteria: OptText = None
    self_referral: Bool = False
    referral_from: Annotated[list[str],
                             BeforeValidator(cells.known_or_text_list("service_kind"))] = []
    capacity: OptInt = None
    waiting_days: OptInt = None
    unit_cost: OptMoney = None
    status: Annotated[
        ServiceStatus, _coded("service_status", "a service status"), CodedAs("service_status")
    ] = "active"
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
    languages: Annotated[list[str], BeforeValidator(cells.split_ids)] = []  # no comma in a name
    accessibility: OptText = None
    free_to_client: OptBool = None
    update_contact: OptText = None  # a role or team, never a person's name
    # When someone last confirmed the details are right (docs/stewardship.md): stale after
    # ECOSYSTEM_STALE_MONTHS. ORUK's assured_date.
    last_verified: OptDate = None

    @field_validator("domains")
    @classmethod
    def _domains(cls, v: list[str], info: ValidationInfo) -> list[str]:
        if not v and not info.data.get("clinical"):
            raise ValueError("at least one life domain (or clinical: yes, for a clinical "
                             "service such as a ward or a CMHT, which needs none)")
        return v

    @field_validator("sources")
    @classmethod
    def _sources(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("at least one source of support")
        return v

    @field_validator("types")
    @classmethod
    def _types(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("at least one type of support")
        return v

    @field_validator("areas")
    @classmethod
    def _areas(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("at least one area served")
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


class ReferralRouteRow(Row):
    from_service_id: Id
    to_service_id: Id
    note: OptText = None


class ContractRow(Row):
    id: Id
    commissioner_id: Id
    service_id: Id
    annual_value: Annotated[float, _before(cells.to_money), Field(ge=0)]
    start_date: Date
    end_date: OptDate = None
    capacity: OptInt = None


class PersonRow(Row):
    person_ref: Text
    age_band: Annotated[AgeBand, _before(cells.to_age_band), CodedAs("age_band")]
    area_id: Id
    cohorts: IdList = []
    needs: Annotated[list[str], _codes("domain", "life domains"), CodedAs("domain")] = []
    benefit_status: OptBenefit = None
    housing_status: OptHousing = None
    in_work: OptBool = None
    offending_history: OptBool = None
    severity: Severe = "any"
    conditions: WordList = []
    key_worker: OptText = None


class EventRow(Row):
    event_ref: Text
    person_ref: Text
    service_id: Id
    type: Annotated[str, _coded("event_type", "an event type"), CodedAs("event_type")]
    date: Date
    referred_from_service_id: OptId = None
    outcome: Annotated[str | None, _coded("outcome", "an outcome"), CodedAs("outcome")] = None


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


ID_HELP = ("an id of letters and digits (and - _ . : / but no spaces), "
           "like E06000901 or mind-advice")
# What a cell of each kind must be, to complete "<column> must be ...": for a problem pydantic
# found (a coded column's reader says its own).
_HELP: tuple[tuple[Any, str], ...] = (
    (Id, ID_HELP), (OptId, ID_HELP),
    (IdList, "ids separated by semicolons, like E06000901; E06000902"),
    (Date, cells.DATE_HELP), (OptDate, cells.DATE_HELP),
    (Bool, cells.BOOL_HELP), (OptBool, cells.BOOL_HELP),
    (OptInt, cells.WHOLE_HELP), (OptMoney, cells.MONEY_HELP),
    (TextList, "a list, values separated by semicolons"),
    (WordList, "a list, values separated by semicolons"),
)
_FIELD_HELP = {"model_fidelity": cells.FRACTION_HELP, "annual_value": cells.MONEY_HELP}


@cache
def field_help(model: type[Row], name: str) -> str | None:
    """What a cell of this field must be ("a whole number, like 40"), if it is one of the
    kinds above."""
    info = model.model_fields.get(name)
    if info is None:
        return None
    if name in _FIELD_HELP:
        return _FIELD_HELP[name]
    for alias, text in _HELP:
        shape = FieldInfo.from_annotation(alias)
        if shape.annotation == info.annotation and shape.metadata == info.metadata:
            return text
    return None


def _name_key(text: str) -> str:
    """A header or a file name as people type it: any case, stray spaces, spaces or dashes
    for underscores, a trailing * or "(required)" or a unit in brackets ("Annual value (£)")."""
    text = re.sub(r"\([^)]*\)|\*", " ", str(text)).strip().lower()
    return "_".join(re.split(r"[\s\-_]+", text)).strip("_")


def column_name(entity: Entity, header: str) -> str:
    """The column a header cell names (`Provider ID` is `provider_id`), or the header as it
    is (stripped) when it names none, for the message."""
    key = _name_key(header)
    if key in entity.model.model_fields or key in FORBIDDEN_COLUMNS:
        return key
    return str(header).strip()


def entity_name(name: str) -> str | None:
    """The entity a file or sheet name means ("Journey events.csv" is journey_events)."""
    key = _name_key(name)
    return key if key in ENTITY_BY_NAME else None


def coded_columns(entity: Entity) -> dict[str, str]:
    """Each coded column of the entity and the vocabulary list its codes come from
    (`vocabulary.choices(kind)` gives the codes and labels, for drop-down lists)."""
    return {name: m.kind for name, info in entity.model.model_fields.items()
            for m in info.metadata if isinstance(m, CodedAs)}


def columns(entity: Entity) -> list[str]:
    return list(entity.model.model_fields)


def required_columns(entity: Entity) -> list[str]:
    return [n for n, f in entity.model.model_fields.items() if f.is_required()]
