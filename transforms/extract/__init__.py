"""Extract: mention tables from segmented documents.

Each mention kind has its own module exposing ``extract(doc: DocContext) -> list[dict]``;
the rows carry the columns of the kind's schema in ``transforms.schemas`` (``doc_id`` is
added here). Extraction reads the body, the page metadata and the tokens the segment stage
produced: no second tokenization.
"""

from __future__ import annotations

import pyarrow as pa

from transforms import schemas
from transforms.extract import acronyms, countries, dates, meetings, money, people
from transforms.extract.context import DocContext, iter_contexts

VERSION = "4"

EXTRACTORS = {
    "date_mentions": dates.extract,
    "money_mentions": money.extract,
    "person_mentions": people.extract,
    "country_mentions": countries.extract,
    "meetings": meetings.extract,
    "acronyms": acronyms.extract,
}

__all__ = ["EXTRACTORS", "VERSION", "DocContext", "extract_mentions"]


def extract_mentions(documents: pa.Table, tokens: pa.Table) -> dict[str, pa.Table]:
    """documents(doc_id, title, body, published_date) + tokens -> one table per mention kind."""
    rows: dict[str, list[dict]] = {name: [] for name in EXTRACTORS}
    for ctx in iter_contexts(documents, tokens):
        for name, extractor in EXTRACTORS.items():
            for row in extractor(ctx):
                row["doc_id"] = ctx.doc_id
                rows[name].append(row)
    return {name: pa.Table.from_pylist(r, schema=schemas.ALL_TABLES[name]) for name, r in rows.items()}
