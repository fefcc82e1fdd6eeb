"""How the flow runs its batch tasks: one shared process pool, a bounded number in flight."""

import threading
import time

from prefect import flow, task

from flows import etl


def test_concurrent_tasks_share_one_pool():
    pools = []
    barrier = threading.Barrier(16)

    def get() -> None:
        barrier.wait()
        pools.append(etl._pool(2))

    threads = [threading.Thread(target=get) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert len({id(p) for p in pools}) == 1
        assert pools[0].submit(sum, [1, 2, 3]).result(timeout=120) == 6
    finally:
        etl._shutdown_pools()
    assert etl._POOLS == {}


_running = 0
_peak = 0
_lock = threading.Lock()


@task
def _slow_square(i: int) -> int:
    global _running, _peak
    with _lock:
        _running += 1
        _peak = max(_peak, _running)
    time.sleep(0.05 if i % 3 else 0.15)  # uneven, so tasks finish out of order
    with _lock:
        _running -= 1
    return i * i


@flow
def _windowed_flow(n: int, window: int) -> list[tuple[int, int]]:
    return [(i, fut.result()) for i, fut in etl._windowed(lambda i: _slow_square.submit(i), n, window)]


def test_the_thread_runner_gets_at_most_a_window_of_tasks_at_once(prefect_harness):
    # Prefect's thread runner would start all 12 at once; ingest batches hold file contents.
    global _peak
    _peak = 0
    done = _windowed_flow(12, 3)
    assert sorted(done) == [(i, i * i) for i in range(12)]
    assert [i for i, _ in done] != list(range(12))  # yielded as completed, not in order
    assert _peak == 3
