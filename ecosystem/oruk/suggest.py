"""Suggested classifications for feed services whose taxonomy terms give none.

Live ORUK v3 feeds often publish no taxonomy terms, so with the default mapping nothing maps.
Rather than refuse such a service or put every one in one guessed domain, its life domain and
type of support are *suggested* from what it says about itself: its name, description,
eligibility description and the audience tags some directory platforms add. Suggestions are
marked as such on the map (`suggested` on the IN_DOMAIN / PROVIDES_TYPE relationship) until an
officer confirms or changes them in the review queue (/data/review). The keyword rules are all
here; each is a regular expression matched on whole words, case-insensitively.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ecosystem.vocabulary import SEARCH_SYNONYMS
from ecosystem.vocabulary import SUGGEST_DOMAIN_WORDS as DOMAIN_RULES
from ecosystem.vocabulary import SUGGEST_TYPE_WORDS as TYPE_RULES

WEAK_TYPE_RULES: dict[str, tuple[str, ...]] = {"care": ("support", "help")}
# Last of all, the type most services of a domain give (it is only a suggestion, reviewed).
DOMAIN_TYPE = {"housing": "care", "money": "information", "work": "care",
               "connectedness": "societal", "family": "care", "victimisation": "care",
               "offending": "care", "citizenship": "rights"}

# Where the words come from, with how much each counts: a service's name says most.
WEIGHTS = {"name": 3, "audience": 2, "eligibility_description": 1, "description": 1}


def _compile(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")[\w-]*", re.I)


_DOMAINS = {d: _compile(w) for d, w in DOMAIN_RULES.items()}
_TYPES = {t: _compile(w) for t, w in TYPE_RULES.items()}
_WEAK = {t: _compile(w) for t, w in WEAK_TYPE_RULES.items()}
# The search synonyms' words for a domain (e.g. "eviction" -> housing) count as its keywords.
# ("home" and "house" are left out: "home visits" are not about housing.)
_SYNONYM_DOMAIN = {word: d for word, near in SEARCH_SYNONYMS.items() for d in DOMAIN_RULES
                   if d in near and word not in {"home", "house", "rough"}}


@dataclass(frozen=True)
class Suggestion:
    domains: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    reasons: tuple[str, ...] = field(default=(), compare=False)  # "name: debt", ...


def audience_tags(rec: dict[str, Any]) -> list[str]:
    """Audience tags a directory platform adds: a top-level field named like `audience`
    (text, or a list of texts or {name}), or terms of a taxonomy named like "audience"."""
    tags: list[str] = []

    def add(v: Any) -> None:
        if isinstance(v, str) and v.strip():
            tags.append(v.strip())
        elif isinstance(v, dict):
            add(v.get("name") or v.get("term") or v.get("label"))
        elif isinstance(v, list):
            for x in v:
                add(x)

    for k, v in rec.items():
        if "audience" in k.lower():
            add(v)
    for a in rec.get("attributes") or []:
        term = a.get("taxonomy_term") if isinstance(a, dict) else None
        if not isinstance(term, dict):
            continue
        taxonomy = term.get("taxonomy_detail") or term.get("taxonomy") or ""
        if isinstance(taxonomy, dict):
            taxonomy = taxonomy.get("name") or ""
        if "audience" in str(taxonomy).lower():
            add(term)
    return tags


def texts_of(rec: dict[str, Any]) -> dict[str, str]:
    out = {k: str(rec[k]) for k in ("name", "description", "eligibility_description")
           if isinstance(rec.get(k), str)}
    tags = audience_tags(rec)
    if tags:
        out["audience"] = "; ".join(tags)
    return out


def suggest(rec: dict[str, Any]) -> Suggestion:
    """The domains and types a service's own words suggest (best first; domains that score
    at least half of the best one, at most two; likewise types)."""
    texts = texts_of(rec)
    domain_score: Counter[str] = Counter()
    type_score: Counter[str] = Counter()
    reasons: list[str] = []
    for where, text in texts.items():
        weight = WEIGHTS[where]
        for d, pattern in _DOMAINS.items():
            hits = [m.group(0) for m in pattern.finditer(text)]
            if hits:
                domain_score[d] += weight * len(hits)
                reasons.append(f"{where}: {hits[0].lower()}")
        for word in re.findall(r"[a-z]+", text.lower()):
            if word in _SYNONYM_DOMAIN:
                domain_score[_SYNONYM_DOMAIN[word]] += weight
        for t, pattern in _TYPES.items():
            hits = [m.group(0) for m in pattern.finditer(text)]
            if hits:
                type_score[t] += weight * len(hits)
    if domain_score and not type_score:
        for where, text in texts.items():
            for t, pattern in _WEAK.items():
                if pattern.search(text):
                    type_score[t] += WEIGHTS[where]
    domains = _best(domain_score)
    types = _best(type_score) or tuple(dict.fromkeys(DOMAIN_TYPE[d] for d in domains))[:1]
    return Suggestion(domains, types, tuple(dict.fromkeys(reasons)))


def _best(scores: Counter[str]) -> tuple[str, ...]:
    if not scores:
        return ()
    top = max(scores.values())
    ranked = sorted(scores, key=lambda k: -scores[k])
    return tuple(k for k in ranked if scores[k] * 2 >= top)[:2]
