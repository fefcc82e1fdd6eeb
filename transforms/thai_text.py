"""Thai text primitives shared by the stages: digits, Buddhist Era years, month names, dates.

Reference data comes from ``seeds/`` (CSV with a header), loaded once per process.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterator
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
DIGIT = "[0-9๐-๙]"
BE_OFFSET = 543


def read_seed(name: str) -> list[dict[str, str]]:
    """Rows of ``seeds/<name>.csv`` as dicts (UTF-8, header row)."""
    with open(SEEDS_DIR / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def to_arabic_digits(text: str) -> str:
    """Thai digits ๐-๙ to 0-9, same length (offsets are preserved)."""
    return text.translate(_TO_ARABIC)


def parse_int(text: str) -> int:
    return int(to_arabic_digits(text).replace(",", ""))


def year_to_ce(year: int, *, two_digit_be: bool = True) -> int | None:
    """Gregorian year from a year as written: 4-digit BE (>= 2400), CE, or 2-digit BE (63 -> 2020)."""
    if year >= 2400:
        return year - BE_OFFSET
    if 1800 <= year < 2400:
        return year
    if two_digit_be and 0 <= year < 100:
        return 2500 + year - BE_OFFSET
    return None


@functools.cache
def month_names() -> dict[str, int]:
    """Every written form of a month (Thai full and abbreviated with and without dots, English) -> 1..12."""
    names: dict[str, int] = {}
    for row in read_seed("thai_months"):
        m, name = int(row["month"]), row["name"]
        names[name] = m
        if row["kind"] == "abbr":
            names[name.rstrip(".")] = m  # พ.ค
            names[name.replace(".", "")] = m  # พค
            names[name.replace(".", ". ").strip()] = m  # พ. ค.
    return names


@functools.cache
def month_pattern() -> str:
    """Regex alternation of month names, longest first, dots escaped."""
    return "|".join(re.escape(n) for n in sorted(month_names(), key=len, reverse=True))


@functools.cache
def _month_keys() -> dict[str, int]:
    return {_month_key(name): m for name, m in month_names().items()}


def _month_key(name: str) -> str:
    """A month name without dots and spaces, English in lower case: ``พ. ค.`` -> ``พค``."""
    return re.sub(r"[\s.]", "", name).lower()


def month_number(name: str) -> int | None:
    """1..12 for any written form of a month (``พ.ค.``, ``พ. ค``, ``May``, ``MAY``), else None."""
    return _month_keys().get(_month_key(name))


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when impossible (31 Feb) or out of range."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@functools.cache
def _metadata_date_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    numeric = re.compile(rf"(?<!{DIGIT})({DIGIT}{{1,2}})\s*/\s*({DIGIT}{{1,2}})\s*/\s*({DIGIT}{{4}}|{DIGIT}{{2}})(?!{DIGIT})")
    named = re.compile(
        rf"(?<!{DIGIT})({DIGIT}{{1,2}})\s*(?:{month_pattern()})\.?\s*(?:พ\.ศ\.\s*|ค\.ศ\.\s*)?({DIGIT}{{4}}|{DIGIT}{{2}})(?!{DIGIT})"
    )
    return numeric, named


def parse_page_date(text: str) -> dt.date | None:
    """Date of a page metadata line: ``03/09/2568``, ``28 พ.ค. 2564``, ``วันพุธที่ 3 กันยายน 2568``,
    ``March 22, 2023``. Years may be BE (4 or 2 digits) or CE; digits Thai or Arabic."""
    numeric, named = _metadata_date_res()
    m = numeric.search(text)
    if m:
        year = year_to_ce(parse_int(m.group(3)))
        return safe_date(year, parse_int(m.group(2)), parse_int(m.group(1))) if year else None
    m = named.search(text)
    if m:
        month_text = re.search(month_pattern(), m.group(0))
        month = month_number(month_text.group(0)) if month_text else None
        year = year_to_ce(parse_int(m.group(2)))
        if month and year:
            return safe_date(year, month, parse_int(m.group(1)))
    m = re.search(rf"\b({month_pattern()})\s+(\d{{1,2}}),\s*(\d{{4}})\b", text)
    if m:
        month = month_number(m.group(1))
        year = year_to_ce(int(m.group(3)))
        if month and year:
            return safe_date(year, month, int(m.group(2)))
    return None


def finditer_overlapping(regex: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """The match at every position of ``text[pos:endpos]`` where ``regex`` matches, not only
    non-overlapping ones, so a match that swallows a stray number before a real mention does
    not hide that mention."""
    endpos = len(text) if endpos is None else endpos
    while (m := regex.search(text, pos, endpos)) is not None:
        yield m
        pos = m.start() + 1
