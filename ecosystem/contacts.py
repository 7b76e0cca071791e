"""A service's contact and access details: how they are written in an import cell, checked,
stored (plain text and lists of text, which Neo4j holds as properties) and read back for
display.

The importer's schema checks each cell with the `parse_*` functions (a ValueError says what
to write instead); the directory, the options and the plan read stored values back with
`ContactDetails.from_props`. The cell formats are in fixtures/templates/GUIDE.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ecosystem.vocabulary import REFERRAL_METHOD_LABELS, REFERRAL_METHOD_LINKS, code_for

# The service properties this module owns, in display order.
FIELDS = ("phone", "email", "website", "sites", "opening_hours", "hours_note",
          "referral_methods", "languages", "accessibility", "free_to_client", "update_contact")

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_ALIASES = {d.lower(): d for d in DAYS} | {
    "monday": "Mon", "tuesday": "Tue", "tues": "Tue", "wednesday": "Wed", "thursday": "Thu",
    "thur": "Thu", "thurs": "Thu", "friday": "Fri", "saturday": "Sat", "sunday": "Sun"}
_TIME = r"(\d{1,2})(?::(\d{2}))?"
_SPAN = re.compile(rf"^{_TIME}\s*-\s*{_TIME}$")
_EMAIL = re.compile(r"^[^@\s;]+@[^@\s;]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$", re.IGNORECASE)
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-"})

HOURS_HELP = "opening hours like 'Mon-Fri 09:00-17:00; Sat 10:00-13:00'"
PHONE_HELP = "a UK phone number, like 01632 960000"
SITE_HELP = ("a site as 'address, postcode' (optionally '@ latitude,longitude'), "
             "sites separated by semicolons")


def parse_phone(v: str) -> str:
    """A UK number: 10 or 11 digits starting 0 (or +44), or a short number like 111 or
    116 123. Kept as written, spaces tidied."""
    text = " ".join(v.split())
    digits = re.sub(r"[\s()-]", "", text)
    if digits.startswith("+44"):
        digits = "0" + digits[3:].lstrip("0")
    if not digits.isdigit():
        raise ValueError(PHONE_HELP)
    if not (digits.startswith("0") and len(digits) in (10, 11)) and \
            not (len(digits) == 3 or (digits.startswith("116") and len(digits) == 6)):
        raise ValueError(PHONE_HELP)
    return text


def parse_email(v: str) -> str:
    v = v.strip()
    if not _EMAIL.match(v):
        raise ValueError("an email address, like team@example.org")
    return v


def parse_url(v: str) -> str:
    v = v.strip()
    if v.lower().startswith("www."):
        v = "https://" + v
    if not _URL.match(v):
        raise ValueError("a web address, like https://example.org/service")
    return v


def _time(h: str, m: str | None) -> str:
    hour, minute = int(h), int(m or 0)
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise ValueError(HOURS_HELP + f" (no time {h}:{m or '00'})")
    return f"{hour:02d}:{minute:02d}"


def _days(text: str) -> str:
    out = []
    for part in text.split(","):
        ends = [p.strip().lower().rstrip(".") for p in part.split("-")]
        if len(ends) not in (1, 2) or any(e not in _DAY_ALIASES for e in ends):
            raise ValueError(HOURS_HELP + f" (days as Mon, Tue ... Sun; got {part.strip()!r})")
        out.append("-".join(_DAY_ALIASES[e] for e in ends))
    return ",".join(out)


def parse_hours(v: str) -> str:
    """`Mon-Fri 9-17; Sat 10:00-13:00` -> `Mon-Fri 09:00-17:00; Sat 10:00-13:00`. Each entry:
    days (a day, a range, or a comma list of those) then one or more times separated by
    commas."""
    entries = []
    for entry in v.translate(_DASHES).split(";"):
        entry = entry.strip()
        if not entry:
            continue
        m = re.match(r"^([A-Za-z.,\s-]+?)\s+(\d.*)$", entry)
        if not m:
            raise ValueError(HOURS_HELP + f" (got {entry!r})")
        days = _days(m.group(1).replace(" ", ""))
        spans = []
        for span in m.group(2).split(","):
            t = _SPAN.match(span.strip())
            if not t:
                raise ValueError(HOURS_HELP + f" (times as 09:00-17:00; got {span.strip()!r})")
            start, end = _time(t.group(1), t.group(2)), _time(t.group(3), t.group(4))
            if end <= start:
                raise ValueError(HOURS_HELP + f" (closing after opening; got {span.strip()!r})")
            spans.append(f"{start}-{end}")
        entries.append(f"{days} {','.join(spans)}")
    if not entries:
        raise ValueError(HOURS_HELP)
    return "; ".join(entries)


def parse_referral_method(v: str) -> str:
    """`method` or `method: link`, the method a code of REFERRAL_METHOD_LABELS or its label."""
    written, _, link = v.partition(":")
    # The code, or its label as the tool prints it ("Self-referral by phone").
    code = code_for("referral_method", written) or written.strip()
    if code not in REFERRAL_METHOD_LABELS:
        raise ValueError("a referral method from: " + ", ".join(REFERRAL_METHOD_LABELS.values())
                         + f" (got {v.strip()!r})")
    link = link.strip()
    if not link:
        return code
    kind = REFERRAL_METHOD_LINKS[code]
    try:
        link = {"phone": parse_phone, "url": parse_url, "email": parse_email}.get(
            kind, str.strip)(link)
    except ValueError as e:
        raise ValueError(f"{code}: {e}") from None
    return f"{code}: {link}"


@dataclass(frozen=True)
class Site:
    address: str
    postcode: str
    latitude: float | None = None
    longitude: float | None = None

    def text(self) -> str:
        out = f"{self.address}, {self.postcode}" if self.address else self.postcode
        if self.latitude is not None and self.longitude is not None:
            out += f" @ {self.latitude:g},{self.longitude:g}"
        return out


def read_site(v: str) -> Site:
    """`12 High Street, Northvale, NV1 2AB @ 54.57,-1.23` -> a Site."""
    place, _, where = v.partition("@")
    place = place.strip().rstrip(",").strip()
    m = POSTCODE.search(place)
    if not m:
        raise ValueError(SITE_HELP + f" (no postcode at the end of {place!r})")
    postcode = f"{m.group(1)} {m.group(2)}".upper()
    address = place[:m.start()].strip().rstrip(",").strip()
    lat = lon = None
    if where.strip():
        try:
            lat, lon = (float(x) for x in where.split(","))
        except ValueError:
            raise ValueError(SITE_HELP + f" (got {where.strip()!r})") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(SITE_HELP + f" (latitude,longitude out of range: {where.strip()})")
    return Site(address, postcode, lat, lon)


def parse_site(v: str) -> str:
    return read_site(v).text()


def split_cell(v: Any) -> list[str]:
    """Semicolons separate items here (addresses and links may hold commas and |)."""
    if v is None:
        return []
    if isinstance(v, list | tuple):
        return [str(x).strip() for x in v if str(x).strip()]
    return [p.strip() for p in str(v).split(";") if p.strip()]


def way_words(cell: str) -> str:
    """A `referral_methods` cell with each method by its label ("professional_referral_email:
    x@y" -> "Professional referral by email: x@y"), as people read and write it; the parser
    reads labels as well as codes, so an edit form can show this."""
    out = []
    for item in split_cell(cell):
        code, sep, link = item.partition(":")
        out.append(REFERRAL_METHOD_LABELS.get(code.strip(), code.strip())
                   + (f": {link.strip()}" if sep else ""))
    return "; ".join(out)


@dataclass(frozen=True)
class Way:
    """One way in: its method code, label and link (a phone number, web or email address, or
    place), the service's own phone or website filling in a missing one."""

    method: str
    label: str
    link: str | None

    @property
    def self_referral(self) -> bool:
        return self.method.startswith("self_referral") or self.method == "drop_in"

    @property
    def href(self) -> str | None:
        if self.link is None:
            return None
        kind = REFERRAL_METHOD_LINKS.get(self.method)
        if kind == "url":
            return self.link
        if kind == "email":
            return "mailto:" + self.link
        if kind == "phone":
            return "tel:" + re.sub(r"[^\d+]", "", self.link)
        return None

    def phrase(self, hours: str | None = None) -> str:
        """"call 01632 960000 (Mon-Fri 9:00-17:00)", "use the online form" ..."""
        when = f" ({hours})" if hours else ""
        kind = REFERRAL_METHOD_LINKS.get(self.method)
        if kind == "phone":
            return f"call {self.link}{when}" if self.link else "phone" + when
        if self.method == "drop_in":
            return (f"drop in at {self.link}" if self.link else "drop in") + when
        if kind == "email":
            return f"email {self.link}" if self.link else "email"
        if self.method == "self_referral_online":
            return "use the online form" + (f" ({self.link})" if self.link else "")
        return "the referral form" + (f" ({self.link})" if self.link else "")


@dataclass(frozen=True)
class ContactDetails:
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    sites: tuple[Site, ...] = ()
    opening_hours: str | None = None  # as stored: "Mon-Fri 09:00-17:00; Sat 10:00-13:00"
    hours_note: str | None = None
    ways: tuple[Way, ...] = ()
    languages: tuple[str, ...] = ()
    accessibility: str | None = None
    free_to_client: bool | None = None
    update_contact: str | None = None

    @classmethod
    def from_props(cls, s: Mapping[str, Any]) -> ContactDetails:
        sites = []
        for text in s.get("sites") or []:
            try:
                sites.append(read_site(text))
            except ValueError:
                continue  # stored before a format change: shown as nothing, not an error
        ways = []
        for text in s.get("referral_methods") or []:
            code, _, given = str(text).partition(":")
            code = code.strip()
            link: str | None = given.strip() or None
            if link is None and REFERRAL_METHOD_LINKS.get(code) == "phone":
                link = s.get("phone")
            if link is None and REFERRAL_METHOD_LINKS.get(code) == "url":
                link = s.get("website")
            if link is None and REFERRAL_METHOD_LINKS.get(code) == "email":
                link = s.get("email")
            if link is None and code == "drop_in" and sites:
                link = sites[0].text().split(" @ ")[0]
            ways.append(Way(code, REFERRAL_METHOD_LABELS.get(code, code), link))
        return cls(s.get("phone"), s.get("email"), s.get("website"), tuple(sites),
                   s.get("opening_hours"), s.get("hours_note"), tuple(ways),
                   tuple(s.get("languages") or ()), s.get("accessibility"),
                   s.get("free_to_client"), s.get("update_contact"))

    @property
    def empty(self) -> bool:
        return self == ContactDetails()

    @property
    def hours(self) -> str | None:
        """Opening hours for reading: "Mon-Fri 9:00-17:00; Sat 10:00-13:00"."""
        if not self.opening_hours:
            return None
        return re.sub(r"\b0(\d):", r"\1:", self.opening_hours)

    def how_to_get_in(self, self_referral: bool) -> str:
        """One sentence: "Self-referral: call 01632 960000 (Mon-Fri 9:00-17:00) or use the
        online form", or the professional routes; empty when nothing is known."""
        pro = [w for w in self.ways if not w.self_referral]
        parts = []
        own = self.self_referral_ways(self_referral)
        if own:
            parts.append("Self-referral: " + own)
        if pro:
            parts.append("Professional referral: " + " or ".join(w.phrase() for w in pro))
        return "; ".join(parts)

    def self_referral_ways(self, self_referral: bool = True) -> str:
        """How a person gets in by themselves: "call 01632 960000 (Mon-Fri 9:00-17:00) or
        use the online form"; empty when there is no recorded way."""
        own = [w for w in self.ways if w.self_referral]
        if own:
            return " or ".join(w.phrase(self.hours if i == 0 else None)
                               for i, w in enumerate(own))
        if self_referral and self.phone:
            return f"call {self.phone}" + (f" ({self.hours})" if self.hours else "")
        return ""

    def summary(self) -> str:
        """Phone, email, website, first site and hours in one line (the plan's CSV)."""
        bits = [self.phone, self.email, self.website,
                self.sites[0].text().split(" @ ")[0] if self.sites else None, self.hours]
        return "; ".join(b for b in bits if b)
