#!/usr/bin/env python
"""Which way to use both cores: a process pool inside the transform task (khaosan's default),
Prefect's ProcessPoolTaskRunner, or a Dask LocalCluster through prefect-dask.

    python benchmarks/task_runners.py [--n 3000] [--seed 42] [--repeat 3] [--workers 2]
                                      [--corpus-dir DIR | --archive FILE]

Samples ``--n`` releases as ``bench.py`` does and writes them to a scratch source directory.
Then, ``--repeat`` times, runs the khaosan flow once with each runner, in turn, each in a fresh
subprocess into a fresh warehouse, and prints the wall seconds, the flow's transform-stage
seconds and the peak RSS of the process tree, then the medians. Set PREFECT_API_URL to a
running server so that Prefect's ephemeral start-up is not part of every figure.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.bench import DEFAULT_ARCHIVE, sample_documents  # noqa: E402
from benchmarks.full_run import run_measured  # noqa: E402

RUNNERS = ("pool-in-task", "prefect-process-pool", "dask-local")


def _run_one(runner: str, source: str, warehouse: str, workers: int) -> None:
    """In the subprocess: one flow run with ``runner``; prints its stage seconds as JSON."""
    import flows  # noqa: F401  (environment defaults before Prefect is imported)
    from flows.etl import etl

    flow, in_process = etl, False
    if runner == "prefect-process-pool":
        from prefect.task_runners import ProcessPoolTaskRunner

        flow, in_process = etl.with_options(task_runner=ProcessPoolTaskRunner(max_workers=workers)), True
    elif runner == "dask-local":
        from flows.dask_runner import dask_task_runner

        flow, in_process = etl.with_options(task_runner=dask_task_runner("local", workers)), True
    result = flow(source=source, warehouse=warehouse, workers=workers, in_process=in_process)
    print("RESULT " + json.dumps({"stage_seconds": json.loads(result["stage_seconds"]), "docs_new": result["docs_new"]}))


def measure(runner: str, source: Path, warehouse: Path, workers: int) -> dict:
    shutil.rmtree(warehouse, ignore_errors=True)
    m = run_measured([sys.executable, __file__, "_run", runner, str(source), str(warehouse), str(workers)])
    result = [line for line in m.lines if line.startswith("RESULT ")]
    if m.returncode != 0 or not result:
        print("\n".join(m.lines[-100:]), file=sys.stderr)
        raise SystemExit(f"{runner}: exit {m.returncode}")
    figures = json.loads(result[0].removeprefix("RESULT "))
    return {"wall_s": m.seconds, "transform_s": figures["stage_seconds"]["transform"], "peak_rss_gb": m.peak_rss / 1e9, "docs": figures["docs_new"]}


def main(argv: list[str]) -> int:
    if argv[:1] == ["_run"]:
        _run_one(argv[1], argv[2], argv[3], int(argv[4]))
        return 0
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=3000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--corpus-dir", type=Path)
    p.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    p.add_argument("--runners", nargs="+", choices=RUNNERS, default=list(RUNNERS))
    args = p.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="khaosan-runners-") as tmp:
        source = Path(tmp) / "source"
        for key, data in sample_documents(args.n, args.seed, args.archive, args.corpus_dir):
            path = source / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        runs: dict[str, list[dict]] = {r: [] for r in args.runners}
        for i in range(args.repeat):
            for runner in args.runners:
                r = measure(runner, source, Path(tmp) / f"wh-{runner}", args.workers)
                runs[runner].append(r)
                print(f"run {i + 1} {runner:21s} wall {r['wall_s']:6.1f} s  transform {r['transform_s']:6.1f} s  "
                      f"({r['docs'] / r['transform_s']:.1f} docs/s)  peak RSS {r['peak_rss_gb']:.2f} GB", flush=True)
        print(f"\nmedians of {args.repeat} ({args.n} sampled releases, {args.workers} workers):")
        base = statistics.median(r["transform_s"] for r in runs[args.runners[0]])
        for runner, rs in runs.items():
            t = statistics.median(r["transform_s"] for r in rs)
            print(f"  {runner:21s} wall {statistics.median(r['wall_s'] for r in rs):6.1f} s  transform {t:6.1f} s  "
                  f"({rs[0]['docs'] / t:.1f} docs/s, {base / t:.2f}x of {args.runners[0]})  "
                  f"peak RSS {statistics.median(r['peak_rss_gb'] for r in rs):.2f} GB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
