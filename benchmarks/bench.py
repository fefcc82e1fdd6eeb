#!/usr/bin/env python
"""Segment-stage benchmark: the hand-written PyThaiNLP pipeline against khaosan, side by side.

    python benchmarks/bench.py [--n 2000] [--seed 42] [--repeat 3] [--workers 2]
                               [--corpus-dir DIR | --archive FILE] [--pipelines ...] [--full]

Samples ``--n`` documents with a fixed ``--seed`` from the thaigov corpus (the archive
``../shared/corpus/thaigov-v2.tar.xz`` beside the repository, streamed with ``tarfile``, or an
unpacked copy given by ``--corpus-dir``; both give the same sample), decodes them as ingest
does and cleans them (``normalize_text`` + ``read_page(...).body``), so every pipeline gets the
same bodies. Then, ``--repeat`` times, it runs each pipeline in turn, each in a fresh
subprocess (so model loading, caches and peak RSS are per run):

``reference``   the hand-written pipeline: per document ``sent_tokenize(body, engine="crfcut")``,
                per sentence ``word_tokenize(sentence, engine="newmm")`` and
                ``pos_tag(words, corpus="orchid_ud")``; pandas DataFrames, ``to_parquet``,
                DuckDB tables. One process.
``khaosan``     ``transforms.segment.segment_documents`` on batches of 250 documents (the
                flow's batch size), each batch written to Parquet, then the DuckDB tables.
                One process.
``khaosan-mp``  the same with ``--workers`` processes (spawned, like the flow's pool): the
                batches are segmented and written in the workers, DuckDB loads in the parent.
``transform``   the whole khaosan transform of a batch (``transforms.stages.transform_batch``:
                clean, segment, extract), one process, timing only.

For each it prints documents/s, MB/s (UTF-8 bytes of the bodies), seconds per stage, peak RSS
and the ratio to the reference, then the medians over the repeats, and it checks that every
khaosan run produced exactly the reference's sentences and tokens (text, offsets, POS).
Documents/s is end to end (segment + Parquet + DuckDB); the segment stage alone is shown too.
Loading the models (PyThaiNLP's, or khaosan's tables built from the same files) happens before
the clock starts and is shown separately as "model load"; for ``khaosan-mp`` that includes
starting the worker processes.

``--full`` runs the whole-corpus flow afterwards (``khaosan run`` over an unpacked corpus
directory, unpacking the archive to a temporary directory if needed): see :func:`full_corpus_run`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_ARCHIVE = REPO.parent / "shared" / "corpus" / "thaigov-v2.tar.xz"
BATCH_DOCS = 250
PIPELINES = ("reference", "khaosan", "khaosan-mp", "transform")

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


# ---------------------------------------------------------------------------------------------
# Sample


def _member_key(name: str) -> str | None:
    """Corpus-relative key of a text file: ``data/YYYY/MM/DD/name.txt``."""
    name = name.lstrip("./")
    return name if name.startswith("data/") and name.endswith(".txt") else None


def sample_documents(n: int, seed: int, archive: Path, corpus_dir: Path | None) -> list[tuple[str, bytes]]:
    """``n`` (key, raw bytes) pairs drawn with ``random.Random(seed)`` from the sorted file keys."""
    if corpus_dir is not None:
        root = corpus_dir if (corpus_dir / "data").is_dir() else corpus_dir.parent
        paths = {k: p for p in root.joinpath("data").rglob("*.txt") if (k := _member_key(p.relative_to(root).as_posix()))}
        keys = random.Random(seed).sample(sorted(paths), min(n, len(paths)))
        return [(k, paths[k].read_bytes()) for k in keys]
    with tarfile.open(archive) as tf:
        names = sorted(k for m in tf if m.isfile() and (k := _member_key(m.name)))
    keys = random.Random(seed).sample(names, min(n, len(names)))
    wanted = set(keys)
    found: dict[str, bytes] = {}
    with tarfile.open(archive) as tf:
        for m in tf:
            k = _member_key(m.name) if m.isfile() else None
            if k in wanted:
                found[k] = tf.extractfile(m).read()
                if len(found) == len(wanted):
                    break
    return [(k, found[k]) for k in keys]


def prepare(args: argparse.Namespace, path: Path) -> dict:
    """Sample, decode and clean; write the documents to ``path`` (Parquet)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from transforms import clean, ingest

    t0 = time.perf_counter()
    raw = sample_documents(args.n, args.seed, args.archive, args.corpus_dir)
    t_sample = time.perf_counter() - t0
    rows: dict[str, tuple[str, str, str]] = {}
    rejected = 0
    for key, data in raw:
        decoded = ingest.decode_bytes(data)
        if not isinstance(decoded, ingest.Decoded):
            rejected += 1
            continue
        doc_id = ingest.doc_id_of(decoded.text)
        if doc_id not in rows:  # the same text under two names is one document
            rows[doc_id] = (key, decoded.text, clean.read_page(clean.normalize_text(decoded.text)).body)
    table = pa.table(
        {
            "doc_id": list(rows),
            "source_uri": [r[0] for r in rows.values()],
            "text": pa.array([r[1] for r in rows.values()], pa.large_string()),
            "body": pa.array([r[2] for r in rows.values()], pa.large_string()),
        }
    )
    pq.write_table(table, path)
    body_bytes = sum(len(r[2].encode("utf-8")) for r in rows.values())
    return {"sampled": len(raw), "rejected": rejected, "documents": table.num_rows, "body_mb": body_bytes / 1e6, "sample_s": t_sample}


# ---------------------------------------------------------------------------------------------
# Pipelines (each runs in its own subprocess: ``bench.py _run PIPELINE ...``)


def _peak_rss_mb() -> float:
    """Peak resident set size of this process (VmHWM; getrusage's maxrss also counts the
    parent's size at fork time, so it would report the driver's memory for every run)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load_docs(path: Path) -> list[tuple[str, str]]:
    import pyarrow.parquet as pq

    t = pq.read_table(path, columns=["doc_id", "body"])
    return list(zip(t.column("doc_id").to_pylist(), t.column("body").to_pylist(), strict=True))


def run_reference(docs: list[tuple[str, str]], out: Path) -> dict:
    """The hand-written pipeline."""
    import duckdb
    import pandas as pd

    from benchmarks import reference_pipeline

    t0 = time.perf_counter()
    reference_pipeline.warm_up()
    t_load = time.perf_counter() - t0

    t0 = time.perf_counter()
    sent_rows, tok_rows = reference_pipeline.segment_rows(docs)
    t_segment = time.perf_counter() - t0

    t0 = time.perf_counter()
    sentences = pd.DataFrame(sent_rows, columns=["doc_id", "sentence_no", "text", "char_start", "char_end"])
    tokens = pd.DataFrame(tok_rows, columns=["doc_id", "sentence_no", "token_no", "token", "pos", "char_start", "char_end"])
    sentences.to_parquet(out / "sentences.parquet", index=False)
    tokens.to_parquet(out / "tokens.parquet", index=False)
    t_write = time.perf_counter() - t0

    t0 = time.perf_counter()
    _duckdb_load(duckdb, out, "sentences.parquet", "tokens.parquet")
    t_load_db = time.perf_counter() - t0
    return {
        "load_models_s": t_load,
        "stages": {"segment": t_segment, "parquet": t_write, "duckdb": t_load_db},
        "sentences": len(sent_rows),
        "tokens": len(tok_rows),
    }


def _duckdb_load(duckdb, out: Path, sentences_glob: str, tokens_glob: str) -> None:
    con = duckdb.connect(str(out / "bench.duckdb"))
    try:
        con.execute(f"CREATE OR REPLACE TABLE sentences AS SELECT * FROM read_parquet('{out / sentences_glob}')")
        con.execute(f"CREATE OR REPLACE TABLE tokens AS SELECT * FROM read_parquet('{out / tokens_glob}')")
    finally:
        con.close()


def _warm_khaosan() -> float:
    import pyarrow as pa

    from transforms import segment

    t0 = time.perf_counter()
    segment.segment_documents(pa.table({"doc_id": ["warm-up"], "body": ["ทดสอบการตัดประโยค ครับ"]}))
    return time.perf_counter() - t0


def _segment_batch(job: tuple[int, list[tuple[str, str]], str]) -> tuple[float, float, int, int, float]:
    """Segment one batch and write its two Parquet files.

    Returns (segment s, write s, sentences, tokens, peak RSS in MB of the process)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from transforms import segment

    batch_no, docs, out = job
    t0 = time.perf_counter()
    sentences, tokens = segment.segment_documents(
        pa.table({"doc_id": [d for d, _ in docs], "body": pa.array([b for _, b in docs], pa.large_string())})
    )
    t1 = time.perf_counter()
    pq.write_table(sentences, Path(out) / f"sentences-{batch_no:05d}.parquet")
    pq.write_table(tokens, Path(out) / f"tokens-{batch_no:05d}.parquet")
    return t1 - t0, time.perf_counter() - t1, sentences.num_rows, tokens.num_rows, _peak_rss_mb()


def run_khaosan(docs: list[tuple[str, str]], out: Path, workers: int) -> dict:
    import duckdb

    batches = [(i, docs[a : a + BATCH_DOCS], str(out)) for i, a in enumerate(range(0, len(docs), BATCH_DOCS))]
    if workers <= 1:
        t_load = _warm_khaosan()
        t0 = time.perf_counter()
        results = [_segment_batch(b) for b in batches]
        t_par = time.perf_counter() - t0
        stages = {"segment": sum(r[0] for r in results), "parquet": sum(r[1] for r in results)}
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        t0 = time.perf_counter()
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_warm_khaosan) as pool:
            # Start every worker and let it load the models before the clock starts.
            list(pool.map(time.sleep, [0.5] * workers))
            t_load = time.perf_counter() - t0
            # Smaller tasks than the flow's batches so the two workers finish together.
            small = [(i, docs[a : a + 50], str(out)) for i, a in enumerate(range(0, len(docs), 50))]
            t0 = time.perf_counter()
            results = list(pool.map(_segment_batch, small))
            t_par = time.perf_counter() - t0
        stages = {"segment+parquet (parallel wall)": t_par, "segment (sum over workers)": sum(r[0] for r in results)}
    t0 = time.perf_counter()
    _duckdb_load(duckdb, out, "sentences-*.parquet", "tokens-*.parquet")
    stages["duckdb"] = time.perf_counter() - t0
    seg_wall = t_par if workers > 1 else stages["segment"]
    return {
        "load_models_s": t_load,
        "stages": stages,
        "segment_wall_s": seg_wall,
        "sentences": sum(r[2] for r in results),
        "tokens": sum(r[3] for r in results),
        "workers_maxrss_mb": max(r[4] for r in results) if workers > 1 else 0.0,
    }


def run_transform(path: Path) -> dict:
    """The whole khaosan transform (clean, segment, extract) on batches of raw documents."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    from transforms import ingest, schemas, stages

    t = pq.read_table(path, columns=["doc_id", "source_uri", "text"])
    texts = t.column("text").to_pylist()
    now = dt.datetime.now(dt.UTC)
    raw = pa.Table.from_pydict(
        {
            "doc_id": t.column("doc_id").to_pylist(),
            "source_uri": t.column("source_uri").to_pylist(),
            "byte_size": [len(x.encode("utf-8")) for x in texts],
            "encoding": ["utf-8"] * len(texts),
            "replacements": [0] * len(texts),
            "text": texts,
            "text_sha256": [ingest.text_sha256(x) for x in texts],
            "ingested_at": [now] * len(texts),
            "run_id": ["bench"] * len(texts),
        },
        schema=schemas.RAW_DOCUMENTS,
    )
    t0 = time.perf_counter()
    stages.transform_batch(raw.slice(0, 1), "bench")
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    failures = 0
    for a in range(0, raw.num_rows, BATCH_DOCS):
        _, failed = stages.transform_batch(raw.slice(a, BATCH_DOCS), "bench")
        failures += len(failed)
    return {"load_models_s": t_load, "stages": {"transform": time.perf_counter() - t0}, "failures": failures}


def _worker_main(argv: list[str]) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("pipeline", choices=PIPELINES)
    p.add_argument("--input", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args(argv)
    a.out.mkdir(parents=True, exist_ok=True)
    if a.pipeline == "transform":
        result = run_transform(a.input)
    else:
        docs = _load_docs(a.input)
        if a.pipeline == "reference":
            result = run_reference(docs, a.out)
        else:
            result = run_khaosan(docs, a.out, 1 if a.pipeline == "khaosan" else a.workers)
    result["maxrss_mb"] = _peak_rss_mb()
    print("RESULT " + json.dumps(result))


# ---------------------------------------------------------------------------------------------
# Verification


def _read_output(out: Path, name: str):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from transforms import schemas

    schema = schemas.SENTENCES if name == "sentences" else schemas.TOKENS
    files = sorted(out.glob(f"{name}*.parquet"))
    table = pa.concat_tables([pq.read_table(f).select(schema.names).cast(schema) for f in files])
    keys = [("doc_id", "ascending"), ("sentence_no", "ascending")] + ([("token_no", "ascending")] if name == "tokens" else [])
    return table.sort_by(keys)


def compare_outputs(ref: Path, other: Path) -> list[str]:
    """Empty when ``other`` has exactly the reference's sentences and tokens; else the first differences."""
    problems = []
    for name in ("sentences", "tokens"):
        a, b = _read_output(ref, name), _read_output(other, name)
        if a.num_rows != b.num_rows:
            problems.append(f"{name}: {a.num_rows} rows in the reference, {b.num_rows} here")
        if a.equals(b):
            continue
        for col in a.column_names:
            x, y = a.column(col).to_pylist(), b.column(col).to_pylist()
            if x != y:
                i = next((i for i, (u, v) in enumerate(zip(x, y, strict=False)) if u != v), min(len(x), len(y)))
                key = {k: a.column(k)[i].as_py() for k in ("doc_id", "sentence_no") if i < a.num_rows}
                problems.append(f"{name}.{col}: first difference at row {i} {key}: reference {x[i : i + 3]!r} vs {y[i : i + 3]!r}")
                break
    return problems


# ---------------------------------------------------------------------------------------------
# Driver


def _run_pipeline(pipeline: str, sample: Path, out: Path, workers: int) -> dict:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "_run",
        pipeline,
        "--input",
        str(sample),
        "--out",
        str(out),
        "--workers",
        str(workers),
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
    wall = time.perf_counter() - t0
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if proc.returncode != 0 or line is None:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:] or [f"exit {proc.returncode}"], "process_wall_s": wall}
    result = json.loads(line[len("RESULT ") :])
    result["process_wall_s"] = wall
    result["total_s"] = sum(v for k, v in result["stages"].items() if "sum over" not in k)
    return result


def _fmt_row(name: str, r: dict, n_docs: int, mb: float, ref_total: float | None) -> str:
    if "error" in r:
        return f"  {name:<11} ERROR {r['error']}"
    total = r["total_s"]
    seg = r.get("segment_wall_s", r["stages"].get("segment", r["stages"].get("transform", total)))
    ratio = f"{ref_total / total:5.2f}x" if ref_total else "   -  "
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in r["stages"].items())
    workers_rss = r.get("workers_maxrss_mb", 0)
    rss = f"{r['maxrss_mb']:.0f} MB" + (f", each worker up to {workers_rss:.0f} MB" if workers_rss else "")
    return (
        f"  {name:<11} {n_docs / total:8.1f} docs/s {mb / total:6.3f} MB/s  total {total:7.2f}s  segment {n_docs / seg:7.1f} docs/s"
        f"  {ratio}  peak RSS {rss}\n              stages: {stages}; model load {r['load_models_s']:.2f}s"
    )


def full_corpus_run(args: argparse.Namespace) -> None:
    """The whole-corpus run: ``benchmarks/full_run.py`` (full run, no-op rerun, new releases,
    process-tree memory per stage)."""
    cmd = [sys.executable, str(Path(__file__).resolve().with_name("full_run.py"))]
    if args.corpus_dir:
        cmd += ["--corpus-dir", str(args.corpus_dir)]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    print("full run:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=False, cwd=REPO)


def main(argv: list[str]) -> int:
    if argv[:1] == ["_run"]:
        _worker_main(argv[1:])
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=2000, help="documents to sample (default 2000)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--repeat", type=int, default=3, help="runs of each pipeline; medians are reported (default 3)")
    p.add_argument("--workers", type=int, default=2, help="processes for khaosan-mp (default 2)")
    p.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE)
    p.add_argument("--corpus-dir", type=Path, default=None, help="unpacked corpus (the directory holding data/, or data/ itself)")
    p.add_argument("--pipelines", default=",".join(PIPELINES), help=f"comma-separated subset of {','.join(PIPELINES)}")
    p.add_argument("--keep", type=Path, default=None, help="keep the sample and outputs in this directory")
    p.add_argument("--full", action="store_true", help="also run the whole-corpus flow (see full_corpus_run)")
    args = p.parse_args(argv)
    pipelines = [x for x in args.pipelines.split(",") if x]
    if "reference" not in pipelines:
        print("note: without the reference pipeline there is no ratio and no equality check")

    with tempfile.TemporaryDirectory(prefix="khaosan-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        sample = work / "sample.parquet"
        info = prepare(args, sample)
        print(
            f"sample: {info['documents']} documents ({info['sampled']} files drawn with seed {args.seed}, {info['rejected']} rejected by decoding),"
            f" {info['body_mb']:.2f} MB of cleaned bodies; drawing took {info['sample_s']:.1f}s"
        )
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; python {sys.version.split()[0]}")
        n_docs, mb = info["documents"], info["body_mb"]
        runs: dict[str, list[dict]] = {k: [] for k in pipelines}
        checks: list[str] = []
        for rep in range(args.repeat):
            print(f"\nrun {rep + 1}/{args.repeat}", flush=True)
            outs = {}
            for name in pipelines:
                out = work / f"run{rep}-{name}"
                outs[name] = out
                r = _run_pipeline(name, sample, out, args.workers)
                runs[name].append(r)
                ref_total = runs["reference"][-1].get("total_s") if runs.get("reference") else None
                print(_fmt_row(name, r, n_docs, mb, ref_total if name != "reference" else None), flush=True)
            if "reference" in outs and "error" not in runs["reference"][-1]:
                for name in ("khaosan", "khaosan-mp"):
                    if name in outs and "error" not in runs[name][-1]:
                        problems = compare_outputs(outs["reference"], outs[name])
                        verdict = (
                            "OK (identical sentences, tokens, offsets and POS tags)"
                            if not problems
                            else "DIFFERENT:\n    " + "\n    ".join(problems)
                        )
                        checks.append(f"run {rep + 1} {name}: {verdict}")
                        print(f"  equality {name}: {verdict}", flush=True)

        print(f"\nmedians over {args.repeat} run(s), {n_docs} documents, {mb:.2f} MB:")
        med: dict[str, dict] = {}
        for name, rs in runs.items():
            ok = [r for r in rs if "error" not in r]
            if not ok:
                print(f"  {name:<11} no successful run")
                continue
            med[name] = {
                "total_s": statistics.median(r["total_s"] for r in ok),
                "segment_wall_s": statistics.median(
                    r.get("segment_wall_s", r["stages"].get("segment", r["stages"].get("transform", r["total_s"]))) for r in ok
                ),
                "stages": {k: statistics.median(r["stages"][k] for r in ok) for k in ok[0]["stages"]},
                "load_models_s": statistics.median(r["load_models_s"] for r in ok),
                "maxrss_mb": max(r["maxrss_mb"] for r in ok),
                "workers_maxrss_mb": max(r.get("workers_maxrss_mb", 0) for r in ok),
            }
        ref_total = med.get("reference", {}).get("total_s")
        for name, m in med.items():
            print(_fmt_row(name, m, n_docs, mb, ref_total if name != "reference" else None))
        if ref_total:
            for name in ("khaosan", "khaosan-mp"):
                if name in med:
                    seg_ratio = med["reference"]["stages"]["segment"] / med[name]["segment_wall_s"]
                    print(f"  ratio {name} / reference: {ref_total / med[name]['total_s']:.2f}x end to end, {seg_ratio:.2f}x segment stage")
        print("\nequality:", "OK" if checks and all(": OK" in c for c in checks) else ("not checked" if not checks else "FAILED"))
        for c in checks:
            print("  " + c)
    if args.full:
        full_corpus_run(args)
    return 0 if all(": OK" in c for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
