"""Country mentions: sovereign states named in Thai or English, one row per mention.

A single trie-shaped regex over the body finds every alias from ``seeds/countries.csv``
(Thai names and short forms, English names and adjectives) together with the look-alikes
from ``seeds/country_exclusions.csv`` (seas, regions, currencies, provinces), which are
consumed so that nothing inside them matches. Thai matches must sit on newmm word
boundaries: ``ลาว`` in ``ศาลาว่าการ`` or ``จีน`` in ``ปราจีนบุรี`` are inside longer words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from transforms.extract.context import DocContext
from transforms.thai_text import read_seed

_LEADING_VOWEL = frozenset("เแโใไ")
_FOLLOWING_MARK = re.compile(r"[\u0e30-\u0e3a\u0e45-\u0e4e]")
_THAI = re.compile(r"[\u0e01-\u0e4e]")
_LATIN_WORD_CHAR = re.compile(r"[A-Za-z0-9]")
# Given names that are also country names: Israel Juarbe, มาลี.
_HONORIFIC_BEFORE = re.compile(r"(?:นาย|นาง|นางสาว|น\.ส\.|Mr\.|Mrs\.|Ms\.|Dr\.)\s*$")


@dataclass(frozen=True)
class Alias:
    """What a written form names."""

    iso2: str | None  # None: an excluded look-alike, consumed without a row
    country: str | None
    thai: bool
    strict: bool


def trie_pattern(words: Iterable[str]) -> str:
    """Regex alternation of ``words`` shaped as a prefix tree: one branch is tried per
    character instead of every word, and the longest word wins at each position."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (group if len(branches) > 1 else f"(?:{group})") + "?"
        return group

    return build(trie)


@functools.cache
def aliases() -> dict[str, Alias]:
    """Every written form -> what it names (country or excluded look-alike)."""
    table: dict[str, Alias] = {}
    for row in read_seed("countries"):
        iso2, country = row["iso2"], row["country"]
        for name in filter(None, row["thai"].split("|")):
            table[name] = Alias(iso2, country, True, False)
        for name in filter(None, row["thai_strict"].split("|")):
            table[name] = Alias(iso2, country, True, True)
        for name in filter(None, row["english"].split("|")):
            table[name] = Alias(iso2, country, False, False)
            table.setdefault(name.upper(), Alias(iso2, country, False, False))
    for row in read_seed("country_exclusions"):
        if row["kind"] == "term":
            table[row["text"]] = Alias(None, None, bool(_THAI.search(row["text"])), False)
    return table


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    """The alias trie; words that make a following name no country (ทะเล…); words that announce
    a short, ambiguous name (``seeds/country_context.csv``, strict_before; and ``ไทย-``);
    words a name may be glued after inside one newmm token (glue_before)."""
    prefixes = [r["text"] for r in read_seed("country_exclusions") if r["kind"] == "prefix"]
    not_country_before = re.compile("(?:" + "|".join(map(re.escape, prefixes)) + r")\s*$")
    context: dict[str, list[str]] = {}
    for row in read_seed("country_context"):
        context.setdefault(row["kind"], []).append(row["word"])
    strict_before = re.compile("(?:" + "|".join(map(re.escape, context["strict_before"])) + r"|ไทย\s*[-–])\s*$")
    return re.compile(trie_pattern(aliases())), not_country_before, strict_before, tuple(context["glue_before"])


def find(body: str, starts: frozenset[int], ends: frozenset[int], lo: int = 0, hi: int | None = None) -> list[tuple[int, int, Alias]]:
    """Country mentions in body[lo:hi] as (start, end, alias), given the token boundaries
    (empty sets: no tokens, only character checks apply)."""
    pattern, not_country_before, strict_before, glue_before = _patterns()
    table = aliases()
    out = []
    for m in pattern.finditer(body, lo, len(body) if hi is None else hi):
        s, e = m.span()
        alias = table[m.group()]
        if alias.iso2 is None:
            continue
        before = body[max(0, s - 12) : s]
        if _HONORIFIC_BEFORE.search(before):
            continue
        if alias.thai:
            if not _thai_boundaries(body, s, e, starts, ends, before, glue_before) or not_country_before.search(before):
                continue
            if alias.strict and not strict_before.search(before):
                continue
        elif not _latin_boundaries(body, s, e):
            continue
        out.append((s, e, alias))
    return out


def _latin_boundaries(body: str, s: int, e: int) -> bool:
    if s and _LATIN_WORD_CHAR.match(body[s - 1]):
        return False
    # U.S.FDA: a name ending in a dot is complete whatever follows
    return body[e - 1] == "." or e == len(body) or not _LATIN_WORD_CHAR.match(body[e])


def _thai_boundaries(
    body: str, s: int, e: int, starts: frozenset[int], ends: frozenset[int], before: str, glue_before: tuple[str, ...]
) -> bool:
    if s and body[s - 1] in _LEADING_VOWEL:
        return False
    if e < len(body) and _FOLLOWING_MARK.match(body[e]):
        return False
    if not starts:
        return True
    start_ok = s in starts or before.endswith(glue_before)
    end_ok = e in ends or e == len(body) or not _THAI.match(body[e])
    return start_ok and end_ok


def extract(doc: DocContext) -> list[dict]:
    """One row per country mention in the headline and body."""
    return [
        dict(surface=doc.body[s:e], char_start=s, char_end=e, iso2=a.iso2, country=a.country,
             rule="th_name" if a.thai else "en_name")
        for s, e, a in find(doc.body, doc.token_starts, doc.token_ends)
    ]
