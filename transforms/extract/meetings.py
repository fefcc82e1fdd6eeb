"""Meetings: named meetings numbered with an ordinal, one row per distinct meeting.

Thai numbers a meeting after its name (``การประชุม X ครั้งที่ ๓๖``, ``X ครั้งที่ 1/2567``,
``X สมัยที่ 78``, ``X ครั้งแรก``); the name runs back from the ordinal to the nearest meeting
word (``การประชุม``, ``ที่ประชุม``, ``สัมมนา``, … from ``seeds/meeting_terms.csv``), so leading
verbs (``เข้าร่วม``, ``ใน``) stay out. A Latin name right before the ordinal that contains an
English meeting noun (``APT Policy and Regulatory Forum ครั้งที่ 22``) is a name too, and so is
a committee named before ``ในการประชุมครั้งที่ N`` or numbered ``N/YYYY``. English numbers it
before (``the 23rd ASEAN Summit``). One meeting is often written several ways in a release
(headline, body, English translation in brackets): mentions with the same ordinal and
similar names are one row, the first one written.
"""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher
from typing import NamedTuple

from transforms.extract import countries
from transforms.extract.context import DocContext
from transforms.thai_text import DIGIT, finditer_overlapping, parse_int, read_seed

MAX_NAME_CHARS = 220

# ครั้งที่ 44 - 45: two meetings; ครั้งที่ 5-3/2564: a composite code, not a meeting's number
_ORDINAL_TH = re.compile(
    rf"(?:ครั้งที่|สมัยที่)\s*(?P<n>{DIGIT}+)(?:\s*[-–]\s*(?P<to>{DIGIT}+))?(?P<session>\s*/\s*{DIGIT}{{2,4}})?(?!{DIGIT})|ครั้งแรก"
)
# a meeting session numbered after an event's own edition: … ซีเกมส์ ครั้งที่ 33 … ครั้งที่ 4/2568
_SESSION_AFTER_CHARS = 160
# ในช่วง 19.00 น: a time of day is never part of a meeting's name
_TIME_OF_DAY = re.compile(rf"{DIGIT}{{1,2}}[.:]{DIGIT}{{2}}\s*น")
_IN_BEFORE_ANCHOR = re.compile(r"\s*(?:ใน\s*คราว|ใน|คราว)?\s*$")
_EN_WORD = r"(?:[-–]?[A-Z0-9][\w’'&+.\-–]*|of|the|and|on|for|between|in|to|with|[-–&+])"
_TRAILING_LATIN = re.compile(rf"({_EN_WORD}(?:,?\s+(?:{_EN_WORD}|\([A-Za-z0-9 .\-]+\)))*)\s*$")
_EN_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_EN_TEENS = ("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth")
# first … nineteenth, twentieth, twenty-first … fifty-ninth
_EN_ORDINAL_WORDS = {w: n for n, w in enumerate(_EN_UNITS + _EN_TEENS, 1)}
for _tens, _stem in ((20, "twent"), (30, "thirt"), (40, "fort"), (50, "fift")):
    _EN_ORDINAL_WORDS[_stem + "ieth"] = _tens
    _EN_ORDINAL_WORDS.update({f"{_stem}y-{unit}": _tens + n for n, unit in enumerate(_EN_UNITS, 1)})
# the 43rd ASEAN Summit ; the third Summit for Democracy ; The Twenty-First AEM-MOFCOM Consultation ;
# the 27th session of the United Nations …
_ORDINAL_EN = re.compile(
    r"(?=[0-9EFNSTefnst])(?<![\w-])(?:[Tt]he\s+)?(?:(\d{1,3})(?:st|nd|rd|th)|(?i:("
    + "|".join(sorted(_EN_ORDINAL_WORDS, key=len, reverse=True)) + r")))\s+"
    r"((?:(?:session|meeting|round|edition)\s+of\s+(?:the\s+)?)?"
    r"(?:[-–]?[A-Z][\w’'&+.\-–]*)(?:[ \t]+(?:[-–]?[A-Z][\w’'&+.\-–]*|of|the|and|on|for|between|to|[-–&+]))*)"
)
# connectors, and a next sentence's first word when its full stop is missing (… Dialogue The)
_EN_TRAILING_CONNECTORS = re.compile(r"(?:\s+(?:of|the|and|on|for|between|to|The|A|An|In|On|At|This|[-–&+]))+$")
_NAME_TRAILING = " \t(,:;–-"
# ``ASEAN-U.S. Summit Wednesday``, ``Nikkei Forum May``: a date after a name is none of it
_EN_TRAILING_DATE_WORDS = re.compile(
    r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December))+$"
)
_EN_ORDINAL_LIST = re.compile(r"(?<![\w-])(?:\d{1,3}(?:st|nd|rd|th)\s*(?:,\s*(?:and\s+)?|and\s+|&\s+))+(?:[Tt]he\s+)?$")
_SENTENCE_END = re.compile(r"(?<=[a-z]{2})\.(?=\s)")
_EN_HEAD_END = re.compile(r"\s+(?:of|on|for|between|to|with|in)\s+")
_SQUASH = re.compile(r"[\s\-–—:()'\".,’‘“”]")
# ``การประชุมในกรอบ BRICS Summit``: an acronym and a meeting noun, nothing else
_BARE_ACRONYM_MEETING = re.compile(r"^(?:(?:การ)?ประชุม(?:ใน(?:กรอบ)?)?\s*)?([A-Z][A-Z0-9+]{2,})\s+([A-Z][a-z]+)$")
_ANCHOR_WORDS = re.compile(r"^(?:การประชุม|ที่ประชุม|ประชุม)")
# words right before an event word that make it head a phrase: ในงาน…, จัดงาน…, ร่วมงาน…, พิธี…
_EVENT_OPENERS = ("ใน", "จัด", "ร่วม", "ของ", "และ")


class _Patterns(NamedTuple):
    anchor: re.Pattern[str]
    keyword: re.Pattern[str]
    event: re.Pattern[str]
    organ: re.Pattern[str]
    clause: re.Pattern[str]
    not_clause: re.Pattern[str]  # phrases that hold a clause word but are none (ผู้ได้รับ)
    committee: re.Pattern[str]
    generic: frozenset[str]
    venue_before: re.Pattern[str]  # ห้องประชุม, หอประชุม: a place, not a meeting
    times_before: re.Pattern[str]  # เป็นครั้งที่ 2: for the second time
    first_time_after: re.Pattern[str]  # ครั้งแรกในรอบ 4 ปี: the first time since
    first_at_place: re.Pattern[str]  # ครั้งแรกที่นครปูซาน: the first meeting, held there


@functools.cache
def _patterns() -> _Patterns:
    kinds: dict[str, list[str]] = {}
    for row in read_seed("meeting_terms"):
        kinds.setdefault(row["kind"], []).append(row["term"])

    def alternation(kind: str) -> re.Pattern[str]:
        return re.compile(countries.trie_pattern(kinds[kind]))

    return _Patterns(
        anchor=alternation("anchor"),
        keyword=re.compile(r"\b(?:" + "|".join(map(re.escape, kinds["keyword"])) + r")\b"),
        event=alternation("event"),
        organ=alternation("organ"),
        clause=alternation("clause"),
        not_clause=alternation("not_clause"),
        committee=alternation("committee"),
        generic=frozenset(kinds["generic"]),
        venue_before=re.compile(f"(?:{alternation('venue_before').pattern})$"),
        times_before=re.compile(f"(?:{alternation('times_before').pattern})\\s*$"),
        first_time_after=re.compile(f"\\s*(?:{alternation('first_time_after').pattern})"),
        first_at_place=re.compile(f"\\s*ที่\\s*(?:{alternation('place_after_first').pattern})"),
    )


def _plausible_name(name: str) -> bool:
    """A meeting name, not a sentence, a pointer back (การประชุมคณะกรรมการฯ) or another kind
    of event that happens to be numbered (งาน…, การแข่งขัน…)."""
    p = _patterns()
    rest = _ANCHOR_WORDS.sub("", name).strip()
    if not rest or rest in p.generic or p.clause.search(p.not_clause.sub(" ", name)) or _TIME_OF_DAY.search(name):
        return False
    return not (_names_event(name) and not p.organ.search(name))


def _names_event(name: str) -> bool:
    """An event word that starts a word of the name (``ในพิธีงานวันครู``, ``“มหกรรม…``), not one
    inside another word (``ด้านงานยุติธรรม``: justice work, no fair)."""
    p = _patterns()
    for m in p.event.finditer(name):
        before = name[: m.start()]
        if not before or before[-1] in " (“\"'" or _ANCHOR_WORDS.fullmatch(before) or before.endswith(_EVENT_OPENERS):
            return True
    return False


def _thai_name_span(body: str, ord_start: int, session_numbered: bool) -> tuple[int, int] | None:
    """Span of the name ending at a Thai ordinal phrase, or None when nothing before it names
    a meeting. ``session_numbered``: the ordinal is written N/YYYY, a meeting session."""
    p = _patterns()
    lo = max(body.rfind("\n", 0, ord_start) + 1, ord_start - MAX_NAME_CHARS)
    # การประชุม AFMM ครั้งที่ 29 และ AFMGM ครั้งที่ 12: a name never runs over another ordinal,
    # except an event's edition inside a committee's name before its session number
    line_start = lo
    for previous in _ORDINAL_TH.finditer(body, line_start, ord_start):
        if not (session_numbered and _event_ordinal(body, line_start, previous.start())):
            lo = previous.end()
    window = body[lo:ord_start]
    thai: tuple[int, int] | None = None
    for m in p.anchor.finditer(window):
        if p.venue_before.search(window[: m.start()]):
            continue
        # การประชุม สมัชชาอนามัยโลก: meeting words in a row start one name
        thai = (thai[0], m.end()) if thai and not window[thai[1] : m.start()].strip() else m.span()
    latin = _TRAILING_LATIN.search(window)
    if latin and not p.keyword.search(latin.group(1)):
        latin = None
    if latin and (thai is None or window[thai[1] : latin.start()].strip()):
        # ในเวที APT Policy and Regulatory Forum ครั้งที่ 22: the Latin name alone
        return lo + latin.start(), ord_start
    if thai and window[thai[1] :].strip():
        return lo + thai[0], ord_start
    if thai or session_numbered:
        end = thai[0] if thai else len(window)
        committee = p.committee.search(window, 0, end)
        if committee:
            end = committee.start() + len(_IN_BEFORE_ANCHOR.sub("", window[committee.start() : end]))
            return lo + committee.start(), lo + end
    return None


def _event_ordinal(body: str, lo: int, ord_start: int) -> bool:
    """Does the ordinal at ``ord_start`` number an event (``…การแข่งขันกีฬาซีเกมส์ ครั้งที่ 33``)
    rather than a meeting: an event word comes after the last meeting or organ word before it?"""
    p = _patterns()
    events = [m.start() for m in p.event.finditer(body, lo, ord_start)]
    others = [m.start() for r in (p.anchor, p.organ, p.committee) for m in r.finditer(body, lo, ord_start)]
    return bool(events) and max(events) > max(others, default=-1)


class _Mention(NamedTuple):
    start: int
    name_end: int
    end: int
    name: str
    ordinal: int
    rule: str


def _session_follows(body: str, i: int) -> bool:
    """A session-numbered ordinal (``ครั้งที่ 4/2568``) follows on the same line."""
    line_end = body.find("\n", i)
    hi = min(i + _SESSION_AFTER_CHARS, len(body) if line_end < 0 else line_end)
    return any(m.group("session") for m in _ORDINAL_TH.finditer(body, i, hi))


def _thai_mentions(body: str) -> list[_Mention]:
    p = _patterns()
    found = []
    for m in _ORDINAL_TH.finditer(body):
        s = m.start()
        if p.times_before.search(body[max(0, s - 8) : s]):
            continue
        if m.group("n") is None and p.first_time_after.match(body, m.end()) and not p.first_at_place.match(body, m.end()):
            continue
        ordinals = _ordinals(m)
        if not ordinals:
            continue
        if m.group("session") is None and _session_follows(body, m.end()):
            line_start = max(body.rfind("\n", 0, s) + 1, s - MAX_NAME_CHARS)
            if _event_ordinal(body, line_start, s):
                continue
        span = _thai_name_span(body, s, m.group("session") is not None)
        if span is None:
            continue
        name_end = len(body[: span[1]].rstrip(_NAME_TRAILING))  # X (ครั้งที่ 1/2567), X, ครั้งที่ 5
        name = " ".join(body[span[0] : name_end].split())
        if name.count("(") > name.count(")"):  # X (สมัยสามัญประจำปีครั้งที่ 1): the bracket opens inside
            cut = name.rfind("(")
            name = " ".join((name[:cut] + name[cut + 1 :]).split())
        if _plausible_name(name):
            found.extend(_Mention(span[0], name_end, m.end(), name, n, "th_ordinal_after") for n in ordinals)
    return found


def _ordinals(m: re.Match[str]) -> list[int]:
    """Numbers of a Thai ordinal phrase: ครั้งแรก 1, ครั้งที่ 5/2564 5, ครั้งที่ 44 - 45 both;
    none for a composite code (ครั้งที่ 5-3/2564, 94-1/2568)."""
    if m.group("n") is None:
        return [1]
    first = parse_int(m.group("n"))
    if m.group("to") is None:
        return [first]
    last = parse_int(m.group("to"))
    if m.group("session") or not first < last <= first + 3:
        return []
    return list(range(first, last + 1))


def _english_mentions(body: str) -> list[_Mention]:
    found = []
    keyword = _patterns().keyword
    for m in finditer_overlapping(_ORDINAL_EN, body):
        # ``The 17th East Asia Summit. Fourth ASEAN …``: a full stop after a word ends the name
        name = _SENTENCE_END.split(m.group(3), maxsplit=1)[0]
        name = _EN_TRAILING_DATE_WORDS.sub("", _EN_TRAILING_CONNECTORS.sub("", name)).rstrip(" .-–")
        if not _english_meeting_head(name, keyword):
            continue
        ordinal = int(m.group(1)) if m.group(1) else _EN_ORDINAL_WORDS[m.group(2).lower()]
        name_end = m.start(3) + len(name)
        found.append(_Mention(m.start(), name_end, name_end, " ".join(name.split()), ordinal, "en_ordinal_before"))
        # the 44th and 45th ASEAN Summits: every ordinal of the list numbers the same name
        listed = _EN_ORDINAL_LIST.search(body, max(0, m.start() - 40), m.start())
        for n in re.findall(r"\d{1,3}", listed.group() if listed else ""):
            found.append(_Mention(listed.start(), name_end, name_end, " ".join(name.split()), int(n), "en_ordinal_before"))
    return found


def _english_meeting_head(name: str, keyword: re.Pattern[str]) -> bool:
    """Is a meeting noun the head of the English name, the last word before ``of``/``on``/``for``
    (``Summit for Democracy``, ``ASEAN Transport Ministers Meeting``, ``session of the …``), not a
    modifier (``Dialogue Partner``, ``Anniversary of the … Conference``, ``… Consultation Joint
    Statement on …``)? A meeting noun alone (``its first Summit``) names no meeting."""
    words = name.split()
    head_phrase = _EN_HEAD_END.split(name, maxsplit=1)[0].split()
    if len(words) < 2 or not head_phrase:
        return False

    def meeting_noun(word: str) -> bool:
        word = word[:1].upper() + word[1:]
        return bool(keyword.match(word) or keyword.fullmatch(word.removesuffix("s")))

    # ``ASEAN-Republic of Korea Summit``: a name may end in its meeting noun after an ``of``;
    # ``… Ministers’ Meeting Plus``: Plus (Three) follows the noun
    last = [w for w in words if w not in ("Plus", "Three", "+3")]
    return meeting_noun(head_phrase[-1]) or (bool(last) and meeting_noun(last[-1]))


def _squash(name: str) -> str:
    return _SQUASH.sub("", name).lower()


def same_meeting(a: str, b: str) -> bool:
    """Names of one meeting written differently: one inside the other, mostly the same letters
    once the meeting word in front is set aside, or the same acronym in both (``การประชุมสุดยอด
    กลุ่มประเทศ BRICS`` and ``BRICS Summit``, with the same number)."""
    x, y = _squash(a), _squash(b)
    if x in y or y in x or SequenceMatcher(None, x, y).ratio() >= 0.7:
        return True
    for short, other in ((a, b), (b, a)):
        bare = _BARE_ACRONYM_MEETING.match(short)
        if bare and _patterns().keyword.fullmatch(bare.group(2)) and re.search(rf"(?<![\w-]){re.escape(bare.group(1))}(?![\w-])", other):
            return True
    x, y = _ANCHOR_WORDS.sub("", x), _ANCHOR_WORDS.sub("", y)
    return bool(x and y) and SequenceMatcher(None, x, y).ratio() >= 0.6


def extract(doc: DocContext) -> list[dict]:
    """One row per distinct (meeting, ordinal) in the document, at its first mention."""
    body = doc.body
    thai = _thai_mentions(body)
    thai_ordinals = {m.ordinal for m in thai}
    # an English name numbered like a Thai meeting of the same release is its translation:
    # ครั้งที่ 10 (10th Joint Commission …)
    english = [m for m in _english_mentions(body) if m.ordinal not in thai_ordinals]
    rows: list[dict] = []
    starts, ends = doc.token_starts, doc.token_ends
    for m in sorted(thai + english):
        if any(r["ordinal"] == m.ordinal and same_meeting(r["name"], m.name) for r in rows):
            continue
        partners: list[str] = []
        for _, _, alias in countries.find(body, starts, ends, m.start, m.name_end):
            if alias.iso2 not in partners:
                partners.append(alias.iso2)
        rows.append(dict(surface=body[m.start : m.end], char_start=m.start, char_end=m.end, name=m.name,
                         ordinal=m.ordinal, partners=partners, rule=m.rule))
    return rows
