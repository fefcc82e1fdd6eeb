import datetime as dt
import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from transforms import load, schemas

NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _doc(doc_id: str, day: dt.date | None, body: str = "ข่าว ๑ ญี่ปุ่น") -> dict:
    return dict(doc_id=doc_id, source_uri=f"/in/{doc_id}.txt", profile="generic", title="ข่าว", body=body, published_date=day,
                updated_date=None, view_count=None, source_url=None, category=None, char_count=len(body), transform_version="t", run_id="r")


def _stage(tmp: Path, batch: str, docs: list[dict]) -> dict[str, list[Path]]:
    """Staged additions for documents, raw_documents and country_mentions, as the transform stage writes them."""
    years = [str(d["published_date"].year) if d["published_date"] else load.UNKNOWN_YEAR for d in docs]
    raw = [dict(doc_id=d["doc_id"], source_uri=d["source_uri"], byte_size=1, encoding="utf-8", replacements=0, text=d["body"],
                text_sha256="0" * 64, ingested_at=NOW, run_id="r") for d in docs]
    mentions = [dict(doc_id=d["doc_id"], surface="ญี่ปุ่น", char_start=d["body"].index("ญี่ปุ่น"), char_end=d["body"].index("ญี่ปุ่น") + 7,
                     iso2="JP", country="Japan", rule="test") for d in docs]
    staged = {}
    for name, rows in (("documents", docs), ("raw_documents", raw), ("country_mentions", mentions)):
        table = pa.Table.from_pylist(rows, schema=schemas.ALL_TABLES[name]).append_column(load.PARTITION, pa.array(years))
        path = tmp / "staged" / name / f"{batch}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path)
        staged[name] = [path]
    return staged


def _publish(wh: load.Warehouse, changes: load.SnapshotChanges, run_id: str = "run-0001") -> Path:
    building, _ = load.build_snapshot(wh, changes, run_id)
    _, failures = load.run_quality_checks(building)
    assert failures == []
    return load.commit_snapshot(wh, building)


def test_first_snapshot_is_readable_by_duckdb_and_arrow(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    _publish(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b1", [_doc("a", dt.date(2021, 5, 28)), _doc("b", None)])))
    assert os.readlink(wh.parquet_dir) == "snapshots/000001"
    assert sorted(wh.read_table("documents").column("doc_id").to_pylist()) == ["a", "b"]
    con = duckdb.connect(str(wh.db_path), read_only=True)
    assert con.execute("SELECT doc_id, year FROM documents ORDER BY doc_id").fetchall() == [("a", "2021"), ("b", "unknown")]
    # Tables with no rows yet still have their declared columns.
    assert con.execute("SELECT count(*) FROM meetings").fetchone() == (0,)
    assert "ordinal" in [r[0] for r in con.execute("DESCRIBE meetings").fetchall()]
    comment = con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'documents' AND column_name = 'body'").fetchone()[0]
    assert "offsets index into it" in comment
    con.close()


def test_removing_documents_rewrites_only_their_partition(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    first = _publish(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b1", [_doc("a", dt.date(2021, 1, 1)), _doc("b", dt.date(2022, 1, 1))])))
    second = _publish(wh, load.SnapshotChanges(removed={"a": "2021"}), "run-0002")
    assert wh.read_table("documents").column("doc_id").to_pylist() == ["b"]
    assert wh.read_table("country_mentions").column("doc_id").to_pylist() == ["b"]
    untouched = "documents/year=2022/part-000001-0.parquet"
    assert os.stat(first / untouched).st_ino == os.stat(second / untouched).st_ino  # hard link, not a copy
    assert not (second / "documents/year=2021/part-000001-0.parquet").exists()


def test_previous_snapshot_stays_intact_for_readers(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    first = _publish(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b1", [_doc("a", dt.date(2021, 1, 1))])))
    _publish(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b2", [_doc("c", dt.date(2021, 2, 1))])), "run-0002")
    assert wh.read_table("documents", snapshot=first).column("doc_id").to_pylist() == ["a"]
    assert sorted(wh.read_table("documents").column("doc_id").to_pylist()) == ["a", "c"]


def test_leftovers_of_a_killed_run_are_removed_and_the_published_snapshot_kept(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    published = _publish(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b1", [_doc("a", dt.date(2021, 1, 1))])))
    building, _ = load.build_snapshot(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b2", [_doc("c", dt.date(2021, 1, 1))])), "run-0002")
    renamed = wh.snapshots_dir / "000002"
    os.rename(building, renamed)  # killed between the rename and the symlink swap
    (wh.staging_dir / "run-0002").mkdir(parents=True)
    removed = wh.remove_leftovers()
    assert renamed in removed and wh.staging_dir in removed
    assert wh.current_snapshot() == published
    assert wh.read_table("documents").column("doc_id").to_pylist() == ["a"]


def test_an_empty_staging_directory_is_not_reported_as_leftovers(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    _publish(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b1", [_doc("a", dt.date(2021, 1, 1))])))
    wh.staging_dir.mkdir(parents=True)  # what every completed run leaves behind
    assert wh.remove_leftovers() == []
    assert not wh.staging_dir.exists()


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    with wh.lock(), pytest.raises(load.WarehouseBusy, match="another khaosan run is writing"), wh.lock():
        pass


def test_many_small_incremental_runs_are_compacted(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    for i in range(12):
        _publish(wh, load.SnapshotChanges(additions=_stage(tmp_path, f"b{i}", [_doc(f"d{i:02d}", dt.date(2021, 1, 1))])), f"run-{i:04d}")
    files = list((wh.parquet_dir / "documents" / "year=2021").glob("*.parquet"))
    assert len(files) <= load.MAX_SMALL_FILES + 1
    assert wh.read_table("documents").num_rows == 12
    assert len([p for p in wh.snapshots_dir.iterdir()]) == load.KEEP_SNAPSHOTS


def test_quality_checks_catch_a_mention_outside_its_body(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    staged = _stage(tmp_path, "b1", [_doc("a", dt.date(2021, 1, 1))])
    bad = pq.read_table(staged["country_mentions"][0]).to_pylist()
    bad[0]["char_end"] = 999
    pq.write_table(pa.Table.from_pylist(bad, schema=pq.read_schema(staged["country_mentions"][0])), staged["country_mentions"][0])
    building, _ = load.build_snapshot(wh, load.SnapshotChanges(additions=staged), "run-0001")
    _, failures = load.run_quality_checks(building)
    assert len(failures) == 1 and failures[0].startswith("mention_offsets_inside_body: 1 offending row")


def test_paths_with_quotes_are_escaped_and_control_characters_refused(tmp_path):
    wh = load.Warehouse(tmp_path / "it's a warehouse")
    _publish(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b1", [_doc("a", dt.date(2021, 1, 1))])))
    con = duckdb.connect(str(wh.db_path), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    con.close()
    with pytest.raises(ValueError):
        load.sql_string_literal("/tmp/x\n'; DROP VIEW documents; --")


def test_checks_of_a_run_look_only_at_the_files_it_adds(tmp_path):
    wh = load.Warehouse(tmp_path / "wh")
    staged = _stage(tmp_path, "b1", [_doc("a", dt.date(2021, 1, 1))])
    bad = pq.read_table(staged["country_mentions"][0]).to_pylist()
    bad[0]["char_end"] = 999
    pq.write_table(pa.Table.from_pylist(bad, schema=pq.read_schema(staged["country_mentions"][0])), staged["country_mentions"][0])
    load.commit_snapshot(wh, load.build_snapshot(wh, load.SnapshotChanges(additions=staged), "run-0001")[0])  # unchecked

    building, _ = load.build_snapshot(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b2", [_doc("b", dt.date(2021, 1, 1))])), "run-0002")
    assert load.run_quality_checks(building, added_only=True) == (6, [])
    _, failures = load.run_quality_checks(building)
    assert [f.split(":")[0] for f in failures] == ["mention_offsets_inside_body"]
    assert not [p for p in wh.snapshots_dir.iterdir() if p.name.startswith((".checks", ".spill"))]


def test_quality_checks_apply_their_memory_limit(tmp_path, monkeypatch):
    # A whole-corpus run's key checks took 3.4 GB without a limit; with it DuckDB spills.
    wh = load.Warehouse(tmp_path / "wh")
    building, _ = load.build_snapshot(wh, load.SnapshotChanges(additions=_stage(tmp_path, "b1", [_doc("a", dt.date(2021, 1, 1))])), "run-0001")
    monkeypatch.setattr(load, "CHECKS_MEMORY_LIMIT", "16KB")
    with pytest.raises(duckdb.OutOfMemoryException):
        load.run_quality_checks(building)
    assert not [p for p in wh.snapshots_dir.iterdir() if p.name.startswith(".spill")]
