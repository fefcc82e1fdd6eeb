"""BM25 search: the search_documents macro (sql/macros/search.sql) and flows/search.py, on
real releases."""

from __future__ import annotations

import collections
import io
import math
import unicodedata
from pathlib import Path

import duckdb
import pytest

try:
    from test_marts import SampleWarehouses, parquet, sample_warehouses
except ImportError:  # tests imported as a package
    from tests.test_marts import SampleWarehouses, parquet, sample_warehouses

from flows import search as search_mod


@pytest.fixture(scope="session")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> SampleWarehouses:
    return sample_warehouses(tmp_path_factory.getbasetemp() / "khaosan-sample")


@pytest.fixture(scope="session")
def wh(warehouses: SampleWarehouses) -> Path:
    return warehouses.real


def doc_ids_by_file(wh: Path) -> dict[str, str]:
    return {Path(d["source_uri"]).name.split(".")[0]: d["doc_id"] for d in parquet(wh, "documents")}


def need(files: dict[str, str], *names: str) -> None:
    missing = [n for n in names if n not in files]
    if missing:
        pytest.skip(f"sample releases not available here: {missing}")


def ignorable(token: str) -> bool:
    """Made only of punctuation, symbols or whitespace (or empty)."""
    return all(ch.isspace() or unicodedata.category(ch)[0] in "PSZ" or ch in "\u200b\ufeff" for ch in token)


def bm25(wh: Path, terms: list[str], k1: float = 1.2, b: float = 0.75) -> dict[str, float]:
    """Independent BM25 in Python over the tokens Parquet files."""
    docs = [d["doc_id"] for d in parquet(wh, "documents")]
    tf: dict[str, collections.Counter] = {d: collections.Counter() for d in docs}
    for t in parquet(wh, "tokens"):
        if t["pos"] != "PUNCT" and not ignorable(t["token"]):
            tf[t["doc_id"]][t["token"].lower()] += 1
    lengths = {d: sum(c.values()) for d, c in tf.items()}
    avg = sum(lengths.values()) / len(docs)
    query = {t.lower() for t in terms if not ignorable(t)}
    scores: dict[str, float] = {}
    for term in query:
        df = sum(1 for d in docs if tf[d][term])
        idf = math.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
        for d in docs:
            f = tf[d][term]
            if f:
                scores[d] = scores.get(d, 0.0) + idf * f * (k1 + 1) / (f + k1 * (1 - b + b * lengths[d] / avg))
    return scores


def macro(wh: Path, terms: list[str], **params: float) -> list[tuple[str, float]]:
    con = duckdb.connect(str(wh / "khaosan.duckdb"), read_only=True)
    try:
        named = "".join(f", {k} := ${k}" for k in params)
        return con.execute(f"SELECT doc_id, score FROM search_documents($terms{named})", {"terms": terms, **params}).fetchall()
    finally:
        con.close()


def test_query_is_tokenized_like_the_tokens_table(wh: Path) -> None:
    terms = search_mod.tokenize_query("  ความร่วมมือ   ญี่ปุ่น\t")
    assert terms == ["ความร่วมมือ", "ญี่ปุ่น"]
    # the title of a release, tokenized for a query, gives words that all occur as tokens of it
    files = doc_ids_by_file(wh)
    doc = next(d for d in parquet(wh, "documents") if d["doc_id"] == files["seed_001_7f5a35418612e33b"])
    tokens = {t["token"] for t in parquet(wh, "tokens") if t["doc_id"] == doc["doc_id"]}
    title_terms = search_mod.tokenize_query(doc["title"])
    assert title_terms and set(title_terms) <= tokens


def test_asean_japan_senior_officials_meeting_ranks_the_seed_releases_first(wh: Path) -> None:
    files = doc_ids_by_file(wh)
    results = search_mod.search(wh, "การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น", limit=5)
    assert {r[0] for r in results[:2]} == {files["seed_000_a72977a38d52bd96"], files["seed_001_7f5a35418612e33b"]}
    assert results[0][3] > results[2][3]  # clearly ahead of the third
    assert [r[3] for r in results] == sorted((r[3] for r in results), reverse=True)


def test_sugar_board_query_ranks_tg009_first(wh: Path) -> None:
    files = doc_ids_by_file(wh)
    need(files, "tg009")
    results = search_mod.search(wh, "คณะกรรมการน้ำตาลทราย", limit=3)
    assert results[0][0] == files["tg009"]
    assert "น้ำตาลทราย" in results[0][1]
    assert results[0][3] > 2 * results[1][3]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("เคนยา การค้า", "tg002"),  # Thai trade representative meets the Kenyan ambassador
        ("กาแฟ", "tg007"),  # coffee production and trade
        ("ภาพยนตร์ต่างประเทศ", "tg011"),  # refunds for foreign film shoots
        ("ชายแดน กัมพูชา", "tg000"),  # situation on the Cambodian border
    ],
)
def test_topic_queries_rank_their_release_first(wh: Path, query: str, expected: str) -> None:
    files = doc_ids_by_file(wh)
    need(files, expected)
    assert search_mod.search(wh, query, limit=1)[0][0] == files[expected]


@pytest.mark.parametrize("params", [{}, {"k1": 2.0, "b": 0.0}, {"k1": 0.5, "b": 1.0}])
def test_macro_scores_equal_an_independent_bm25(wh: Path, params: dict[str, float]) -> None:
    terms = ["ความร่วมมือ", "ญี่ปุ่น", "อาเซียน", "ASEAN", "การค้า"]
    got = dict(macro(wh, terms, **params))
    expected = bm25(wh, terms, **params)
    assert len(expected) >= 5
    assert got.keys() == expected.keys()
    for doc_id, score in expected.items():
        assert got[doc_id] == pytest.approx(score, rel=1e-9)


def test_punctuation_and_whitespace_are_ignored_and_case_folded(wh: Path) -> None:
    tokens = parquet(wh, "tokens")
    punct = sorted({t["token"] for t in tokens if t["pos"] == "PUNCT"})
    assert "-" in punct and "(" in punct
    # tokens only ever tagged PUNCT, or made only of punctuation, never match
    other_tags = {t["token"] for t in tokens if t["pos"] != "PUNCT"}
    assert macro(wh, [p for p in punct if p not in other_tags or ignorable(p)]) == []
    assert macro(wh, ["-", "(", ")", ".", ",", "“", "…", "฿"]) == []
    assert macro(wh, [" ", "\u00a0", ""]) == []
    assert macro(wh, ["asean"]) == macro(wh, ["ASEAN"]) != []
    # repeated terms count once
    assert macro(wh, ["ญี่ปุ่น", "ญี่ปุ่น"]) == macro(wh, ["ญี่ปุ่น"])


def test_document_length_ignores_punctuation(wh: Path) -> None:
    # with b = 1, the score of a document depends on its length: equal to the Python version,
    # which counts non-punctuation tokens only, so the two agree only if the macro does too
    con = duckdb.connect(str(wh / "khaosan.duckdb"), read_only=True)
    try:
        words = dict(con.execute("SELECT doc_id, word_count FROM mart_documents_facts").fetchall())
        tokens = dict(con.execute("SELECT doc_id, token_count FROM mart_documents_facts").fetchall())
    finally:
        con.close()
    assert any(words[d] < tokens[d] for d in words)
    got = dict(macro(wh, ["ญี่ปุ่น"], k1=1.2, b=1.0))
    assert got == pytest.approx(bm25(wh, ["ญี่ปุ่น"], b=1.0))
    # the mart's word_count is that length: the Python count of non-ignored tokens
    lengths = collections.Counter(t["doc_id"] for t in parquet(wh, "tokens") if t["pos"] != "PUNCT" and not ignorable(t["token"]))
    assert words == {d: lengths[d] for d in words}


def test_user_input_is_passed_as_parameters(wh: Path) -> None:
    hostile = "ญี่ปุ่น'); DROP VIEW documents; SELECT ('"
    results = search_mod.search(wh, hostile, limit=3)
    assert results  # ญี่ปุ่น still matches
    assert search_mod.search(wh, "   ", limit=3) == []
    assert search_mod.search(wh, "ญี่ปุ่น", limit=0) == []
    assert len(search_mod.search(wh, "ญี่ปุ่น", limit=2)) == 2


def test_print_search_shows_rank_score_date_and_title(wh: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    assert search_mod.print_search(wh, "การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น", limit=3, out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("query terms: การประชุม")
    assert len(lines) == 4
    assert lines[1].lstrip().startswith("1.") and "อาเซียน" in lines[1]
    assert any("2020-10-16" in line for line in lines[1:3]) and any("2021-05-28" in line for line in lines[1:3])
    out = io.StringIO()
    assert search_mod.print_search(wh, "zzzzqqqq", out=out) == 0
    assert "no matching releases" in out.getvalue()
    assert search_mod.print_search(tmp_path / "missing", "ญี่ปุ่น", out=io.StringIO()) == 2
