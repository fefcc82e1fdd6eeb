"""Marts (sql/marts), their comments and the generated data dictionary.

The sample warehouses are built once per session with the pure pipeline functions (ingest ->
transform -> build/publish snapshot -> catalog), on the real releases of the gold dev set
when ``shared/`` is beside the repository, else on the bundled ``seeds/documents``:

* ``real``: exactly what the pipeline extracts today (extraction is still being improved, so
  tests on it assert relationships, e.g. a mart equals an independent aggregation in Python
  of the Parquet files, never counts);
* ``known``: the same, with person_mentions, money_mentions and meetings replaced by
  ``KNOWN`` rows written by hand from the seed releases, for concrete expectations.

Other test files reuse :func:`sample_warehouses` (it is cached per process).
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transforms import ingest, load, schemas, stages

REPO = Path(__file__).resolve().parent.parent
GOLD_SRC = REPO.parent / "shared" / "gold" / "dev" / "src"
SEED_SRC = REPO / "seeds" / "documents"
MART_DIR = REPO / "sql" / "marts"
DICTIONARY = REPO / "docs" / "data-dictionary.md"

# Hand-written mentions of the seed releases (file name prefix -> rows). Surfaces are found
# in the cleaned body, so offsets are real.
KNOWN: dict[str, dict[str, list[tuple]]] = {
    "seed_000": {
        "person_mentions": [("ธานี ทองภักดี", "นาย", "ปลัดกระทรวงการต่างประเทศ"), ("โมริ ทาเคโอะ", "นาย", "รองปลัดกระทรวงการต่างประเทศของญี่ปุ่น")],
        "money_mentions": [("๕๐ ล้านดอลลาร์สหรัฐ", 50_000_000.0, "USD")],
        "meetings": [("การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น", 36, ["JP"]), ("ที่ประชุมสุดยอดอาเซียน-ญี่ปุ่น", 24, ["JP"])],
    },
    "seed_001": {
        "person_mentions": [
            ("ชุตินทร คงศักดิ์", "นาย", "รองปลัดกระทรวงการต่างประเทศ"),
            ("โมริ ทาเคโอะ", "นาย", "รองปลัดกระทรวงการต่างประเทศญี่ปุ่น"),
            ("ซูกะ โยชิฮิเดะ", None, "นายกรัฐมนตรี"),
        ],
        # the same amount written twice: two mentions, one release
        "money_mentions": [("1 ล้านดอลลาร์สหรัฐ", 1_000_000.0, "USD"), ("1 ล้านดอลลาร์สหรัฐ", 1_000_000.0, "USD")],
        "meetings": [("การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น", 35, ["JP"]), ("การประชุมสุดยอดอาเซียน-ญี่ปุ่น", 23, ["JP"])],
    },
    "seed_002": {
        "person_mentions": [
            ("จุฬามณี ชาติสุวรรณ", "นาง", "รองปลัดกระทรวงการต่างประเทศ"),
            ("Amran Mohamed Zin", "Dato’", "ปลัดกระทรวงการต่างประเทศมาเลเซีย"),
            ("Paul Thoppil", "นาย", "Assistant Deputy Minister"),
        ],
        "meetings": [("การประชุมเจ้าหน้าที่อาวุโสอาเซียน-แคนาดา", 19, ["CA"])],
    },
    "seed_003": {
        "person_mentions": [("วัฒนวิทย์ คชเสนี", "นาย", None)],
        "meetings": [("การประชุม Joint Meeting between Japan and Thailand", 1, ["TH", "JP"])],
    },
    "seed_004": {
        "person_mentions": [("รัชดา ธนาดิเรก", "น.ส.", "รองโฆษกประจำสำนักนายกรัฐมนตรี")],
        "meetings": [("การประชุมรัฐมนตรีต่างประเทศอาเซียน", 53, []), ("การประชุมรัฐมนตรีหุ้นส่วนลุ่มน้ำโขง - สหรัฐฯ", 1, ["US"])],
    },
}
KNOWN_TABLES = ("person_mentions", "money_mentions", "meetings")


@dataclass(frozen=True)
class SampleWarehouses:
    source: Path
    real: Path
    known: Path
    empty: Path


def sample_source() -> Path:
    return GOLD_SRC if GOLD_SRC.is_dir() else SEED_SRC


@functools.cache
def sample_warehouses(base: Path) -> SampleWarehouses:
    """Build the sample warehouses under ``base`` (once per process and ``base``)."""
    source = sample_source()
    run_id = "test-marts-0001"
    now = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    raw, source_files, quarantine = ingest.ingest_files(ingest.discover_files(str(source)), run_id, now)
    tables, failures = stages.transform_batch(raw, run_id)
    assert not failures, failures
    known_tables = {**tables, **known_mentions(tables["documents"])}
    logs = {"source_files": source_files, "quarantine": quarantine}
    real = build_warehouse(base / "real", tables, logs, run_id, now)
    known = build_warehouse(base / "known", known_tables, logs, run_id, now)
    empty = build_warehouse(base / "empty", {}, {}, run_id, now)
    return SampleWarehouses(source, real, known, empty)


def build_warehouse(root: Path, tables: dict[str, pa.Table], logs: dict[str, pa.Table], run_id: str, now: dt.datetime) -> Path:
    """Publish ``tables`` (document tables with a ``year`` column) as one snapshot, like a run does."""
    if root.exists():
        shutil.rmtree(root)
    wh = load.Warehouse(root)
    stage = root / "staging" / run_id
    additions: dict[str, list[Path]] = {}
    for name, table in tables.items():
        path = stage / name / "batch-000000.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path, compression="zstd")
        additions[name] = [path]
    changes = load.SnapshotChanges(additions=additions, log_tables=dict(logs))
    with wh.lock():
        building, added = load.build_snapshot(wh, changes, run_id)
        passed, failed = load.run_quality_checks(building)
        run = dict(
            run_id=run_id, started_at=now, ended_at=now + dt.timedelta(seconds=30), status="completed", source="test",
            files_seen=logs["source_files"].num_rows if logs else 0, docs_new=added.get("documents", 0), docs_changed=0,
            docs_unchanged=0, docs_quarantined=logs["quarantine"].num_rows if logs else 0, docs_reprocessed=0,
            rows_written=json.dumps(added, sort_keys=True), stage_seconds='{"transform": 1.0}',
            checks_passed=passed, checks_failed=len(failed), message=None,
        )
        load.replace_log_table(building, "pipeline_runs", pa.Table.from_pylist([run], schema=schemas.PIPELINE_RUNS))
        load.publish_snapshot(wh, building)
        load.write_catalog(wh)
    shutil.rmtree(root / "staging", ignore_errors=True)
    return root


def known_mentions(documents: pa.Table) -> dict[str, pa.Table]:
    """KNOWN as mention tables (with the ``year`` partition column) for the seed documents present."""
    rows: dict[str, list[dict]] = {t: [] for t in KNOWN_TABLES}
    years = dict(zip(documents.column("doc_id").to_pylist(), load.year_of(documents.column("published_date")).to_pylist(), strict=True))
    for doc in documents.select(["doc_id", "source_uri", "body"]).to_pylist():
        prefix = Path(doc["source_uri"]).name[:8]
        for table, items in KNOWN.get(prefix, {}).items():
            pos = 0
            for item in items:
                surface = item[0]
                start = doc["body"].find(surface, pos)
                assert start >= 0, (prefix, surface)
                pos = start + len(surface)
                row = dict(doc_id=doc["doc_id"], surface=surface, char_start=start, char_end=start + len(surface), rule="test:known", year=years[doc["doc_id"]])
                if table == "person_mentions":
                    row.update(name=surface, honorific=item[1], position=item[2])
                elif table == "money_mentions":
                    row.update(amount=item[1], currency=item[2])
                else:
                    row.update(name=surface, ordinal=item[1], partners=item[2])
                rows[table].append(row)
    schema_of = {t: schemas.ALL_TABLES[t].append(pa.field("year", pa.string())) for t in KNOWN_TABLES}
    return {t: pa.Table.from_pylist(r, schema=schema_of[t]) for t, r in rows.items()}


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="session")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> SampleWarehouses:
    return sample_warehouses(tmp_path_factory.getbasetemp() / "khaosan-sample")


@pytest.fixture(params=["real", "known"])
def wh_dir(request: pytest.FixtureRequest, warehouses: SampleWarehouses) -> Path:
    return getattr(warehouses, request.param)


def connect(wh: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(wh / "khaosan.duckdb"), read_only=True)


def rows(wh: Path, sql: str, params: list | None = None) -> list[dict]:
    con = connect(wh)
    try:
        cur = con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


def parquet(wh: Path, table: str) -> list[dict]:
    """A table read straight from its Parquet files with pyarrow (independent of the SQL views)."""
    return load.Warehouse(wh).read_table(table).to_pylist()


def month_of(d: dt.date | None) -> dt.date | None:
    return d.replace(day=1) if d else None


def doc_by_prefix(wh: Path, prefix: str) -> dict:
    [doc] = [d for d in parquet(wh, "documents") if Path(d["source_uri"]).name.startswith(prefix)]
    return doc


def mart_files() -> list[Path]:
    return sorted(p for p in MART_DIR.glob("mart_*.sql"))


# ---------------------------------------------------------------- shape and comments


def test_every_mart_file_defines_its_view_and_comments_every_column(warehouses: SampleWarehouses) -> None:
    con = connect(warehouses.real)
    try:
        views = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall())
        for path in mart_files():
            name = path.stem
            text = path.read_text(encoding="utf-8")
            assert f"CREATE OR REPLACE VIEW {name} AS" in text
            assert re.search(r"\bWITH\b", text) and "final AS (" in text, f"{name}: import -> rename -> final CTE shape"
            assert name in views, name
            assert views[name] and len(views[name]) > 30, f"{name} has no comment"
            cols = con.execute("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = ?", [name]).fetchall()
            assert cols, name
            undocumented = [c for c, comment in cols if not comment]
            assert not undocumented, f"{name}: columns without COMMENT: {undocumented}"
        # base views: every column described too (schemas.py plus the partition column)
        missing = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND (comment IS NULL OR comment = '')"
        ).fetchall()
        assert not missing, missing
    finally:
        con.close()


def test_marts_work_on_an_empty_warehouse(warehouses: SampleWarehouses) -> None:
    con = connect(warehouses.empty)
    try:
        for path in mart_files():
            assert con.execute(f"SELECT count(*) FROM {path.stem}").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM search_documents(['ญี่ปุ่น'])").fetchone() == (0,)
    finally:
        con.close()


def test_known_rows_pass_the_quality_checks(warehouses: SampleWarehouses) -> None:
    # the hand-written rows obey the same contract as extracted ones (offsets point at the surface)
    [known] = rows(warehouses.known, "SELECT checks_passed, checks_failed FROM pipeline_runs")
    [real] = rows(warehouses.real, "SELECT checks_passed, checks_failed FROM pipeline_runs")
    n_checks = len(list((load.SQL_DIR / "checks").glob("*.sql")))
    assert known == real == {"checks_passed": n_checks, "checks_failed": 0}


# ---------------------------------------------------------------- mart_documents_facts


def test_documents_facts_equal_independent_counts(wh_dir: Path) -> None:
    facts = {r["doc_id"]: r for r in rows(wh_dir, "SELECT * FROM mart_documents_facts")}
    docs = parquet(wh_dir, "documents")
    assert sorted(facts) == sorted(d["doc_id"] for d in docs)

    def count(table: str, pred=lambda r: True) -> collections.Counter:
        return collections.Counter(r["doc_id"] for r in parquet(wh_dir, table) if pred(r))

    expected = {
        "sentence_count": count("sentences"),
        "token_count": count("tokens"),
        "word_count": count("tokens", lambda r: r["pos"] != "PUNCT" and not all(unicodedata.category(ch)[0] in "PSZ" or ch.isspace() for ch in r["token"])),
        "date_mention_count": count("date_mentions"),
        "money_mention_count": count("money_mentions"),
        "person_count": count("person_mentions"),
        "country_mention_count": count("country_mentions"),
        "meeting_count": count("meetings"),
        "acronym_count": count("acronyms"),
    }
    countries: dict[str, set[str]] = collections.defaultdict(set)
    for r in parquet(wh_dir, "country_mentions"):
        countries[r["doc_id"]].add(r["iso2"])
    for d in docs:
        f = facts[d["doc_id"]]
        for col, counter in expected.items():
            assert f[col] == counter[d["doc_id"]], (col, d["source_uri"])
        assert f["mention_count"] == sum(f[c] for c in ("date_mention_count", "money_mention_count", "person_count",
                                                       "country_mention_count", "meeting_count", "acronym_count"))
        assert f["countries"] == sorted(countries[d["doc_id"]])
        assert f["foreign_countries"] == sorted(countries[d["doc_id"]] - {"TH"})
        assert f["country_count"] == len(countries[d["doc_id"]])
        assert (f["title"], f["published_date"], f["char_count"]) == (d["title"], d["published_date"], d["char_count"])
        assert f["published_month"] == month_of(d["published_date"])
        assert f["year"] == (str(d["published_date"].year) if d["published_date"] else "unknown")
    assert sum(f["token_count"] for f in facts.values()) > 1000  # real Thai text was segmented


# ---------------------------------------------------------------- mart_people


def test_people_equal_independent_aggregation(wh_dir: Path) -> None:
    people = {r["person_name"]: r for r in rows(wh_dir, "SELECT * FROM mart_people")}
    dates = {d["doc_id"]: d["published_date"] for d in parquet(wh_dir, "documents")}
    by_name: dict[str, list[dict]] = collections.defaultdict(list)
    for m in parquet(wh_dir, "person_mentions"):
        by_name[m["name"]].append(m)
    assert sorted(people) == sorted(by_name)
    for name, ms in by_name.items():
        p = people[name]
        seen = [dates[m["doc_id"]] for m in ms if dates[m["doc_id"]]]
        assert p["release_count"] == len({m["doc_id"] for m in ms})
        assert p["doc_ids"] == sorted({m["doc_id"] for m in ms})
        assert (p["first_seen"], p["last_seen"]) == ((min(seen), max(seen)) if seen else (None, None))
        positions = {m["position"].strip() for m in ms if m["position"] and m["position"].strip()}
        assert sorted(p["positions"]) == sorted(positions)
        assert p["position_count"] == len(positions)
        assert (p["latest_position"] is None) == (not positions)


def test_people_known_rows(warehouses: SampleWarehouses) -> None:
    wh = warehouses.known
    [mori] = rows(wh, "SELECT * FROM mart_people WHERE person_name = ?", ["โมริ ทาเคโอะ"])
    seed_000, seed_001 = doc_by_prefix(wh, "seed_000"), doc_by_prefix(wh, "seed_001")
    assert mori["release_count"] == 2
    assert mori["first_seen"] == dt.date(2020, 10, 16) == seed_001["published_date"]
    assert mori["last_seen"] == dt.date(2021, 5, 28) == seed_000["published_date"]
    # positions in the order first seen: the 2020 release first
    assert mori["positions"] == ["รองปลัดกระทรวงการต่างประเทศญี่ปุ่น", "รองปลัดกระทรวงการต่างประเทศของญี่ปุ่น"]
    assert mori["latest_position"] == "รองปลัดกระทรวงการต่างประเทศของญี่ปุ่น"
    assert mori["honorifics"] == ["นาย"]
    assert mori["doc_ids"] == sorted([seed_000["doc_id"], seed_001["doc_id"]])
    [wattana] = rows(wh, "SELECT * FROM mart_people WHERE person_name = ?", ["วัฒนวิทย์ คชเสนี"])
    assert wattana["positions"] == [] and wattana["latest_position"] is None and wattana["position_count"] == 0
    total = rows(wh, "SELECT count(*) AS n, sum(release_count) AS releases FROM mart_people")[0]
    n_known = sum(len(v.get("person_mentions", [])) for v in KNOWN.values())
    assert total == {"n": n_known - 1, "releases": n_known}  # one person (Mori) in two releases


# ---------------------------------------------------------------- mart_meetings


def test_meetings_equal_independent_enrichment(wh_dir: Path) -> None:
    mart = rows(wh_dir, "SELECT * FROM mart_meetings")
    meetings = parquet(wh_dir, "meetings")
    assert len(mart) == len(meetings)
    docs = {d["doc_id"]: d for d in parquet(wh_dir, "documents")}
    names = {}
    for c in parquet(wh_dir, "country_mentions"):
        names[c["iso2"]] = min(names.get(c["iso2"], c["country"]), c["country"])
    sentences = collections.defaultdict(list)
    for s in parquet(wh_dir, "sentences"):
        sentences[s["doc_id"]].append(s)
    day_dates = [d for d in parquet(wh_dir, "date_mentions") if d["precision"] == "day"]
    by_key = {(r["doc_id"], r["meeting_name"], r["ordinal"]): r for r in mart}
    for m in meetings:
        r = by_key[(m["doc_id"], m["name"], m["ordinal"])]
        partners = sorted(set(m["partners"]))
        assert r["partner_iso2"] == partners
        assert r["partner_countries"] == [names.get(p, p) for p in partners]
        assert r["partner_count"] == len(partners)
        assert r["meeting_label"] == f"{m['name']} ครั้งที่ {m['ordinal']}"
        doc = docs[m["doc_id"]]
        assert (r["title"], r["published_date"]) == (doc["title"], doc["published_date"])
        assert r["year"] == (str(doc["published_date"].year) if doc["published_date"] else "unknown")
        [sent] = [s for s in sentences[m["doc_id"]] if s["char_start"] <= m["char_start"] < s["char_end"]]
        near = sorted(
            (abs(d["char_start"] - m["char_start"]), d["char_start"], d["date_value"])
            for d in day_dates
            if d["doc_id"] == m["doc_id"] and sent["char_start"] <= d["char_start"] < sent["char_end"]
        )
        assert r["meeting_date"] == (near[0][2] if near else None)
        assert r["event_date"] == (r["meeting_date"] or doc["published_date"])


def test_meetings_known_rows(warehouses: SampleWarehouses) -> None:
    wh = warehouses.known
    seed_000 = doc_by_prefix(wh, "seed_000")
    [som] = rows(wh, "SELECT * FROM mart_meetings WHERE doc_id = ? AND ordinal = 36", [seed_000["doc_id"]])
    assert som["meeting_name"] == "การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น"
    assert som["meeting_label"] == "การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น ครั้งที่ 36"
    assert (som["partner_iso2"], som["partner_countries"]) == (["JP"], ["Japan"])
    assert som["published_date"] == dt.date(2021, 5, 28) and som["title"] == seed_000["title"]
    [jtpp] = rows(wh, "SELECT * FROM mart_meetings WHERE meeting_name LIKE '%Joint Meeting%'")
    assert jtpp["partner_iso2"] == ["JP", "TH"] and jtpp["partner_countries"] == ["Japan", "Thailand"]

    by_partner = rows(wh, "SELECT partner_iso2, count(*) AS n, count(*) FILTER (WHERE multilateral) AS multi FROM mart_meetings_by_partner GROUP BY ALL ORDER BY ALL")
    assert by_partner == [
        {"partner_iso2": "CA", "n": 1, "multi": 0},
        {"partner_iso2": "JP", "n": 5, "multi": 1},
        {"partner_iso2": "TH", "n": 1, "multi": 1},
        {"partner_iso2": "US", "n": 1, "multi": 0},
    ]


def test_meetings_by_partner_unnests_every_partner(wh_dir: Path) -> None:
    [total] = rows(wh_dir, "SELECT coalesce(sum(partner_count), 0) AS n FROM mart_meetings")
    [unnested] = rows(wh_dir, "SELECT count(*) AS n FROM mart_meetings_by_partner")
    assert unnested == total
    mismatched = rows(
        wh_dir,
        "SELECT * FROM mart_meetings_by_partner AS p JOIN mart_meetings AS m USING (doc_id, meeting_name, ordinal) "
        "WHERE NOT list_contains(m.partner_iso2, p.partner_iso2) OR p.event_month <> date_trunc('month', m.event_date)",
    )
    assert mismatched == []


# ---------------------------------------------------------------- mart_funding


def _attribute(wh: Path) -> dict[tuple, list]:
    """Independent Python version of mart_funding's partner attribution."""
    docs = {d["doc_id"]: d for d in parquet(wh, "documents")}
    sentences = collections.defaultdict(list)
    for s in parquet(wh, "sentences"):
        sentences[s["doc_id"]].append(s)
    foreign = collections.defaultdict(list)
    for c in parquet(wh, "country_mentions"):
        if c["iso2"] != "TH":
            foreign[c["doc_id"]].append(c)
    out: dict[tuple, list] = collections.defaultdict(lambda: [0.0, 0, 0, set()])
    amounts: dict[tuple, list[dict]] = collections.defaultdict(list)  # restatements in a release count once
    for m in parquet(wh, "money_mentions"):
        amounts[(m["doc_id"], m["amount"], m["currency"])].append(m)
    for same_amount in amounts.values():
        m = min(same_amount, key=lambda x: x["char_start"])
        [sent] = [s for s in sentences[m["doc_id"]] if s["char_start"] <= m["char_start"] < s["char_end"]]
        same = sorted((abs(c["char_start"] - m["char_start"]), c["char_start"], c["iso2"])
                      for c in foreign[m["doc_id"]] if sent["char_start"] <= c["char_start"] < sent["char_end"])
        if same:
            partner = same[0][2]
        elif foreign[m["doc_id"]]:
            counts = collections.Counter(c["iso2"] for c in foreign[m["doc_id"]])
            first = {c["iso2"]: min(x["char_start"] for x in foreign[m["doc_id"]] if x["iso2"] == c["iso2"]) for c in foreign[m["doc_id"]]}
            partner = max(counts, key=lambda iso: (counts[iso], -first[iso]))
        else:
            partner = None
        key = (month_of(docs[m["doc_id"]]["published_date"]), m["currency"], partner)
        out[key][0] += m["amount"]
        out[key][1] += 1
        out[key][2] += len(same_amount)
        out[key][3].add(m["doc_id"])
    return out


def test_funding_equals_independent_attribution(wh_dir: Path) -> None:
    mart = {(r["month"], r["currency"], r["partner_iso2"]): r for r in rows(wh_dir, "SELECT * FROM mart_funding")}
    expected = _attribute(wh_dir)
    assert sorted(mart, key=str) == sorted(expected, key=str)
    for key, (amount, n, mentions, doc_ids) in expected.items():
        assert mart[key]["total_amount"] == pytest.approx(amount)
        got = (mart[key]["amount_count"], mart[key]["mention_count"], mart[key]["release_count"], mart[key]["doc_ids"])
        assert got == (n, mentions, len(doc_ids), sorted(doc_ids))
    # every distinct amount of a release counted exactly once per currency
    per_currency = collections.Counter()
    for _doc, amount, currency in {(m["doc_id"], m["amount"], m["currency"]) for m in parquet(wh_dir, "money_mentions")}:
        per_currency[currency] += amount
    assert sum(r["mention_count"] for r in rows(wh_dir, "SELECT mention_count FROM mart_funding")) == len(parquet(wh_dir, "money_mentions"))
    got = {r["currency"]: r["total"] for r in rows(wh_dir, "SELECT currency, sum(total_amount) AS total FROM mart_funding GROUP BY currency")}
    assert got == pytest.approx(dict(per_currency))


def test_funding_known_rows(warehouses: SampleWarehouses) -> None:
    got = rows(warehouses.known, "SELECT month, currency, partner_iso2, partner_country, total_amount, amount_count, mention_count, "
                                 "release_count, attributed_by_sentence FROM mart_funding ORDER BY month")
    assert got == [
        # seed_001 states "1 ล้านดอลลาร์สหรัฐ" twice: one amount, two mentions
        {"month": dt.date(2020, 10, 1), "currency": "USD", "partner_iso2": "JP", "partner_country": "Japan",
         "total_amount": 1_000_000.0, "amount_count": 1, "mention_count": 2, "release_count": 1, "attributed_by_sentence": 1},
        {"month": dt.date(2021, 5, 1), "currency": "USD", "partner_iso2": "JP", "partner_country": "Japan",
         "total_amount": 50_000_000.0, "amount_count": 1, "mention_count": 1, "release_count": 1, "attributed_by_sentence": 1},
    ]


# ---------------------------------------------------------------- mart_partner_mentions_monthly


def test_partner_mentions_monthly_equal_independent_aggregation(wh_dir: Path) -> None:
    docs = {d["doc_id"]: d for d in parquet(wh_dir, "documents")}
    releases_in_month = collections.Counter(month_of(d["published_date"]) for d in docs.values())
    mentions = collections.Counter()
    releases: dict[tuple, set] = collections.defaultdict(set)
    for c in parquet(wh_dir, "country_mentions"):
        key = (month_of(docs[c["doc_id"]]["published_date"]), c["iso2"])
        mentions[key] += 1
        releases[key].add(c["doc_id"])
    mart = {(r["month"], r["iso2"]): r for r in rows(wh_dir, "SELECT * FROM mart_partner_mentions_monthly")}
    assert sorted(mart, key=str) == sorted(mentions, key=str)
    for key, n in mentions.items():
        r = mart[key]
        assert r["mention_count"] == n
        assert r["release_count"] == len(releases[key])
        assert r["releases_in_month"] == releases_in_month[key[0]]
        assert r["release_share"] == pytest.approx(len(releases[key]) / releases_in_month[key[0]])
        assert r["is_foreign"] == (key[1] != "TH")
        assert r["year"] == (str(key[0].year) if key[0] else None)


def test_partner_mentions_monthly_has_japan_in_the_seed_months(warehouses: SampleWarehouses) -> None:
    # seed_000 (May 2021) and seed_001 (Oct 2020) are about ASEAN-Japan meetings
    got = rows(warehouses.real, "SELECT month, release_count FROM mart_partner_mentions_monthly WHERE iso2 = 'JP' AND month IN ('2020-10-01', '2021-05-01') ORDER BY month")
    assert [r["month"] for r in got] == [dt.date(2020, 10, 1), dt.date(2021, 5, 1)]
    assert all(r["release_count"] >= 1 for r in got)


# ---------------------------------------------------------------- data dictionary


def test_data_dictionary_is_current(warehouses: SampleWarehouses) -> None:
    from flows import data_dictionary

    text = data_dictionary.generate(warehouses.real)
    # the same text whether the catalog has data or not (what `--check` without --warehouse reads)
    assert text == data_dictionary.generate(warehouses.empty)
    for path in mart_files():
        assert f"### {path.stem}\n" in text
    assert "### search_documents" in text and "*(no description)*" not in text
    diff = data_dictionary.check(text, DICTIONARY)
    assert not diff, "docs/data-dictionary.md is stale: run `python -m flows.data_dictionary`\n" + "\n".join(diff[:40])


def test_data_dictionary_check_mode_exit_codes(warehouses: SampleWarehouses, tmp_path: Path) -> None:
    from flows import data_dictionary

    out = tmp_path / "dd.md"
    assert data_dictionary.main(["--warehouse", str(warehouses.real), "--out", str(out), "--check"]) == 1
    assert data_dictionary.main(["--warehouse", str(warehouses.real), "--out", str(out)]) == 0
    assert data_dictionary.main(["--warehouse", str(warehouses.real), "--out", str(out), "--check"]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("Okapi BM25", "BM25"), encoding="utf-8")
    assert data_dictionary.main(["--warehouse", str(warehouses.real), "--out", str(out), "--check"]) == 1
    assert data_dictionary.main(["--warehouse", str(tmp_path / "nowhere"), "--out", str(out)]) == 2
