"""Whole-corpus benchmark of the khaosan flow: full run, no-op rerun, 100 new releases.

    python benchmarks/full_run.py [--corpus-dir DIR] [--scratch DIR] [--holdout 100]

Unpacks ../shared/corpus/thaigov-v2.tar.xz into the scratch directory unless --corpus-dir
points at an unpacked copy (which is then copied, because the benchmark moves files). Each
case runs ``khaosan run`` as a subprocess and prints wall seconds and the peak resident
memory of the whole process tree (the flow and its worker processes, sampled every 0.2 s),
overall and per stage of the flow (told apart by the flow's log lines).
Set PREFECT_API_URL to a running server to leave Prefect's ephemeral start-up (5-20 s) out of
the incremental figures, as a scheduled deployment would.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARCHIVE = REPO.parent / "shared" / "corpus" / "thaigov-v2.tar.xz"


def tree_rss_bytes(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


# Log lines that open a stage of the flow, in order; memory samples are charged to the
# stage opened last, so the peak can be traced to the stage that causes it.
STAGE_MARKERS = [
    ("discover", "Beginning flow run"),
    ("ingest", "files found"),
    ("transform", "transforming "),
    ("publish: build", "building snapshot"),
    ("publish: checks", "running quality checks"),
    ("publish: commit", "publishing snapshot"),
]


def run_case(name: str, args: list[str]) -> dict:
    """Run one khaosan command, sampling the process tree's memory; returns its figures."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stage = "start"
    peaks: dict[str, int] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss = tree_rss_bytes(proc.pid)
            peaks[stage] = max(peaks.get(stage, 0), rss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    lines: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line.rstrip("\n"))
        for label, marker in STAGE_MARKERS:
            if marker in line and _after(stage, label):
                stage = label
    proc.wait()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - t0
    summary = [line for line in lines if line.startswith(("khaosan run", "  "))]
    if proc.returncode != 0:
        print("\n".join(lines[-100:]), file=sys.stderr)
        raise SystemExit(f"{name}: khaosan exited {proc.returncode}")
    figures = {
        "case": name,
        "seconds": round(seconds, 1),
        "peak_rss_gb": round(max(peaks.values(), default=0) / 1e9, 2),
        "peak_rss_gb_by_stage": {k: round(v / 1e9, 2) for k, v in peaks.items()},
    }
    print(json.dumps(figures), *summary, sep="\n", flush=True)
    return figures


def _after(current: str, label: str) -> bool:
    order = ["start", *(m[0] for m in STAGE_MARKERS)]
    return order.index(label) > order.index(current)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus-dir", type=Path, help="an unpacked corpus (its data/ folder or parent)")
    p.add_argument("--scratch", type=Path, default=Path(tempfile.gettempdir()) / "khaosan-full-bench")
    p.add_argument("--holdout", type=int, default=100, help="releases left out of the first run, added in the last")
    p.add_argument("--workers", type=int, default=0)
    args = p.parse_args()

    shutil.rmtree(args.scratch, ignore_errors=True)
    corpus = args.scratch / "corpus"
    t0 = time.perf_counter()
    if args.corpus_dir:
        shutil.copytree(args.corpus_dir, corpus)
    else:
        with tarfile.open(ARCHIVE) as tar:
            tar.extractall(corpus, filter="data")
    print(f"corpus ready in {time.perf_counter() - t0:.0f} s", flush=True)
    files = sorted(corpus.rglob("*.txt"))
    held = args.scratch / "held"
    held.mkdir()
    for i, path in enumerate(files[-args.holdout :]):
        shutil.move(path, held / f"{i:04d}-{path.name}")  # the newest releases arrive later
    warehouse = args.scratch / "warehouse"
    common = ["--source", str(corpus), "--warehouse", str(warehouse), "--workers", str(args.workers)]
    results = [run_case(f"full corpus ({len(files) - args.holdout} files)", ["run", *common])]
    results.append(run_case("rerun, nothing new", ["run", *common]))
    new_dir = corpus / "new"
    new_dir.mkdir()
    for path in held.iterdir():
        shutil.move(path, new_dir / path.name)
    results.append(run_case(f"{args.holdout} new releases", ["run", *common]))
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
