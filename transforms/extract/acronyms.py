"""Acronyms defined next to their long form.

Definitions recognised (the short form is an acronym: Latin with at least two capitals,
or Thai consonants with dots such as ``ศบ.ทก.``):

- ``(Long Form : SHORT)``, ``(Long Form – SHORT)``, ``(Long Form หรือ SHORT)``, ``(SHORT : Long Form)``:
  the Latin long form inside the brackets wins over a Thai name before them;
- ``Long Form (SHORT)`` and ``Long Form หรือ SHORT``: the Latin words before, trimmed to the
  shortest span whose letters spell the acronym (Schwartz & Hearst 2003);
- ``SHORT (Long Form)``: the acronym spelled by the bracketed words;
- ``ชื่อหน่วยงาน (SHORT)``, ``ชื่อหน่วยงาน (ตย.)``, ``ชื่อหน่วยงาน หรือ ตย.``: a Thai long form, which
  starts at an organisation head word (กระทรวง, สำนักงาน, ศูนย์, ...) and, for a Thai
  abbreviation, must contain its consonants in order.

When a document gives an acronym both a Latin and a Thai long form, only the Latin one is kept.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from typing import NamedTuple

from transforms.extract import countries
from transforms.extract.context import DocContext
from transforms.thai_text import read_seed

_LATIN_ACRONYM = r"[A-Z][A-Za-z0-9&.'’+]*(?:[-–][A-Za-z0-9&]+)*"
_THAI_ABBR = r"(?:[ก-ฮ]{1,7}\.)+[ก-ฮ]{0,7}\.?"
_LATIN_SHORT_RE = re.compile(rf"{_LATIN_ACRONYM}(?:\s[-–]\s[A-Z][A-Za-z0-9&]*)?")
_SHORT_WITH_WORDS_RE = re.compile(r"([A-Z][A-Z0-9+\-]+)((?:\s+(?:[A-Z][a-z]+|[0-9]{1,4})){1,2})")
_THAI_SHORT_RE = re.compile(_THAI_ABBR)
_BRACKET_RE = re.compile(r"\(([^()]{1,250})\)")
# Inside brackets: "Long Form : SHORT", "Long Form – SHORT", "Long Form หรือ SHORT" (or the reverse).
_INNER_SEP_RE = re.compile(r"\s*[:：]\s*|\s+[-–—]\s+|\s+หรือ\s+|\s*,\s+(?=[A-Z]+\s*$)")
# Outside brackets: "APT Policy and Regulatory Forum หรือ PRF", "ธนาคารแห่งประเทศไทย หรือ ธปท."
_OR_SHORT_RE = re.compile(rf"\s+หรือ\s*(?:({_LATIN_ACRONYM})(?![A-Za-z0-9])|({_THAI_ABBR})(?![ก-๙]))")
_LATIN_WORD = r"[A-Za-z0-9][A-Za-z0-9&'’.]*"
_LATIN_WORD_AFTER_RE = re.compile(r"\s+[A-Za-z0-9]")
# The Latin words just before a bracket: the search window for a long form.
_LATIN_RUN_RE = re.compile(rf"(?:{_LATIN_WORD}(?:\s*[-–/,]\s*|\s+&\s+|\s+))*{_LATIN_WORD}\s*$")
_LATIN_PHRASE_RE = re.compile(r"^[A-Za-z][A-Za-z0-9&'’.,/+\-–\s]*[A-Za-z0-9.]$")
# Where a Thai long form cannot start or extend past.
# ``สถาบันข้อมูลขนาดใหญ่ (องค์การมหาชน) (BDI)``, ``บริษัท … จำกัด (มหาชน) (ทอท.)``: the tag is part of the name.
_PUBLIC_TAG = r"\((?:องค์การมหาชน|มหาชน)\)"
_HARD_STOP_RE = re.compile(
    r"[\n\[\]“”\"':;|•]|\((?!องค์การมหาชน\)|มหาชน\))|(?<!องค์การมหาชน)(?<!มหาชน)\)|[0-9]\s"
)
# Whitespace that separates phrases (not the spaces around a dash inside a name: ``ไทย – กัมพูชา``).
_SEGMENT_GAP_RE = re.compile(rf"(?<![-–])\s+(?![-–]|{_PUBLIC_TAG})")
# ``The 23rd Meeting of the Joint Working Group … หรือ JWG``: the ordinal names one meeting, not the acronym.
_ORDINAL_MEETING_RE = re.compile(r"^(?:The\s+)?\d+(?:st|nd|rd|th)\s+(?:Meeting|Session)\s+of\s+(?:the\s+)?", re.I)
# ``The 5th ASEAN Digital Ministers’ Meeting: The 5th ADGMIN``: the edition number is no part of either form.
_ORDINAL_PREFIX_RE = re.compile(r"^(?:The\s+)?\d+(?:st|nd|rd|th)\s+(?=[A-Z])", re.I)
_MAX_THAI_SEGMENTS = 5
_MAX_THAI_CHARS = 160
# Longest phrase a name may run back over (a longer one is a clause).
_MAX_TRAILING_PHRASE_CHARS = 25
_MIN_THAI_LONG_CHARS = 6
_MIN_THAI_LONG_CONSONANTS = 4
_WINDOW_CHARS = 300


class _Terms(NamedTuple):
    """Word lists of ``seeds/acronym_terms.csv`` as regexes."""

    head: re.Pattern[str]  # words that open Thai names of organisations, agreements, plans
    latin_head: re.Pattern[str]  # the same, and words that open a name only before a Latin acronym
    breaks: re.Pattern[str]  # words (mostly verbs) a name does not contain
    latin_breaks: re.Pattern[str]  # the same, and words that break a long form of a Latin acronym only
    leading: re.Pattern[str]  # conjunctions and prepositions that may open the phrase before an acronym
    common_noun: re.Pattern[str]  # words after which a head word is a common noun (ความตกลงกับ…)
    units: frozenset[str]  # dotted abbreviations of units, never defined in brackets


def _term_pattern(row: dict[str, str]) -> str:
    """A seed term as a regex: the words that may not stand before or after it become lookarounds."""
    before = "".join(f"(?<!{re.escape(w)})" for w in filter(None, row["not_before"].split("|")))
    after = "|".join(map(re.escape, filter(None, row["not_after"].split("|"))))
    return before + re.escape(row["term"]) + (f"(?!{after})" if after else "")


@functools.cache
def _terms() -> _Terms:
    rows: dict[str, list[dict[str, str]]] = {}
    for row in read_seed("acronym_terms"):
        rows.setdefault(row["kind"], []).append(row)

    def alternation(*kinds: str) -> str:
        found = sorted((r for k in kinds for r in rows.get(k, ())), key=lambda r: len(r["term"]), reverse=True)
        return "|".join(_term_pattern(r) for r in found)

    return _Terms(
        head=re.compile(alternation("head")),
        latin_head=re.compile(alternation("head", "latin_head")),
        breaks=re.compile(alternation("break")),
        latin_breaks=re.compile(alternation("break", "latin_break")),
        leading=re.compile(f"(?:{alternation('leading')})+"),
        common_noun=re.compile(alternation("after_common_noun")),
        units=frozenset(r["term"] for r in rows.get("unit", ())),
    )


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _is_latin_short(text: str) -> bool:
    """An acronym: at least two capitals, mostly capitals, not a chemical formula or a code (SO2, PK12)."""
    if not _LATIN_SHORT_RE.fullmatch(text) or len(text) > 20:
        return False
    letters = [c for c in text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    digits = sum(c.isdigit() for c in text)
    if re.search(r"[0-9][A-Za-z]+[0-9]", text):  # CDA5B1: a model code
        return False
    # HLPF2025, UNGA78: an edition's year or number may end an acronym
    edition = re.search(r"(?<=[A-Z])(?:19|20)[0-9]{2}$", text)
    if edition:
        digits -= 4
    return capitals >= 2 and capitals * 2 >= len(letters) and digits <= 2 and (digits == 0 or len(letters) >= 3)


def _is_thai_short(text: str) -> bool:
    return bool(_THAI_SHORT_RE.fullmatch(text)) and len(_consonants(text)) >= 2 and text not in _terms().units


def _consonants(text: str) -> str:
    return re.sub(r"[^ก-ฮ]", "", text)


def _is_subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(c in it for c in needle)


def _is_latin_phrase(text: str) -> bool:
    return bool(_LATIN_PHRASE_RE.match(text)) and len(re.findall(r"[A-Za-z]+", text)) >= 2


def _spelled_start(short: str, text: str) -> int | None:
    """Start of the shortest tail of ``text`` that spells ``short`` (Schwartz & Hearst): every letter
    and digit of the acronym in order, the first one at the start of a word."""
    chars = [c.lower() for c in short if c.isalnum()]
    if not chars:
        return None
    pos = len(text) - 1
    for i in range(len(chars) - 1, -1, -1):
        c = chars[i]
        while pos >= 0 and (text[pos].lower() != c or (i == 0 and pos > 0 and text[pos - 1].isalnum())):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
    return pos + 1


def _initials_spell(short: str, text: str) -> bool:
    """Do the letters of ``short`` pick out words of ``text`` in order, the first word first?
    ``P4I-MOT (Project on Expanding Transport Cooperation through Partnerships for Infrastructure
    and the Ministry of Transport)``: digits stand for words (4 = for) and are skipped."""
    letters = [c.lower() for c in short if c.isalpha()]
    initials = [w[0].lower() for w in re.findall(r"[A-Za-z][A-Za-z'’]*", text)]
    if len(letters) < 3 or not initials or initials[0] != letters[0]:
        return False
    return _is_subsequence("".join(letters[1:]), "".join(initials[1:]))


def _latin_long_before(short: str, text: str) -> tuple[int, str] | None:
    """(offset in text, long form) from the Latin words that end ``text``."""
    run = _LATIN_RUN_RE.search(text)
    if run is None:
        return None
    # Schwartz & Hearst search min(|A| + 5, 2|A|) words back; a little more lets in "of", "and", "the".
    n_chars = sum(c.isalnum() for c in short)
    words = list(re.finditer(r"\S+", run.group(0)))[-min(n_chars + 5, 2 * n_chars + 3):]
    window_start = run.start() + words[0].start()
    start = _spelled_start(short, text[window_start:])
    if start is None:
        return None
    start += window_start
    # ``APT Policy and Regulatory Forum (PRF)``: an acronym just before the spelled words names its owner.
    owner = re.search(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9\-]*[A-Z0-9]\s+$", text[run.start():start])
    if owner:
        start = run.start() + owner.start()
    long = _collapse(text[start:].rstrip(" ,-–"))
    # A long form is two words or more (``Bio-Circular-Green`` counts as three).
    return (start, long) if re.search(r"[A-Za-z0-9][\s\-–&]+[A-Za-z0-9]", long) else None


def _thai_long_before(short: str, text: str, *, need_head: bool = False) -> tuple[int, str] | None:
    """(offset in text, long form) of a Thai name ending ``text``, from the head word of the
    nearest phrase that has one. A Thai abbreviation must find its consonants in that name, and
    the name runs over as few verb-like words as it can; for a Latin acronym, which gives no such
    check, the name starts after the last of them."""
    terms = _terms()
    needed = _consonants(short) if _is_thai_short(short) else ""
    end = len(text.rstrip())
    floor = max(0, end - _MAX_THAI_CHARS)
    stops = [m.end() for m in _HARD_STOP_RE.finditer(text, floor, end)]
    if not needed:
        stops += [m.end() for m in terms.latin_breaks.finditer(text, floor, end) if not _owner_country(text, m, end)]
    floor = max(stops, default=floor)
    # The name ends in Thai, or in a number after Thai (``โรคติดเชื้อไวรัสโคโรนา 2019``).
    if end - floor < _MIN_THAI_LONG_CHARS or not re.search(r"[ก-๙)]\s?[0-9๐-๙]*$", text[floor:end]):
        return None
    gaps = [m.end() for m in _SEGMENT_GAP_RE.finditer(text, floor, end)]
    segment_starts = [floor, *gaps][-_MAX_THAI_SEGMENTS:]
    segment_ends = [*segment_starts[1:], end]
    # A name may run over spaces (``สมาคมการค้าเสรี แห่งยุโรป``) but not back over a clause.
    first = len(segment_starts) - 1
    while first > 0 and segment_ends[first] - segment_starts[first] <= _MAX_TRAILING_PHRASE_CHARS:
        first -= 1

    def acceptable(start: int) -> bool:
        name = text[start:end]
        consonants = _consonants(name)
        return (
            len(name) >= _MIN_THAI_LONG_CHARS
            and len(consonants) >= _MIN_THAI_LONG_CONSONANTS
            and _is_subsequence(needed, consonants)
        )

    def breaks_after(start: int) -> int:
        # ``ข้อสั่งการ``, ``จากภัยพิบัติ``: names may hold such words, but rarely several.
        return len(terms.breaks.findall(text, start, end))

    for i in range(len(segment_starts) - 1, first - 1, -1):
        heads = [
            m.start() for m in (terms.head if needed else terms.latin_head).finditer(text, segment_starts[i], segment_ends[i])
            if acceptable(m.start()) and text[m.start() - 1:m.start()] != "(" and not terms.common_noun.match(text, m.end())
        ]
        if not heads:
            continue
        # ``ธนาคารออมสินและธนาคารเพื่อการเกษตร…``: a head after "และ" starts the last item of a list.
        listed = [h for h in heads if text[max(0, h - 4):h].rstrip().endswith("และ")]
        if not needed:
            start = (listed[-1:] or heads)[0]
            # การประชุมคณะทำงานด้านมหาสมุทรและการประมง (OFWG): the acronym names the body that meets
            meeting = terms.latin_head.match(text, start)
            if meeting and not terms.head.match(text, start) and terms.head.match(text, meeting.end()):
                start = meeting.end()
            return _name(text, start, end)
        # The head after the fewest verb-like words; then the one spelling the abbreviation's first
        # letter (``ศูนย์`` for ศบ.ทก.), then the last listed item, then the leftmost (``สำนักงาน``
        # over ``คณะกรรมการ`` in one name).
        return _name(text, min(heads, key=lambda h: (
            breaks_after(h), _consonants(text[h:h + 2])[:1] != needed[0], h not in listed[-1:], h
        )), end)
    if need_head:
        return None
    # No head word: the nearest phrase(s) that hold the abbreviation, without a leading conjunction.
    for i in range(len(segment_starts) - 1, first - 1, -1):
        lead = terms.leading.match(text, segment_starts[i])
        start = lead.end() if lead else segment_starts[i]
        if needed:
            after_break = [m.end() for m in terms.breaks.finditer(text, start, end) if acceptable(m.end())]
            start = after_break[-1] if after_break else start
        if acceptable(start):
            return _name(text, start, end)
        if not needed:
            break
    return None


def _owner_country(text: str, m: re.Match[str], end: int) -> bool:
    """``ของ`` that ends a name with its country (``กระทรวงศุลกากรแห่งชาติของจีน``,
    ``…ของรัฐบาลเกาหลีใต้``) rather than opening a clause."""
    if m.group() != "ของ":
        return False
    tail = re.sub(r"^(?:รัฐบาล|ประเทศ)", "", text[m.end():end].strip())
    alias = countries.aliases().get(tail)
    return bool(alias and alias.iso2)


def _name(text: str, start: int, end: int) -> tuple[int, str]:
    return start, _collapse(text[start:end])


def _split_inner(content: str) -> tuple[str, str] | None:
    """(short, long) of a bracket holding both, e.g. ``ASEAN Outlook on the Indo-Pacific: AOIP``."""
    for sep in reversed(list(_INNER_SEP_RE.finditer(content))):
        left, right = content[: sep.start()].strip(), content[sep.end():].strip()
        for short, long in ((right, left), (left, right)):
            short = _ORDINAL_PREFIX_RE.sub("", short)
            bare_long = _ORDINAL_PREFIX_RE.sub("", _ORDINAL_MEETING_RE.sub("", long))
            if (_is_latin_short(short) or _short_with_words(short, long)) and _is_latin_phrase(bare_long):
                return short, bare_long
    return None


def _short_with_words(short: str, long: str) -> bool:
    """``TIP Report``, ``BCG Model``, ``UNGA 78``, ``AHA Centre Agreement``: an acronym written with
    words (or the edition number) that its long form ends or starts with."""
    m = _SHORT_WITH_WORDS_RE.fullmatch(short)
    if not m or not _is_latin_short(m.group(1)):
        return False
    long_words = {w.lower() for w in re.findall(r"[A-Za-z0-9]+", long)}
    return all(w.lower() in long_words or any(lw.startswith(w) for lw in long_words) for w in m.group(2).split())


def _row(body: str, start: int, end: int, short: str, long: str, rule: str) -> dict:
    return {"surface": body[start:end], "char_start": start, "char_end": end, "short": short, "long": long, "rule": rule}


def _window_before(body: str, pos: int) -> tuple[int, str]:
    """The text a long form before ``pos`` can come from, and its offset in the body."""
    start = max(0, pos - _WINDOW_CHARS)
    return start, body[start:pos]


def _bracket_definitions(body: str) -> Iterator[dict]:
    for m in _BRACKET_RE.finditer(body):
        content = m.group(1).strip()
        offset, before = _window_before(body, m.start())
        inner = _split_inner(content)
        if inner is not None:
            short, long = inner
            if short[0].lower() in {w[0].lower() for w in re.findall(r"[A-Za-z0-9]+", long)}:
                yield _row(body, m.start(), m.end(), short, _collapse(long), "bracket_long_and_short")
            continue
        if _is_latin_short(content):
            # Latin words or a Thai name before it, whichever the last letter belongs to.
            if re.search(r"[A-Za-z][^A-Za-zก-๙]*$", before):
                found = _latin_long_before(content, before)
                if found is not None:
                    yield _row(body, offset + found[0], m.end(), content, found[1], "latin_long_bracket_short")
            else:
                found = _thai_long_before(content, before)
                # ``การประชุม PRF ครั้งล่าสุด (PRF-22)`` names an edition of PRF, it does not define it.
                core = re.sub(r"[^A-Za-z]", "", content)
                if found is not None and core not in before[max(0, found[0] - len(core) - 2):]:
                    yield _row(body, offset + found[0], m.end(), content, found[1], "thai_long_bracket_short")
            continue
        if _is_latin_phrase(content):
            # SHORT (Long Form): the bracket must spell the acronym from its first word.
            prev = re.search(rf"({_LATIN_ACRONYM})\s*$", before)
            # ``SGATAR (SGATAR Taskforce)`` glosses the acronym with itself: no definition.
            if (
                prev
                and _is_latin_short(prev.group(1))
                and (_spelled_start(prev.group(1), content) == 0 or _initials_spell(prev.group(1), content))
                and prev.group(1) not in content.split()
            ):
                start = offset + prev.start(1)
                yield _row(body, start, m.end(), prev.group(1), _collapse(content), "short_bracket_latin_long")
            continue
        yield from _thai_abbreviation(body, m, content, offset, before)


def _thai_abbreviation(body: str, m: re.Match[str], content: str, offset: int, before: str) -> Iterator[dict]:
    """``ชื่อ (ตย.)`` and ``เลขาธิการคณะกรรมการ... (เลขาธิการ กพฐ.)``, where a word shared by the
    name and the bracket stands before the abbreviation."""
    prefix, _, short = content.rpartition(" ")
    if not _is_thai_short(short):
        return
    if prefix:
        if re.search(r"[^ก-๙]", prefix):
            return
        at = before.rfind(prefix, max(0, len(before) - _MAX_THAI_CHARS))
        if at < 0:
            return
        name = before[at + len(prefix):]
        if _HARD_STOP_RE.search(name) or len(name.strip()) < _MIN_THAI_LONG_CHARS:
            return
        if not _is_subsequence(_consonants(short), _consonants(name)):
            return
        # ``กองทุน…(กองทุน กทปส.)``: a head word the abbreviation spells belongs to the name;
        # ``สำนักงาน…(สำนักงาน กสทช.)``: one it does not spell names the office of the body, not the body.
        if _terms().head.fullmatch(prefix) and _consonants(prefix)[:1] == _consonants(short)[:1]:
            name = prefix + name
        else:
            at += len(prefix)
        yield _row(body, offset + at, m.end(), short, _collapse(name), "thai_long_bracket_prefixed_abbr")
        return
    found = _thai_long_before(short, before)
    if found is not None:
        yield _row(body, offset + found[0], m.end(), short, found[1], "thai_long_bracket_abbr")


def _or_definitions(body: str) -> Iterator[dict]:
    """``Long Form หรือ SHORT`` outside brackets."""
    for m in _OR_SHORT_RE.finditer(body):
        offset, before = _window_before(body, m.start())
        latin, thai = m.group(1), m.group(2)
        if latin and _is_latin_short(latin):
            if re.search(r"[A-Za-z][^A-Za-zก-๙]*$", before):
                found = _latin_long_before(latin, before)
                if found is not None:
                    yield _row(body, offset + found[0], m.end(), latin, found[1], "latin_long_or_short")
            elif not _LATIN_WORD_AFTER_RE.match(body, m.end()):
                # ``ธุรกิจขนาดกลางและขนาดย่อม หรือ SMEs``, ``ข้อตกลงความร่วมมือ หรือ MOU``: a Thai name
                # that opens with an organisation or agreement word, not any phrase (``… หรือ US CDC``,
                # ``… หรือ FIFA Congress 2024``: the acronym starts a longer Latin name)
                found = _thai_long_before(latin, before, need_head=True)
                if found is not None:
                    yield _row(body, offset + found[0], m.end(), latin, found[1], "thai_long_or_short")
        elif thai and _is_thai_short(thai):
            found = _thai_long_before(thai, before)
            if found is not None:
                yield _row(body, offset + found[0], m.end(), thai, found[1], "thai_long_or_abbr")


def _is_latin_text(text: str) -> bool:
    return re.search("[ก-๙]", text) is None


def extract(doc: DocContext) -> list[dict]:
    """Acronym definitions of ``doc.body``; a Thai long form only where no Latin one is given."""
    rows = sorted([*_bracket_definitions(doc.body), *_or_definitions(doc.body)], key=lambda r: r["char_start"])
    # ``(Long Form หรือ SHORT)`` is read by both rules: keep the bracket's reading.
    rows = [r for r in rows if not any(
        o is not r and o["short"] == r["short"] and o["char_start"] <= r["char_start"] and r["char_end"] <= o["char_end"]
        for o in rows
    )]
    latin_defined = {r["short"] for r in rows if _is_latin_text(r["long"])}
    rows = [r for r in rows if _is_latin_text(r["long"]) or r["short"] not in latin_defined]
    # One acronym, one meaning per release: a later definition that reads it differently
    # (``กระทรวงศุลกากรแห่งชาติของจีน (GACC)`` … ``ความตกลงกับกระทรวงศุลกากรจีน (GACC)``) is a worse reading.
    first: dict[str, str] = {}
    kept = []
    for r in rows:
        long = first.setdefault(r["short"], r["long"])
        if long == r["long"] or _similar(long, r["long"]):
            kept.append(r)
    return kept


def _similar(a: str, b: str) -> bool:
    x, y = re.sub(r"[\s\-–—:()'\".,’]", "", a).lower(), re.sub(r"[\s\-–—:()'\".,’]", "", b).lower()
    return x in y or y in x or SequenceMatcher(None, x, y).ratio() >= 0.8
