"""Dask throughput with one worker process against two, on the AEB dev pages.

    LEDE_LIBRARY=build/liblede.so /usr/bin/python3 python/bench/dask_bench.py \
        [--data ../shared/data/aeb-dev] [--copies 4] [--repeats 3]

Each run starts a LocalCluster (not timed), submits the pages (each listed
--copies times, in shards of --pages-per-task) and times submission to the last shard
written; the wall times of the runs with 1 and 2 workers alternate, and the
best of each is compared (the machine may be shared)."""

import argparse
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import lede.dask as lede_dask  # noqa: E402


def timed_run(inputs, workers, pages_per_task):
    from dask.distributed import Client, LocalCluster

    out = tempfile.mkdtemp(prefix="lede-dask-bench-")
    try:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None) as cluster, \
                Client(cluster) as client:
            client.wait_for_workers(workers)
            # A first small run loads liblede in every worker before timing.
            lede_dask.run(inputs[:4 * workers], out, client=client, pages_per_task=1)
            start = time.perf_counter()
            stats = lede_dask.run(inputs, out, client=client, pages_per_task=pages_per_task)
            return time.perf_counter() - start, stats["records"]
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    here = pathlib.Path(__file__).resolve()
    parser.add_argument("--data", default=str(here.parents[3] / "shared" / "data" / "aeb-dev"))
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages-per-task", type=int, default=16)
    args = parser.parse_args()
    pages = [str(p) for p in sorted(pathlib.Path(args.data, "html").glob("*.html.gz"))]
    inputs = pages * args.copies
    best = {1: float("inf"), 2: float("inf")}
    for _ in range(args.repeats):
        for workers in (1, 2):
            seconds, records = timed_run(inputs, workers, args.pages_per_task)
            assert records == len(inputs)
            print(f"{workers} worker(s): {seconds:6.2f} s, {records / seconds:6.1f} pages/s",
                  flush=True)
            best[workers] = min(best[workers], seconds)
    print(f"best: 1 worker {len(inputs) / best[1]:.1f} pages/s, 2 workers "
          f"{len(inputs) / best[2]:.1f} pages/s; 2 / 1 = {best[1] / best[2]:.2f}x")


if __name__ == "__main__":
    main()
