"""The ``khaosan`` command line: run, backfill, sql, search, report, serve."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import flows  # noqa: F401  (environment defaults before Prefect is imported)

DEFAULT_WAREHOUSE = "warehouse"
DEFAULT_SOURCE = str(Path(__file__).resolve().parent.parent / "seeds" / "documents")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    return args.func(args)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="khaosan", description="ETL of Thai government press releases into a DuckDB + Parquet warehouse.")
    sub = p.add_subparsers(dest="command")

    run = sub.add_parser("run", help="ingest and transform new or changed files into the warehouse")
    _run_options(run)
    run.add_argument("--source", default=DEFAULT_SOURCE, help="directory searched recursively for *.txt, or a glob (default: the bundled samples)")
    run.set_defaults(func=_cmd_run, reprocess=False)

    backfill = sub.add_parser("backfill", help="re-run clean/segment/extract on every stored document from its raw text")
    _run_options(backfill)
    backfill.set_defaults(func=_cmd_run, reprocess=True, source=None)

    sql = sub.add_parser("sql", help="run a read-only SQL query against the warehouse and print the result")
    sql.add_argument("query")
    sql.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    sql.add_argument("--max-rows", type=_positive_int, default=200)
    sql.set_defaults(func=_cmd_sql)

    search = sub.add_parser("search", help="rank releases for a Thai (or English) query with BM25 over the tokens")
    search.add_argument("query")
    search.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    search.add_argument("--limit", type=_positive_int, default=10)
    search.set_defaults(func=_cmd_search)

    report = sub.add_parser("report", help="write a self-contained HTML report with charts")
    report.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    report.add_argument("--out", default="report.html")
    report.set_defaults(func=_cmd_report)

    serve = sub.add_parser("serve", help="serve the ETL as a scheduled deployment (needs a Prefect server: PREFECT_API_URL)")
    serve.add_argument("--cron", default="0 6 * * *", help="cron schedule, Asia/Bangkok time (default: daily 06:00)")
    serve.add_argument("--source", default=DEFAULT_SOURCE)
    serve.add_argument("--warehouse", default=DEFAULT_WAREHOUSE)
    serve.add_argument("--name", default="khaosan-scheduled")
    serve.set_defaults(func=_cmd_serve)
    return p


def _run_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help="warehouse directory (default: ./warehouse)")
    p.add_argument("--batch-size", type=_positive_int, default=None, help="documents per transform task")
    p.add_argument("--workers", type=_non_negative_int, default=0, help="transform processes (default: one per core)")
    p.add_argument("--wait", action="store_true", help="wait for a running run to finish instead of failing")
    p.add_argument("--follow-symlinks", action="store_true", help="follow symlinks that lead outside the source directory")
    p.add_argument("--dask-address", default=None, help="run transform batches on a Dask cluster: tcp://host:8786, or 'local' for a LocalCluster")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _cmd_run(args: argparse.Namespace) -> int:
    import time

    from flows.etl import DEFAULT_BATCH_DOCS, etl
    from transforms.load import QualityCheckFailed, WarehouseBusy

    flow = etl
    in_process = False
    if args.dask_address:
        from flows.dask_runner import dask_task_runner

        flow = etl.with_options(task_runner=dask_task_runner(args.dask_address, args.workers))
        in_process = True
    source = args.source or ""  # backfill reads no files, only stored raw texts
    if source:
        from transforms.ingest import check_source

        try:
            check_source(source)  # before Prefect starts, so a typo costs no server start-up or traceback
        except FileNotFoundError as exc:
            print(f"khaosan: {exc}", file=sys.stderr)
            return 2
    try:
        Path(args.warehouse).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"khaosan: cannot use {args.warehouse} as the warehouse: {exc.strerror or exc}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    try:
        result = flow(
            source=source, warehouse=args.warehouse, batch_size=args.batch_size or DEFAULT_BATCH_DOCS,
            workers=args.workers, reprocess=args.reprocess, wait=args.wait,
            follow_symlinks=args.follow_symlinks, in_process=in_process,
        )
    except WarehouseBusy as exc:
        print(f"khaosan: {exc}", file=sys.stderr)
        return 3
    except QualityCheckFailed as exc:
        print(f"khaosan: {exc.report}", file=sys.stderr)
        return 4
    _print_summary(result, time.perf_counter() - t0, args.warehouse)
    return 0


def _print_summary(result: dict, seconds: float, warehouse: str) -> None:
    rows = json.loads(result["rows_written"])
    print(f"khaosan run {result['run_id']} completed in {seconds:.1f} s -> {Path(warehouse).absolute()}")
    print(
        f"  documents: {result['files_seen']} files in, {result['docs_new']} new, {result['docs_changed']} changed, "
        f"{result['docs_unchanged']} unchanged, {result['docs_quarantined']} quarantined, {result['docs_reprocessed']} reprocessed"
    )
    print("  rows added: " + ", ".join(f"{k} {v:,}" for k, v in rows.items()))
    print(f"  checks: {result['checks_passed']} passed, {result['checks_failed']} failed")
    stages = json.loads(result["stage_seconds"])
    print("  seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in stages.items()))


def _cmd_sql(args: argparse.Namespace) -> int:
    import duckdb

    db = Path(args.warehouse) / "khaosan.duckdb"
    if not db.exists():
        print(f"khaosan: no warehouse at {Path(args.warehouse).absolute()} (run `khaosan run` first)", file=sys.stderr)
        return 2
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        print(f"khaosan: cannot open {db}: {exc}", file=sys.stderr)
        return 1
    try:
        rel = con.sql(args.query)
        if rel is None:
            return 0
        rel.limit(args.max_rows).show(max_width=200, max_rows=args.max_rows)
    except duckdb.Error as exc:
        print(f"khaosan: {exc}", file=sys.stderr)
        return 1
    finally:
        con.close()
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    import duckdb

    from flows.search import print_search

    try:
        return print_search(Path(args.warehouse), args.query, args.limit)
    except duckdb.Error as exc:
        print(f"khaosan: {exc}", file=sys.stderr)
        return 1


def _cmd_report(args: argparse.Namespace) -> int:
    import duckdb

    from flows.report import write_report

    try:
        out = write_report(Path(args.warehouse), Path(args.out))
    except FileNotFoundError as exc:
        print(f"khaosan: {exc}", file=sys.stderr)
        return 2
    except (duckdb.Error, OSError) as exc:
        print(f"khaosan: {exc}", file=sys.stderr)
        return 1
    print(f"report written to {out}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from prefect.schedules import Cron

    from flows.etl import etl

    etl.serve(
        name=args.name,
        schedules=[Cron(args.cron, timezone="Asia/Bangkok")],
        parameters={"source": str(Path(args.source).absolute()), "warehouse": str(Path(args.warehouse).absolute()), "wait": True},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
