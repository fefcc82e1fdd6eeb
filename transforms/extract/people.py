"""People: named persons, one row per person per document (first mention).

Thai writes no spaces between words but puts one between a given name and a family name,
and one around a name: ``นายธานี ทองภักดี ปลัดกระทรวงการต่างประเทศ ได้เข้าร่วม…``. A person
is found from

* an honorific, title or rank (``seeds/honorifics.csv``: นาย, น.ส., พล.อ., ผศ.นพ., H.E. Mr.,
  Dato’, …), stacked ones included, at a newmm word start: ``นาย`` inside ``นายกรัฐมนตรี`` is
  a word of its own (listed as a false start there);
* a role written as a title (``นายกรัฐมนตรีซูกะ โยชิฮิเดะ``, ``นายกฯ เศรษฐา``) when what
  follows is a known given name and family name (PyThaiNLP's name lists), two chunks that
  newmm cuts into short pieces (a transliterated name), or a given name seen in full;
* Title-case Latin words in Thai text followed by a Thai role (``Eliud Kipchoge นักวิ่ง…``).

PyThaiNLP's given-name list also decides whether a given name alone is a name (``นายแพทย์ใหญ่``
is a post) and lets ``นาย`` open a name in ``นายกมล`` despite ``นายก``.

The name is the given-name chunk, the family-name chunk when one follows, and further chunks
only when they are known family names or run up to a role (``เหวียน ซวน ฟุก นายกรัฐมนตรี…``).
The position is the role right after the name (``seeds/positions.csv``: a role noun with the
ministry, organisation or country glued to it, continued by organisation chunks), or else the
role right before it (``ปลัดกระทรวงเกษตรและสหกรณ์ (นายประยูร อินสกุล)``). Later mentions by
given name only (``นายสุชาติ กล่าวว่า``) and a Latin transliteration in brackets after a Thai
name are the same person.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

from transforms.extract import countries
from transforms.extract.context import DocContext, Token
from transforms.thai_text import read_seed

MAX_CHUNKS = 4
MIN_NAME_STOP_CHARS = 4
MAX_FAMILY_CHARS = 22
MIN_GLUED_FAMILY_CHARS = 2
MIN_GLUED_ROLE_CHARS = 5

_THAI_NAME_START = re.compile(r"[\u0e01-\u0e2e\u0e40-\u0e44]")  # consonant or leading vowel
_LATIN_CAPITAL = re.compile(r"[A-Z]")
_THAI_CHAR = re.compile(r"[\u0e01-\u0e4e]")
_RANK_QUALIFIER = re.compile(r"\(\s*[\u0e01-\u0e4e]{2,12}\s*\)(?= ?[\u0e01-\u0e2e\u0e40-\u0e44])")
# A Thai name chunk ends at a space or punctuation; dots stay (they belong to abbreviations).
_CHUNK = re.compile(r"[^\s()\[\]{},;:“”\"‘’'/|!?]+")
# พ.ศ., รมว.ดศ.: a dotted title right after an abbreviation is part of it
_ABBREVIATION_TAIL = re.compile(r"(?:[\u0e01-\u0e2e]\.|\.[\u0e01-\u0e2e]{1,3})$")
_COUNT_BEFORE = re.compile(r"[0-9๐-๙]\s*$")
_WITHHELD_FAMILY = re.compile(r"\s*\(\s*สงวนนามสกุล\s*\)")
_LATIN_BRACKET = re.compile(r"\(\s*[^()\u0e01-\u0e5b]{2,80}\)")
# a Thai transliteration in brackets after a Latin name: a name, no clause
_THAI_BRACKET = re.compile(r"\(\s*[\u0e01-\u0e4e][^()A-Za-z0-9]{1,60}\)")
# an English title runs to Thai text, a bracket or the end of its clause (", paid a call…"); a
# full stop after a word ends it (``King of Bhutan. H.E. Mr. …``), one after an initial does not
_EN_POSITION = re.compile(
    r"[A-Z](?:(?!\s(?:[Aa]t|on|during|who|which|has|have|had|was|is|will|said)\s)"
    r"(?:[^\u0e01-\u0e5b()\n;“”\",.]|[,.](?!\s+[a-z]|\s*$|\s+[A-Z][a-z]+\s+[a-z])(?<![a-z]{3}\.(?=\s))))*"
)
# Title-case words in Thai text, two to four, then a space and Thai: a foreign name candidate
_LATIN_PERSON = re.compile(r"(?:^|(?<=[\s\u0e01-\u0e4e“(]))([A-Z][a-z]+(?:[-’'][A-Za-z]+)?(?: [A-Z][a-z]+(?:[-’'][A-Za-z]+)?){1,3}) (?=[\u0e01-\u0e4e])")
# A Title-case run in English text: capitalised words, and connectors between them
# (``Secretary General of the Thailand Board of Investment``, ``Secretary-General to the Prime Minister``)
_EN_CONNECTOR = r"(?:of|and|the|for|to|&)"
_EN_WORD = rf"(?:[A-Z][\w’'\-]*|{_EN_CONNECTOR}(?=(?:[ \t]+{_EN_CONNECTOR})*[ \t]+[A-Z]))"
_EN_TITLE_RUN = re.compile(rf"{_EN_WORD}(?:[ \t]+{_EN_WORD})*")
_EN_TITLE_TAIL = re.compile(rf"{_EN_WORD}(?:[ \t]+{_EN_WORD})*[ \t]*,?[ \t]*$")
# a title right before a name, nothing between (``Deputy Prime Minister Gen. Prawit``)
_EN_TITLE_RIGHT_BEFORE = re.compile(rf"(?<![\w’'\-]){_EN_WORD}(?:[ \t]+{_EN_WORD})*[ \t]+$")
_EN_CONNECTORS = frozenset({"of", "and", "the", "for", "to", "&"})
_SENTENCE_START = re.compile(r"(?:The|A|An|This|These|He|She|It|They|We|In|On|At|Both|According)\b")
_WRAPPED_LINE_BREAK = re.compile(r"\n(?<=[^\n]{60}\n)(?=[A-Za-z])")
# further names sharing one title: ``… Somkid Cheukhong / Chakraphol Tangsutthitham``
_EN_SLASH_NAME = re.compile(r"\s*/\s*([A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*){1,2})(?=\s*(?:[/,.;)]|\s[a-z]|$))")
# Title-case words before a role that belong to it: ``Deputy Government Spokesperson``, ``PTT’s Chairman``
_EN_TITLE_WORDS_BEFORE = re.compile(r"(?:(?<![\w’'\-.])[A-Z][\w’'\-]*[ \t]+)+$")
# words that end such a run: articles, and the styles of royalty and ambassadors (His Majesty Sultan …)
_EN_ARTICLES = frozenset({"The", "A", "An", "This", "That", "His", "Her", "Their", "Its", "Majesty", "Excellency", "Highness"})
MAX_EN_NAME_WORDS = 3
MAX_LATIN_NAME_WORDS = 8  # Sheikh Mohammed bin Abdulrahman bin Jassim Al Thani
_NOT_TITLES = frozenset({"false_start", "weak", "suffix"})
_FUNCTION_POS = frozenset({"AUX", "ADP", "CCONJ", "SCONJ", "PART", "DET", "PRON", "ADV", "NUM", "PUNCT"})
# ในฐานะ (in the capacity of), ดำรงตำแหน่ง (holding the post of) before a role
_IN_CAPACITY = re.compile(r"(?:ในฐานะ(?:เป็น)?|ดำรงตำแหน่ง|ตำแหน่ง)\s*")
# อดีต (former), ว่าที่ (designate), acting; รอง (deputy), ผู้ช่วย (assistant) before any role
_ROLE_PREFIX = "(?:อดีต|ว่าที่\\s?|รักษาราชการแทน\\s?|รักษาการ\\s?)?(?:รอง\\s?|ผู้ช่วย|ผช\\.\\s?)?"
_SQUASH = re.compile(r"[\s\-–—:()'\".,’‘]")
_LATIN_ACRONYM = re.compile(r"[A-Z][A-Z0-9.\-&]{1,12}$")
# PRF, ก.พ., กพฐ., ศบ.ทก.: an organisation's acronym after a bare role
_ACRONYM = re.compile(r"(?:[A-Z][A-Z0-9.\-&]{1,12}|[\u0e01-\u0e2e]{1,5}\.(?:[\u0e01-\u0e2e]{1,5}\.?)*)$")


class _Lexicon(NamedTuple):
    honorific: re.Pattern[str]
    honorific_kind: dict[str, str]
    role: re.Pattern[str]
    title: re.Pattern[str]
    role_en: re.Pattern[str]
    role_en_words: frozenset[str]
    continuation: re.Pattern[str]
    stops: frozenset[str]
    not_name: tuple[str, ...]
    not_name_en: frozenset[str]
    particle: re.Pattern[str]
    given: frozenset[str]
    family: frozenset[str]
    latin_name_word: re.Pattern[str]  # a capitalised word or a name particle (bin, van, de)
    thai_particle: re.Pattern[str]  # บิน: the father's name follows
    name_particle: re.Pattern[str]  # ฟัน, เดอ: a European family name follows
    function_before: re.Pattern[str]  # function words glued before an honorific
    org_name_titles: frozenset[str]  # single-word roles that also start names of places and firms
    noun_endings: tuple[str, ...]  # endings of English nouns, never of names
    phrase_words: frozenset[str]  # words that make a chunk a phrase rather than a family name
    copulas: frozenset[str]  # right before a role: one someone would be, not one they hold
    known_people: frozenset[str]  # names of foreign leaders often written after a role alone
    title_modifiers: frozenset[str]  # Deputy, Acting, Government: words before an English role that belong to it


@functools.cache
def _lexicon() -> _Lexicon:
    kinds = {row["honorific"]: row["kind"] for row in read_seed("honorifics")}
    terms: dict[str, list[str]] = {}
    for row in read_seed("positions"):
        terms.setdefault(row["kind"], []).append(row["term"])
    words: dict[str, list[str]] = {}
    for row in read_seed("person_terms"):
        words.setdefault(row["kind"], []).append(row["term"])
    latin_particles = "|".join(map(re.escape, words["latin_particle"]))
    return _Lexicon(
        honorific=re.compile(countries.trie_pattern(kinds)),
        honorific_kind=kinds,
        role=re.compile(_ROLE_PREFIX + countries.trie_pattern(terms["role"])),
        title=re.compile(countries.trie_pattern(terms["title"])),
        role_en=re.compile(r"(?:[Ff]ormer\s+)?(?:" + countries.trie_pattern(terms["role_en"]) + r")\b"),
        role_en_words=frozenset(w.split()[0] for w in terms["role_en"]),
        continuation=re.compile(countries.trie_pattern(terms["continuation"])),
        stops=frozenset(terms["stop"]),
        not_name=tuple(terms["not_name"]),
        not_name_en=frozenset(terms["not_name_en"]),
        particle=re.compile(countries.trie_pattern(r["particle"] for r in read_seed("family_name_particles")) + r"(?=[\s(),]|$)"),
        given=frozenset(thai_male_names()) | frozenset(thai_female_names()),
        family=frozenset(thai_family_names()),
        latin_name_word=re.compile(rf"[A-Z][A-Za-z’'\-.]*|(?:{latin_particles})\b"),
        thai_particle=re.compile(countries.trie_pattern(words["thai_particle"]) + r"(?=\s)"),
        name_particle=re.compile(countries.trie_pattern(words["thai_name_particle"]) + r"(?=\s)"),
        function_before=re.compile("(?:" + countries.trie_pattern(words["function_before"]) + ")$"),
        org_name_titles=frozenset(words["org_name_title"]),
        noun_endings=tuple(words["english_noun_ending"]),
        phrase_words=frozenset(words["phrase_word"]),
        copulas=frozenset(words["copula"]),
        known_people=frozenset(r["name"] for r in read_seed("known_people")),
        title_modifiers=frozenset(words["en_title_modifier"]),
    )


@dataclass
class _Mention:
    start: int
    end: int
    honorific: str | None
    parts: list[str]
    position: str | None
    rule: str
    latin: bool
    aliases: list[str] = field(default_factory=list)  # the transliteration in brackets after it
    position_after: bool = False  # the position is the role written right after the name

    @property
    def name(self) -> str:
        return " ".join(self.parts)


@dataclass
class _Person:
    mentions: list[_Mention] = field(default_factory=list)


class _Text:
    """The body with its tokens, for word-boundary questions."""

    def __init__(self, doc: DocContext) -> None:
        self.body = doc.body
        self.tokens: tuple[Token, ...] = doc.tokens
        self.starts = [t.start for t in doc.tokens]
        self.start_set = doc.token_starts

    @functools.cached_property
    def flat(self) -> str:
        """The body with English text hard-wrapped mid-sentence (``Minister of Tourism\nand Sports
        Sudawan …``) joined: a line break after a long line reads as a space, offsets unchanged."""
        return _WRAPPED_LINE_BREAK.sub(" ", self.body) if "\n" in self.body else self.body

    def within(self, a: int, b: int) -> list[Token]:
        return list(self.tokens[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)])

    def word_start(self, i: int) -> bool:
        return not self.tokens or i in self.start_set


def _spaces(body: str, i: int, limit: int = 2) -> int:
    """Index after at most ``limit`` spaces (not line breaks)."""
    j = i
    while j < len(body) and body[j] == " " and j - i < limit:
        j += 1
    return j


def _stop_cut(text: _Text, a: int, b: int, lex: _Lexicon, *, name: bool = True) -> int:
    """End of body[a:b] before a glued verb or function word (อนุชากล่าว -> อนุชา). In a name
    only longer words count (ธนาคมานุสรณ์ is cut by newmm into pieces such as มา), and a glued
    และ ends a name but not a position (กรมป้องกันและบรรเทาสาธารณภัย)."""
    for t in text.within(a, b):
        if t.start <= a:
            continue
        if name and (t.text == "และ" or (t.text in lex.stops and len(t.text) >= MIN_NAME_STOP_CHARS)):
            return t.start
        if not name and t.text in lex.stops:
            return t.start
    return b


def _fragmentary(text: _Text, a: int, b: int) -> bool:
    """Cut by newmm into short pieces: an out-of-vocabulary (transliterated) name."""
    toks = text.within(a, b)
    return len(toks) >= 2 and sum(len(t.text) for t in toks) / len(toks) <= 2.5


def _family_like(text: _Text, a: int, b: int, lex: _Lexicon, known_family: str | None) -> bool:
    """May body[a:b] be a family name after a given name, rather than the verb, role, place or
    clause that follows a given name used alone (นายสุชาติ กล่าวว่า)?"""
    chunk = text.body[a:b]
    if chunk in lex.family:
        return True
    if known_family is not None and chunk != known_family:
        return False
    if not _THAI_NAME_START.match(chunk) or "." in chunk or len(chunk) > MAX_FAMILY_CHARS:
        return False
    title = lex.honorific.match(chunk)
    if lex.role.match(chunk) or (title and lex.honorific_kind[title.group()] not in _NOT_TITLES):
        return False
    alias = countries.aliases().get(chunk)
    if alias and alias.iso2:  # นายกรัฐมนตรี ญี่ปุ่น: a country, not a family name
        return False
    toks = text.within(a, b)
    if not toks:
        return len(chunk) >= 2
    if _fragmentary(text, a, b):  # มา/ซา/โตะ: a transliterated name, whatever its first piece
        return True
    inner = [t for t in toks[:-1] if t.text in lex.phrase_words]
    if len(inner) > 1 or (inner and len(chunk) > 14):  # ปฐมเหตุแห่งการต่อสู้…: a phrase, not a name
        return False
    first = toks[0]
    if chunk.startswith(lex.not_name):
        return False
    if first.text in lex.stops or first.pos in _FUNCTION_POS or (first.pos == "VERB" and len(toks) == 1):
        # ยังอภัย, คงเมือง, ใจช่วงโชติ exist: a family name may start with a function word, but
        # then a role follows it; a function word or a verb alone is no name
        return len(toks) > 1 and _role_follows(text, b, lex)
    return True


def _thai_name(text: _Text, pos: int, lex: _Lexicon, known: dict[str, str]) -> tuple[list[str], int] | None:
    """Name chunks starting at ``pos`` and the end of the name."""
    body = text.body
    m = _CHUNK.match(body, pos)
    if not m or not _THAI_NAME_START.match(body, pos):
        return None
    whole = body[pos : m.end()]
    end = m.end() if whole in lex.given else min(_stop_cut(text, pos, m.end(), lex), _glued_clause(text, pos, m.end(), lex, known))
    given = body[pos:end].rstrip("ฯ")  # ประวิตรฯ: the given name, abbreviated
    if len(given) < 2 or "." in given or given in lex.stops or given in lex.not_name or lex.role.match(given):
        return None
    if given not in lex.given and given not in known and given.startswith(lex.not_name):
        return None  # ไฟเซอร์ และโมเดอร์นา: เซอร์ is no Sir here
    parts = [given]
    if end < m.end():  # a verb was glued to the given name: nothing else belongs to the name
        return parts, end
    spelled = _spelled_out(text, end, lex)
    if spelled:  # นางอานา มาเรีย ปริเอโต อาบัด (H.E. Mrs. Ana Maria Prieto Abad): word for word
        chunks, end = spelled
        return parts + chunks, end
    limit = MAX_CHUNKS
    father = father_titles = False
    while len(parts) < limit and end < len(body) and body[end] == " ":
        particle = lex.particle.match(body, end + 1)
        if particle:  # ม.ร.ว. X Y ณ อยุธยา
            parts.append(particle.group())
            end = particle.end()
            break
        son_of = lex.thai_particle.match(body, end + 1)
        if son_of and len(parts) <= 2 and not father:  # มาจิด บิน อับดุลเลาะห์ อัลก็อซซอบี: the father's name follows
            parts.append(son_of.group())
            end = son_of.end()
            limit = len(parts) + MAX_CHUNKS - 1
            father = father_titles = True
            continue
        inner = _name_particles(text, end, lex) if len(parts) < limit - 1 else None
        if inner:  # แร็มโก โยฮันเนิส ฟัน ไวน์คาร์เดิน: van and the family name after it
            chunks, end, cut = inner
            parts.extend(chunks)
            if cut:
                break
            continue
        nxt = _CHUNK.match(body, end + 1)
        if not nxt:
            break
        a = nxt.start()
        b = min(_family_stop_cut(text, a, nxt.end(), lex), _role_cut(text, a, nxt.end(), lex))
        if father and father_titles and lex.honorific.fullmatch(body, a, b):
            parts.append(body[a:b])  # … บิน เปองีรัน ฮาจี ซัลเละฮ์: the father's titles belong to his name
            end = b
            continue
        if len(parts) == 1 or (father and father_titles):
            father_titles = False
            if not _family_like(text, a, b, lex, known.get(given) if len(parts) == 1 else None):
                break
        elif not (
            body[a:b] in lex.family
            or (_family_like(text, a, b, lex, None) and (_role_follows(text, b, lex) or _transliteration_ahead(text, b, lex, limit - len(parts) - 1)))
        ):
            break
        parts.append(body[a:b].rstrip("ฯ"))
        end = b
        if b < nxt.end():
            break
    if lex.thai_particle.fullmatch(parts[-1]):  # a particle with nothing after it is no name part
        parts.pop()
        end = pos + len(" ".join(parts))
    return parts, end


def _name_particles(text: _Text, i: int, lex: _Lexicon) -> tuple[list[str], int, bool] | None:
    """Particles of a European name at ``i`` (after a space) and the family name they lead to:
    (chunks, end, whether the family name was cut short by a glued word)."""
    body = text.body
    particles: list[str] = []
    while body.startswith(" ", i) and (m := lex.name_particle.match(body, i + 1)):
        particles.append(m.group())
        i = m.end()
    nxt = _CHUNK.match(body, i + 1) if particles and body.startswith(" ", i) else None
    if not nxt or not _family_like(text, nxt.start(), nxt.end(), lex, None):
        return None
    b = min(_family_stop_cut(text, nxt.start(), nxt.end(), lex), _role_cut(text, nxt.start(), nxt.end(), lex))
    if b <= nxt.start():
        return None
    return [*particles, body[nxt.start() : b]], b, b < nxt.end()


def _spelled_out(text: _Text, i: int, lex: _Lexicon) -> tuple[list[str], int] | None:
    """The rest of a transliterated name whose Latin form follows in brackets with one word per
    Thai chunk: (further chunks, end). Thai cuts such names into odd pieces (มา|เรีย), so the
    bracket, not the pieces, says where the name ends."""
    body = text.body
    chunks: list[str] = []
    while len(chunks) < MAX_CHUNKS:
        j = _spaces(body, i, 1)
        if j == i:
            return None
        bracket = _LATIN_BRACKET.match(body, j)
        if bracket:
            words = [w for w in re.findall(r"[A-Za-z][A-Za-z’'\-]*\.?", bracket.group()) if not w.endswith(".")]
            words = [w for w in words if w not in lex.honorific_kind]
            if chunks and len(words) == len(chunks) + 1:
                return chunks, i
            return None
        nxt = _CHUNK.match(body, j)
        if not nxt or not _THAI_NAME_START.match(nxt.group()) or "." in nxt.group() or len(nxt.group()) > MAX_FAMILY_CHARS:
            return None
        if nxt.group() in lex.stops or lex.role.match(nxt.group()) or nxt.group().startswith(lex.not_name):
            return None
        chunks.append(nxt.group())
        i = nxt.end()
    return None


def _glued_clause(text: _Text, a: int, b: int, lex: _Lexicon, known: dict[str, str]) -> int:
    """End of a given name seen in full earlier that a verb is glued to (อนุชาย้ำว่า,
    ประยุทธ์มุ่งมั่นใน…): the verb may be short or unknown to the stop list, but the name is known."""
    toks = text.within(a, b)
    for k in range(1, len(toks)):
        prefix = text.body[a : toks[k].start]
        if prefix in known and b - toks[k].start >= MIN_NAME_STOP_CHARS:
            nxt = toks[k]
            if nxt.pos in ("VERB", "AUX") or nxt.text in lex.stops or nxt.text in lex.copulas:
                return nxt.start
    return b


def _family_stop_cut(text: _Text, a: int, b: int, lex: _Lexicon) -> int:
    """``_stop_cut`` for a family-name chunk, except a stop word that only ends the chunk right
    before a role (หมื่นแจ้ง รองอธิบดี…: แจ้ง is part of the name, not a verb)."""
    cut = _stop_cut(text, a, b, lex)
    if cut < b and cut > a and not any(t.start > cut for t in text.within(cut, b)) and _role_follows(text, b, lex):
        return b
    return cut


def _transliteration_ahead(text: _Text, i: int, lex: _Lexicon, max_chunks: int) -> bool:
    """A Latin transliteration in brackets follows within ``max_chunks`` more chunks that could
    be name parts (นายแฟร์ดีนันด์ โรมูอัลเดซ มาร์โคส จูเนียร์ (Mr. Ferdinand Romualdez Marcos Jr.))."""
    body = text.body
    for _ in range(max_chunks + 1):
        j = _spaces(body, i)
        if _LATIN_BRACKET.match(body, j):
            return True
        if j == i:
            return False
        nxt = _CHUNK.match(body, j)
        if not nxt or not _family_like(text, j, nxt.end(), lex, None):
            return False
        i = nxt.end()
    return False


def _role_cut(text: _Text, a: int, b: int, lex: _Lexicon) -> int:
    """End of a family name glued to the role after it (วุฒิสอนผู้อำนวยการสำนักงาน…); ``a``
    when the chunk is a role itself."""
    if lex.role.match(text.body, a):
        return a
    for t in text.within(a + MIN_GLUED_FAMILY_CHARS, b):
        m = lex.role.match(text.body, t.start)
        if m and m.end() - t.start >= MIN_GLUED_ROLE_CHARS:
            if m.end() == b and lex.role.match(text.body, _spaces(text.body, b)) and _spaces(text.body, b) > b:
                break  # พรรธนะแพทย์ กรรมการธนาคาร…: a bare role word ending the chunk, and the role follows
            return t.start
    return b


def _role_follows(text: _Text, i: int, lex: _Lexicon) -> bool:
    body = text.body
    j = _spaces(body, i)
    return bool(lex.role.match(body, j) or lex.role_en.match(body, j) or body.startswith("(", j) or lex.particle.match(body, j))


def _family_name_follows(text: _Text, i: int, lex: _Lexicon) -> bool:
    """A space and a chunk that reads as a family name."""
    body = text.body
    nxt = _CHUNK.match(body, i + 1) if body.startswith(" ", i) else None
    return bool(nxt) and _family_like(text, nxt.start(), nxt.end(), lex, None)


def _latin_name(text: _Text, pos: int, lex: _Lexicon) -> tuple[list[str], int] | None:
    """Capitalised words (and name particles) up to a comma, a bracket, Thai text or a role."""
    body = text.body
    words: list[tuple[str, int]] = []
    i = pos
    while len(words) < MAX_LATIN_NAME_WORDS:
        m = lex.latin_name_word.match(body, i)
        if not m or m.group() in lex.role_en_words or (not words and not _LATIN_CAPITAL.match(m.group())):
            break
        words.append((m.group(), m.end()))
        j = _spaces(body, m.end(), 1)
        if j == m.end() or (m.group().endswith(".") and (len(m.group()) > 3 or _SENTENCE_START.match(body, j))):
            break  # ``King Willem-Alexander. Thailand …``, ``King Rama X. The …``: a full stop, not an initial
        i = j
    while words and not _LATIN_CAPITAL.match(words[-1][0]):  # trailing particle
        words.pop()
    if not words:
        return None
    word, end = words[-1]
    if word.endswith(".") and len(word) > 2:  # a full stop, not an initial
        words[-1] = (word[:-1], end - 1)
    elif word.endswith(("’s", "'s")):  # Ms. Campbell’s accomplishments
        words[-1] = (word[:-2], end - 2)
    return [w for w, _ in words], words[-1][1]


def _position_after(text: _Text, i: int, lex: _Lexicon) -> tuple[str, int] | None:
    """The role right after a name: a role chunk (ministry, organisation, country glued to it)
    and organisation chunks continuing it (``ผอ.กลุ่มงาน… กองการต่างประเทศ``); a bare role
    may take an acronym (``ประธาน PRF``, ``ผู้ช่วยเลขาธิการ ก.พ.``). English: the phrase up
    to Thai text."""
    body = text.body
    j = _spaces(body, i)
    if body.startswith(",", j):
        j = _spaces(body, j + 1)
    cap = _IN_CAPACITY.match(body, j)
    if cap:
        j = cap.end()
    m = lex.role.match(body, j)
    if m:
        chunk = _CHUNK.match(body, j)
        if not chunk:
            return None
        end = _honorific_cut(text, j, _stop_cut(text, j, chunk.end(), lex, name=False), lex)
        while end == chunk.end() and body.startswith("/", end) and lex.role.match(body, end + 1):
            # รองนายกรัฐมนตรี/รัฐมนตรีว่าการกระทรวงกลาโหม: two posts held together
            chunk = _CHUNK.match(body, end + 1)
            end = _honorific_cut(text, j, _stop_cut(text, j, chunk.end(), lex, name=False), lex)
        parts = [body[j:end]]
        bare = m.end() == chunk.end()
        while len(parts) < 3 and end == chunk.end() and body.startswith(" ", end):
            nxt = _CHUNK.match(body, end + 1)
            if not nxt:
                break
            acronym = bare and len(parts) == 1 and _ACRONYM.match(nxt.group())
            # รองนายกรัฐมนตรีและ รมว.มหาดไทย: a role joined by และ to the next one
            joined = parts[-1].endswith("และ") and lex.role.match(nxt.group())
            if not (acronym or joined or lex.continuation.match(nxt.group())):
                break
            chunk = nxt
            end = _stop_cut(text, nxt.start(), nxt.end(), lex, name=False)
            parts.append(body[nxt.start() : end])
        return " ".join(parts), end
    m = lex.role_en.match(body, j)
    if m:
        phrase = _EN_POSITION.match(body, j)
        if not phrase:
            return m.group(), m.end()
        end = phrase.end()
        for comma in re.finditer(r",\s*", phrase.group()):
            # …, Sultan and Prime Minister of the Sultanate of Oman, Sheikh Mohammed …: the next person
            title = lex.honorific.match(body, j + comma.end())
            if title and lex.honorific_kind[title.group()] not in _NOT_TITLES:
                end = j + comma.start()
                break
        return body[j:end].strip().rstrip(",.-– "), end
    return None


def _honorific_cut(text: _Text, a: int, b: int, lex: _Lexicon) -> int:
    """End of a position before a glued title and name (…กระทรวงแรงงานพล.ต.ต.นันทชาติ)."""
    for m in lex.honorific.finditer(text.body, a + 1, b):
        if lex.honorific_kind[m.group()] not in _NOT_TITLES and _honorific_at(text, m, lex):
            return m.start()
    return b


def _position_before(text: _Text, i: int, lex: _Lexicon, claimed: int) -> str | None:
    """A role ending right before a name: ``ท่านนายกรัฐมนตรี พล.อ.…``, ``ประธาน PRF คือ Mr.…``,
    ``ปลัดกระทรวงเกษตรและสหกรณ์ (นาย…``; not a role the previous person already took as
    theirs (``นายX ผอ.เขตบางกอกน้อย นางY``): ``claimed`` is where that one ends."""
    body = text.body
    line_start = max(body.rfind("\n", 0, i) + 1, claimed)
    head = re.sub(r"(?:\s*\(|\s+คือ)?\s*$", "", body[line_start:i])
    chunks = head.split(" ")
    tail = ""
    if len(chunks) > 1 and _LATIN_ACRONYM.match(chunks[-1]):
        tail = " " + chunks.pop()
    chunk = chunks[-1]
    chunk_start = line_start + len(" ".join(chunks)) - len(chunk)
    chunk_end = chunk_start + len(chunk)
    for m in lex.role.finditer(chunk):
        a = chunk_start + m.start()
        if m.start() and not text.word_start(a):
            continue
        if any(t.text in lex.copulas for t in text.within(chunk_start, a)[-1:]):
            return None  # อยากเป็นนักธุรกิจ นาย…: a role someone would be, not one they hold
        if _stop_cut(text, a, chunk_end, lex, name=False) == chunk_end:
            return chunk[m.start() :] + tail
    run = _EN_TITLE_TAIL.search(body, line_start, i)  # Prime Minister and Defense Minister Gen. Prayut
    role = lex.role_en.search(run.group()) if run else None
    return run.group()[role.start() :].strip(" ,") if role else None


def _honorific_at(text: _Text, m: re.Match[str], lex: _Lexicon) -> tuple[str, int] | None:
    """(kind, end) of an honorific matched at m, or None when it is not one there."""
    body, s = text.body, m.start()
    word = m.group()
    kind = lex.honorific_kind[word]
    if kind == "suffix":  # หญิง counts only right after a rank
        return None
    if kind == "loanword" and s and _THAI_CHAR.match(body, s - 1) and not lex.function_before.search(body, max(0, s - 8), s):
        return None  # วัคซีนไฟเซอร์: the end of a transliterated word, not Sir
    if kind == "false_start":
        # นายกมล: a known given name right after นาย makes it an honorific after all
        for k in range(len(word) - 1, 0, -1):
            short = word[:k]
            given = _CHUNK.match(body, s + k)
            if (
                lex.honorific_kind.get(short, "false_start") not in ("false_start", "suffix")
                and given and given.end() > m.end() and given.group() in lex.given
            ):
                return lex.honorific_kind[short], s + k
            # นายเรืองวิทย์ คูณวัฒนาพงษ์: newmm cuts นาย|เรือง, not นายเรือ, and a family name follows
            if (
                lex.honorific_kind.get(short, "false_start") not in ("false_start", "suffix")
                and given and given.end() > m.end() and text.tokens
                and text.word_start(s + k) and not text.word_start(m.end())
                and _family_name_follows(text, given.end(), lex)
            ):
                return lex.honorific_kind[short], s + k
        return None
    if _LATIN_CAPITAL.match(word):
        if (s and (body[s - 1].isalnum())) or (not word.endswith((".", "’", "'")) and not body.startswith(" ", m.end())):
            return None
        return kind, m.end()
    if "." in word and _ABBREVIATION_TAIL.search(body, max(0, s - 4), s):
        return None
    if len(word) <= 2 and s and _THAI_NAME_START.match(body[s - 1]):  # กยศ.: ศ. ends the acronym
        return None
    # มีนายอรรษิษฐ์: newmm may read มีนา (March) across the title; a function word before it
    # still marks a word start
    if not text.word_start(s) and not lex.function_before.search(body, max(0, s - 8), s):
        return None
    if word == "นาย" and _COUNT_BEFORE.search(body, max(0, s - 12), s) and not _THAI_NAME_START.match(body, m.end()):
        return None  # จำนวน 85 นาย ประกอบด้วย: a classifier for people, not Mr
    return kind, m.end()


def _honorific_mention(text: _Text, m: re.Match[str], lex: _Lexicon, known: dict[str, str]) -> _Mention | None:
    body = text.body
    found = _honorific_at(text, m, lex)
    if not found:
        return None
    kind, end = found
    weak = kind == "weak"
    while True:  # stacked honorifics: ผศ.นพ., H.E. Mr., พลเอก ดร.
        j = _spaces(body, end)
        nxt = lex.honorific.match(body, j)
        if not nxt or lex.honorific_kind[nxt.group()] in ("false_start", "weak"):
            break
        end = nxt.end()
        weak = False
    qualifier = _RANK_QUALIFIER.match(body, _spaces(body, end)) if not weak else None
    if qualifier:  # พลโท (อาวุโส) ฮวาง ซวน เจี๋ยน: a qualifier of the rank, before the name
        end = qualifier.end()
    honorific = " ".join(body[m.start() : end].split())
    pos = _spaces(body, end)
    if pos < len(body) and _LATIN_CAPITAL.match(body, pos):
        if weak and m.start() and _THAI_CHAR.match(body, m.start() - 1) and not lex.function_before.search(body, max(0, m.start() - 8), m.start()):
            return None  # รักคุณ Easy Life: คุณ glued to a Thai word is "you", not a title
        parsed = _latin_name(text, pos, lex)
        latin = True
    else:
        parsed = _thai_name(text, pos, lex, known)
        latin = False
        if parsed and weak and parsed[0][0] not in lex.given:
            return None
    if not parsed:
        return None
    parts, name_end = parsed
    return _Mention(m.start(), name_end, honorific, parts, None, "honorific", latin)


def _complete_position(text: _Text, mention: _Mention, lex: _Lexicon, claimed: int) -> int:
    """Fill the mention's position; return where the mention ends, its transliteration in
    brackets and its position included."""
    body = text.body
    after = mention.end
    j = _spaces(body, after)
    bracket = (_THAI_BRACKET if mention.latin else _LATIN_BRACKET).match(body, j)
    if bracket:  # นายโมริ ทาเคโอะ (H.E. Mr. Mori Takeo), Mr. Nagesh Singh (นายนาเกช ซิงห์): the same person
        after = bracket.end()
        if not mention.latin:  # a later mention of the Latin form is this person too
            mention.aliases.append(_bracket_name(bracket.group(), lex))
    title = _en_title_right_before(text, mention.start, lex, claimed) if mention.latin else None
    if title:
        # Deputy Prime Minister Gen. Prawit Wongsuwon, Deputy Prime Minister and Energy Minister
        # Supattanapong …: the title written before an English name is the position; what
        # follows the comma is the next person's
        mention.position = title
        return after
    found = _position_after(text, after, lex)
    if found:
        mention.position, after = found
        mention.position_after = True
    else:
        mention.position = _position_before(text, mention.start, lex, claimed)
    return after


def _en_title_right_before(text: _Text, i: int, lex: _Lexicon, claimed: int) -> str | None:
    """An English title that ends right before ``i`` (``Prime Minister and Defense Minister``
    before ``Gen. Prayut``): the Title-case run from its first role word."""
    body = text.flat
    line_start = max(body.rfind("\n", 0, i) + 1, claimed)
    run = _EN_TITLE_RIGHT_BEFORE.search(body, line_start, i)
    if not run:
        return None
    role = lex.role_en.search(run.group())
    if not role:
        return None
    start = _en_title_start(body, run.start() + role.start(), line_start, lex)
    return body[start : run.end()].strip() or None


def _bracket_name(bracket: str, lex: _Lexicon) -> str:
    """The name in a Latin bracket, titles left out: ``(Dr.Abdulrahman Al Awar)`` -> Abdulrahman Al Awar."""
    words = re.findall(r"[A-Za-z][A-Za-z’'\-]*\.?", bracket)
    return " ".join(w for w in words if not w.endswith(".") and w not in lex.honorific_kind)


def _role_title_mentions(text: _Text, lex: _Lexicon, taken: list[tuple[int, int]], known: dict[str, str]) -> list[_Mention]:
    """``นายกรัฐมนตรีซูกะ โยชิฮิเดะ``, ``นายกฯ เศรษฐา``: a title role (``seeds/positions.csv``,
    kind title) right before a given name and a known or transliterated family name, or
    before a given name already seen in full."""
    body = text.body
    out = []
    for m in lex.title.finditer(body):
        if not text.word_start(m.start()) or any(a <= m.start() < b for a, b in taken):
            continue
        pos = _spaces(body, m.end(), 1)
        if lex.honorific.match(body, pos) or not _THAI_NAME_START.match(body, pos):
            continue
        parsed = _thai_name(text, pos, lex, known)
        if not parsed:
            continue
        parts, end = parsed
        chunks = [c.span() for c in _CHUNK.finditer(body, pos, end)]
        if len(parts) == 1:
            ok = parts[0] in known
        else:
            (a1, b1), (a2, b2) = chunks[0], chunks[1]
            family = parts[1] in lex.family or _fragmentary(text, a2, b2)
            ok = family and (parts[0] in lex.given or _fragmentary(text, a1, b1))
            # นายกรัฐมนตรีเชค ฮาซีนา (Sheikh Hasina): a transliteration in brackets vouches for a foreign name
            ok = ok or _transliterated(text, parts, end) or " ".join(parts) in lex.known_people
        if ok:
            out.append(_Mention(pos, end, None, parts, body[m.start() : m.end()], "role_title", False))
    return out


def _transliterated(text: _Text, parts: list[str], end: int) -> bool:
    """A Latin name in brackets right after the Thai name, word for word (``เชค ฮาซีนา (Sheikh
    Hasina)``), not a gloss of the last words (``จุดความร้อน (Hotspot)``)."""
    bracket = _LATIN_BRACKET.match(text.body, _spaces(text.body, end))
    if not bracket:
        return False
    words = [w for w in re.findall(r"[A-Z][A-Za-z’'\-]*\.?", bracket.group()) if not w.endswith(".")]
    return len(words) >= 2 and len(words) >= len(parts) and all(len(p) <= MAX_FAMILY_CHARS for p in parts)


def _en_name_like(names: list[str], lex: _Lexicon) -> bool:
    """Capitalised words that may be a person's name: two or more, none a connector, a role, an
    organisation or calendar word, an English noun or a country (a known leader's name always is)."""
    if " ".join(names) in lex.known_people:
        return True
    return len(names) >= 2 and not any(
        w.lower() in _EN_CONNECTORS or w in lex.role_en_words or w in lex.not_name_en
        or w.endswith(lex.noun_endings) or countries.aliases().get(w)
        for w in names
    )


def _possessive(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


def _en_title_start(body: str, role_start: int, floor: int, lex: _Lexicon) -> int:
    """Where a title that ends in the role at ``role_start`` begins: Title-case words right before
    the role that qualify it belong to it (``Deputy Government Spokesperson``, ``Chinese
    President``, ``PTT’s Chairman``, ``BOT Governor``), not a verb or a sentence's first word."""
    m = _EN_TITLE_WORDS_BEFORE.search(body, max(floor, role_start - 60), role_start)
    if not m:
        return role_start
    start = role_start
    for w in reversed(list(re.finditer(r"\S+", m.group()))):
        word = w.group()
        bare = _possessive(word)
        if not (
            word in lex.title_modifiers or bare != word or _LATIN_ACRONYM.fullmatch(bare)
            or (countries.aliases().get(bare) and countries.aliases()[bare].iso2)
        ) or word in _EN_ARTICLES:
            break
        start = m.start() + w.start()
    return start


def _english_title_mentions(text: _Text, lex: _Lexicon, taken: list[tuple[int, int]]) -> list[_Mention]:
    """``Prime Minister Paetongtarn Shinawatra``, ``Minister of Foreign Affairs Maris
    Sangiampongsa``: an English role written as a title. After a bare role the capitalised
    words are the name; after ``of``/``to``/``and`` phrases the last two are, up to an ``and``
    that opens the next person's title (``… Duangjai Asawachintachit and PTT’s Chairman …``)."""
    body = text.flat
    out: list[_Mention] = []
    for m in lex.role_en.finditer(body):
        if (m.start() and body[m.start() - 1].isalpha()) or any(a <= m.start() < b for a, b in taken + [(o.start, o.end) for o in out]):
            continue
        if not body.startswith(" ", m.end()) or m.group() in lex.org_name_titles:
            continue
        run = _EN_TITLE_RUN.match(body, m.end() + 1)
        if not run:
            continue
        words = [(w.group(), w.start(), w.end()) for w in re.finditer(r"\S+", run.group())]
        # one title per person: the run stops at an ``and`` between a name and the next title
        nxt = next((
            k for k in range(2, len(words) - 2)
            if words[k][0] == "and" and _en_name_like([_possessive(w) for w, _, _ in words[k - 2 : k]], lex)
        ), len(words))
        words = words[:nxt]
        compound = words[0][0] in _EN_CONNECTORS
        bare = next((k for k, (w, _, _) in enumerate(words) if w in _EN_CONNECTORS), len(words))
        if compound or bare < 2:
            # … and Minister of Finance Srettha Thavisin; Minister Attached to Prime Minister’s Office Puangpetch Chunla-ead
            # (``President of the Supreme Court``, ``Ruler of Abu Dhabi``: a place or body, no name)
            if len(words) < 3 or words[-3][0] in _EN_CONNECTORS:
                continue
            words = words[-2:]
        else:
            # Prime Minister Samdech Moha Borvor Thipadei Hun Manet of Cambodia: a long run holds
            # titles too; the name is its end
            words = words[:bare] if bare <= MAX_EN_NAME_WORDS else words[:bare][-2:]
        if words[-1][0].endswith(("’s", "'s")):  # Prime Minister Paetongtarn Shinawatra’s visit
            word, a, b = words[-1]
            words[-1] = (word[:-2], a, b - 2)
        names = [w for w, _, _ in words]
        if not _en_name_like(names, lex):
            continue
        start, end = run.start() + words[0][1], run.start() + words[-1][2]
        role_start = m.start() if compound or bare < 2 else [r for r in lex.role_en.finditer(body, m.start(), start)][-1].start()
        role_start = _en_title_start(body, role_start, max([o.end for o in out] + [b for a, b in taken if b <= role_start], default=0), lex)
        position = body[role_start:start].strip()
        out.append(_Mention(start, end, None, names, position, "en_title", True))
        for more in _EN_SLASH_NAME.finditer(body, end):
            if more.start() != end or not _en_name_like(more.group(1).split(), lex):
                break
            end = more.end()
            out.append(_Mention(more.start(1), more.end(1), None, more.group(1).split(), position, "en_title", True))
    return out


def _latin_role_mentions(text: _Text, lex: _Lexicon, taken: list[tuple[int, int]]) -> list[_Mention]:
    """``Eliud Kipchoge นักวิ่งระยะไกลของเคนยา``: a Latin name in Thai text, no title before
    it, that a Thai role follows."""
    body = text.body
    out = []
    for m in _LATIN_PERSON.finditer(body):
        words = m.group(1).split()
        if any(a <= m.start() < b for a, b in taken) or any(
            w in lex.role_en_words or w in lex.not_name_en or w.endswith(lex.noun_endings) for w in words
        ):
            continue
        if countries.find(m.group(1), frozenset(), frozenset()) or not lex.role.match(body, m.end()):
            continue
        out.append(_Mention(m.start(1), m.end(1), None, words, None, "latin_role", True))
    return out


def _key(name: str) -> str:
    return _SQUASH.sub("", name).lower()


def _group(mentions: list[_Mention]) -> list[_Person]:
    """Mentions of one person together: same name, or a given name alone (or a Latin family
    name alone) that belongs to exactly one fuller name."""
    people: dict[str, _Person] = {}
    alias_of: dict[str, str] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        key = alias_of.get(_key(m.name), _key(m.name))
        people.setdefault(key, _Person()).mentions.append(m)
        for alias in m.aliases:
            alias_of.setdefault(_key(alias), key)
    for key, person in list(people.items()):
        parts = person.mentions[0].parts
        if len(parts) != 1:
            continue
        fuller = [
            p for k, p in people.items()
            if k != key and len(p.mentions[0].parts) > 1
            and (p.mentions[0].parts[0] == parts[0] or (p.mentions[0].latin and p.mentions[0].parts[-1] == parts[0]))
        ]
        if len(fuller) == 1:
            fuller[0].mentions.extend(person.mentions)
            del people[key]
    return list(people.values())


def _row(person: _Person, body: str) -> dict:
    ordered = sorted(person.mentions, key=lambda m: m.start)
    # the name in the script it first appears in (a Latin alias found later does not replace it)
    same_script = [m for m in ordered if m.latin == ordered[0].latin]
    longest = max(len(m.parts) for m in same_script)
    canonical = next(m for m in same_script if len(m.parts) == longest)
    full = [m for m in ordered if m.parts == canonical.parts]
    position = next((m.position for m in full if m.position), None) or next((m.position for m in ordered if m.position), None)
    honorific = canonical.honorific or next((m.honorific for m in ordered if m.honorific), None)
    return dict(surface=body[canonical.start : canonical.end], char_start=canonical.start, char_end=canonical.end,
                honorific=honorific, name=canonical.name, position=position, rule=canonical.rule)


def extract(doc: DocContext) -> list[dict]:
    """One row per person named in the document, at the first mention of the fullest name."""
    lex = _lexicon()
    text = _Text(doc)
    mentions: list[_Mention] = []
    taken: list[tuple[int, int]] = []
    known: dict[str, str] = {}  # given name -> family name already seen in this document
    consumed = 0
    for m in lex.honorific.finditer(doc.body):
        if m.start() < consumed:
            continue
        mention = _honorific_mention(text, m, lex, known)
        if mention is None:
            continue
        consumed = _complete_position(text, mention, lex, consumed)
        mentions.append(mention)
        taken.append((mention.start, consumed))
        if len(mention.parts) == 2 and not mention.latin:
            known.setdefault(mention.parts[0], mention.parts[1])
    _share_listed_positions(doc.body, mentions, taken)
    for mention in _role_title_mentions(text, lex, taken, known):
        # รมช.ประภัตร โพธสุธน รัฐมนตรีช่วยว่าการกระทรวงเกษตรและสหกรณ์: the role spelled out after the name wins
        found = _position_after(text, mention.end, lex)
        if found:
            mention.position = found[0]
        mentions.append(mention)
        taken.append((mention.start, mention.end))
    for mention in _latin_role_mentions(text, lex, taken):
        _complete_position(text, mention, lex, 0)
        mentions.append(mention)
        taken.append((mention.start, mention.end))
    mentions.extend(_english_title_mentions(text, lex, taken))
    mentions = _drop_bracketed_transliterations(doc.body, mentions)
    rows = [_row(p, doc.body) for p in _group(mentions) if _credible(p, text, lex)]
    return sorted(rows, key=lambda r: r["char_start"])


def _drop_bracketed_transliterations(body: str, mentions: list[_Mention]) -> list[_Mention]:
    """``นายกรัฐมนตรีเชค ฮาซีนา (Sheikh Hasina)``: a Latin name that fills the bracket right after a
    Thai name is that person's transliteration, not another person."""
    thai_ends = {m.end: m for m in mentions if not m.latin}
    kept = []
    for m in mentions:
        if m.latin:
            opening = body.rfind("(", 0, m.start)
            closing = body.find(")", m.end)
            if (
                opening >= 0 and not body[opening + 1 : m.start].strip(" ") and closing >= 0
                and not body[m.end : closing].strip(" .") and len(body[:opening].rstrip(" ")) in thai_ends
            ):
                thai_ends[len(body[:opening].rstrip(" "))].aliases.append(m.name)
                continue
        kept.append(m)
    return kept


_LIST_GAP = re.compile(r"\s*(?:,|และ|and)?\s*")
_AND = re.compile(r"และ|and")


def _share_listed_positions(body: str, mentions: list[_Mention], spans: list[tuple[int, int]]) -> None:
    """``นายปกรณ์ … นายเรืองวิทย์ … และนายล้ำเลิศ พัวพัฒนโชติ สมาชิกสภาผู้แทนราษฎร``: a list of
    names with nothing but spaces or commas between them and และ before the last shares the role
    written after the last one, when they have none of their own. A second และ makes it pairs
    (``นายวิษณุและนางศิริญา เทพเจริญ และแพทย์หญิง จินตนา … แพทย์ผู้เชี่ยวชาญ``), not one list."""
    for last in range(len(mentions) - 1, 0, -1):
        if not mentions[last].position_after:
            continue
        chain: list[int] = []
        k = last - 1
        while k >= 0 and mentions[k].position is None and _LIST_GAP.fullmatch(body, spans[k][1], mentions[k + 1].start):
            chain.append(k)
            k -= 1
        gaps = [body[spans[j][1] : mentions[j + 1].start] for j in chain]
        if any(_AND.search(g) for g in gaps[1:]):
            continue
        for j in chain:
            mentions[j].position = mentions[last].position


def _credible(person: _Person, text: _Text, lex: _Lexicon) -> bool:
    """A Thai given name alone (นายแพทย์ใหญ่, นายนิรุฒอยู่…) is a name only when it is a known
    given name or the text says the family name is withheld (นายมุสตอปา (สงวนนามสกุล))."""
    if any(len(m.parts) > 1 or m.latin for m in person.mentions):
        return True
    return any(m.parts[0] in lex.given or _WITHHELD_FAMILY.match(text.body, m.end) for m in person.mentions)
