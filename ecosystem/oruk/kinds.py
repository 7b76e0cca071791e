"""Which HSDS object a JSON record is, so a file of the wrong kind is named and refused.

A feed's records carry no type tag. Each is matched against the fields HSDS 3.0 (and its UK
profile) gives each object: the kind whose fields explain most of the record's keys, among
the kinds whose identifying fields it has. Without this, a location, a taxonomy term or a
contact would be read as an organisation and imported as a provider named after it.
"""

from __future__ import annotations

from typing import Any

# Fields of each object (HSDS 3.0 schema/ plus the UK profile's additions), and the fields
# a record must have to be taken for one.
FIELDS: dict[str, frozenset[str]] = {
    "organization": frozenset({
        "id", "name", "alternate_name", "description", "email", "website", "uri", "logo",
        "legal_status", "year_incorporated", "tax_status", "tax_id", "parent_organization_id",
        "organization_identifiers", "services", "contacts", "phones", "locations", "programs",
        "funding", "attributes", "metadata"}),
    "service": frozenset({
        "id", "name", "alternate_name", "description", "url", "email", "status",
        "interpretation_services", "application_process", "fees_description", "fees",
        "accreditations", "eligibility_description",
        "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert",
        "last_modified", "wait_time", "organization", "organization_id", "program_id",
        "service_areas", "service_at_locations", "languages", "schedules", "contacts", "phones",
        "cost_options", "funding", "required_documents", "capacities", "program", "attributes",
        "metadata"}),
    "service_at_location": frozenset({
        "id", "service_id", "location_id", "service", "location", "description", "contacts",
        "phones", "schedules", "attributes", "metadata"}),
    "location": frozenset({
        "id", "location_type", "url", "organization_id", "name", "alternate_name", "description",
        "transportation", "latitude", "longitude", "external_identifier",
        "external_identifier_type", "languages", "addresses", "contacts", "accessibility",
        "phones", "schedules", "attributes", "metadata"}),
    "taxonomy": frozenset({"id", "name", "description", "uri", "version", "taxonomy_terms",
                           "metadata"}),
    "taxonomy_term": frozenset({
        "id", "code", "term", "name", "description", "parent_id", "taxonomy", "taxonomy_id",
        "taxonomy_detail", "language", "term_uri", "metadata"}),
    "contact": frozenset({"id", "organization_id", "service_id", "service_at_location_id",
                          "location_id", "name", "title", "department", "email", "phones",
                          "attributes", "metadata"}),
    "phone": frozenset({"id", "location_id", "service_id", "organization_id", "contact_id",
                        "service_at_location_id", "number", "extension", "type", "languages",
                        "description", "attributes", "metadata"}),
    "schedule": frozenset({
        "id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
        "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday",
        "byweekno", "bymonthday", "byyearday", "description", "opens_at", "closes_at",
        "schedule_link", "attending_type", "notes", "attributes", "metadata"}),
}
NEEDS: dict[str, frozenset[str]] = {
    "organization": frozenset({"name"}),
    "service": frozenset({"name"}),
    "service_at_location": frozenset(),
    "location": frozenset({"location_type"}),
    "taxonomy": frozenset({"name"}),
    "taxonomy_term": frozenset({"name"}),
    "contact": frozenset(),
    "phone": frozenset({"number"}),
    "schedule": frozenset(),
}
# On a tie, the kinds this tool imports win, organisations first (as a bare {id, name,
# description} record has always been read).
ORDER = list(FIELDS)

# Fields only ORUK 1.0 services have: such a feed is named, not misread.
ORUK1_FIELDS = frozenset({"service_taxonomys", "regular_schedules", "holiday_schedules",
                          "eligibilitys", "fundings", "reviews", "deliverable_type",
                          "attending_type", "attending_access"})

# An ORUK API's root answers its details (`/`: version, profile, openapi_url), not records.
API_DETAILS_FIELDS = frozenset({"version", "profile", "openapi_url"})

IMPORTABLE = frozenset({"organization", "service", "service_at_location_full"})


def kind_of(record: dict[str, Any]) -> str:
    """The record's HSDS kind: one of FIELDS, "service_at_location_full" (a
    service_at_location carrying its whole service), "oruk1_service", "api_details", or
    "unknown"."""
    keys = set(record)
    if keys & ORUK1_FIELDS and "name" in keys:
        return "oruk1_service"
    if isinstance(record.get("service"), dict):
        return "service_at_location_full"
    if "services" in keys or "organization_identifiers" in keys:
        return "organization"
    # Without its name still a service (the validator's Fail fixtures drop it), so convert
    # names the record and the missing field rather than calling it no HSDS record at all.
    if keys & {"status", "organization", "service_areas"}:
        return "service"
    if keys and keys <= API_DETAILS_FIELDS and keys & {"version", "openapi_url"}:
        return "api_details"
    best, best_score = "unknown", 0
    for kind in ORDER:
        if not NEEDS[kind] <= keys:
            continue
        fields = FIELDS[kind]
        score = len(keys & fields) - 2 * len(keys - fields)
        if score > best_score:
            best, best_score = kind, score
    return best


def describe(kind: str) -> str:
    """What a person is told about a record of `kind` that cannot be imported."""
    if kind == "oruk1_service":
        return ("an ORUK 1.0 service (it has fields such as service_taxonomys or "
                "regular_schedules): this tool reads ORUK 3.0 (HSDS 3.0) feeds; ask the "
                "publisher for its version 3 API")
    if kind == "api_details":
        return ("the details of an ORUK API (its version and openapi_url), not a service or "
                "organization: give the tool the API's address, or its /services pages")
    if kind == "unknown":
        return "not an HSDS service or organization (no kind of HSDS record has these fields)"
    return (f"an HSDS {kind.replace('_', ' ')}, not a service or organization: only "
            "services, organizations and service_at_location_full records can be imported")
