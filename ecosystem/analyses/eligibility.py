"""Eligibility: does a service take this person, or this cohort?

A profile is what we know about a person (from a key worker or the graph) or a cohort (its
structured criteria). Unknown answers never exclude: they become caveats to check. Empty
service criteria mean "no restriction". The same rules serve `options` (a person), `orphans`
and `what-if` (a cohort) and `overlaps` (whether two services' criteria overlap).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ecosystem.vocabulary import (
    AGE_RANGES,
    BENEFIT_LABELS,
    HOUSING_WHO,
    MAX_AGE,
    SEVERITIES,
)


@dataclass(frozen=True)
class Profile:
    """What eligibility is checked against. None (or 'any', or empty) means unknown."""

    area_id: str | None = None
    min_age: int | None = None
    max_age: int | None = None
    needs: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()
    benefit_status: str | None = None
    housing_status: str | None = None
    in_work: bool | None = None
    offending_history: bool | None = None
    severity: str = "any"
    conditions: tuple[str, ...] = field(default=())
    # People commonly get more than one benefit (ESA and PIP): every one counts. A person's
    # single `benefit_status` from the graph and these are read together (`all_benefits`).
    benefits: tuple[str, ...] = ()

    @property
    def all_benefits(self) -> tuple[str, ...]:
        first = (self.benefit_status,) if self.benefit_status else ()
        return tuple(dict.fromkeys(first + tuple(b for b in self.benefits if b)))

    @staticmethod
    def age_range(age: int | None = None, band: str | None = None) -> tuple[int | None, int | None]:
        if age is not None:
            return age, age
        if band in AGE_RANGES:
            return AGE_RANGES[band]
        return None, None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Profile:
        """A person (`age_band`) or cohort (`min_age`/`max_age`) row from the graph."""
        lo, hi = cls.age_range(band=row.get("age_band"))
        if row.get("min_age") is not None or row.get("max_age") is not None:
            lo, hi = row.get("min_age"), row.get("max_age")
        return cls(
            area_id=row.get("area_id"), min_age=lo, max_age=hi,
            needs=tuple(row.get("needs") or ()), uses=tuple(row.get("uses") or ()),
            benefit_status=row.get("benefit_status"), housing_status=row.get("housing_status"),
            in_work=row.get("in_work"), offending_history=row.get("offending_history"),
            severity=row.get("severity") or "any", conditions=tuple(row.get("conditions") or ()),
        )


@dataclass(frozen=True)
class Verdict:
    eligible: bool
    reasons: tuple[str, ...] = ()  # why not (only when not eligible)
    caveats: tuple[str, ...] = ()  # unknowns to check (when eligible)
    # The same, in plain words for the key worker ("Only for people in hospital now: check
    # before referring"), in the same order.
    checks: tuple[str, ...] = ()
    # Only for people in hospital or prison now, which the answers leave open: not an
    # ordinary option for someone living in the community.
    in_care_only: bool = False


CHECK = ": check before referring"
IN_CARE = frozenset({"inpatient", "prison"})


def check(service: Mapping[str, Any], p: Profile) -> Verdict:
    """Match a profile against a service row's eligibility properties. Reasons and caveats
    are plain sentences ("Only for people aged 18 and over"); `checks` adds what to do."""
    reasons: list[str] = []
    caveats: list[str] = []
    checks: list[str] = []
    in_care_only = False

    def unknown(why: str, check_text: str | None = None) -> None:
        caveats.append(why)
        checks.append(check_text or why + CHECK)

    s_min, s_max = service.get("min_age"), service.get("max_age")
    if s_min is not None or s_max is not None:
        lo, hi = s_min or 0, s_max if s_max is not None else MAX_AGE
        why = f"Only for people {_age_words(s_min, s_max)}"
        plain = why + ": check the client's age before referring"
        if p.min_age is None and p.max_age is None:
            unknown(why, plain)
        else:
            plo, phi = p.min_age or 0, p.max_age if p.max_age is not None else MAX_AGE
            if phi < lo or plo > hi:
                reasons.append(why)
            elif plo < lo or phi > hi:
                unknown(why, plain)
    sev = service.get("severity") or "any"
    if sev != "any":
        why = f"Only for people with {SEVERITIES.get(sev, sev).lower()}"
        if p.severity in (None, "any"):
            unknown(why)
        elif p.severity != sev:
            reasons.append(why)
    benefits = list(service.get("benefit_status") or [])
    if benefits:
        why = "Only for people who get " + _or(BENEFIT_LABELS.get(b, b) for b in benefits)
        if not p.all_benefits:
            unknown(why)
        elif not set(p.all_benefits) & set(benefits):
            reasons.append(why)
    housing = list(service.get("housing_status") or [])
    if housing:
        why = "Only for people " + _or(HOUSING_WHO.get(h, h) for h in housing)
        if p.housing_status is None:
            in_care_only = set(housing) <= IN_CARE
            unknown(why)
        elif p.housing_status not in housing:
            reasons.append(why)
    conds = list(service.get("conditions") or [])
    if conds:
        why = f"Only for people with {_or(conds)}"
        if not p.conditions:
            unknown(why)
        elif not {c.lower() for c in conds} & {c.lower() for c in p.conditions}:
            reasons.append(why)
    work = service.get("in_work") or "any"
    if work != "any":
        want = work == "yes"
        why = f"Only for people {'in' if want else 'not in'} paid work"
        if p.in_work is None:
            unknown(why)
        elif p.in_work != want:
            reasons.append(why)
    off = service.get("offending_history") or "any"
    if off != "any":
        want = off == "required"
        why = ("Only for people " + ("with" if want else "without")
               + " an offending history")
        if p.offending_history is None:
            unknown(why)
        elif p.offending_history != want:
            reasons.append(why)
    if service.get("other_criteria"):
        unknown(f"Also: {service['other_criteria']}", f"Also check: {service['other_criteria']}")
    if reasons:
        return Verdict(False, tuple(reasons))
    return Verdict(True, caveats=tuple(caveats), checks=tuple(checks),
                   in_care_only=in_care_only)


def _or(items: Any) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _age_words(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"aged {lo} to {hi}"
    return f"aged {lo} and over" if lo is not None else f"aged up to {hi}"


def _lo(s: Mapping[str, Any]) -> int:
    return int(s.get("min_age") or 0)


def _hi(s: Mapping[str, Any]) -> int:
    v = s.get("max_age")
    return MAX_AGE if v is None else int(v)


def criteria_overlap(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Could some person meet both services' criteria? (Used for overlapping eligibility.)"""
    if max(_lo(a), _lo(b)) > min(_hi(a), _hi(b)):
        return False
    for key, neutral in (("severity", "any"), ("in_work", "any"), ("offending_history", "any")):
        va, vb = a.get(key) or neutral, b.get(key) or neutral
        if va != neutral and vb != neutral and va != vb:
            return False
    for key in ("benefit_status", "housing_status", "conditions"):
        la, lb = set(a.get(key) or []), set(b.get(key) or [])
        if la and lb and not la & lb:
            return False
    return True


def takes_cohort(service: Mapping[str, Any], cohort_id: str, cohort: Profile) -> Verdict:
    """A service takes a cohort if it names it, or names no cohort and its criteria fit."""
    named = list(service.get("cohorts") or [])
    if named:
        if cohort_id in named:
            return Verdict(True)
        return Verdict(False, (f"cohorts: for {', '.join(sorted(named))} only",))
    return check(service, cohort)
