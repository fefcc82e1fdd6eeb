"""BI-ready Parquet: every table reads the same through pyarrow.dataset, pandas and DuckDB's
read_parquet as through the DuckDB views; types, compression and file counts."""

from __future__ import annotations

import datetime as dt
import math
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

try:
    from test_marts import SampleWarehouses, sample_warehouses
except ImportError:  # tests imported as a package
    from tests.test_marts import SampleWarehouses, sample_warehouses

from transforms import load, schemas

YEAR_STRING = ds.partitioning(pa.schema([("year", pa.string())]), flavor="hive")


@pytest.fixture(scope="session")
def warehouses(tmp_path_factory: pytest.TempPathFactory) -> SampleWarehouses:
    return sample_warehouses(tmp_path_factory.getbasetemp() / "khaosan-sample")


@pytest.fixture(params=["real", "known"])
def wh(request: pytest.FixtureRequest, warehouses: SampleWarehouses) -> Path:
    return getattr(warehouses, request.param)


def _norm(v: object) -> object:
    """One comparable Python value from Arrow, pandas or DuckDB."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if isinstance(v, np.ndarray):
        return [_norm(x) for x in v.tolist()]
    if isinstance(v, list):
        return [_norm(x) for x in v]
    if isinstance(v, np.generic):
        return _norm(v.item())
    if isinstance(v, float) and v.is_integer():
        return int(v)  # pandas turns nullable integer columns into float64
    return v


def _rows(records: list[dict], columns: list[str]) -> list[tuple]:
    out = [tuple(_norm(r[c]) if c != "year" else (None if r[c] is None else str(r[c])) for c in columns) for r in records]
    return sorted(out, key=repr)


def _view_rows(wh: Path, table: str) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(wh / "khaosan.duckdb"), read_only=True)
    try:
        cur = con.execute(f"SELECT * FROM {table}")
        columns = [d[0] for d in cur.description]
        return columns, _rows([dict(zip(columns, r, strict=True)) for r in cur.fetchall()], columns)
    finally:
        con.close()


def _table_dir(wh: Path, table: str) -> Path:
    return wh / "parquet" / table


@pytest.mark.parametrize("table", list(schemas.ALL_TABLES))
def test_readers_agree_with_the_duckdb_views(wh: Path, table: str) -> None:
    columns, expected = _view_rows(wh, table)
    partitioned = table in schemas.DOCUMENT_TABLES
    assert ("year" in columns) == partitioned
    path = _table_dir(wh, table)

    # pyarrow.dataset with the hive partition key as a string
    dataset = ds.dataset(path, format="parquet", partitioning=YEAR_STRING if partitioned else None)
    arrow = dataset.to_table()
    assert arrow.column_names == columns
    assert _rows(arrow.to_pylist(), columns) == expected

    # pandas (pyarrow engine), the documented way: year as a string
    frame = pd.read_parquet(path, partitioning=YEAR_STRING) if partitioned else pd.read_parquet(path)
    assert list(frame.columns) == columns
    assert _rows(frame.to_dict("records"), columns) == expected
    # pandas with no options reads the same rows (year comes back as a category)
    assert _rows(pd.read_parquet(path).to_dict("records"), columns) == expected

    # DuckDB reading the files directly
    con = duckdb.connect()
    try:
        glob = f"{path}/**/*.parquet" if partitioned else f"{path}/*.parquet"
        cur = con.execute("SELECT * FROM read_parquet(?, hive_partitioning = true)", [glob])
        names = [d[0] for d in cur.description]
        assert names == columns
        assert _rows([dict(zip(names, r, strict=True)) for r in cur.fetchall()], columns) == expected
    finally:
        con.close()


def test_tables_have_rows(warehouses: SampleWarehouses) -> None:
    # guard against the comparisons above passing on empty tables only
    con = duckdb.connect(str(warehouses.known / "khaosan.duckdb"), read_only=True)
    try:
        for table in ("documents", "tokens", "country_mentions", "person_mentions", "money_mentions", "meetings", "pipeline_runs"):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
    finally:
        con.close()


def test_dates_and_timestamps_are_typed(warehouses: SampleWarehouses) -> None:
    wh = warehouses.real
    docs = ds.dataset(_table_dir(wh, "documents"), format="parquet", partitioning=YEAR_STRING)
    assert docs.schema.field("published_date").type == pa.date32()
    raw = ds.dataset(_table_dir(wh, "raw_documents"), format="parquet", partitioning=YEAR_STRING)
    assert raw.schema.field("ingested_at").type == pa.timestamp("us", tz="UTC")
    runs = ds.dataset(_table_dir(wh, "pipeline_runs"), format="parquet")
    assert runs.schema.field("started_at").type == pa.timestamp("us", tz="UTC")

    # Parquet logical types, as any reader sees them
    some_docs = next(f for f in _table_dir(wh, "documents").rglob("*.parquet") if pq.ParquetFile(f).metadata.num_rows)
    pschema = pq.ParquetFile(some_docs).schema
    assert pschema.column(pschema.names.index("published_date")).logical_type.type == "DATE"
    some_raw = next(_table_dir(wh, "raw_documents").rglob("*.parquet"))
    rschema = pq.ParquetFile(some_raw).schema
    ts = rschema.column(rschema.names.index("ingested_at")).logical_type
    assert ts.type == "TIMESTAMP" and '"isAdjustedToUTC":true' in ts.to_json() and '"timeUnit":"microseconds"' in ts.to_json()

    frame = pd.read_parquet(_table_dir(wh, "raw_documents"), partitioning=YEAR_STRING)
    assert str(frame["ingested_at"].dtype) == "datetime64[us, UTC]"
    dates = pd.read_parquet(_table_dir(wh, "documents"), partitioning=YEAR_STRING)["published_date"].dropna()
    assert len(dates) and all(isinstance(d, dt.date) for d in dates)

    con = duckdb.connect()
    try:
        types = dict(con.execute(
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = true))",
            [f"{_table_dir(wh, 'raw_documents')}/**/*.parquet"],
        ).fetchall())
        assert types["ingested_at"] == "TIMESTAMP WITH TIME ZONE"
        dtypes = dict(con.execute(
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = true))",
            [f"{_table_dir(wh, 'documents')}/**/*.parquet"],
        ).fetchall())
        assert dtypes["published_date"] == "DATE"
        # the partition key is typed VARCHAR in the views, also for analysts' own reads
        assert con.execute(
            "SELECT DISTINCT typeof(year) FROM read_parquet(?, hive_partitioning = true, hive_types = {'year': VARCHAR})",
            [f"{_table_dir(wh, 'documents')}/**/*.parquet"],
        ).fetchall() == [("VARCHAR",)]
    finally:
        con.close()


def test_partitions_are_hive_year_directories(warehouses: SampleWarehouses) -> None:
    wh = warehouses.real
    con = duckdb.connect(str(wh / "khaosan.duckdb"), read_only=True)
    try:
        years = {r[0] for r in con.execute("SELECT DISTINCT year FROM documents").fetchall()}
        expected = {str(r[0].year) if r[0] else "unknown" for r in con.execute("SELECT published_date FROM documents").fetchall()}
    finally:
        con.close()
    assert years == expected
    dirs = {p.name for p in _table_dir(wh, "documents").iterdir()}
    assert dirs == {f"year={y}" for y in years}
    for table in schemas.LOG_TABLES:
        assert all(p.is_file() for p in _table_dir(wh, table).iterdir()), table


def test_every_file_is_zstd_compressed(warehouses: SampleWarehouses) -> None:
    checked = 0
    for wh in (warehouses.real, warehouses.known):
        for path in (wh / "parquet").resolve().rglob("*.parquet"):
            meta = pq.ParquetFile(path).metadata
            for rg in range(meta.num_row_groups):
                for col in range(meta.num_columns):
                    assert meta.row_group(rg).column(col).compression == "ZSTD", (path, col)
                    checked += 1
    assert checked > 100


# ---------------------------------------------------------------- file counts over incremental runs


def _rekey(tables: dict[str, pa.Table], doc_id: str, new_id: str, year: str) -> dict[str, pa.Table]:
    """The rows of document ``doc_id`` under a new key (real Thai text, synthetic id)."""
    out = {}
    for name, t in tables.items():
        one = t.filter(pc.equal(t.column("doc_id"), doc_id))
        one = one.set_column(one.schema.get_field_index("doc_id"), "doc_id", pa.array([new_id] * one.num_rows, pa.string()))
        out[name] = one.append_column("year", pa.array([year] * one.num_rows, pa.string()))
    return out


def test_many_incremental_runs_keep_few_files_per_partition(warehouses: SampleWarehouses, tmp_path: Path) -> None:
    src = load.Warehouse(warehouses.known)
    tables = {name: src.read_table(name) for name in schemas.DOCUMENT_TABLES}
    docs = tables["documents"].to_pylist()
    template = next(d for d in docs if d["published_date"] and d["published_date"].year == 2021)
    wh = load.Warehouse(tmp_path / "wh")
    runs = 2 * load.MAX_SMALL_FILES + 3  # enough for the year=2021 partition to be compacted
    expected_docs: set[str] = set()
    removed: set[str] = set()
    for i in range(runs):
        new_id = f"{i:016x}"
        batch = _rekey(tables, template["doc_id"], new_id, "2021")
        # an undated document now and then, into the year=unknown partition
        if i % 4 == 3:
            batch = _rekey(tables, template["doc_id"], new_id, "unknown")
        stage = tmp_path / "stage" / str(i)
        additions = {}
        for name, t in batch.items():
            path = stage / name / "batch.parquet"
            path.parent.mkdir(parents=True)
            pq.write_table(t, path, compression="zstd")
            additions[name] = [path]
        changes = load.SnapshotChanges(additions=additions)
        if i % 5 == 4:  # a changed file: an older document goes away
            gone = sorted(expected_docs - removed)[0]
            changes.removed = {gone: "unknown" if int(gone, 16) % 4 == 3 else "2021"}
            removed.add(gone)
        building, added = load.build_snapshot(wh, changes, f"run-{i:04d}")
        assert added["documents"] == 1
        load.publish_snapshot(wh, building)
        load.prune_snapshots(wh)
        expected_docs.add(new_id)
        current = wh.current_snapshot()
        for table in schemas.DOCUMENT_TABLES:
            for part in (current / table).iterdir():
                files = list(part.glob("*.parquet"))
                assert len(files) <= load.MAX_SMALL_FILES, (i, table, part.name, len(files))
    load.write_catalog(wh)

    live = expected_docs - removed
    con = duckdb.connect(str(wh.db_path), read_only=True)
    try:
        assert {r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()} == live
        per_doc_tokens = tables["tokens"].filter(pc.equal(tables["tokens"].column("doc_id"), template["doc_id"])).num_rows
        assert con.execute("SELECT count(*) FROM tokens").fetchone()[0] == per_doc_tokens * len(live)
        assert con.execute("SELECT count(*) FROM documents WHERE year = 'unknown'").fetchone()[0] == sum(
            1 for d in live if int(d, 16) % 4 == 3
        )
        # the marts read the compacted files like any others
        assert con.execute("SELECT count(*) FROM mart_documents_facts").fetchone()[0] == len(live)
    finally:
        con.close()
    token_files = list((wh.current_snapshot() / "tokens").rglob("*.parquet"))
    assert len(token_files) <= 2 * load.MAX_SMALL_FILES  # two partitions, each bounded
    assert any(f.name.endswith("-c.parquet") for f in token_files)  # compaction did happen
    shutil.rmtree(tmp_path / "stage")
