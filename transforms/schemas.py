"""Declared Arrow schemas of every warehouse table, with a description of each column.

These schemas are the contract with analysts and BI tools: names and types here are stable.
Changing one is a migration: bump ``SCHEMA_VERSION`` and say what changed in the README.
The descriptions are also written into DuckDB as ``COMMENT ON`` so the data dictionary
is generated from this one place.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1


def _f(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": doc})


def _schema(doc: str, *fields: pa.Field) -> pa.Schema:
    return pa.schema(list(fields), metadata={"description": doc})


TS = pa.timestamp("us", tz="UTC")

DOC_ID = _f("doc_id", pa.string(), "Document key: first 16 hex digits of the SHA-256 of the decoded text.", False)
SURFACE = _f("surface", pa.string(), "The mention exactly as it stands in documents.body.", False)
CHAR_START = _f("char_start", pa.int32(), "Offset of the first character in documents.body (0-based, code points).", False)
CHAR_END = _f("char_end", pa.int32(), "Offset one past the last character in documents.body.", False)
RULE = _f("rule", pa.string(), "Name of the extraction rule that produced the row, for auditing.", False)

RAW_DOCUMENTS = _schema(
    "One row per distinct decoded text (identical content under several file names is one row).",
    DOC_ID,
    _f("source_uri", pa.string(), "Path of the first file this text was read from.", False),
    _f("byte_size", pa.int64(), "Size of the file in bytes.", False),
    _f("encoding", pa.string(), "Encoding the bytes were decoded from: utf-8, utf-8-sig, utf-16-le, utf-16-be, cp874.", False),
    _f("replacements", pa.int32(), "U+FFFD characters inserted while decoding damaged UTF-8 (0 = clean decode).", False),
    _f("text", pa.large_string(), "The decoded text exactly as decoded: BOM removed, nothing else changed.", False),
    _f("text_sha256", pa.string(), "SHA-256 of text encoded as UTF-8 (hex).", False),
    _f("ingested_at", TS, "When the text was first ingested.", False),
    _f("run_id", pa.string(), "Pipeline run that ingested it.", False),
)

SOURCE_FILES = _schema(
    "One row per input file ever seen, with its outcome; drives incremental runs.",
    _f("source_uri", pa.string(), "Path of the file.", False),
    _f("byte_size", pa.int64(), "Size in bytes when last read.", False),
    _f("mtime_ns", pa.int64(), "Modification time (ns since epoch) when last read.", False),
    _f("content_sha256", pa.string(), "SHA-256 of the raw bytes.", False),
    _f("outcome", pa.string(), "ingested, duplicate (same text as another file) or quarantined.", False),
    _f("doc_id", pa.string(), "Document the file decoded to; NULL when quarantined."),
    _f("run_id", pa.string(), "Pipeline run that last read the file.", False),
)

QUARANTINE = _schema(
    "Input files that could not be ingested, with the reason. The run goes on without them.",
    _f("source_uri", pa.string(), "Path of the file.", False),
    _f("byte_size", pa.int64(), "Size in bytes.", False),
    _f("content_sha256", pa.string(), "SHA-256 of the raw bytes.", False),
    _f("reason_code", pa.string(), "Machine-readable family: empty, no_visible_text, binary, compressed, undecodable, mixed_encoding, unreadable, too_large.", False),
    _f("reason", pa.string(), "Human-readable explanation.", False),
    _f("quarantined_at", TS, "When the file was quarantined.", False),
    _f("run_id", pa.string(), "Pipeline run that quarantined it.", False),
)

DOCUMENTS = _schema(
    "One row per document: cleaned body and page metadata read by the source profile.",
    DOC_ID,
    _f("source_uri", pa.string(), "Path of the first file the text was read from.", False),
    _f("profile", pa.string(), "Page format recognised: mfa, thaigov, news or generic.", False),
    _f("title", pa.string(), "Headline, once, without site prefixes."),
    _f("body", pa.large_string(), "Cleaned article text with page chrome removed; all offsets index into it.", False),
    _f("published_date", pa.date32(), "Date the page says the release was posted (Gregorian)."),
    _f("updated_date", pa.date32(), "Date the page says it was last updated (MFA pages)."),
    _f("view_count", pa.int64(), "View counter printed on the page (MFA pages)."),
    _f("source_url", pa.string(), "Original URL printed on the page (ที่มา : URL)."),
    _f("category", pa.string(), "Site category or section printed on the page."),
    _f("char_count", pa.int32(), "Length of body in characters.", False),
    _f("transform_version", pa.string(), "Versions of the clean/segment/extract code that produced the row.", False),
    _f("run_id", pa.string(), "Pipeline run that produced the row.", False),
)

SENTENCES = _schema(
    "Sentences of documents.body (PyThaiNLP crfcut).",
    DOC_ID,
    _f("sentence_no", pa.int32(), "0-based sentence number within the document.", False),
    _f("text", pa.string(), "Sentence text (body[char_start:char_end]).", False),
    CHAR_START,
    CHAR_END,
)

TOKENS = _schema(
    "Words of each sentence (newmm) with part-of-speech tags (perceptron, orchid_ud).",
    DOC_ID,
    _f("sentence_no", pa.int32(), "Sentence the token belongs to.", False),
    _f("token_no", pa.int32(), "0-based token number within the sentence.", False),
    _f("token", pa.string(), "The token text.", False),
    _f("pos", pa.string(), "Universal POS tag.", False),
    CHAR_START,
    CHAR_END,
)

DATE_MENTIONS = _schema(
    "Calendar dates mentioned in the title or body (page metadata dates are in documents).",
    DOC_ID,
    SURFACE,
    CHAR_START,
    CHAR_END,
    _f("iso", pa.string(), "Normalized Gregorian date: YYYY-MM-DD (day) or YYYY-MM (month).", False),
    _f("date_value", pa.date32(), "The date as DATE; first day of the month for month precision.", False),
    _f("precision", pa.string(), "day or month.", False),
    RULE,
)

MONEY_MENTIONS = _schema(
    "Amounts of money with their currency.",
    DOC_ID,
    SURFACE,
    CHAR_START,
    CHAR_END,
    _f("amount", pa.float64(), "Amount in units of the currency (multipliers applied).", False),
    _f("currency", pa.string(), "ISO 4217 currency code.", False),
    RULE,
)

PERSON_MENTIONS = _schema(
    "Named people, one row per person per document (first mention).",
    DOC_ID,
    SURFACE,
    CHAR_START,
    CHAR_END,
    _f("honorific", pa.string(), "Honorific, title or rank before the name as written (นาย, พล.อ., H.E. Mr., ...)."),
    _f("name", pa.string(), "Personal name without honorifics, whitespace collapsed.", False),
    _f("position", pa.string(), "Role the text gives the person at first mention."),
    RULE,
)

COUNTRY_MENTIONS = _schema(
    "Sovereign countries named in the title or body, one row per mention.",
    DOC_ID,
    SURFACE,
    CHAR_START,
    CHAR_END,
    _f("iso2", pa.string(), "ISO 3166-1 alpha-2 code.", False),
    _f("country", pa.string(), "English short name of the country.", False),
    RULE,
)

MEETINGS = _schema(
    "Named meetings numbered with an ordinal, one row per distinct meeting per document.",
    DOC_ID,
    SURFACE,
    CHAR_START,
    CHAR_END,
    _f("name", pa.string(), "Meeting name without the ordinal phrase or leading verbs.", False),
    _f("ordinal", pa.int32(), "The meeting's number (ครั้งที่ N, the Nth, ครั้งแรก = 1).", False),
    _f("partners", pa.list_(pa.string()), "ISO alpha-2 codes of countries named in the meeting name.", False),
    RULE,
)

ACRONYMS = _schema(
    "Acronyms defined next to their long form.",
    DOC_ID,
    SURFACE,
    CHAR_START,
    CHAR_END,
    _f("short", pa.string(), "The acronym as written.", False),
    _f("long", pa.string(), "The long form as written, whitespace collapsed.", False),
    RULE,
)

PIPELINE_RUNS = _schema(
    "One row per pipeline run.",
    _f("run_id", pa.string(), "Run identifier (Prefect flow run id when run under Prefect).", False),
    _f("started_at", TS, "Start of the run.", False),
    _f("ended_at", TS, "End of the run.", False),
    _f("status", pa.string(), "completed or failed.", False),
    _f("source", pa.string(), "Source path or glob the run read.", False),
    _f("files_seen", pa.int64(), "Input files found.", False),
    _f("docs_new", pa.int64(), "Documents ingested for the first time.", False),
    _f("docs_changed", pa.int64(), "Files whose content changed (old rows replaced).", False),
    _f("docs_unchanged", pa.int64(), "Files skipped because they were unchanged.", False),
    _f("docs_quarantined", pa.int64(), "Files sent to quarantine.", False),
    _f("docs_reprocessed", pa.int64(), "Documents re-transformed from stored raw text (version bump or backfill).", False),
    _f("rows_written", pa.string(), "JSON object: rows per table added by this run.", False),
    _f("stage_seconds", pa.string(), "JSON object: wall seconds per stage.", False),
    _f("checks_passed", pa.int32(), "Quality checks that passed.", False),
    _f("checks_failed", pa.int32(), "Quality checks that failed.", False),
    _f("message", pa.string(), "Summary or failure report."),
)

# Tables keyed by document, partitioned by the document's published year.
DOCUMENT_TABLES: dict[str, pa.Schema] = {
    "raw_documents": RAW_DOCUMENTS,
    "documents": DOCUMENTS,
    "sentences": SENTENCES,
    "tokens": TOKENS,
    "date_mentions": DATE_MENTIONS,
    "money_mentions": MONEY_MENTIONS,
    "person_mentions": PERSON_MENTIONS,
    "country_mentions": COUNTRY_MENTIONS,
    "meetings": MEETINGS,
    "acronyms": ACRONYMS,
}
MENTION_TABLES = ("date_mentions", "money_mentions", "person_mentions", "country_mentions", "meetings", "acronyms")
# Tables that are not keyed by document and are not partitioned.
LOG_TABLES: dict[str, pa.Schema] = {
    "source_files": SOURCE_FILES,
    "quarantine": QUARANTINE,
    "pipeline_runs": PIPELINE_RUNS,
}
ALL_TABLES: dict[str, pa.Schema] = {**DOCUMENT_TABLES, **LOG_TABLES}


def empty_table(name: str) -> pa.Table:
    return ALL_TABLES[name].empty_table()


def conform(table: pa.Table, name: str) -> pa.Table:
    """Select and cast ``table``'s columns to the declared schema of ``name`` (fails loudly on a mismatch)."""
    schema = ALL_TABLES[name]
    missing = [f.name for f in schema if f.name not in table.column_names]
    if missing:
        raise ValueError(f"{name}: columns missing: {missing}")
    return table.select(schema.names).cast(schema)
