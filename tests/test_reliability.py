"""Unattended operation: crashes, concurrent runs, readers during a run, reprocessing, failed checks.

Runs go through the real ``khaosan`` command in subprocesses against one local Prefect server
(bound to 127.0.0.1, stopped at the end), so a SIGKILL hits a real flow run.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from tests.conftest import BAD_INPUTS, GOLD, REPO, SEED_DOCUMENTS, needs_shared
from tests.conftest import warehouse_state as state
from transforms import load, schemas

pytestmark = pytest.mark.slow
KHAOSAN = [sys.executable, "-m", "flows.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def prefect_api(tmp_path_factory) -> Iterator[str]:
    """A real Prefect server on 127.0.0.1 for this module, stopped afterwards."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_SERVER_LOGGING_LEVEL": "WARNING"}
    log = open(home / "server.log", "w")  # noqa: SIM115 - closed at teardown
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 180
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("Prefect server did not start:\n" + (home / "server.log").read_text()[-3000:])
        time.sleep(0.5)
    try:
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


def _env(api: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "PREFECT_API_URL": api, "PYTHONPATH": str(REPO), **extra}


def khaosan(api: str, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([*KHAOSAN, *args], cwd=REPO, env=_env(api, **env), capture_output=True, text=True, timeout=600, check=False)
    if check and proc.returncode != 0:
        pytest.fail(f"khaosan {' '.join(args)} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def assert_readable(warehouse: Path) -> None:
    con = duckdb.connect(str(warehouse / "khaosan.duckdb"), read_only=True)
    try:
        for name in schemas.ALL_TABLES:
            con.execute(f"SELECT count(*) FROM {name}").fetchone()  # names from our own schema list
    finally:
        con.close()
    for name in schemas.DOCUMENT_TABLES:
        ds.dataset(warehouse / "parquet" / name, format="parquet", partitioning="hive").to_table()


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> tuple[Path, Path]:
    """(base source: the 5 samples; bigger source: the samples plus 15 more real releases)."""
    root = tmp_path_factory.mktemp("src")
    base, bigger = root / "base", root / "bigger"
    shutil.copytree(SEED_DOCUMENTS, base)
    shutil.copytree(SEED_DOCUMENTS, bigger)
    extra = sorted((GOLD / "dev" / "src").glob("tg*.txt")) if GOLD.is_dir() else []
    for path in extra:
        shutil.copy2(path, bigger / path.name)
    # Same paths and mtimes for the shared files, so both sources describe the same files.
    for path in base.iterdir():
        shutil.copystat(path, bigger / path.name)
    return base, bigger


@needs_shared
def test_sigkill_at_random_moments_never_breaks_the_warehouse(prefect_api, sources, tmp_path):
    base_src, big_src = sources
    base = tmp_path / "base"
    khaosan(prefect_api, "run", "--source", str(base_src), "--warehouse", str(base))
    before = state(base)
    # The state after a clean run of the bigger source over the base warehouse: same source
    # paths in every trial, so rows compare equal.
    source = tmp_path / "src"
    shutil.copytree(big_src, source)
    clean = tmp_path / "clean"
    shutil.copytree(base, clean, symlinks=True)
    t0 = time.monotonic()
    khaosan(prefect_api, "run", "--source", str(source), "--warehouse", str(clean))
    duration = time.monotonic() - t0
    after = state(clean)
    assert after != before

    rng = random.Random(20261123)
    # Ten trials: kills at random moments, and at failpoints for moments too short for a timer.
    trials: list[tuple[str, float | str]] = [("timer", rng.uniform(0.5, duration)) for _ in range(4)]
    trials += [("failpoint", name) for name in ("after-ingest", "mid-transform", "building-tokens", "before-rename", "before-swap", "before-catalog")]
    outcomes = []
    for kind, when in trials:
        wh = tmp_path / f"trial-{len(outcomes)}"
        shutil.copytree(base, wh, symlinks=True)
        args = [*KHAOSAN, "run", "--source", str(source), "--warehouse", str(wh)]
        env = _env(prefect_api, **({"KHAOSAN_FAILPOINT": when} if kind == "failpoint" else {}))
        proc = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if kind == "timer":
            try:
                proc.wait(timeout=when)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=600)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the pool's worker processes too
        assert_readable(wh)
        now = state(wh)
        assert now in (before, after), f"trial {kind} {when}: warehouse is neither the old nor the new state"
        outcomes.append((kind, when, "old" if now == before else "new"))
        khaosan(prefect_api, "run", "--source", str(source), "--warehouse", str(wh))
        assert state(wh) == after, f"trial {kind} {when}: the next run did not complete the work"
    print(outcomes)
    assert {o[2] for o in outcomes} == {"old", "new"}  # kills landed on both sides of the commit point


def test_a_second_run_is_refused_while_one_holds_the_lock(prefect_api, sources, tmp_path):
    base_src, _ = sources
    wh = load.Warehouse(tmp_path / "wh")
    with wh.lock():
        proc = khaosan(prefect_api, "run", "--source", str(base_src), "--warehouse", str(wh.root), check=False)
    assert proc.returncode == 3
    assert "another khaosan run is writing" in proc.stderr
    assert wh.current_snapshot() is None  # nothing was written

    def release_later(held: threading.Event, done: threading.Event) -> None:
        with wh.lock():
            held.set()
            done.wait(3)

    held, done = threading.Event(), threading.Event()
    holder = threading.Thread(target=release_later, args=(held, done))
    holder.start()
    held.wait(10)
    waited = khaosan(prefect_api, "run", "--wait", "--source", str(base_src), "--warehouse", str(wh.root))
    done.set()
    holder.join()
    assert "5 new" in waited.stdout


@needs_shared
def test_readers_are_not_blocked_while_a_run_loads(prefect_api, sources, tmp_path):
    base_src, big_src = sources
    warehouse = tmp_path / "wh"
    khaosan(prefect_api, "run", "--source", str(base_src), "--warehouse", str(warehouse))
    proc = subprocess.Popen([*KHAOSAN, "run", "--source", str(big_src), "--warehouse", str(warehouse)], cwd=REPO,
                            env=_env(prefect_api), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    counts, reads = set(), 0
    while proc.poll() is None:
        con = duckdb.connect(str(warehouse / "khaosan.duckdb"), read_only=True)
        counts.add(con.execute("SELECT count(*) FROM documents").fetchone()[0])
        con.close()
        table = ds.dataset(warehouse / "parquet" / "documents", format="parquet", partitioning="hive").to_table(columns=["doc_id"])
        counts.add(table.num_rows)
        reads += 1
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert reads >= 3
    assert counts <= {5, 20}  # every read saw the old or the new snapshot, never a mix


def test_sql_command_is_read_only(prefect_api, sources, tmp_path):
    base_src, _ = sources
    khaosan(prefect_api, "run", "--source", str(base_src), "--warehouse", str(tmp_path / "wh"))
    ok = khaosan(prefect_api, "sql", "select count(*) as n from documents", "--warehouse", str(tmp_path / "wh"))
    assert "5" in ok.stdout
    refused = khaosan(prefect_api, "sql", "create table x as select 1", "--warehouse", str(tmp_path / "wh"), check=False)
    assert refused.returncode == 1 and "read-only" in refused.stderr.lower()


def test_served_deployment_runs_when_triggered_through_the_api(prefect_api, sources, tmp_path):
    base_src, _ = sources
    warehouse = tmp_path / "served"
    serve = subprocess.Popen(
        [*KHAOSAN, "serve", "--cron", "0 6 * * *", "--name", "khaosan-test", "--source", str(base_src), "--warehouse", str(warehouse)],
        cwd=REPO, env=_env(prefect_api), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    trigger = (
        "import sys\n"
        "from prefect.deployments import run_deployment\n"
        "run = run_deployment('khaosan-etl/khaosan-test', timeout=300)\n"
        "print(run.state.type.value)\n"
        "sys.exit(0 if run.state.is_completed() else 1)\n"
    )
    try:
        deadline = time.monotonic() + 120
        while True:  # the deployment exists once serve has registered it
            probe = subprocess.run([sys.executable, "-m", "prefect", "deployment", "inspect", "khaosan-etl/khaosan-test"],
                                   env=_env(prefect_api), capture_output=True, text=True, timeout=60, check=False)
            if probe.returncode == 0:
                break
            assert time.monotonic() < deadline and serve.poll() is None, "khaosan serve did not register its deployment"
            time.sleep(2)
        assert "Asia/Bangkok" in probe.stdout and "0 6 * * *" in probe.stdout
        run = subprocess.run([sys.executable, "-c", trigger], env=_env(prefect_api), capture_output=True, text=True, timeout=400, check=False)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "COMPLETED" in run.stdout
    finally:
        os.killpg(serve.pid, signal.SIGINT)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
    con = duckdb.connect(str(warehouse / "khaosan.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (5,)
    con.close()


@needs_shared
def test_a_30_mb_file_is_ingested_with_bounded_memory(prefect_api, tmp_path):
    import hashlib
    import resource

    source = tmp_path / "big"
    gen = subprocess.run([sys.executable, str(BAD_INPUTS / "gen_big_30mb.py"), str(source)], capture_output=True, text=True, check=True)
    expected_sha = gen.stdout.split("\t")[2]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    khaosan(prefect_api, "run", "--source", str(source), "--warehouse", str(tmp_path / "wh"))
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    wh = load.Warehouse(tmp_path / "wh")
    raw = wh.read_table("raw_documents").to_pylist()
    assert len(raw) == 1 and hashlib.sha256(raw[0]["text"].encode()).hexdigest() == expected_sha
    assert wh.read_table("tokens").num_rows > 100_000
    # The largest child so far is this run (or an earlier, smaller one): 30 MB of text must
    # not cost more than a couple of GB.
    assert max(peak_kib, before) < 2_500_000, f"peak RSS {peak_kib / 1e6:.1f} GB"
