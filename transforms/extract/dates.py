"""Date mentions: calendar days and months named in the headline or article.

Every rule is anchored on a month name (Thai full, Thai abbreviated with or without dots,
English), so bare years (``ปี 2564``), fiscal years, weekdays, times and durations never match.
Years may be 4-digit BE, 2-digit BE (``ก.พ. 67``) or CE; a day or month written without a year
takes the year closest to the page's date (or the one a relative word like ``นี้`` /
``ที่ผ่านมา`` points to). Ranges give both ends; impossible dates (31 ก.พ.) are dropped.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from transforms.extract.context import DocContext
from transforms.thai_text import finditer_overlapping, month_number, read_seed, safe_date, to_arabic_digits, year_to_ce

_D = "[0-9๐-๙]"
_THAI_CHAR = "ก-๛"
# A day number must not continue another number, decimal, code or word (``1.3 กค.``, ``PRF-22``).
_DAY_NUMBER = "(?:[0๐]?[1-9๑-๙]|[12๑๒][0-9๐-๙]|[3๓][01๐๑])"
# A list bullet may stand before a day (``-1 กรกฎาคม``); a word's hyphen may not (``โควิด-19 มีนาคม``).
_NOT_AFTER = r"(?<![0-9๐-๙A-Za-z.,:/])(?<![0-9๐-๙A-Za-zก-๙][-–])"
_DAY = rf"{_NOT_AFTER}{_DAY_NUMBER}(?!{_D})"
_DAY_EN = rf"{_NOT_AFTER}{_DAY_NUMBER}(?:st|nd|rd|th)?(?!{_D})"
# A later day of a range or list follows its separator directly (``9-12``).
_NEXT_DAY = rf"{_DAY_NUMBER}(?!{_D})"
_NEXT_DAY_EN = rf"{_DAY_NUMBER}(?:st|nd|rd|th)?(?!{_D})"
# 5-7 June ; 12 and 13 March ; 1, 2 and 3 May ; 5 to 7 June
_EN_DAYS = rf"{_DAY_EN}(?:(?:\s*[-–]\s*|,\s*(?:and\s+)?|\s+(?:and|to)\s+){_NEXT_DAY_EN}){{0,6}}"
# Era words and "ปี" may sit between month and year: ``5 มีนาคม พ.ศ. 2564``, ``กันยายน ปี 2568``.
_ERA = r"(?:(?:ปี\s*)?(?:พ\.\s?ศ\.?|ค\.\s?ศ\.?)|ปี|B\.?E\.?|A\.?D\.?)"
_RANGE_SEP = r"\s*(?:-|–|—|ถึง(?:วันที่)?|จนถึง(?:วันที่)?|และ(?:วันที่)?|,)\s*"
_MONTH_RANGE_SEP = r"\s*(?:-|–|—|ถึง|จนถึง|และ|to|until|and)\s*"
_DAYS_SEP_RE = re.compile(r"[-–—,]|ถึง|และ|วันที่|\b(?:and|to)\b")
# Relative words after a month (or day and month) that fix the year: this one, the last one, the next one.
_RELATIVE = r"(?P<rel>\s*(?:(?:ศก|ปี)\s*นี้|ที่จะถึง(?:\s*นี้)?|ที่ผ่านมา|นี้))"
# ``X นี้``: this year's X unless it lies this far back and next year's X this close ahead (in days).
_THIS_PAST_DAYS = 62
_NEXT_AHEAD_DAYS = 120
# ``ทุกวันที่ 5 ธันวาคมของทุกปี``: a date that recurs every year is no calendar date.
_EVERY_BEFORE = re.compile(r"ทุก\s*(?:วันที่|วัน)?\s*$")
_EVERY_AFTER = re.compile(r"\s*(?:ของ)?\s*ทุก\s*ปี")
_TWO_DIGIT_WINDOW = 15  # years around the page date a 2-digit BE year may fall in
_TWO_DIGIT_MIN_CE = 1997  # without a page date: BE 40 and later (``13`` after a month is a count)
# Every rule has a month name in it: rules only run in windows this far around month names.
_CHARS_BEFORE_MONTH = 64
_CHARS_AFTER_MONTH = 40
_EN_MONTH_KINDS = frozenset({"en", "en_abbr"})


def _year(name: str) -> str:
    # A 2-digit year must not be the hour of a time (``9 ก.ค. 13.00 น.``) or start a count (``90,000 คน``).
    return rf"(?:{_ERA}\s*)?(?P<{name}>{_D}{{4}}|{_D}{{2}})(?!{_D}|[.:,]{_D})"


def _year4(name: str) -> str:
    return rf"(?P<{name}>{_D}{{4}})(?!{_D})"


@functools.cache
def _month_patterns() -> tuple[str, str, str]:
    """Regex alternations: Thai months allowed after a day, Thai months allowed alone, English months."""
    full, dotted, dotless, english = [], [], [], []
    for row in read_seed("thai_months"):
        name, kind = row["name"], row["kind"]
        if kind == "full":
            full.append(re.escape(name))
        elif kind == "abbr":
            parts = [re.escape(p) for p in name.strip(".").split(".")]
            # Final dot optional (``พ.ค``) but then no Thai letter may follow; never the start of ``ก.พ.ร.``.
            dotted.append(r"\.\s?".join(parts) + rf"(?:\.(?![ก-ฮ]\.)|(?![{_THAI_CHAR}.]))")
            # ``พย``/``กพ.`` only where no Thai letter follows: not ``กพช.``, ``สคร.``.
            dotless.append("".join(parts) + rf"(?:\.|(?![{_THAI_CHAR}]))")
        elif kind in _EN_MONTH_KINDS:
            english.append(re.escape(name) + (r"\.?" if kind == "en_abbr" else ""))
    by_len = functools.partial(sorted, key=len, reverse=True)
    alone = "|".join(by_len(full) + by_len(dotted))
    after_day = "|".join(by_len(full) + by_len(dotted) + by_len(dotless))
    return after_day, alone, r"\b(?:" + "|".join(by_len(english)) + r")\b"


@functools.cache
def _month_anchors() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where month names may be: Thai forms, and the first three letters of English names (a cheap
    superset; the rules check). One alternation of both is several times slower."""
    after_day, _, _ = _month_patterns()
    english = {row["name"][:3] for row in read_seed("thai_months") if row["kind"] in _EN_MONTH_KINDS}
    return re.compile(after_day), re.compile("|".join(sorted(english)))


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern[str]


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    """Rules in priority order: at one position the earlier rule wins; longer matches beat shorter ones."""
    after_day, alone, en = _month_patterns()
    # ``9 เดือน (ม.ค.-ก.ย. 2566)``, ``9 เดือน ม.ค.``: after a number, เดือน with a space is a count of months
    mon = f"(?:เดือน)?(?:{after_day})"
    mon_alone = f"(?:เดือน\\s*)?(?:{alone})"
    rules = [
        # 30 ก.ย. - 2 ต.ค. 2563 ; 31 ก.ค.-17 ธ.ค. 63 ; 1 ม.ค. 2564 ถึง 5 ม.ค. 2565
        ("th_cross_month_range",
         rf"(?P<d1>{_DAY})\s*(?P<m1>{mon})(?:\s*{_year('y1')})?{_MONTH_RANGE_SEP}"
         rf"(?:วันที่\s*)?(?P<d2>{_NEXT_DAY})\s*(?P<m2>{mon})(?:\s*{_year('y2')})?{_RELATIVE}?"),
        # 26 พฤษภาคม 2564 ; 9 - 12 กันยายน 2563 ; 3, 4 และ 5 มี.ค. 64 ; 3 พ.ย.64 ; 15 มีนาคมนี้
        ("th_day",
         rf"(?P<days>{_DAY}(?:{_RANGE_SEP}{_NEXT_DAY}){{0,6}})\s*(?P<m1>{mon})(?:\s*{_year('y1')})?{_RELATIVE}?"),
        # เดือนตุลาคม - ธันวาคม 2563 ; ม.ค.-มิ.ย. 67
        ("th_month_range",
         rf"(?P<m1>{mon_alone}){_MONTH_RANGE_SEP}(?P<m2>{mon_alone})\s*{_year('y2')}"),
        # เดือนตุลาคม ๒๕๖๔ ; ต.ค. 2563
        ("th_month", rf"(?P<m1>{mon_alone})\s*{_year('y1')}"),
        # ในเดือนพฤศจิกายนนี้ ; เดือนธันวาคมศกนี้ ; เมื่อเดือนสิงหาคมที่ผ่านมา
        ("th_month_relative", rf"(?P<m1>{mon_alone}){_RELATIVE}"),
        # 14 October 2020 ; 9-12 Sept. 2020 ; 22nd March 2023
        ("en_day",
         rf"(?P<days>{_EN_DAYS})\s+(?:of\s+)?(?P<m1>{en}),?(?:\s+{_year4('y1')})?"),
        # March 22, 2023 ; October 14-16, 2020
        ("en_month_day",
         rf"(?P<m1>{en})\s+(?P<days>{_EN_DAYS})(?:,?\s+{_year4('y1')})?"),
        # June - September 2021 ; April and October 2022
        ("en_month_range", rf"(?P<m1>{en}){_MONTH_RANGE_SEP}(?P<m2>{en}),?\s+{_year4('y2')}"),
        # October 2020
        ("en_month", rf"(?P<m1>{en}),?\s+{_year4('y1')}"),
    ]
    # A cheap first-character test spares the regex engine most positions of the text.
    first_char = {"th_": "(?=[0-9๐-๙เมกพสตธ])", "en_": "(?=[0-9A-Z])"}
    return tuple(_Rule(name, re.compile(first_char[name[:3]] + pattern)) for name, pattern in rules)


def _month_of(text: str) -> int | None:
    return month_number(re.sub(r"^เดือน", "", text.strip()))


def _year_of(text: str | None, published: dt.date | None) -> int | None:
    """CE year of a written year, None when absent or implausible."""
    if not text:
        return None
    digits = to_arabic_digits(text)
    year = year_to_ce(int(digits))
    if year is None:
        return None
    if len(digits) == 2:
        plausible = abs(year - published.year) <= _TWO_DIGIT_WINDOW if published else year >= _TWO_DIGIT_MIN_CE
        if not plausible:
            return None
    return year


def _infer_year(published: dt.date | None, month: int, day: int | None, relative: str) -> int | None:
    """Year of a day/month written without one, from the page date: the nearest occurrence,
    or the next / previous one when the text says so (``นี้``, ``ที่จะถึง``, ``ที่ผ่านมา``)."""
    if published is None:
        return None
    relative = relative.replace(" ", "")
    if relative in ("ศกนี้", "ปีนี้"):
        return published.year
    ref = (published.year * 12 + published.month - 1) * 31 + (published.day - 1 if day else 0)

    def distance(year: int) -> int:
        return (year * 12 + month - 1) * 31 + ((day or 1) - 1) - ref

    candidates = [published.year - 1, published.year, published.year + 1]
    if relative == "นี้":
        # ``กันยายนนี้`` is this year's September, even eight months ahead; only a month well past
        # with next year's close ahead is the coming one (``มกราคมนี้`` written in late December).
        this_year, next_year = distance(published.year), distance(published.year + 1)
        soon_next = this_year < -_THIS_PAST_DAYS and next_year <= _NEXT_AHEAD_DAYS
        return published.year + 1 if soon_next else published.year
    if relative.startswith("ที่จะถึง"):
        future = [y for y in candidates if distance(y) >= 0]
        return min(future, key=distance) if future else None
    if relative == "ที่ผ่านมา":
        past = [y for y in candidates if distance(y) <= 0]
        return max(past, key=distance) if past else None
    # Nearest; on a tie (six months either way) the page's own year.
    return min(candidates, key=lambda y: (abs(distance(y)), y != published.year))


# Years outside this window are typos in the source (๓๕๖๓ for ๒๕๖๓ gives 3020), not dates;
# historical dates in releases (the reign of Rama V, 1892) stay inside it.
MIN_YEAR, MAX_YEAR = 1800, 2100


def _row(m: re.Match[str], end: int, rule: str, year: int, month: int, day: int | None) -> dict | None:
    value = safe_date(year, month, day or 1) if MIN_YEAR <= year <= MAX_YEAR else None
    if value is None:
        return None
    return {
        "surface": m.string[m.start():end],
        "char_start": m.start(),
        "char_end": end,
        "iso": value.isoformat() if day else value.isoformat()[:7],
        "date_value": value,
        "precision": "day" if day else "month",
        "rule": rule,
    }


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _rows_for(m: re.Match[str], rule: str, published: dt.date | None) -> Iterator[dict | None]:
    """Rows of one match; an impossible date yields None (the text is a date, just not a real one)."""
    relative = (_group(m, "rel") or "").strip()
    m1 = _month_of(m.group("m1"))
    m2 = _month_of(m.group("m2")) if _group(m, "m2") else None
    y1 = _year_of(_group(m, "y1"), published)
    y2 = _year_of(_group(m, "y2"), published)
    # A relative word after a written year adds nothing: the mention ends with the year.
    end = m.start("rel") if _group(m, "rel") and (y1 or y2) else m.end()
    if _group(m, "y2") and y2 is None:
        return  # the end's year is a count or a code, not a year
    if _group(m, "y1") and y1 is None:
        if not _group(m, "days"):
            return  # a month needs its year (``กุมภาพันธ์ 90 คน``)
        # A number after the month that is no year (``5 มี.ค. 13 ราย``): the mention stops at the month.
        end = m.end("m1")
        relative = ""
    if m1 is None:
        return
    if rule in ("th_cross_month_range", "th_month_range", "en_month_range"):
        if m2 is None:
            return
        d1 = int(to_arabic_digits(m.group("d1"))) if _group(m, "d1") else None
        d2 = int(to_arabic_digits(m.group("d2"))) if _group(m, "d2") else None
        tag = ""
        if y2 is None and y1 is not None:
            # The end shares the start's year, or the next one when the range crosses New Year.
            y2 = y1 + 1 if (m2, d2 or 0) < (m1, d1 or 0) else y1
        if y2 is None:
            y2 = _infer_year(published, m2, d2, relative)
            tag = ":inferred_year"
        if y2 is None:
            return
        if y1 is None:
            # The start shares the end's year, or the year before when the range crosses New Year.
            y1 = y2 - 1 if (m1, d1 or 0) > (m2, d2 or 0) else y2
        yield _row(m, end, rule + ":start" + tag, y1, m1, d1)
        yield _row(m, end, rule + ":end" + tag, y2, m2, d2)
        return
    days: list[int | None] = [None]
    if _group(m, "days"):
        days = [int(to_arabic_digits(d)) for d in re.findall(_NEXT_DAY, _DAYS_SEP_RE.sub(" ", m.group("days")))]
        listed = re.search(r"\s*(?:,|\band\b)", m.group("days")) if rule == "en_month_day" and y1 is None else None
        if listed:
            # ``March 5 and 4 people``, ``December 15-18, and 22-23 due to``: a list after a month
            # needs its year to be one; the first day or range stands alone
            end = m.start("days") + listed.start()
            days = [int(to_arabic_digits(d)) for d in re.findall(_NEXT_DAY, _DAYS_SEP_RE.sub(" ", m.group("days")[: listed.start()]))]
    tag = ""
    if y1 is None:
        if _EVERY_BEFORE.search(m.string, max(0, m.start() - 12), m.start()) or _EVERY_AFTER.match(m.string, end):
            return
        y1 = _infer_year(published, m1, days[-1], relative)
        tag = ":inferred_year"
    if y1 is None:
        return
    if rule == "th_day" and len(days) > 1:
        rule = "th_day_range" if len(days) == 2 and not re.search(r"และ|,", m.group("days")) else "th_day_list"
    for day in days:
        yield _row(m, end, rule + tag, y1, m1, day)


def _windows(body: str) -> list[tuple[int, int]]:
    """Spans of ``body`` around month names, overlapping ones merged."""
    spans: list[tuple[int, int]] = []
    thai, english = _month_anchors()
    for m in sorted([*thai.finditer(body), *english.finditer(body)], key=lambda m: m.start()):
        start, end = max(0, m.start() - _CHARS_BEFORE_MONTH), min(len(body), m.end() + _CHARS_AFTER_MONTH)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def extract(doc: DocContext) -> list[dict]:
    """Date mentions of ``doc.body`` with their normalized Gregorian values."""
    body = doc.body
    candidates: list[tuple[int, int, int, re.Match[str], str]] = []
    for start, end in _windows(body):
        for priority, rule in enumerate(_rules()):
            for m in finditer_overlapping(rule.regex, body, start, end):
                candidates.append((m.start(), -m.end(), priority, m, rule.name))
    candidates.sort(key=lambda c: c[:3])
    rows: list[dict] = []
    covered_until = -1
    for start, neg_end, _, m, name in candidates:
        if start < covered_until:
            continue
        produced = list(_rows_for(m, name, doc.published_date))
        if produced:
            # Impossible dates (31 ก.พ.) still cover their text, so no shorter rule re-reads part of it.
            rows.extend(r for r in produced if r is not None)
            covered_until = -neg_end
    return rows
