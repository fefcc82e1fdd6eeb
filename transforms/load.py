"""Load: publish typed Parquet tables and the DuckDB catalog of views over them.

Layout of a warehouse directory ``DIR``::

    DIR/parquet -> snapshots/000042      symlink to the published snapshot
    DIR/snapshots/000042/<table>/year=2021/part-000042-<n>.parquet
    DIR/khaosan.duckdb                   views over DIR/parquet (no data inside)
    DIR/staging/<run_id>/...             a run's work in progress (deleted when done)

A run never changes a published file. It builds the next snapshot beside the current one
(hard links for untouched files, new files for new rows, rewritten files where rows were
removed), checks it, then publishes it with one atomic ``rename`` of the ``parquet``
symlink. A run killed at any point leaves the previous snapshot published and readable; the
next run deletes the leftovers and does the work again. Readers that opened the old
snapshot keep reading it (files are never modified in place).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import shutil
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from transforms import schemas

PARTITION = "year"
UNKNOWN_YEAR = "unknown"
SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
# Large row groups suit scans by DuckDB and BI tools; small files are merged once a
# partition holds more than MAX_SMALL_FILES of them.
ROW_GROUP_ROWS = 1_000_000
# ...and at most this many bytes of Arrow data, so tables of long texts stay within memory.
ROW_GROUP_BYTES = 128 * 1024 * 1024
SMALL_FILE_BYTES = 64 * 1024 * 1024
MAX_SMALL_FILES = 8
KEEP_SNAPSHOTS = 2
# DuckDB memory for the quality checks; beyond it DuckDB spills to disk.
CHECKS_MEMORY_LIMIT = "1GB"
# A table with no rows still gets one empty file, so its view and readers see the schema.
EMPTY_FILE = "part-empty.parquet"
PARQUET_OPTIONS = dict(compression="zstd", compression_level=3, use_dictionary=True, write_statistics=True)


class WarehouseBusy(RuntimeError):
    """Another run holds the warehouse lock."""


class QualityCheckFailed(RuntimeError):
    """The new snapshot failed a quality check; the previous snapshot stays published."""

    def __init__(self, report: str):
        super().__init__(report)
        self.report = report


def failpoint(name: str) -> None:
    """Crash-test hook: SIGKILL this process at the named point when KHAOSAN_FAILPOINT names it.
    The crash tests use it to hit moments too short to reach with a random timer."""
    if os.environ.get("KHAOSAN_FAILPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def read_sql(name: str) -> str:
    """The text of ``sql/<name>.sql``."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def sql_string_literal(value: str) -> str:
    """A SQL string literal for a path we own. DDL such as CREATE VIEW cannot take
    parameters, so this is the one place a value is quoted into SQL: quotes are doubled,
    and control characters are refused outright."""
    if any(ord(ch) < 32 for ch in value):
        raise ValueError(f"refusing a path with control characters: {value!r}")
    return "'" + value.replace("'", "''") + "'"


def year_of(dates: pa.Array | pa.ChunkedArray) -> pa.Array:
    """Partition key of documents: published year as a string, 'unknown' when there is no date."""
    years = pc.cast(pc.year(dates), pa.string())
    return pc.fill_null(years, UNKNOWN_YEAR)


@dataclass
class Warehouse:
    root: Path

    def __post_init__(self) -> None:
        self.root = Path(self.root).absolute()

    @property
    def parquet_dir(self) -> Path:
        return self.root / "parquet"

    @property
    def snapshots_dir(self) -> Path:
        return self.root / "snapshots"

    @property
    def staging_dir(self) -> Path:
        return self.root / "staging"

    @property
    def db_path(self) -> Path:
        return self.root / "khaosan.duckdb"

    def current_snapshot(self) -> Path | None:
        if not self.parquet_dir.is_symlink():
            return None
        target = self.parquet_dir.resolve()
        return target if target.is_dir() else None

    def snapshot_seq(self) -> int:
        current = self.current_snapshot()
        return int(current.name) if current else 0

    def table_files(self, table: str, snapshot: Path | None = None) -> list[Path]:
        base = snapshot or self.current_snapshot()
        if base is None or not (base / table).is_dir():
            return []
        return sorted((base / table).rglob("*.parquet"))

    def read_table(self, table: str, columns: list[str] | None = None, snapshot: Path | None = None) -> pa.Table:
        """A table of the published snapshot (or ``snapshot``) as Arrow, in the declared schema."""
        schema = schemas.ALL_TABLES[table]
        files = self.table_files(table, snapshot)
        if not files:
            empty = schema.empty_table()
            return empty.select(columns) if columns else empty
        dataset = ds.dataset([str(f) for f in files], schema=schema, format="parquet")
        return dataset.to_table(columns=columns)

    @contextlib.contextmanager
    def lock(self, wait: bool = False) -> Iterator[None]:
        """Exclusive lock for writers: a second run waits (``wait``) or fails with WarehouseBusy."""
        self.root.mkdir(parents=True, exist_ok=True)
        fh = open(self.root / ".khaosan.lock", "a+")  # noqa: SIM115 - held for the whole run
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError as exc:
                if exc.errno in (errno.EAGAIN, errno.EACCES):
                    raise WarehouseBusy(
                        f"another khaosan run is writing to {self.root}; try again when it ends (or pass --wait)"
                    ) from None
                raise
            yield
        finally:
            fh.close()

    def remove_leftovers(self) -> list[Path]:
        """Delete what a killed run left behind: staging data and unpublished snapshots."""
        removed: list[Path] = []
        current = self.current_snapshot()
        if self.staging_dir.exists():
            if any(self.staging_dir.iterdir()):  # every run leaves the empty directory
                removed.append(self.staging_dir)
            shutil.rmtree(self.staging_dir, ignore_errors=True)
        if self.snapshots_dir.exists():
            for path in self.snapshots_dir.iterdir():
                unpublished = path.name.isdigit() and (current is None or int(path.name) > int(current.name))
                if path.name.startswith(".") or unpublished:
                    removed.append(path)
                    shutil.rmtree(path, ignore_errors=True)
        for tmp in self.root.glob(".*.tmp*"):
            removed.append(tmp)
            tmp.unlink(missing_ok=True)
        return removed


class _PartitionWriter:
    """Buffers rows of one (table, partition) and writes row groups of up to ROW_GROUP_ROWS
    rows or ROW_GROUP_BYTES bytes."""

    def __init__(self, path: Path, schema: pa.Schema):
        self.path, self.schema = path, schema
        self.buffer: list[pa.Table] = []
        self.buffered = 0
        self.buffered_bytes = 0
        self.writer: pq.ParquetWriter | None = None
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        self.buffer.append(table)
        self.buffered += table.num_rows
        self.buffered_bytes += table.nbytes
        if self.buffered >= ROW_GROUP_ROWS or self.buffered_bytes >= ROW_GROUP_BYTES:
            self._flush()

    def _flush(self) -> None:
        if not self.buffer:
            return
        if self.writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.path, self.schema, **PARQUET_OPTIONS)
        self.writer.write_table(pa.concat_tables(self.buffer), row_group_size=ROW_GROUP_ROWS)
        self.rows += self.buffered
        self.buffer, self.buffered, self.buffered_bytes = [], 0, 0

    def close(self, write_empty: bool = False) -> bool:
        """Finish the file; returns whether a file was written."""
        self._flush()
        if self.writer is None and write_empty:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.writer = pq.ParquetWriter(self.path, self.schema, **PARQUET_OPTIONS)
        if self.writer is None:
            return False
        self.writer.close()
        _fsync(self.path)
        return True


def _fsync(path: Path) -> None:
    """Flush a file, or a directory's entries, to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _partition_of(path: Path) -> str | None:
    m = re.fullmatch(rf"{PARTITION}=(.+)", path.parent.name)
    return m.group(1) if m else None


@dataclass
class SnapshotChanges:
    """What a run changes. ``additions`` are staged Parquet files of document tables, each
    with a ``year`` column; ``removed`` maps removed doc_ids to the partition they live in;
    ``log_tables`` replace the whole unpartitioned tables."""

    additions: dict[str, list[Path]] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)
    log_tables: dict[str, pa.Table] = field(default_factory=dict)


def build_snapshot(wh: Warehouse, changes: SnapshotChanges, run_id: str) -> tuple[Path, dict[str, int]]:
    """Write the next snapshot into a hidden directory; returns it and rows added per table."""
    seq = wh.snapshot_seq() + 1
    current = wh.current_snapshot()
    target = wh.snapshots_dir / f".building-{seq:06d}-{run_id[:8]}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    added: dict[str, int] = {}
    removed_ids = pa.array(sorted(changes.removed), pa.string())
    touched_years = set(changes.removed.values())
    for table, schema in schemas.DOCUMENT_TABLES.items():
        for src in wh.table_files(table, current):
            if src.name == EMPTY_FILE:
                continue
            dst = target / src.relative_to(current)
            if changes.removed and _partition_of(src) in touched_years:
                _rewrite_without(src, dst, removed_ids, schema)
            else:
                _link_or_copy(src, dst)
        added[table] = _write_additions(target / table, schema, changes.additions.get(table, []), seq)
        failpoint(f"building-{table}")
        _compact(target / table, schema, seq)
        if not any((target / table).rglob("*.parquet")):
            _PartitionWriter(target / table / f"{PARTITION}={UNKNOWN_YEAR}" / EMPTY_FILE, schema).close(write_empty=True)
    for table, schema in schemas.LOG_TABLES.items():
        data = changes.log_tables.get(table)
        if data is None:
            for src in wh.table_files(table, current):
                _link_or_copy(src, target / src.relative_to(current))
            if not wh.table_files(table, current):
                _PartitionWriter(target / table / f"part-{seq:06d}.parquet", schema).close(write_empty=True)
            continue
        writer = _PartitionWriter(target / table / f"part-{seq:06d}.parquet", schema)
        writer.write(schemas.conform(data, table))
        writer.close(write_empty=True)
    return target, added


def _rewrite_without(src: Path, dst: Path, removed_ids: pa.Array, schema: pa.Schema) -> None:
    pf = pq.ParquetFile(src)
    ids = pf.read(columns=["doc_id"]).column("doc_id")
    if not pc.any(pc.is_in(ids, value_set=removed_ids)).as_py():
        _link_or_copy(src, dst)
        return
    writer = _PartitionWriter(dst, schema)
    for batch in pf.iter_batches(batch_size=256_000):
        t = pa.Table.from_batches([batch]).cast(schema)
        writer.write(t.filter(pc.invert(pc.is_in(t.column("doc_id"), value_set=removed_ids))))
    writer.close()


def _write_additions(table_dir: Path, schema: pa.Schema, staged: list[Path], seq: int) -> int:
    writers: dict[str, _PartitionWriter] = {}
    rows = 0
    for path in staged:
        data = pq.read_table(path)
        for year in pc.unique(data.column(PARTITION)).to_pylist():
            part = data.filter(pc.equal(data.column(PARTITION), year)).drop_columns([PARTITION])
            if year not in writers:
                writers[year] = _PartitionWriter(table_dir / f"{PARTITION}={year}" / f"part-{seq:06d}-0.parquet", schema)
            writers[year].write(schemas.conform(part, table_dir.name))
            rows += part.num_rows
    for writer in writers.values():
        writer.close()
    return rows


def _compact(table_dir: Path, schema: pa.Schema, seq: int) -> None:
    """Merge a partition's small files once there are more than MAX_SMALL_FILES of them."""
    if not table_dir.is_dir():
        return
    for part_dir in (p for p in table_dir.iterdir() if p.is_dir()):
        small = sorted(p for p in part_dir.glob("*.parquet") if p.stat().st_size < SMALL_FILE_BYTES)
        if len(small) <= MAX_SMALL_FILES:
            continue
        writer = _PartitionWriter(part_dir / f"part-{seq:06d}-c.parquet", schema)
        for path in small:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=256_000):
                writer.write(pa.Table.from_batches([batch]).cast(schema))
        writer.close(write_empty=True)
        for path in small:
            path.unlink()


def publish_snapshot(wh: Warehouse, building: Path) -> Path:
    """Make ``building`` the published snapshot: rename it into place, then swap the symlink."""
    final = wh.snapshots_dir / building.name.split("-")[1]
    failpoint("before-rename")
    os.rename(building, final)
    tmp_link = wh.root / f".parquet.tmp-{final.name}"
    tmp_link.unlink(missing_ok=True)
    os.symlink(Path("snapshots") / final.name, tmp_link)
    failpoint("before-swap")
    os.replace(tmp_link, wh.parquet_dir)  # the commit point
    _fsync(wh.root)
    failpoint("after-swap")
    return final


def prune_snapshots(wh: Warehouse, keep: int = KEEP_SNAPSHOTS) -> None:
    """Delete all but the newest ``keep`` published snapshots."""
    if not wh.snapshots_dir.exists():
        return
    published = sorted(p for p in wh.snapshots_dir.iterdir() if p.is_dir() and p.name.isdigit())
    current = wh.current_snapshot()
    for old in published[:-keep]:
        if current is None or old != current:
            shutil.rmtree(old, ignore_errors=True)


def split_statements(text: str) -> list[str]:
    """The statements of a SQL file: comment lines dropped, split on semicolons."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in code.split(";") if s.strip()]


def view_statements(parquet_root: Path) -> list[str]:
    """The catalog: ``sql/views.sql`` (views over the Parquet tables under ``parquet_root``),
    then every ``sql/macros/*.sql`` and ``sql/marts/*.sql`` in name order."""
    text = read_sql("views").replace("{parquet_root}", sql_string_literal(str(parquet_root))[1:-1])
    statements = split_statements(text)
    for folder in ("macros", "marts"):
        for path in sorted((SQL_DIR / folder).glob("*.sql")):
            statements.extend(split_statements(path.read_text(encoding="utf-8")))
    return statements


def connect_views(parquet_root: Path, database: str = ":memory:", config: dict[str, str] | None = None) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(database, config=config or {})
    for stmt in view_statements(parquet_root):
        con.execute(stmt)
    return con


def run_quality_checks(snapshot: Path, added_only: bool = False) -> tuple[int, list[str]]:
    """Run every ``sql/checks/*.sql`` against ``snapshot``: each query returns offending rows.
    Returns (checks passed, failure messages).

    ``added_only`` checks only the files this snapshot adds (``part-<seq>-…``): older files
    passed when they were added, and a rerun must not cost a scan of the whole corpus."""
    target = _added_files_view(snapshot) if added_only else snapshot
    spill = snapshot.parent / f".spill-{snapshot.name.lstrip('.')}"
    # DuckDB would otherwise take up to 80% of RAM for the key checks of a whole-corpus run
    # (3.4 GB measured); with a limit it spills to disk in the same time.
    con = connect_views(target, config={"memory_limit": CHECKS_MEMORY_LIMIT, "temp_directory": str(spill)})
    passed, failures = 0, []
    try:
        for path in sorted((SQL_DIR / "checks").glob("*.sql")):
            rows = con.execute(path.read_text(encoding="utf-8")).fetchall()
            if rows:
                sample = "; ".join(str(r) for r in rows[:5])
                failures.append(f"{path.stem}: {len(rows)} offending row(s), e.g. {sample}")
            else:
                passed += 1
    finally:
        con.close()
        shutil.rmtree(spill, ignore_errors=True)
        if target != snapshot:
            shutil.rmtree(target, ignore_errors=True)
    return passed, failures


def _added_files_view(building: Path) -> Path:
    """A directory of hard links to the files ``building`` adds, laid out like a snapshot."""
    seq = building.name.split("-")[1]
    view = building.parent / f".checks-{building.name.lstrip('.')}"
    shutil.rmtree(view, ignore_errors=True)
    for table, schema in schemas.ALL_TABLES.items():
        added = [p for p in (building / table).rglob(f"part-{seq}*.parquet")] if (building / table).is_dir() else []
        for src in added:
            _link_or_copy(src, view / src.relative_to(building))
        if not added:
            empty = view / table / (f"{PARTITION}={UNKNOWN_YEAR}" if table in schemas.DOCUMENT_TABLES else "") / EMPTY_FILE
            _PartitionWriter(empty, schema).close(write_empty=True)
    return view


def write_catalog(wh: Warehouse) -> None:
    """Rebuild DIR/khaosan.duckdb (views, macros, comments) in a temporary file and swap it in,
    so readers holding the old file open are never blocked and never see a half-built one."""
    tmp = wh.root / f".khaosan.duckdb.tmp-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    try:
        for stmt in view_statements(wh.parquet_dir):
            con.execute(stmt)
        for stmt in _comment_statements():
            con.execute(stmt)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    Path(f"{tmp}.wal").unlink(missing_ok=True)
    failpoint("before-catalog")
    os.replace(tmp, wh.db_path)


PARTITION_DOC = "Partition key: published year of the document as text (2021, ...), or unknown when the document has no published date."


def _comment_statements() -> Iterable[str]:
    """COMMENT ON every view and column, from the descriptions in transforms/schemas.py
    (identifiers come from that declared list, never from input)."""
    for table, schema in schemas.ALL_TABLES.items():
        doc = (schema.metadata or {}).get(b"description", b"").decode()
        yield f"COMMENT ON VIEW {table} IS {sql_string_literal(doc)}"
        for f in schema:
            text = (f.metadata or {}).get(b"description", b"").decode()
            yield f"COMMENT ON COLUMN {table}.{f.name} IS {sql_string_literal(text)}"
        if table in schemas.DOCUMENT_TABLES:
            yield f"COMMENT ON COLUMN {table}.{PARTITION} IS {sql_string_literal(PARTITION_DOC)}"


def replace_log_table(building: Path, table: str, data: pa.Table) -> None:
    """Replace an unpartitioned table of a snapshot being built with ``data``."""
    table_dir = building / table
    shutil.rmtree(table_dir, ignore_errors=True)
    seq = building.name.split("-")[1]
    writer = _PartitionWriter(table_dir / f"part-{seq}.parquet", schemas.ALL_TABLES[table])
    writer.write(schemas.conform(data, table))
    writer.close(write_empty=True)


def commit_snapshot(wh: Warehouse, building: Path) -> Path:
    """Publish ``building``, refresh the DuckDB catalog and drop snapshots no longer needed."""
    final = publish_snapshot(wh, building)
    write_catalog(wh)
    prune_snapshots(wh)
    return final
