"""Clean: normalize decoded text, strip page chrome and read page metadata by source profile.

Profiles (first match wins): ``thaigov`` (thaigov.go.th pages), ``mfa`` (Ministry of Foreign
Affairs pages), ``news`` (news sites with a section line and ``POSTED ON``), ``generic``.

``documents.body`` starts with the headline (once), then a blank line, then the article
text, so mentions in the headline have offsets like any other.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass

import pyarrow as pa
from pythainlp.util import remove_dangling, remove_repeat_vowels, remove_spaces_before_marks, remove_zw

from transforms.thai_text import parse_page_date

VERSION = "1"

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Every sequence remove_repeat_vowels rewrites (a superset): เเ, tone or thanthakhat before an
# upper/lower vowel, nikhahit, follow vowel before a tone, lakkhangyao, a vowel or sign repeated
# (spaces between), two or more tone marks.
_REPEAT_VOWEL_SUSPECT_RE = re.compile(
    "\u0e40\u0e40|[\u0e48-\u0e4c][\u0e31\u0e34-\u0e39\u0e47\u0e4d]|\u0e4d|[\u0e30\u0e32\u0e33\u0e45][\u0e48-\u0e4b]|\u0e45"
    "|([\u0e30-\u0e3a\u0e40-\u0e45\u0e47\u0e4c-\u0e4e]) *\\1|[\u0e48-\u0e4b]{2,}"
)
_HTML_HINT_RE = re.compile(r"<\s*(html|body|p|div|br|span|meta|head)\b", re.I)
_HTML_DROP_RE = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.I | re.S)
_HTML_BLOCK_RE = re.compile(r"<\s*/?\s*(p|div|br|li|tr|h[1-6]|title|section|article)\b[^>]*>", re.I)
_HTML_TAG_RE = re.compile(r"<[^>]{0,2000}>")

THAIGOV_PREFIX_RE = re.compile(r"^รัฐบาลไทย-([^-\n]{1,80})-(.*)$")
SOURCE_LINE_RE = re.compile(r"^ที่มา\s*[:：]\s*(\S+)\s*$")
VIEW_LINE_RE = re.compile(r"^\|?\s*[\d,]+\s*views?$", re.I)
IMPORTED_RE = re.compile(r"^วันที่นำเข้าข้อมูล\s*(.+)$")
UPDATED_RE = re.compile(r"^วันที่ปรับปรุงข้อมูล\s*(.+)$")
POSTED_RE = re.compile(r"^POSTED ON\s+(.+)$", re.I)
THAI_WEEKDAY_RE = re.compile(r"^วัน(จันทร์|อังคาร|พุธ|พฤหัสบดี|พฤหัส|ศุกร์|เสาร์|อาทิตย์)ที่\s*\S+.*\d")
NUMERIC_DATE_LINE_RE = re.compile(r"^[0-9๐-๙]{1,2}/[0-9๐-๙]{1,2}/[0-9๐-๙]{2,4}$")
CHROME_LINES = frozenset({"รูปภาพประกอบ", "พิมพ์", "print", "แชร์", "share", "Tweet"})
SECTION_LINE_RE = re.compile(r"^[A-Z][A-Z &/-]{2,40}$")
# A line repeated verbatim later in a page is chrome (titles and leads printed twice).
MIN_REPEATED_LINE_CHARS = 20


@dataclass(frozen=True)
class Page:
    profile: str
    title: str | None
    body: str
    published_date: dt.date | None = None
    updated_date: dt.date | None = None
    view_count: int | None = None
    source_url: str | None = None
    category: str | None = None


def normalize_text(text: str) -> str:
    """Unicode NFC and Thai normalization, zero-width and control characters removed,
    NBSP and other spaces to one space, line endings to LF, lines stripped, at most one blank line."""
    if _HTML_HINT_RE.search(text[:5000]):
        text = strip_html(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = _CONTROL_RE.sub("", text)
    # PyThaiNLP's normalize() minus its remove_dup_spaces, which would also merge paragraphs.
    text = remove_dangling(_remove_repeat_vowels(remove_spaces_before_marks(remove_zw(text))))
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _remove_repeat_vowels(text: str) -> str:
    """PyThaiNLP's remove_repeat_vowels, run only on the lines it could change.

    It makes some twenty regex passes and a Python call per tone mark (about 1 MB/s); its
    rules never cross a line break, and a line with none of the sequences they rewrite comes
    back unchanged, so skipping those lines gives the same text.
    """
    if not _REPEAT_VOWEL_SUSPECT_RE.search(text):
        return text
    lines = text.split("\n")
    return "\n".join(remove_repeat_vowels(ln) if _REPEAT_VOWEL_SUSPECT_RE.search(ln) else ln for ln in lines)


def strip_html(text: str) -> str:
    """Markup to text: scripts and styles dropped, block tags to line breaks, entities decoded."""
    text = _HTML_DROP_RE.sub(" ", text)
    text = _HTML_BLOCK_RE.sub("\n", text)
    text = _HTML_TAG_RE.sub("", text)
    return html.unescape(text)


def _squash(line: str) -> str:
    return re.sub(r"\s+", "", line)


def detect_profile(lines: list[str]) -> str:
    head = [ln for ln in lines[:12] if ln]
    if head and (THAIGOV_PREFIX_RE.match(head[0]) or any(SOURCE_LINE_RE.match(ln) and "thaigov.go.th" in ln for ln in lines[-5:])):
        return "thaigov"
    if any(IMPORTED_RE.match(ln) or VIEW_LINE_RE.match(ln) for ln in head):
        return "mfa"
    if any(POSTED_RE.match(ln) for ln in head):
        return "news"
    return "generic"


def read_page(text: str) -> Page:
    """Profile, title, body and metadata of one normalized page."""
    lines = text.split("\n")
    profile = detect_profile(lines)
    return _READERS[profile](lines)


def _read_thaigov(lines: list[str]) -> Page:
    title = category = source_url = None
    published = None
    rest = list(lines)
    first = next((i for i, ln in enumerate(rest) if ln), None)
    if first is not None:
        m = THAIGOV_PREFIX_RE.match(rest[first])
        if m:
            category, title = m.group(1).strip(), m.group(2).strip()
            del rest[first]
    # The date block under the title: a Thai weekday line and/or dd/mm/BE line, and "พิมพ์".
    body_start = 0
    for i, ln in enumerate(rest[:10]):
        if not ln or ln in CHROME_LINES:
            body_start = i + 1
        elif THAI_WEEKDAY_RE.match(ln) or NUMERIC_DATE_LINE_RE.match(ln):
            published = published or parse_page_date(ln)
            body_start = i + 1
        else:
            break
    rest = rest[body_start:]
    while rest and (not rest[-1] or SOURCE_LINE_RE.match(rest[-1])):
        m = SOURCE_LINE_RE.match(rest[-1])
        if m:
            source_url = m.group(1)
        rest.pop()
    title = _best_title(title, rest)
    return Page("thaigov", title, _assemble(title, rest), published, source_url=source_url, category=category)


def _best_title(title: str | None, rest: list[str]) -> str | None:
    """The first line of the site title can be cut short; the body repeats it in full."""
    first_body = next((ln for ln in rest if ln), None)
    if title and first_body and len(first_body) > len(title) and _squash(first_body).startswith(_squash(title)):
        return first_body
    return title or first_body


def _read_mfa(lines: list[str]) -> Page:
    published = updated = None
    views = None
    nonempty = [ln for ln in lines if ln]
    title = nonempty[0] if nonempty else None
    body_lines: list[str] = []
    header_done = False
    for i, ln in enumerate(lines):
        if not header_done and i < 15:
            if not ln or ln == title:
                continue
            if m := IMPORTED_RE.match(ln):
                published = parse_page_date(m.group(1))
                continue
            if m := UPDATED_RE.match(ln):
                updated = parse_page_date(m.group(1))
                continue
            if VIEW_LINE_RE.match(ln):
                views = int(re.sub(r"\D", "", ln))
                continue
            if published is None and len(ln) <= 30 and (date := parse_page_date(ln)):
                published = date
                continue
            header_done = True
        body_lines.append(ln)
    while body_lines and (not body_lines[-1] or body_lines[-1] in CHROME_LINES):
        body_lines.pop()
    body_lines = [ln for ln in body_lines if ln not in CHROME_LINES]
    return Page("mfa", title, _assemble(title, body_lines), published, updated, views)


def _read_news(lines: list[str]) -> Page:
    nonempty = [(i, ln) for i, ln in enumerate(lines) if ln]
    category = title = None
    published = None
    body_start = 0
    for k, (i, ln) in enumerate(nonempty[:6]):
        if m := POSTED_RE.match(ln):
            published = parse_page_date(m.group(1))
            before = [x for _, x in nonempty[:k]]
            if before and SECTION_LINE_RE.match(before[0]) and len(before) > 1:
                category = before[0]
                title = before[-1]
            elif before:
                title = before[-1]
            body_start = i + 1
            break
    rest = [ln for ln in lines[body_start:] if ln not in CHROME_LINES]
    return Page("news", title, _assemble(title, rest), published, category=category)


def _read_generic(lines: list[str]) -> Page:
    nonempty = [(i, ln) for i, ln in enumerate(lines) if ln]
    if not nonempty:
        return Page("generic", None, "")
    title_i, title = nonempty[0]
    published = None
    rest_start = title_i + 1
    for i, ln in nonempty[1:4]:
        if len(ln) <= 40 and (date := parse_page_date(ln)):
            published = date
            rest_start = i + 1
            break
    rest = [ln for ln in lines[rest_start:] if ln not in CHROME_LINES]
    src = None
    while rest and (not rest[-1] or SOURCE_LINE_RE.match(rest[-1])):
        if m := SOURCE_LINE_RE.match(rest[-1]):
            src = m.group(1)
        rest.pop()
    if len(title) > 300:  # one long paragraph, not a headline
        return Page("generic", None, _assemble(None, lines[title_i:]), published, source_url=src)
    return Page("generic", title, _assemble(title, rest), published, source_url=src)


_READERS = {"thaigov": _read_thaigov, "mfa": _read_mfa, "news": _read_news, "generic": _read_generic}


def _assemble(title: str | None, lines: list[str]) -> str:
    """Headline, blank line, then the article lines with repeats of the headline and of long lines removed."""
    title_key = _squash(title) if title else None
    seen: set[str] = set()
    out: list[str] = []
    for ln in lines:
        key = _squash(ln)
        if key == title_key or key in seen:
            continue
        if len(key) >= MIN_REPEATED_LINE_CHARS:
            seen.add(key)
        out.append(ln)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    if title:
        return f"{title}\n\n{text}" if text else title
    return text


def clean_documents(raw: pa.Table) -> pa.Table:
    """raw_documents rows -> documents columns (without run bookkeeping)."""
    rows = []
    for doc_id, uri, text in zip(
        raw.column("doc_id").to_pylist(), raw.column("source_uri").to_pylist(), raw.column("text").to_pylist(), strict=True
    ):
        page = read_page(normalize_text(text))
        rows.append(
            dict(
                doc_id=doc_id, source_uri=uri, profile=page.profile, title=page.title, body=page.body,
                published_date=page.published_date, updated_date=page.updated_date, view_count=page.view_count,
                source_url=page.source_url, category=page.category, char_count=len(page.body),
            )
        )
    return pa.Table.from_pylist(rows, schema=CLEAN_SCHEMA)


CLEAN_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()), ("source_uri", pa.string()), ("profile", pa.string()), ("title", pa.string()),
        ("body", pa.large_string()), ("published_date", pa.date32()), ("updated_date", pa.date32()),
        ("view_count", pa.int64()), ("source_url", pa.string()), ("category", pa.string()), ("char_count", pa.int32()),
    ]
)
