"""What a council officer naturally writes in a cell, read as the value it means.

Dates in UK (day-first) order or ISO, money with £, commas and k/m/bn, ages typed with en
dashes or "to", codes or their labels in any case, lists separated by commas where that can
only mean one thing. Each reader gives the canonical value, so `01/04/24` and `2024-04-01`
are the same stored row (the same row hash), or raises ValueError saying what to write: a
phrase that completes "<column> must be ..." (`Sentence` when it is a whole sentence).
The importer's schema (and through it the browser's edit forms) reads every cell with these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from ecosystem.vocabulary import AGE_BANDS, code_for, codes, label


class Sentence(ValueError):
    """A problem said as a whole sentence, not as what the column must be."""


DATE_HELP = "a date, like 2024-04-01 or 01/04/2024"
MONEY_HELP = "an amount in pounds, like 250000, £250,000 or £8.4m"
WHOLE_HELP = "a whole number, like 40"
FRACTION_HELP = "a number from 0 to 1, like 0.85 (or a percentage, like 85%)"
BOOL_HELP = "yes or no"
SEMICOLONS = "separate values with semicolons, like 'psychosis; bipolar disorder'"

_MONTHS = {m.lower(): i for i, m in enumerate(
    ("", "January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December")) if m}
_MONTHS |= {m[:3]: i for m, i in list(_MONTHS.items())} | {"sept": 9}
_NUMERIC_DATE = re.compile(r"^(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})$")
_WORDS_DATE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]+)\.?,?[\s-]+(\d{2}|\d{4})$")
# A time after a date, as spreadsheets add when a date cell is saved as text.
_MIDNIGHT = re.compile(r"[T ]00:00(:00(\.0+)?)?$")


def _year(text: str) -> int:
    """Two digits as Excel reads them: 00 to 29 are 2000 to 2029, 30 to 99 are 1930 to 1999."""
    year = int(text)
    if len(text) == 2:
        return year + (2000 if year < 30 else 1900)
    return year


def to_date(v: Any) -> Any:
    """ISO (`2024-04-01`, `2024/04/01`) or UK day-first (`01/04/2024`, `01-04-2024`,
    `01/04/24`, `1 April 2024`, `1 Apr 24`); a date or datetime from a workbook as it is."""
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date) or v is None:
        return v
    if not isinstance(v, str):
        raise ValueError(DATE_HELP)
    text = _MIDNIGHT.sub("", v.strip())
    try:
        m = _NUMERIC_DATE.match(text)
        if m:
            first, _, middle, last = m.groups()
            if len(first) == 4:  # year first: ISO order
                return dt.date(int(first), int(middle), int(last))
            if len(last) in (2, 4):  # day first, the UK order
                return dt.date(_year(last), int(middle), int(first))
        m = _WORDS_DATE.match(text)
        if m and m.group(2).lower() in _MONTHS:
            return dt.date(_year(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:  # 31/02/2024: the parts of a date, but no such day
        pass
    raise ValueError(DATE_HELP)


_MONEY = re.compile(r"^(?:£|gbp)?\s*(\d[\d,]*(?:\.\d+)?|\.\d+)\s*"
                    r"(k|m|bn|thousand|million|billion)?$", re.IGNORECASE)
_SCALE = {"k": 10**3, "thousand": 10**3, "m": 10**6, "million": 10**6, "bn": 10**9,
          "billion": 10**9}


def to_money(v: Any) -> Any:
    """Pounds: `250000`, `£250,000`, `£12,500.50`, `£8.4m`, `£8,400k`, `£1.2bn`."""
    if isinstance(v, bool):
        raise ValueError(MONEY_HELP)
    if not isinstance(v, str):
        return v
    m = _MONEY.match(v.strip())
    if not m or not _commas_ok(m.group(1)):
        raise ValueError(MONEY_HELP)
    amount = Decimal(m.group(1).replace(",", ""))
    if m.group(2):
        amount *= _SCALE[m.group(2).lower()]
    return float(amount)


def _commas_ok(number: str) -> bool:
    """Commas only as thousands separators: `8,400,000`, not `8,4` (a decimal comma)."""
    whole = number.partition(".")[0]
    return "," not in whole or re.fullmatch(r"\d{1,3}(,\d{3})+", whole) is not None


def to_whole(v: Any) -> Any:
    """A whole number, thousands separated by commas or not: `40`, `1,200`."""
    if isinstance(v, str):
        text = v.strip()
        if re.fullmatch(r"\d{1,3}(,\d{3})+", text):
            return int(text.replace(",", ""))
        if not re.fullmatch(r"[-+]?\d+(\.0+)?", text):
            raise ValueError(WHOLE_HELP)
        return int(Decimal(text))
    if isinstance(v, float) and not v.is_integer():
        raise ValueError(WHOLE_HELP)
    return v


def to_fraction(v: Any) -> Any:
    """`0.85`, or a percentage `85%`."""
    if isinstance(v, str):
        text = v.strip()
        try:
            if text.endswith("%"):
                return float(Decimal(text[:-1].strip()) / 100)
            return float(Decimal(text))
        except InvalidOperation:
            raise ValueError(FRACTION_HELP) from None
    return v


def to_bool(v: Any) -> Any:
    if isinstance(v, str):
        low = v.strip().lower()
        if low in {"yes", "y", "true", "1"}:
            return True
        if low in {"no", "n", "false", "0"}:
            return False
        raise ValueError(BOOL_HELP)
    return v


# --- codes and lists ------------------------------------------------------------------------

def split_list(v: Any) -> Any:
    """A list cell: semicolons (or |) between values."""
    if v is None:
        return []
    if isinstance(v, list | tuple):
        return [str(x).strip() for x in v if str(x).strip()]
    if isinstance(v, str):
        return [p.strip() for p in re.split(r"[;|]", v) if p.strip()]
    return v


def split_ids(v: Any) -> Any:
    """A list of ids: as split_list, and commas too, as an id never holds one."""
    if isinstance(v, str):
        return [p.strip() for p in re.split(r"[;|,]", v) if p.strip()]
    return split_list(v)


def split_words(v: Any) -> Any:
    """A list of short free text (languages, conditions): commas, with no semicolon, may be
    part of a value or separate values, so they are refused, saying what to write."""
    if isinstance(v, str) and "," in v and not re.search(r"[;|]", v):
        raise Sentence(SEMICOLONS)
    return split_list(v)


def help_for(kind: str, what: str) -> str:
    """What a coded cell must be: its codes, and that labels do too."""
    example = label(kind, codes(kind)[0])
    return (f"{what} from: {', '.join(codes(kind))} (or their names, like "
            f"'{example}')")


def _resolve(kind: str, text: str) -> list[str] | None:
    """The codes `text` names: one code or label, or (failing that) several separated by
    commas, where the commas can only be read one way (a label may hold commas: "Rights,
    inclusion and citizenship")."""
    code = code_for(kind, text)
    if code is not None:
        return [code]
    pieces = [p.strip() for p in text.split(",")]
    if len(pieces) < 2 or not all(pieces):
        return None
    # best[i]: the codes of pieces[:i], taking the longest label first.
    best: list[list[str] | None] = [[]] + [None] * len(pieces)
    for i in range(1, len(pieces) + 1):
        for j in range(i):
            before = best[j]
            found = code_for(kind, ", ".join(pieces[j:i])) if before is not None else None
            if before is not None and found is not None:
                best[i] = [*before, found]
                break
    return best[-1]


def coded(kind: str, what: str) -> Callable[[Any], Any]:
    """A reader of one code of list `kind` (given as its code or its label)."""
    def read(v: Any) -> Any:
        if not isinstance(v, str) or not v.strip():
            return v
        code = code_for(kind, v)
        if code is None:
            raise ValueError(help_for(kind, what) + f"; {v.strip()!r} is not one")
        return code
    return read


def coded_list(kind: str, what: str) -> Callable[[Any], Any]:
    """A reader of a list of codes of `kind`, separated by semicolons or (where that can
    only mean one thing) commas."""
    def read(v: Any) -> Any:
        parts = split_list(v)
        if not isinstance(parts, list):
            return parts
        out: list[str] = []
        for part in parts:
            found = _resolve(kind, part)
            if found is None:
                bad = [p.strip() for p in part.split(",")
                       if p.strip() and code_for(kind, p) is None]
                raise ValueError(help_for(kind, what) + f"; {', '.join(bad) or part!r} "
                                 + ("is not one" if len(bad) < 2 else "are not"))
            out += found
        return out
    return read


def split_pairs(v: Any) -> Any:
    """A list of `domain:type` pairs: semicolons between them, or commas (a comma inside a
    label stays with its pair: a new pair starts only where a colon follows)."""
    parts = split_list(v)
    if not isinstance(parts, list):
        return parts
    out: list[str] = []
    for part in parts:
        for piece in (p.strip() for p in part.split(",")):
            if ":" in piece or not out:
                out.append(piece)
            elif piece:
                out[-1] += ", " + piece
    return [p for p in out if p]


def known_or_text(kind: str) -> Callable[[Any], Any]:
    """Free text that is the code of list `kind` when it is one of its codes or labels (a
    service's kind: "Employment support" is `employment`, and "Street outreach" itself)."""
    def read(v: Any) -> Any:
        if isinstance(v, str) and v.strip():
            return code_for(kind, v) or v.strip()
        return v
    return read


def known_or_text_list(kind: str) -> Callable[[Any], Any]:
    """A list of words, each the code of list `kind` when it is one of its codes or labels
    (a service's `referral_from`, matched against other services' kinds, which are read the
    same way: "housing support" and "Housing support" are both `housing-support`)."""
    one = known_or_text(kind)

    def read(v: Any) -> Any:
        items = split_words(v)
        return [one(x) for x in items] if isinstance(items, list) else items
    return read


_AGE_AND_OVER = re.compile(r"^(\d+)\s*(?:\+|and over|or over|plus|and older)$", re.IGNORECASE)


def to_age_band(v: Any) -> Any:
    """`18-24` however the dash is typed (`18–24`, `18 — 24`, `18 to 24`), `65+`,
    `65 and over`."""
    if not isinstance(v, str) or not v.strip():
        return v
    text = v.strip()
    m = _AGE_AND_OVER.match(text)
    if m:
        text = f"{m.group(1)}+"
    code = code_for("age_band", text)
    if code is None:
        raise ValueError("an age band from: " + ", ".join(AGE_BANDS)
                         + f"; {v.strip()!r} is not one")
    return code
