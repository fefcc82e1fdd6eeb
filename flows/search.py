"""Thai full-text search over the warehouse: ``khaosan search "ความร่วมมือ ญี่ปุ่น"``.

The query is normalized like document bodies and tokenized with the tokenizer the segment
stage used for ``tokens`` (PyThaiNLP ``word_tokenize``, engine newmm, whitespace dropped), then ranked in SQL by the
``search_documents`` BM25 table macro (``sql/macros/search.sql``). The terms and the limit
are passed to DuckDB as parameters, never formatted into the SQL text.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

import duckdb

TOKENIZER_ENGINE = "newmm"  # the engine of transforms/segment.py

SEARCH_SQL = """
SELECT s.doc_id, d.title, d.published_date, s.score
FROM search_documents($terms) AS s
JOIN documents AS d USING (doc_id)
ORDER BY s.score DESC, s.doc_id
LIMIT $limit
"""


def tokenize_query(query: str) -> list[str]:
    """The query's words as the tokens table has them: normalized like document bodies
    (transforms.clean.normalize_text), newmm, whitespace-only tokens dropped."""
    from pythainlp.tokenize import word_tokenize

    from transforms.clean import normalize_text

    text = normalize_text(query)
    return [t for t in word_tokenize(text, engine=TOKENIZER_ENGINE) if t.strip()]


def search(warehouse: Path, query: str, limit: int = 10) -> list[tuple[str, str | None, dt.date | None, float]]:
    """Top ``limit`` releases for ``query``: (doc_id, title, published_date, score), best first.

    Raises FileNotFoundError when ``warehouse`` has no catalog.
    """
    db = Path(warehouse) / "khaosan.duckdb"
    if not db.exists():
        raise FileNotFoundError(f"no warehouse at {Path(warehouse).absolute()} (run `khaosan run` first)")
    terms = tokenize_query(query)
    if not terms or limit <= 0:
        return []
    con = _connect(Path(warehouse))
    try:
        return [tuple(r) for r in con.execute(SEARCH_SQL, {"terms": terms, "limit": int(limit)}).fetchall()]
    finally:
        con.close()


def _connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(warehouse / "khaosan.duckdb"), read_only=True)
    if con.execute("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'search_documents'").fetchone()[0]:
        return con
    # a catalog written before the macro existed: build the catalog in memory over the same snapshot
    con.close()
    from transforms import load

    return load.connect_views(load.Warehouse(warehouse).parquet_dir)


def print_search(warehouse: Path, query: str, limit: int = 10, out: TextIO | None = None) -> int:
    """Print the top releases for ``query`` (rank, score, date, title, doc_id). Returns an exit code:
    0 (results or none), 2 when there is no warehouse."""
    out = out or sys.stdout
    try:
        results = search(warehouse, query, limit)
    except FileNotFoundError as exc:
        print(f"khaosan: {exc}", file=sys.stderr)
        return 2
    terms = tokenize_query(query)
    print(f"query terms: {' | '.join(terms) if terms else '(none)'}", file=out)
    if not results:
        print("no matching releases", file=out)
        return 0
    for rank, (doc_id, title, published, score) in enumerate(results, 1):
        date = published.isoformat() if published else "undated   "
        print(f"{rank:>3}. {score:7.3f}  {date}  {_one_line(title) or '(no title)'}  [{doc_id}]", file=out)
    return 0


def _one_line(text: str | None, width: int = 110) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"
