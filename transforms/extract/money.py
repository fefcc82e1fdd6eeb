"""Money mentions: an amount with a currency, multipliers applied.

An amount is digits (Thai or Arabic, thousands separators, decimals) with optional Thai
multipliers (``พัน``, ``หมื่น``, ``แสน``, ``ล้าน`` and compounds such as ``พันล้าน``,
``ล้านล้าน``, or the additive ``1 ล้าน 5 แสน``) or English ones (``million``). A currency
from ``seeds/currencies.csv`` must follow it (``50 ล้านดอลลาร์สหรัฐ``, ``215,052 million Baht``)
or precede it (``USD 5 million``, ``US$ 1.5 billion``): a number with no currency is a count,
a percentage or a code, never money. A range (``10,000 - 100,000 บาท``) gives both ends.
"""

from __future__ import annotations

import functools
import itertools
import re
from decimal import Decimal

from transforms.extract.context import DocContext
from transforms.thai_text import finditer_overlapping, read_seed, to_arabic_digits

_D = "[0-9๐-๙]"
_DIGITS = rf"(?:{_D}{{1,3}}(?:,{_D}{{3}})+|{_D}+)(?:\.{_D}+)?(?!{_D})"
# Not the tail of another number or of a code (``COVID19``), except right after a currency (``USD10``).
_NUMBER = rf"(?<![0-9๐-๙.,A-Za-z]){_DIGITS}"


@functools.cache
def _multipliers() -> dict[str, dict[str, int]]:
    """Number words of ``seeds/number_words.csv`` by kind (th, th_abbr, en) -> value."""
    table: dict[str, dict[str, int]] = {}
    for row in read_seed("number_words"):
        table.setdefault(row["kind"], {})[row["word"]] = int(row["value"])
    return table


def _th_mult() -> str:
    words = _multipliers()
    abbreviated = "|".join(map(re.escape, sorted(words["th_abbr"], key=len, reverse=True)))
    return "(?:(?:" + "|".join(map(re.escape, words["th"])) + r")+|" + abbreviated + ")"


def _en_mult() -> str:
    return r"(?i:" + "|".join(sorted(map(re.escape, _multipliers()["en"]), key=len, reverse=True)) + r")\b"


# "More than" inside an amount: ``4 ล้านกว่าบาท``, ``500 กว่าล้านบาท`` (the amount is the stated bound).
_MORE = r"(?:\s?กว่า)?"


def _amount(first_number: str) -> str:
    """One amount: Thai multiplied parts may add up (``1 ล้าน 5 แสน``); the last part may carry an
    English multiplier."""
    th_mult, en_mult = _th_mult(), _en_mult()
    number = f"(?:{first_number})"
    part = rf"{_NUMBER}{_MORE}\s{{0,2}}{th_mult}\s{{0,2}}"
    last = rf"(?:\s{{0,3}}{_MORE}{th_mult}|\s{{1,2}}{en_mult})?"
    return rf"(?:{number}{_MORE}\s{{0,2}}{th_mult}\s{{0,2}}(?:{part})*{_NUMBER}|{number}){last}"


@functools.cache
def _part_re() -> re.Pattern[str]:
    return re.compile(rf"({_D}[0-9๐-๙,]*(?:\.{_D}+)?){_MORE}\s*({_th_mult()}|{_en_mult()})?")


_RANGE_SEP = r"\s*(?:-|–|—|ถึง|to)\s*"
# A year (CE or BE) after ``in``/``ปี``/``พ.ศ.`` does not start a range (``in 2015 to 433,971 million Baht``).
_YEAR = re.compile(r"(?:19|20|24|25)[0-9]{2}|(?:๑๙|๒๐|๒๔|๒๕)[๐-๙]{2}")
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|year|since|from)|ปี|พ\.\s?ศ\.|ค\.\s?ศ\.|B\.E\.)\s*$")
# ``10 - 20 ล้านบาท`` shares its multiplier; a low end this many times smaller is another number.
_MAX_SHARED_MULTIPLIER_RATIO = 100
# ``ทองคำน้ำหนัก 2 บาท``, ``น้ำหนักกว่า 90 บาท``: บาท is also a unit of weight for gold.
_WEIGHT_BEFORE = re.compile(r"หนัก\s*(?:กว่า|ประมาณ|รวม)?\s*$")


@functools.cache
def _currencies() -> dict[str, tuple[str, str]]:
    """Currency surface -> (ISO 4217 code, position: prefix | suffix | both)."""
    return {row["surface"]: (row["iso4217"], row["position"]) for row in read_seed("currencies")}


def _alternation(position: str) -> str:
    """Regex alternation of the currency names written at ``position`` (prefix or suffix), longest first."""
    names = [s for s, (_, pos) in _currencies().items() if pos in (position, "both")]
    parts = []
    for name in sorted(names, key=len, reverse=True):
        pattern = re.escape(name)
        # Latin codes and words stand alone (``USD``, not the start of ``USDA``); Thai names run on (``บาทต่อปี``).
        if re.match(r"[A-Za-z]", name):
            pattern = rf"(?<![A-Za-z]){pattern}" if position == "prefix" else pattern
            pattern += r"(?![A-Za-z])"
        parts.append(pattern)
    return "(?:" + "|".join(parts) + ")"


@functools.cache
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(rule name, regex) in priority order: at one position the earlier rule wins."""
    suffix, prefix = _alternation("suffix"), _alternation("prefix")
    amount = _amount(_NUMBER)
    return (
        # 50 ล้านดอลลาร์สหรัฐ ; 1.5 พันล้านบาท ; 215,052 million Baht ; 10,000 - 100,000 บาท ; 10,000-baht
        # ``ราคา 80.- บาท``: the dash closes a price with no satang.
        ("amount_currency", re.compile(
            rf"(?=[0-9๐-๙])(?P<a1>{amount})(?:{_RANGE_SEP}(?P<a2>{amount}))?(?:\.-)?{_MORE}(?:\s{{0,3}}|-)"
            rf"(?P<cur>{suffix})")),
        # USD 5 million ; US$1.5 billion ; THB 100,000 ; USD10 billion
        ("currency_amount", re.compile(
            rf"(?=[A-Z$€£¥])(?P<cur>{prefix})\s{{0,2}}(?P<a1>{_amount(_DIGITS)})(?:{_RANGE_SEP}(?P<a2>{amount}))?")),
    )


def _multiplier(words: str | None) -> int:
    if not words:
        return 1
    table = _multipliers()
    if words.lower() in table["en"]:
        return table["en"][words.lower()]
    if words in table["th_abbr"]:
        return table["th_abbr"][words]
    value = 1
    for word in re.findall("|".join(map(re.escape, table["th"])), words):
        value *= table["th"][word]  # พันล้าน = พัน x ล้าน
    return value


def _parse_amount(text: str) -> tuple[Decimal, bool] | None:
    """Value of an amount and whether it carries a multiplier; None when the parts do not add up
    (``3 พัน 15 ล้าน`` is two numbers, not one amount)."""
    parts = [(Decimal(to_arabic_digits(n).replace(",", "")), _multiplier(w)) for n, w in _part_re().findall(text)]
    multipliers = [mult for _, mult in parts]
    if any(a <= b for a, b in itertools.pairwise(multipliers)):
        return None
    return sum(n * mult for n, mult in parts), multipliers[-1] > 1


def _amounts(m: re.Match[str]) -> list[tuple[Decimal, str]] | None:
    """(value, rule suffix) of each end; None when the match is not one amount or one range."""
    first = _parse_amount(m.group("a1"))
    if first is None:
        return None
    if m.group("a2") is None:
        return [(first[0], "")]
    second = _parse_amount(m.group("a2"))
    if second is None:
        return None
    (low, low_has_mult), (high, high_has_mult) = first, second
    if _YEAR.fullmatch(m.group("a1")) and _YEAR_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        return None  # ``in 2015 to 433,971 million Baht``: a year, not the start of a range
    if not low_has_mult and high_has_mult:
        # 2.01-3.00 ล้านบาท: the multiplier written once applies to both ends.
        low *= _multiplier(_part_re().findall(m.group("a2"))[-1][1])
        if high > low * _MAX_SHARED_MULTIPLIER_RATIO:
            return None  # ``2015 to 433,971 million``: ends this far apart are no range
    if low > high:
        return None  # ``ปี 2566 - 2,000 ล้านบาท``: a number before a dash, not the start of a range
    return [(low, ":range_start"), (high, ":range_end")]


def extract(doc: DocContext) -> list[dict]:
    """Money mentions of ``doc.body``: amount in units of the currency and its ISO 4217 code."""
    body = doc.body
    candidates = []
    for priority, (name, regex) in enumerate(_rules()):
        for m in finditer_overlapping(regex, body):
            candidates.append((m.start(), -m.end(), priority, name, m))
    candidates.sort(key=lambda c: c[:3])
    rows: list[dict] = []
    covered_until = -1
    for start, neg_end, _, name, m in candidates:
        if start < covered_until:
            continue
        currency = _currencies()[m.group("cur")][0]
        if currency == "THB" and _WEIGHT_BEFORE.search(body, max(0, start - 16), start):
            continue
        produced = [
            {
                "surface": m.group(0),
                "char_start": m.start(),
                "char_end": m.end(),
                "amount": float(value),  # Decimal arithmetic: 223.19 ล้าน is exactly 223190000
                "currency": currency,
                "rule": name + tag,
            }
            for value, tag in _amounts(m) or ()
        ]
        if produced:
            rows.extend(produced)
            covered_until = -neg_end
    return rows
