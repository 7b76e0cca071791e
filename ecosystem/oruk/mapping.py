"""The editable table that maps Open Referral taxonomy terms to our framework.

One CSV, one rule a row (see `default_mapping.csv` and docs/oruk.md):

- `kind=term`: a taxonomy term, matched case-insensitively on its id, its code (HSDS 3.0
  `code`, or the UK profile's `term`) or its name; `taxonomy` (optional) limits the rule to
  terms of that taxonomy (name or id).
  It gives life `domains`, `types` of support and/or `sources` of support (`;`-separated).
- `kind=scheme`: an organisation identifier scheme (org-id.guide, e.g. `GB-CHC`) giving a
  provider `sector`.
- `kind=fallback` (one row, `match=*`): values used when a record's own rules give none.
  The shipped default fills only `sources` and `sector`; a service still without a domain or
  a type of support is reported, not guessed.

Terms of our own taxonomies (written by `export-oruk`) map to themselves without a rule.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ecosystem.importers.issues import Issue
from ecosystem.vocabulary import DOMAIN_IDS, SECTORS, SOURCE_IDS, TYPE_IDS

COLUMNS = ("kind", "match", "taxonomy", "domains", "types", "sources", "sector", "note")

# Our own taxonomies, as written by export and read back without a mapping rule.
OWN_TAXONOMIES = {
    "ecosystem-life-domain": ("domains", DOMAIN_IDS),
    "ecosystem-support-type": ("types", TYPE_IDS),
    "ecosystem-support-source": ("sources", SOURCE_IDS),
}


@dataclass(frozen=True)
class Classes:
    domains: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass
class Mapping:
    terms: dict[tuple[str, str], Classes] = field(default_factory=dict)  # (taxonomy|"", key)
    schemes: dict[str, str] = field(default_factory=dict)
    fallback: Classes = Classes()
    fallback_sector: str | None = None
    origin: str = "default_mapping.csv"

    def classify(self, term: dict[str, object]) -> Classes | None:
        """The rule for one taxonomy term, or None when it is not mapped."""
        taxonomy = _norm(term.get("taxonomy")) or _norm(term.get("taxonomy_id"))
        own = OWN_TAXONOMIES.get(taxonomy)
        codes = [c for c in (_norm(term.get("code")), _norm(term.get("term"))) if c]
        for code in codes:
            if own is not None and code in own[1]:
                return Classes(**{own[0]: (code,)})
        keys = [k for k in (_norm(term.get("id")), *codes, _norm(term.get("name"))) if k]
        taxonomies = {t for t in (_norm(term.get("taxonomy")), _norm(term.get("taxonomy_id"))) if t}
        for key in keys:
            for tax in taxonomies:
                if (tax, key) in self.terms:
                    return self.terms[(tax, key)]
            if ("", key) in self.terms:
                return self.terms[("", key)]
        return None

    def sector(self, schemes: list[str]) -> str | None:
        for s in schemes:
            sector = self.schemes.get(s.strip().upper())
            if sector:
                return sector
        return None


def _norm(v: object) -> str:
    return " ".join(str(v).split()).lower() if v is not None else ""


def _split(v: str | None) -> tuple[str, ...]:
    return tuple(p.strip().lower() for p in (v or "").split(";") if p.strip())


def default_text() -> str:
    return resources.files("ecosystem.oruk").joinpath("default_mapping.csv").read_text("utf-8")


def load_mapping(path: Path | None = None) -> tuple[Mapping, list[Issue]]:
    """Read the mapping (the shipped default without `path`); problems name row and column."""
    if path is None:
        return parse_mapping(default_text(), "default_mapping.csv")
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        return Mapping(origin=Path(path).name), [Issue(Path(path).name, None, None, None,
                                                       f"a readable UTF-8 CSV file ({e})")]
    return parse_mapping(text, Path(path).name)


def parse_mapping(text: str, origin: str) -> tuple[Mapping, list[Issue]]:
    m = Mapping(origin=origin)
    issues: list[Issue] = []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    for col in ("kind", "match"):
        if col not in header:
            issues.append(Issue(origin, 1, col, None, "this required column is missing"))
    if issues:
        return m, issues
    allowed = {"domains": DOMAIN_IDS, "types": TYPE_IDS, "sources": SOURCE_IDS}
    for rownum, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        kind, match = row.get("kind", "").lower(), row.get("match", "")
        if not kind and not match:
            continue
        values: dict[str, tuple[str, ...]] = {}
        for col, ids in allowed.items():
            vals = _split(row.get(col))
            bad = [v for v in vals if v not in ids]
            if bad:
                issues.append(Issue(origin, rownum, col, "; ".join(bad),
                                    f"{col} from: {', '.join(ids)}"))
            values[col] = tuple(v for v in vals if v in ids)
        sector = row.get("sector", "").lower() or None
        if sector is not None and sector not in SECTORS:
            issues.append(Issue(origin, rownum, "sector", sector,
                                f"a sector from: {', '.join(SECTORS)}"))
            sector = None
        classes = Classes(values["domains"], values["types"], values["sources"])
        if not match:
            issues.append(Issue(origin, rownum, "match", None, "a value is required"))
        elif kind == "term":
            m.terms[(_norm(row.get("taxonomy")), _norm(match))] = classes
        elif kind == "scheme":
            if sector:
                m.schemes[match.upper()] = sector
        elif kind == "fallback":
            m.fallback = classes
            m.fallback_sector = sector
        else:
            issues.append(Issue(origin, rownum, "kind", kind, "one of term, scheme, fallback"))
    return m, issues
