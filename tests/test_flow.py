"""End-to-end runs of the real Prefect flow into temporary warehouses."""

import csv
import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import BAD_INPUTS, GOLD, SEED_DOCUMENTS, needs_shared, warehouse_state
from transforms import load, schemas

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("prefect_harness")]

# Macro F1 reached on the development gold set; the test keeps extraction at or above it.
MIN_DEV_MACRO_F1 = 0.999


def run_etl(source: Path | None, warehouse: Path, **kwargs) -> dict:
    """One real flow run; ``source=None`` reads no files (a backfill)."""
    from flows.etl import etl

    return etl(source=str(source) if source else "", warehouse=str(warehouse), **kwargs)


def table_rows(warehouse: Path) -> dict[str, list]:
    """Every table except the run log, as sorted rows (comparable across runs)."""
    wh = load.Warehouse(warehouse)
    return {name: sorted(map(repr, wh.read_table(name).to_pylist())) for name in schemas.ALL_TABLES if name != "pipeline_runs"}


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory) -> Path:
    warehouse = tmp_path_factory.mktemp("samples") / "wh"
    result = run_etl(SEED_DOCUMENTS, warehouse)
    assert result["status"] == "completed"
    return warehouse


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(warehouse / "khaosan.duckdb"), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


SEED_000 = "seed_000_a72977a38d52bd96.txt"


def seed_000_id(warehouse: Path) -> str:
    return query(warehouse, "SELECT doc_id FROM documents WHERE source_uri LIKE '%' || ?", [SEED_000])[0][0]


def test_sample_run_loads_every_document(sample_warehouse):
    assert query(sample_warehouse, "SELECT count(*), count(DISTINCT profile) FROM documents") == [(5, 2)]
    assert query(sample_warehouse, "SELECT status, docs_new, docs_quarantined, checks_failed FROM pipeline_runs") == [("completed", 5, 0, 0)]
    parquet = sample_warehouse / "parquet"
    assert parquet.is_symlink() and (parquet / "documents" / "year=2021").is_dir()


def test_each_run_publishes_a_markdown_report(sample_warehouse):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    [(run_id,)] = query(sample_warehouse, "SELECT run_id FROM pipeline_runs")
    only_this_run = ArtifactFilter(key=ArtifactFilterKey(any_=["khaosan-run-report"]), flow_run_id=ArtifactFilterFlowRunId(any_=[run_id]))
    with get_client(sync_client=True) as client:
        [artifact] = client.read_artifacts(artifact_filter=only_this_run)
    assert artifact.type == "markdown"
    assert "| files seen | 5 |" in artifact.data and "| new | 5 |" in artifact.data and "| documents | 5 |" in artifact.data


def test_seed_000_page_metadata(sample_warehouse):
    doc = seed_000_id(sample_warehouse)
    rows = query(sample_warehouse, "SELECT profile, published_date, updated_date, view_count FROM documents WHERE doc_id = ?", [doc])
    assert rows == [("mfa", dt.date(2021, 5, 28), dt.date(2022, 11, 30), 7791)]
    # Page metadata dates are not mentions.
    assert query(sample_warehouse, "SELECT count(*) FROM date_mentions WHERE doc_id = ? AND iso IN ('2021-05-28', '2022-11-30')", [doc]) == [(0,)]


def test_seed_000_extractions(sample_warehouse):
    doc = seed_000_id(sample_warehouse)
    meetings = query(sample_warehouse, "SELECT name, ordinal, partners FROM meetings WHERE doc_id = ? ORDER BY ordinal", [doc])
    assert ("การประชุมเจ้าหน้าที่อาวุโสอาเซียน-ญี่ปุ่น", 36, ["JP"]) in meetings
    assert ("2021-05-26", dt.date(2021, 5, 26), "day") in query(sample_warehouse, "SELECT iso, date_value, precision FROM date_mentions WHERE doc_id = ?", [doc])
    assert query(sample_warehouse, "SELECT amount, currency FROM money_mentions WHERE doc_id = ?", [doc]) == [(50_000_000.0, "USD")]
    people = query(sample_warehouse, "SELECT name, honorific, position FROM person_mentions WHERE doc_id = ?", [doc])
    assert ("ธานี ทองภักดี", "นาย", "ปลัดกระทรวงการต่างประเทศ") in people
    assert {"JP", "TH", "MM"} <= {r[0] for r in query(sample_warehouse, "SELECT iso2 FROM country_mentions WHERE doc_id = ?", [doc])}
    assert ("ACPHEED", "ASEAN Centre for Public Health Emergencies and Emerging Diseases") in query(
        sample_warehouse, "SELECT short, long FROM acronyms WHERE doc_id = ?", [doc]
    )


def test_mention_offsets_point_into_the_body(sample_warehouse):
    wh = load.Warehouse(sample_warehouse)
    bodies = dict(zip(*(wh.read_table("documents").column(c).to_pylist() for c in ("doc_id", "body")), strict=True))
    checked = 0
    for table in (*schemas.MENTION_TABLES, "sentences", "tokens"):
        key = "text" if table == "sentences" else "token" if table == "tokens" else "surface"
        for row in wh.read_table(table).to_pylist():
            assert bodies[row["doc_id"]][row["char_start"] : row["char_end"]] == row[key], (table, row)
            checked += 1
    assert checked > 1000


def test_rerun_is_a_no_op_and_an_edit_replaces_only_that_document(tmp_path):
    source = tmp_path / "in"
    shutil.copytree(SEED_DOCUMENTS, source)
    warehouse = tmp_path / "wh"
    run_etl(source, warehouse)
    before = table_rows(warehouse)

    again = run_etl(source, warehouse)
    assert (again["docs_new"], again["docs_unchanged"]) == (0, 5)
    assert table_rows(warehouse) == before

    edited = source / SEED_000
    old_id = seed_000_id(warehouse)
    edited.write_text(edited.read_text(encoding="utf-8") + "\nเมื่อวันที่ 1 มิถุนายน 2564 ญี่ปุ่นยืนยันการสนับสนุนเพิ่มเติม\n", encoding="utf-8")
    changed = run_etl(source, warehouse)
    assert (changed["docs_new"], changed["docs_changed"], changed["docs_unchanged"]) == (1, 1, 4)
    after = table_rows(warehouse)
    new_id = seed_000_id(warehouse)
    assert new_id != old_id
    for name, rows in after.items():
        if name in ("source_files", "quarantine"):
            continue
        untouched_before = [r for r in before[name] if old_id not in r]
        untouched_after = [r for r in rows if new_id not in r]
        assert untouched_after == untouched_before, name
    assert query(warehouse, "SELECT count(*) FROM documents") == [(5,)]
    assert ("2021-06-01",) in query(warehouse, "SELECT iso FROM date_mentions WHERE doc_id = ?", [new_id])


@needs_shared
def test_dev_gold_scores(tmp_path):
    warehouse = tmp_path / "gold"
    run_etl(GOLD / "dev" / "src", warehouse)
    out = tmp_path / "score.json"
    proc = subprocess.run(
        [sys.executable, str(GOLD / "score.py"), str(GOLD / "dev" / "gold.jsonl"), str(warehouse / "khaosan.duckdb"), "--json", str(out)],
        capture_output=True, text=True, check=False,
    )
    print(proc.stdout)
    assert proc.returncode == 0, proc.stderr
    assert "MISSING" not in proc.stdout
    report = json.loads(out.read_text())
    assert report["documents_found"] == {"found": 20, "gold": 20}
    assert report["title_accuracy"] >= 0.95 and report["published_date_accuracy"] >= 0.95
    assert report["macro_f1"] >= MIN_DEV_MACRO_F1


@needs_shared
def test_hostile_inputs_are_ingested_or_quarantined_exactly_once(tmp_path):
    source = tmp_path / "bad"
    source.mkdir()
    for path in BAD_INPUTS.glob("*.txt"):
        shutil.copy2(path, source / path.name)
    warehouse = tmp_path / "wh"
    result = run_etl(source, warehouse)
    assert result["status"] == "completed"
    with open(BAD_INPUTS / "manifest.tsv", encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh, delimiter="\t"))
    wh = load.Warehouse(warehouse)
    files = {Path(r["source_uri"]).name: r for r in wh.read_table("source_files").to_pylist()}
    texts = dict(zip(*(wh.read_table("raw_documents").column(c).to_pylist() for c in ("doc_id", "text")), strict=True))
    quarantined = {Path(r["source_uri"]).name: r for r in wh.read_table("quarantine").to_pylist()}
    documents = set(wh.read_table("documents").column("doc_id").to_pylist())
    assert len(files) == len(manifest)
    for row in manifest:
        f = files[row["file"]]
        if row["expected"] == "quarantine":
            assert f["outcome"] == "quarantined" and f["doc_id"] is None, row["file"]
            assert quarantined[row["file"]]["reason"], row["file"]
        else:
            assert row["file"] not in quarantined, row["file"]
            assert f["doc_id"] in documents, row["file"]
            assert hashlib.sha256(texts[f["doc_id"]].encode()).hexdigest() == row["expected_text_sha256"], row["file"]
    assert files["duplicate_a.txt"]["doc_id"] == files["duplicate_b_copy.txt"]["doc_id"]
    assert {files["duplicate_a.txt"]["outcome"], files["duplicate_b_copy.txt"]["outcome"]} == {"ingested", "duplicate"}
    flagged = {r[0] for r in query(warehouse, "SELECT regexp_extract(source_uri, '[^/]+$') FROM raw_documents WHERE replacements > 0")}
    assert flagged == {"invalid_utf8_truncated_tail.txt", "invalid_utf8_stray_ff.txt"}
    before = table_rows(warehouse)
    run_etl(source, warehouse)
    assert table_rows(warehouse) == before


def test_a_transform_version_bump_reprocesses_stored_raw_text(tmp_path, monkeypatch):
    from transforms import stages

    source = tmp_path / "in"
    shutil.copytree(SEED_DOCUMENTS, source)
    warehouse = tmp_path / "wh"
    run_etl(source, warehouse)
    before = table_rows(warehouse)
    (source / SEED_000).unlink()  # reprocessing must not need the input files

    monkeypatch.setattr(stages, "TRANSFORM_VERSION", stages.TRANSFORM_VERSION + ";extract=next")
    bumped = run_etl(source, warehouse)
    assert (bumped["docs_reprocessed"], bumped["docs_new"], bumped["files_seen"]) == (5, 0, 4)
    assert query(warehouse, "SELECT DISTINCT transform_version FROM documents") == [(stages.TRANSFORM_VERSION,)]
    # Same code, so the same rows, apart from the version and the run that wrote them.
    after = table_rows(warehouse)
    for name in ("raw_documents", "sentences", "tokens", *schemas.MENTION_TABLES):
        assert after[name] == before[name], name
    assert run_etl(source, warehouse)["docs_reprocessed"] == 0

    backfill = run_etl(None, warehouse, reprocess=True)
    assert (backfill["docs_reprocessed"], backfill["docs_new"]) == (5, 0)


def test_a_failed_quality_check_fails_the_run_and_keeps_the_previous_warehouse(tmp_path, monkeypatch):
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy2(SEED_DOCUMENTS / SEED_000, source)
    warehouse = tmp_path / "wh"
    run_etl(source, warehouse)
    before = table_rows(warehouse)

    sql = tmp_path / "sql"
    shutil.copytree(load.SQL_DIR, sql)
    (sql / "checks" / "no_meetings_about_canada.sql").write_text(
        "SELECT doc_id, name FROM meetings WHERE name LIKE '%แคนาดา%'", encoding="utf-8"
    )
    monkeypatch.setattr(load, "SQL_DIR", sql)
    shutil.copy2(SEED_DOCUMENTS / "seed_002_453e2f3cd6927467.txt", source)
    with pytest.raises(load.QualityCheckFailed, match="no_meetings_about_canada: 1 offending row"):
        run_etl(source, warehouse)
    after = table_rows(warehouse)
    assert after == before
    runs = query(warehouse, "SELECT status, message FROM pipeline_runs ORDER BY started_at")
    assert [r[0] for r in runs] == ["completed", "failed"]
    assert "no_meetings_about_canada" in runs[1][1]


def test_a_dask_cluster_run_builds_the_same_warehouse(sample_warehouse, tmp_path):
    from flows.dask_runner import dask_task_runner
    from flows.etl import etl

    warehouse = tmp_path / "dask"
    on_dask = etl.with_options(task_runner=dask_task_runner("local", workers=2))
    result = on_dask(source=str(SEED_DOCUMENTS), warehouse=str(warehouse), batch_size=2, in_process=True)
    assert result["docs_new"] == 5
    assert warehouse_state(warehouse) == warehouse_state(sample_warehouse)


def test_a_deployment_with_a_missing_source_fails_without_retrying(prefect_harness, tmp_path):
    # Deployments bypass the CLI's up-front check; discover must fail at once, not retry.
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.etl import etl

    state = etl(source=str(tmp_path / "no-such-dir"), warehouse=str(tmp_path / "wh"), return_state=True)
    assert state.is_failed()
    with pytest.raises(FileNotFoundError, match="source not found"):
        state.result()
    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[state.state_details.flow_run_id])))
    discover = [r for r in runs if r.name.startswith("discover-files")]
    assert len(discover) == 1 and discover[0].run_count == 1
