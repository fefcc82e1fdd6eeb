"""The khaosan ETL flow: discover -> ingest -> transform (clean, segment, extract) -> publish.

Documents move between tasks as staged Parquet files, never as one task per document:
ingest reads ``INGEST_BATCH_FILES`` files per task and transform handles
``batch_size`` documents per task. CPU-bound transform batches run in a process pool
(both cores) unless the flow runs on Dask, whose workers are processes already.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import queue
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run

from transforms import ingest, load, schemas, stages

INGEST_BATCH_FILES = 1000
DEFAULT_BATCH_DOCS = 250
# Below this many documents a process pool costs more to start than it saves.
MIN_DOCS_FOR_POOL = 100
# A few documents that break a transform are quarantined; more than this is a bug in the
# code, not in the data, and fails the run instead of quarantining everything.
MAX_TRANSFORM_FAILURES = 3
MAX_TRANSFORM_FAILURE_SHARE = 0.05
_UNBOUNDED = sys.maxsize


@dataclass
class RunPlan:
    """What this run must do, decided from the previous snapshot and the files found."""

    files_seen: int = 0
    to_read: list[ingest.SourceFile] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class StagedBatch:
    raw_path: Path
    doc_ids: list[str]


# ---------------------------------------------------------------- tasks


def _unless_source_missing(task: Any, task_run: Any, state: Any) -> bool:
    # A source directory that is not there will not appear in six seconds (a deployment whose
    # path is wrong); other I/O errors, such as a network mount that hiccups, may.
    return not isinstance(state.result(raise_on_failure=False), FileNotFoundError)


@task(name="discover-files", retries=2, retry_delay_seconds=[1, 5], retry_condition_fn=_unless_source_missing, cache_policy=NO_CACHE)
def discover_files(source: str, follow_symlinks: bool) -> list[ingest.SourceFile]:
    return ingest.discover_files(source, follow_symlinks=follow_symlinks)


@task(name="ingest-batch", retries=2, retry_delay_seconds=[1, 5], cache_policy=NO_CACHE)
def ingest_batch(files: list[ingest.SourceFile], run_id: str, now: dt.datetime, out_path: Path) -> tuple[pa.Table, pa.Table, Path]:
    """Read and decode files; raw texts go to a staged Parquet file, the small tables come back."""
    raw, src, quarantine = ingest.ingest_files(files, run_id, now)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(raw, out_path, compression="zstd")
    return src, quarantine, out_path


@task(name="transform-batch", retries=1, retry_delay_seconds=[2], cache_policy=NO_CACHE)
def transform_batch(batch: StagedBatch, run_id: str, out_dir: Path, batch_no: int, pool_workers: int) -> tuple[dict[str, str], list[stages.TransformFailure], int]:
    """Clean, segment and extract one batch; outputs are staged per table."""
    args = (str(batch.raw_path), batch.doc_ids, run_id, str(out_dir), batch_no)
    if pool_workers > 1:
        return _pool(pool_workers).submit(transform_staged_file, *args).result()
    return transform_staged_file(*args)


def transform_staged_file(raw_path: str, doc_ids: list[str], run_id: str, out_dir: str, batch_no: int) -> tuple[dict[str, str], list[stages.TransformFailure], int]:
    """Runs in a worker process: read the staged raw texts, transform, write staged outputs."""
    raw = pq.read_table(raw_path, schema=schemas.RAW_DOCUMENTS)
    raw = raw.filter(pc.is_in(raw.column("doc_id"), value_set=pa.array(doc_ids, pa.string())))
    tables, failures = stages.transform_batch(raw, run_id)
    paths: dict[str, str] = {}
    for name, table in tables.items():
        path = Path(out_dir) / name / f"batch-{batch_no:06d}.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, path, compression="zstd")
        paths[name] = str(path)
    return paths, failures, raw.num_rows


_POOLS: dict[int, ProcessPoolExecutor] = {}
# Transform tasks run on several threads at once; without the lock each would start a pool.
_POOLS_LOCK = threading.Lock()


def _pool(workers: int) -> ProcessPoolExecutor:
    with _POOLS_LOCK:
        if workers not in _POOLS:
            # spawn, not fork: forking a process that runs Prefect's threads can deadlock.
            _POOLS[workers] = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        return _POOLS[workers]


def _shutdown_pools() -> None:
    with _POOLS_LOCK:
        while _POOLS:
            _POOLS.popitem()[1].shutdown(cancel_futures=True)


@task(name="publish-snapshot", retries=0, cache_policy=NO_CACHE)
def publish(wh: load.Warehouse, changes: load.SnapshotChanges, run_row: dict[str, Any], run_id: str, seconds: dict[str, float]) -> dict[str, Any]:
    """Build, check and publish the next snapshot; then refresh the DuckDB catalog."""
    logger = get_run_logger()
    t0 = time.perf_counter()
    logger.info("building snapshot %d", wh.snapshot_seq() + 1)
    building, added = load.build_snapshot(wh, changes, run_id)
    logger.info("running quality checks on the files this run adds")
    passed, failures = load.run_quality_checks(building, added_only=True)
    run_row.update(checks_passed=passed, checks_failed=len(failures), rows_written=json.dumps(added, sort_keys=True))
    if failures:
        shutil.rmtree(building, ignore_errors=True)
        raise load.QualityCheckFailed("quality checks failed, previous snapshot kept:\n  " + "\n  ".join(failures))
    seconds["publish"] = time.perf_counter() - t0
    run_row["stage_seconds"] = json.dumps({k: round(v, 3) for k, v in seconds.items()})
    _finish_run_row(run_row, "completed", None)
    load.replace_log_table(building, "pipeline_runs", _runs_with(wh, run_row))
    logger.info("publishing snapshot %s", building.name.split("-")[1])
    load.commit_snapshot(wh, building)
    return run_row


# ---------------------------------------------------------------- flow


@flow(name="khaosan-etl", log_prints=False)
def etl(
    source: str = "seeds/documents",
    warehouse: str = "warehouse",
    batch_size: int = DEFAULT_BATCH_DOCS,
    workers: int = 0,
    reprocess: bool = False,
    wait: bool = False,
    follow_symlinks: bool = False,
    in_process: bool = False,
) -> dict[str, Any]:
    """Ingest ``source`` (a directory searched for *.txt, or a glob) into ``warehouse``.

    ``workers``: processes for the transform stage (0 = one per core). ``reprocess``: re-run
    the transforms on every stored document (backfill). ``wait``: wait for another run's
    lock instead of failing. ``in_process``: transform in the task's own process (set when
    the task runner already runs tasks in separate processes, as on Dask).
    """
    if batch_size < 1 or workers < 0:  # deployments pass parameters without the CLI's checks
        raise ValueError(f"batch_size must be 1 or more and workers 0 or more (got {batch_size}, {workers})")
    logger = get_run_logger()
    run_id = str(flow_run.get_id() or uuid.uuid4())
    wh = load.Warehouse(Path(warehouse))
    workers = workers or os.cpu_count() or 1
    started = dt.datetime.now(dt.UTC)
    seconds: dict[str, float] = {}
    run_row: dict[str, Any] = dict(run_id=run_id, started_at=started, source=source, files_seen=0, docs_new=0,
                                   docs_changed=0, docs_unchanged=0, docs_quarantined=0, docs_reprocessed=0,
                                   rows_written="{}", stage_seconds="{}", checks_passed=0, checks_failed=0, message=None)
    with wh.lock(wait=wait):
        leftovers = wh.remove_leftovers()
        if leftovers:
            logger.warning("removed leftovers of an interrupted run: %s", ", ".join(p.name for p in leftovers))
        staging = wh.staging_dir / run_id
        try:
            t0 = time.perf_counter()
            files = discover_files(source, follow_symlinks) if source else []
            state = _State.read(wh)
            plan = _plan(files, state)
            run_row.update(files_seen=plan.files_seen, docs_unchanged=plan.unchanged)
            logger.info("%d files found, %d unchanged, %d to read", plan.files_seen, plan.unchanged, len(plan.to_read))
            seconds["discover"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            # Dask (in_process) queues tasks on its own workers; the thread runner needs a window.
            src_new, quarantine_new, raw_paths = _ingest(plan, run_id, started, staging, window=_UNBOUNDED if in_process else max(2, workers))
            seconds["ingest"] = time.perf_counter() - t0
            load.failpoint("after-ingest")

            t0 = time.perf_counter()
            decisions = _decide(state, src_new, raw_paths, reprocess)
            run_row.update(docs_new=len(decisions.new_ids), docs_changed=decisions.changed,
                           docs_quarantined=quarantine_new.num_rows, docs_reprocessed=len(decisions.reprocess_ids))
            batches = decisions.batches(wh, staging, batch_size)
            n_docs = sum(len(b.doc_ids) for b in batches)
            pool_workers = workers if (not in_process and n_docs >= MIN_DOCS_FOR_POOL) else 1
            logger.info("transforming %d documents in %d batches on %d process(es)", n_docs, len(batches), pool_workers)
            # Two tasks per pool process keep the pool fed while the flow collects a result.
            staged, failures = _transform(batches, run_id, staging / "out", pool_workers, n_docs,
                                          window=_UNBOUNDED if in_process else 2 * pool_workers)
            _shutdown_pools()  # the workers' memory is not needed while the snapshot is built
            seconds["transform"] = time.perf_counter() - t0
            _fail_on_systematic_errors(failures, n_docs)
            run_row["docs_quarantined"] += len(failures)

            failed_uris = {f.source_uri for f in failures}
            quarantine_new = pa.concat_tables([quarantine_new, _failure_rows(failures, run_id, started)])
            src_final = _merge_by_uri(state.source_files, src_new.filter(pc.invert(pc.is_in(src_new.column("source_uri"), value_set=pa.array(sorted(failed_uris), pa.string())))), plan)
            quarantine_final = _merge_by_uri(state.quarantine, quarantine_new, plan)
            changes = load.SnapshotChanges(
                additions=staged,
                removed=decisions.removed,
                log_tables={"source_files": src_final, "quarantine": quarantine_final},
            )
            result = publish(wh, changes, run_row, run_id, seconds)
        except BaseException as exc:
            _record_failed_run(wh, run_row, exc, logger)
            raise
        finally:
            _shutdown_pools()
            shutil.rmtree(staging, ignore_errors=True)
    _report(result, logger)
    return _jsonable(result)


# ---------------------------------------------------------------- helpers of the flow


@dataclass
class _State:
    source_files: pa.Table
    quarantine: pa.Table
    doc_year: dict[str, str]
    doc_version: dict[str, str]
    primary_uri: dict[str, str]

    @classmethod
    def read(cls, wh: load.Warehouse) -> _State:
        docs = wh.read_table("documents", columns=["doc_id", "published_date", "transform_version"])
        raw = wh.read_table("raw_documents", columns=["doc_id", "source_uri"])
        ids = docs.column("doc_id").to_pylist()
        return cls(
            source_files=wh.read_table("source_files"),
            quarantine=wh.read_table("quarantine"),
            doc_year=dict(zip(ids, load.year_of(docs.column("published_date")).to_pylist(), strict=True)),
            doc_version=dict(zip(ids, docs.column("transform_version").to_pylist(), strict=True)),
            primary_uri=dict(zip(raw.column("doc_id").to_pylist(), raw.column("source_uri").to_pylist(), strict=True)),
        )


def _plan(files: list[ingest.SourceFile], state: _State) -> RunPlan:
    known = {
        uri: (size, mtime)
        for uri, size, mtime in zip(
            state.source_files.column("source_uri").to_pylist(),
            state.source_files.column("byte_size").to_pylist(),
            state.source_files.column("mtime_ns").to_pylist(),
            strict=True,
        )
    }
    to_read = [f for f in files if known.get(f.source_uri) != (f.byte_size, f.mtime_ns)]
    return RunPlan(files_seen=len(files), to_read=to_read, unchanged=len(files) - len(to_read))


def _ingest(plan: RunPlan, run_id: str, now: dt.datetime, staging: Path, window: int) -> tuple[pa.Table, pa.Table, list[Path]]:
    chunks = [plan.to_read[i : i + INGEST_BATCH_FILES] for i in range(0, len(plan.to_read), INGEST_BATCH_FILES)]
    results: list[Any] = [None] * len(chunks)

    def submit(i: int) -> PrefectFuture:
        return ingest_batch.submit(chunks[i], run_id, now, staging / "raw" / f"batch-{i:06d}.parquet")

    for i, fut in _windowed(submit, len(chunks), window):
        results[i] = fut.result()
    src = pa.concat_tables([schemas.SOURCE_FILES.empty_table(), *(r[0] for r in results)])
    quarantine = pa.concat_tables([schemas.QUARANTINE.empty_table(), *(r[1] for r in results)])
    return src, quarantine, [r[2] for r in results]


def _windowed(submit: Callable[[int], PrefectFuture], n: int, window: int) -> Iterator[tuple[int, PrefectFuture]]:
    """Call ``submit(i)`` for i in range(n) with at most ``window`` futures in flight; yields
    (i, future) as each completes. Prefect's thread runner starts every submitted task at
    once, so without a window the whole corpus would be read into memory together."""
    done: queue.SimpleQueue[int] = queue.SimpleQueue()
    in_flight: dict[int, PrefectFuture] = {}
    submitted = 0
    for _ in range(n):
        while submitted < n and len(in_flight) < window:
            fut = submit(submitted)
            in_flight[submitted] = fut
            fut.add_done_callback(lambda _f, i=submitted: done.put(i))
            submitted += 1
        i = done.get()
        yield i, in_flight.pop(i)


@dataclass
class _Decisions:
    new_ids: list[str]
    new_by_path: dict[Path, list[str]]
    reprocess_ids: list[str]
    removed: dict[str, str]
    changed: int

    def batches(self, wh: load.Warehouse, staging: Path, size: int) -> list[StagedBatch]:
        out = [StagedBatch(path, ids[i : i + size]) for path, ids in self.new_by_path.items() for i in range(0, len(ids), size)]
        if self.reprocess_ids:
            out.extend(_stage_stored_raw(wh, self.reprocess_ids, staging / "reprocess", size))
        return out


def _decide(state: _State, src_new: pa.Table, raw_paths: list[Path], reprocess: bool) -> _Decisions:
    """New documents (first file wins among identical texts), changed files, orphaned and stale documents."""
    old_doc_of = dict(zip(state.source_files.column("source_uri").to_pylist(), state.source_files.column("doc_id").to_pylist(), strict=True))
    seen = set(state.doc_year)
    new_by_path: dict[Path, list[str]] = {}
    new_ids: list[str] = []
    for path in raw_paths:
        ids = pq.read_table(path, columns=["doc_id"]).column("doc_id").to_pylist()
        fresh = [d for d in ids if d not in seen]
        seen.update(fresh)
        new_ids.extend(fresh)
        if fresh:
            new_by_path[path] = fresh
    changed = 0
    for uri, doc_id in zip(src_new.column("source_uri").to_pylist(), src_new.column("doc_id").to_pylist(), strict=True):
        if uri in old_doc_of and old_doc_of[uri] != doc_id:
            changed += 1
    read_uris = set(src_new.column("source_uri").to_pylist())
    still_referenced = {d for u, d in old_doc_of.items() if u not in read_uris and d} | {d for d in src_new.column("doc_id").to_pylist() if d}
    orphans = {d: y for d, y in state.doc_year.items() if d not in still_referenced}
    stale = sorted(d for d, v in state.doc_version.items() if d not in orphans and (reprocess or v != stages.TRANSFORM_VERSION))
    removed = {**orphans, **{d: state.doc_year[d] for d in stale}}
    return _Decisions(new_ids, new_by_path, stale, removed, changed)


def _stage_stored_raw(wh: load.Warehouse, doc_ids: list[str], out_dir: Path, size: int) -> list[StagedBatch]:
    """Copy stored raw texts of documents to re-transform into staged batch files (streamed)."""
    files = wh.table_files("raw_documents")
    dataset = ds.dataset([str(f) for f in files], schema=schemas.RAW_DOCUMENTS, format="parquet")
    wanted = pa.array(doc_ids, pa.string())
    out_dir.mkdir(parents=True, exist_ok=True)
    batches: list[StagedBatch] = []
    pending: list[pa.RecordBatch] = []
    pending_rows = 0

    def flush() -> None:
        nonlocal pending, pending_rows
        table = pa.Table.from_batches(pending, schema=schemas.RAW_DOCUMENTS)
        path = out_dir / f"batch-{len(batches):06d}.parquet"
        pq.write_table(table, path, compression="zstd")
        batches.append(StagedBatch(path, table.column("doc_id").to_pylist()))
        pending, pending_rows = [], 0

    for batch in dataset.to_batches(filter=pc.field("doc_id").isin(wanted), batch_size=size):
        if batch.num_rows:
            pending.append(batch)
            pending_rows += batch.num_rows
            if pending_rows >= size:
                flush()
    if pending:
        flush()
    return batches


def _transform(batches: list[StagedBatch], run_id: str, out_dir: Path, pool_workers: int, n_docs: int, window: int) -> tuple[dict[str, list[Path]], list[stages.TransformFailure]]:
    logger = get_run_logger()
    staged: dict[str, list[Path]] = {}
    failures: list[stages.TransformFailure] = []
    done = 0
    t0 = time.perf_counter()

    def submit(i: int) -> PrefectFuture:
        return transform_batch.submit(batches[i], run_id, out_dir, i, pool_workers)

    for _, fut in _windowed(submit, len(batches), window):
        paths, fails, n = fut.result()
        for name, path in paths.items():
            staged.setdefault(name, []).append(Path(path))
        failures.extend(fails)
        done += n
        load.failpoint("mid-transform")
        rate = done / max(time.perf_counter() - t0, 1e-9)
        logger.info("transformed %d/%d documents (%.1f docs/s)", done, n_docs, rate)
    for f in failures:
        logger.warning("quarantined %s: transform failed: %s", f.source_uri, f.error)
    for paths in staged.values():
        paths.sort()  # batch order, so snapshots do not depend on completion order
    return staged, failures


def _fail_on_systematic_errors(failures: list[stages.TransformFailure], n_docs: int) -> None:
    if len(failures) > max(MAX_TRANSFORM_FAILURES, MAX_TRANSFORM_FAILURE_SHARE * n_docs):
        errors = sorted({f.error for f in failures})
        raise load.QualityCheckFailed(
            f"transforms failed on {len(failures)} of {n_docs} documents, previous snapshot kept; errors:\n  " + "\n  ".join(errors[:5])
        )


def _failure_rows(failures: list[stages.TransformFailure], run_id: str, now: dt.datetime) -> pa.Table:
    rows = [
        dict(source_uri=f.source_uri, byte_size=0, content_sha256="", reason_code="transform_error",
             reason=f"transform_error: {f.error} (retried on the next run)", quarantined_at=now, run_id=run_id)
        for f in failures
    ]
    return pa.Table.from_pylist(rows, schema=schemas.QUARANTINE)


def _merge_by_uri(old: pa.Table, new: pa.Table, plan: RunPlan) -> pa.Table:
    """Rows of files read this run replace their old rows; other old rows stay."""
    read = pa.array(sorted({f.source_uri for f in plan.to_read}), pa.string())
    kept = old.filter(pc.invert(pc.is_in(old.column("source_uri"), value_set=read)))
    merged = pa.concat_tables([kept, new.cast(old.schema)])
    return merged.sort_by("source_uri")


def _runs_with(wh: load.Warehouse, run_row: dict[str, Any]) -> pa.Table:
    old = wh.read_table("pipeline_runs")
    return pa.concat_tables([old, pa.Table.from_pylist([run_row], schema=schemas.PIPELINE_RUNS)])


def _finish_run_row(run_row: dict[str, Any], status: str, message: str | None) -> None:
    run_row.update(ended_at=dt.datetime.now(dt.UTC), status=status, message=message)


def _record_failed_run(wh: load.Warehouse, run_row: dict[str, Any], exc: BaseException, logger: Any) -> None:
    """Best effort: publish a snapshot that differs from the current one only by a failed run row."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit)) or wh.current_snapshot() is None:
        return
    try:
        _finish_run_row(run_row, "failed", str(exc)[:4000])
        building, _ = load.build_snapshot(wh, load.SnapshotChanges(), run_row["run_id"])
        load.replace_log_table(building, "pipeline_runs", _runs_with(wh, run_row))
        load.commit_snapshot(wh, building)
    except Exception as inner:
        logger.warning("could not record the failed run: %s", inner)


def _report(run_row: dict[str, Any], logger: Any) -> None:
    rows = json.loads(run_row["rows_written"])
    secs = json.loads(run_row["stage_seconds"])
    md = [
        f"# khaosan run `{run_row['run_id']}`",
        "",
        "| documents | count |", "|---|---|",
        f"| files seen | {run_row['files_seen']} |",
        f"| new | {run_row['docs_new']} |",
        f"| changed | {run_row['docs_changed']} |",
        f"| unchanged | {run_row['docs_unchanged']} |",
        f"| quarantined | {run_row['docs_quarantined']} |",
        f"| reprocessed | {run_row['docs_reprocessed']} |",
        "", "| table | rows added |", "|---|---|",
        *(f"| {k} | {v} |" for k, v in rows.items()),
        "", f"Quality checks: {run_row['checks_passed']} passed, {run_row['checks_failed']} failed.",
        "", "| stage | seconds |", "|---|---|",
        *(f"| {k} | {v:.2f} |" for k, v in secs.items()),
    ]
    create_markdown_artifact("\n".join(md), key="khaosan-run-report", description="khaosan run summary")
    logger.info("run %s completed: %s new, %s unchanged, %s quarantined", run_row["run_id"], run_row["docs_new"], run_row["docs_unchanged"], run_row["docs_quarantined"])


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in row.items()}
