"""The transform process pool is shared by every transform task of a run."""

import threading

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
