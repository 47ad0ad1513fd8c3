"""Dask throughput with one worker process against two, on the AEB dev pages.

    LEDE_LIBRARY=build/liblede.so /usr/bin/python3 python/bench/dask_bench.py \
        [--data ../shared/data/aeb-dev] [--copies 8] [--repeats 3] [--pages-per-task N]

Each run starts a LocalCluster as lede-dask does (not timed), submits the pages (each listed
--copies times; shards as lede.dask plans them, at most --pages-per-task
pages, lede.dask's default unless given) and times lede.dask.run, from
planning and submission to the last shard and stats written. Runs with 1
and 2 workers alternate, and the best and the median of each are compared
(the machine may be shared). Each run also prints the CPU seconds the
workers and the driver (client, scheduler and nannies: one process with a
LocalCluster) took: on two cores, what the driver takes while two workers
run, they lose. The single-process `lede` tool's time over the same inputs
is printed for reference (--tool, default: the one beside the library)."""

import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import lede  # noqa: E402
import lede.dask as lede_dask  # noqa: E402


def _cpu_seconds(pid):
    """User + system CPU seconds of a process, from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _driver_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed_run(inputs, workers, pages_per_task):
    """Wall seconds, records, worker CPU seconds and driver CPU seconds of
    one lede.dask.run over inputs on a fresh LocalCluster."""
    from dask.distributed import Client

    out = tempfile.mkdtemp(prefix="lede-dask-bench-")
    try:
        # The LocalCluster lede-dask --workers N starts.
        with lede_dask.local_cluster(workers) as cluster, Client(cluster) as client:
            client.wait_for_workers(workers)
            # A first small run loads liblede in every worker before timing.
            lede_dask.run(inputs[:4 * workers], out, client=client, pages_per_task=1)
            pids = list(client.run(os.getpid).values())
            workers_cpu, driver_cpu = sum(map(_cpu_seconds, pids)), _driver_cpu_seconds()
            start = time.perf_counter()
            stats = lede_dask.run(inputs, out, client=client, pages_per_task=pages_per_task)
            seconds = time.perf_counter() - start
            workers_cpu = sum(map(_cpu_seconds, pids)) - workers_cpu
            driver_cpu = _driver_cpu_seconds() - driver_cpu
            return seconds, stats["records"], workers_cpu, driver_cpu, stats["tasks"]
    finally:
        shutil.rmtree(out, ignore_errors=True)


def tool_seconds(tool, inputs):
    """Wall seconds of the single-process tool writing the same records."""
    with tempfile.NamedTemporaryFile() as out:
        start = time.perf_counter()
        subprocess.run([tool, "-o", out.name, "--", *inputs], check=False)
        return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    here = pathlib.Path(__file__).resolve()
    parser.add_argument("--data", default=str(here.parents[3] / "shared" / "data" / "aeb-dev"))
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages-per-task", type=int, default=lede_dask.DEFAULT_PAGES_PER_TASK)
    parser.add_argument("--tool", default=None, help="the lede tool (default: beside liblede)")
    args = parser.parse_args()
    pages = [str(p) for p in sorted(pathlib.Path(args.data, "html").glob("*.html.gz"))]
    inputs = pages * args.copies
    tool = args.tool or lede.tool_path()
    times = {0: [], 1: [], 2: []}
    for _ in range(args.repeats):
        seconds = tool_seconds(tool, inputs)
        times[0].append(seconds)
        print(f"lede tool, 1 process: {seconds:6.2f} s, {len(inputs) / seconds:6.1f} pages/s",
              flush=True)
        for workers in (1, 2):
            seconds, records, workers_cpu, driver_cpu, tasks = timed_run(
                inputs, workers, args.pages_per_task)
            assert records == len(inputs)
            times[workers].append(seconds)
            print(f"{workers} worker(s): {seconds:6.2f} s, {records / seconds:6.1f} pages/s "
                  f"({tasks} tasks; CPU s: workers {workers_cpu:.2f}, driver {driver_cpu:.2f})",
                  flush=True)
    best = {k: min(v) for k, v in times.items()}
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"{len(inputs)} pages. best: tool {len(inputs) / best[0]:.1f} pages/s, "
          f"1 worker {len(inputs) / best[1]:.1f}, 2 workers {len(inputs) / best[2]:.1f}; "
          f"2 / 1 = {best[1] / best[2]:.2f}x (median {median[1] / median[2]:.2f}x)")


if __name__ == "__main__":
    main()
