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
from dataclasses import dataclass
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
_STAGE_ORDER = ["start", *(label for label, _ in STAGE_MARKERS)]


@dataclass
class Measured:
    lines: list[str]
    returncode: int
    seconds: float
    peak_rss_by_stage: dict[str, int]

    @property
    def peak_rss(self) -> int:
        return max(self.peak_rss_by_stage.values(), default=0)


def run_measured(cmd: list[str]) -> Measured:
    """Run ``cmd`` (from the repository), sampling its process tree's memory every 0.2 s and
    charging each sample to the stage its output last announced (see STAGE_MARKERS)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
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
            if marker in line and _STAGE_ORDER.index(label) > _STAGE_ORDER.index(stage):
                stage = label
    proc.wait()
    done.set()
    sampler.join()
    return Measured(lines, proc.returncode, time.perf_counter() - t0, peaks)


def run_case(name: str, args: list[str]) -> dict:
    """Run one khaosan command; prints and returns its figures."""
    m = run_measured([sys.executable, "-m", "flows.cli", *args])
    if m.returncode != 0:
        print("\n".join(m.lines[-100:]), file=sys.stderr)
        raise SystemExit(f"{name}: khaosan exited {m.returncode}")
    figures = {
        "case": name,
        "seconds": round(m.seconds, 1),
        "peak_rss_gb": round(m.peak_rss / 1e9, 2),
        "peak_rss_gb_by_stage": {k: round(v / 1e9, 2) for k, v in m.peak_rss_by_stage.items()},
    }
    summary = [line for line in m.lines if line.startswith(("khaosan run", "  "))]
    print(json.dumps(figures), *summary, sep="\n", flush=True)
    return figures


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
