"""How an entry's stored properties read to a person: labels instead of codes, units on
numbers, eligibility as sentences, empty fields left out.

`facts` gives what a page shows in its main section; `technical` the stored ids and codes
(for a "technical details" section), so nothing is lost for the people who need them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ecosystem.vocabulary import DOMAIN_NAMES, TYPE_NAMES, label


@dataclass(frozen=True)
class Fact:
    label: str
    text: str


def money(value: Any) -> str:
    """£1,900 or £12.50."""
    amount = float(value)
    return f"£{amount:,.0f}" if amount == int(amount) else f"£{amount:,.2f}"


def _plural(n: Any, one: str, many: str) -> str:
    n = int(n)
    return f"{n:,} {one if n == 1 else many}"


def _lower_first(text: str) -> str:
    """"Private tenant" -> "private tenant"; "GP and primary care" stays as it is."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _words(items: Iterable[str], lower: bool = True) -> str:
    """["A", "B", "C"] -> "A, b or c" (later items lower-cased unless an acronym or, with
    `lower` False, a name such as a benefit's)."""
    items = [i for i in items if i]
    if lower:
        items = items[:1] + [_lower_first(i) for i in items[1:]]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


def _listed(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v not in (None, "")]
    return [str(value)]


def _kind_words(code: str) -> str:
    return label("service_kind", code, code.replace("-", " ").replace("_", " "))


def ages(min_age: Any, max_age: Any) -> str | None:
    """"18 and over", "16 to 25", "up to 25"; None when there is no limit."""
    lo = int(min_age) if min_age not in (None, "") else None
    hi = int(max_age) if max_age not in (None, "") else None
    if lo is not None and hi is not None:
        return f"{lo} to {hi}"
    if lo is not None:
        return f"{lo} and over"
    if hi is not None:
        return f"up to {hi}"
    return None


def _benefits(value: Any) -> str | None:
    codes = _listed(value)
    if not codes:
        return None
    if codes == ["none"]:
        return "People not receiving benefits"
    return "People receiving " + _words((label("benefit", c) for c in codes), lower=False)


def _housing(value: Any) -> str | None:
    codes = _listed(value)
    return _words(label("housing", c) for c in codes) or None


def _needed_types(value: Any) -> str | None:
    parts = []
    for item in _listed(value):
        domain, _, kind = item.partition(":")
        parts.append(f"{DOMAIN_NAMES.get(domain, domain)}: "
                     f"{TYPE_NAMES.get(kind, kind).lower()}")
    return "; ".join(parts) or None


def _record(value: Any) -> str | None:
    """A list of small records (ORUK cost options, funding...) as readable text."""
    lines = []
    for item in value if isinstance(value, list | tuple) else [value]:
        if isinstance(item, Mapping):
            text = ", ".join(f"{str(k).replace('_', ' ')}: {v}" for k, v in item.items()
                             if v not in (None, "", []))
        else:
            text = str(item)
        if text:
            lines.append(text)
    return "; ".join(lines) or None


# key -> (label, how the value reads; None leaves the fact out). Keys not here are shown
# with their name in words, and their value as stored.
Render = Callable[[Any], str | None]
_WORDING: dict[str, tuple[str, Render]] = {
    "description": ("What it does", lambda v: str(v) if v else None),
    "criteria": ("Who the cohort is", lambda v: str(v) if v else None),
    "estimated_size": ("Size", lambda v: f"About {_plural(v, 'person', 'people')}"),
    "types_needed": ("Support needed", _needed_types),
    "severity": ("Who it is for", lambda v: None if v in (None, "", "any") else
                 "People with " + _lower_first(label("severity", v))),
    "benefit_status": ("Benefits", _benefits),
    "housing_status": ("Housing", _housing),
    "conditions": ("Conditions", lambda v: ", ".join(_listed(v)) or None),
    "in_work": ("Work", lambda v: None if v in (None, "", "any") else
                ("People in work" if v == "yes" else "People not in work")),
    "offending_history": ("Offending history", lambda v: None if v in (None, "", "any") else
                          ("People with an offending history" if v == "required"
                           else "People without an offending history")),
    "other_criteria": ("Other criteria", lambda v: str(v) if v else None),
    "self_referral": ("Self-referral", lambda v: "People can refer themselves" if v
                      else "Needs a referral"),
    "referral_from": ("Takes referrals from",
                      lambda v: _words(_kind_words(c) for c in _listed(v)) or None),
    "waiting_days": ("Usual wait", lambda v: "No wait" if int(v) == 0
                     else _plural(v, "day", "days")),
    "capacity": ("Capacity", lambda v: _plural(v, "place", "places")),
    "unit_cost": ("Cost", lambda v: f"{money(v)} a person"),
    "model_fidelity": ("Fidelity to its model", lambda v: f"{float(v):.0%}"),
    "status": ("Status", lambda v: label("service_status", v)),
    "clinical": ("Clinical service", lambda v: "Yes: an entry point to support (a ward or a "
                 "clinical team), not social support itself" if v else None),
    "sector": ("Sector", lambda v: label("sector", v)),
    "level": ("Kind of area", lambda v: label("area_level", v)),
    "cost_options": ("Costs", _record),
    "funding": ("Funding", _record),
    "locations": ("Locations", _record),
}
# Shown only as technical details: ids and codes a person does not act on.
_TECHNICAL_ONLY = {"funder_ids", "taxonomy_terms", "feed", "feed_id", "row_hash", "source_id",
                   "source", "in_feed", "last_verified", "last_updated"}
_KIND_LISTS = {"service": "service_kind", "commissioner": "commissioner_kind"}


def facts(kind: str, properties: Mapping[str, Any]) -> list[Fact]:
    """The entry's properties in words, in a stable order; empty ones left out."""
    return [f for _, f in keyed_facts(kind, properties)]


def keyed_facts(kind: str, properties: Mapping[str, Any]) -> list[tuple[str, Fact]]:
    """`facts`, each with the property it comes from ("ages" for min_age and max_age)."""
    out: list[tuple[str, Fact]] = []
    props = dict(properties)
    age = ages(props.pop("min_age", None), props.pop("max_age", None))
    if "kind" in props:
        code = props.pop("kind")
        if code:
            out.append(("kind", Fact("Kind", _kind_words(code) if kind == "service"
                                     else label(_KIND_LISTS.get(kind, "commissioner_kind"),
                                                code))))
    if age:
        out.append(("ages", Fact("Ages", age)))
    order = {k: i for i, k in enumerate(_WORDING)}
    for key, value in sorted(props.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
        if key in _TECHNICAL_ONLY or value is None or value == "" or value == []:
            continue
        if key in _WORDING:
            name, render = _WORDING[key]
            worded = render(value)
            if worded:
                out.append((key, Fact(name, worded)))
        else:
            shown = _record(value) if isinstance(value, list | tuple | Mapping) else value
            if shown not in (None, ""):
                out.append((key, Fact(key.replace("_", " ").capitalize(),
                                      shown if isinstance(shown, str) else _scalar(shown))))
    return out


def _scalar(value: Any) -> str:
    if hasattr(value, "to_native"):  # a Neo4j date or time
        value = value.to_native()
    if isinstance(value, dt.datetime):
        return value.strftime("%-d %B %Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def technical(id: str, properties: Mapping[str, Any]) -> list[Fact]:
    """The stored id and every non-empty stored value, as stored (codes included)."""
    out = [Fact("Identifier", id)]
    for key, value in sorted(properties.items()):
        if value is None or value == "" or value == []:
            continue
        text = (", ".join(map(str, value)) if isinstance(value, list | tuple)
                else _scalar(value))
        out.append(Fact(key, text))
    return out
